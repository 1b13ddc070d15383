//! Reading one request into events: parse (the fast path or the spanned parser), schema
//! validation, and the typed [`Event`]s with their request findings. Nothing here depends
//! on other requests, so it runs on any thread.

use crate::capture::Request;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules;
use crate::schema::SchemaSet;
use crate::session::{Event, EventType, Rejection};
use crate::source::Span;
use crate::syntax::{self, lower, Node, NodeKind, ParseOptions};

/// The spanned parser's options: `--max-depth`, else the parser's default.
pub(super) fn parse_options(cfg: &Config) -> ParseOptions {
    ParseOptions {
        max_depth: cfg.max_depth(),
    }
}

/// Whether bodies may take the fast path (`syntax::strict`): not when the spanned parser
/// alone is asked for, nor under a `--max-depth` at or below the fast path's own limit
/// (the fast path would read what the spanned parser reports as too deep).
pub(super) fn fast_path(cfg: &Config) -> bool {
    !cfg.spanned_only && parse_options(cfg).max_depth > syntax::strict::MAX_DEPTH as usize
}

/// One request after parsing and schema validation, before sequencing.
pub(super) struct Prepared<'a> {
    /// The request's ordinal in its file.
    pub(super) ordinal: usize,
    /// The request's label from the capture.
    pub(super) label: Option<String>,
    /// The body was over the size limit: only this finding, no events (boxed: a chunk's
    /// prepared requests are a vector of these, and a finding is 280 bytes).
    pub(super) too_large: Option<Box<Diagnostic>>,
    /// Findings about the request as a whole (HTTP status, syntax).
    pub(super) req_diags: Vec<Diagnostic>,
    /// Its first event with its schema findings (boxed: an event is a few hundred bytes,
    /// passed on to the engine without being moved). Most requests have just this one:
    /// no `Vec` to allocate here and free on the engine's thread.
    pub(super) first: Option<(Box<Event<'a>>, Vec<Diagnostic>)>,
    /// Its other events (a batch's elements), likewise.
    pub(super) events: Vec<(Box<Event<'a>>, Vec<Diagnostic>)>,
    /// Some event's `ts` came from the docs page's action table.
    pub(super) clock_from_action_table: bool,
}

/// Parses `req`, validates its events against their schemas and builds their typed views:
/// everything that does not depend on other requests, so it can run on any thread. With
/// `fingerprints` (a run of several files), the first event gets its request's
/// [`Event::fingerprint`].
pub(super) fn prepare<'a>(
    file: usize,
    mut req: Box<Request<'a>>,
    cfg: &Config,
    schemas: &SchemaSet,
    opts: ParseOptions,
    fingerprints: bool,
) -> Prepared<'a> {
    let mut out = Prepared {
        ordinal: req.ordinal,
        label: req.label.clone(),
        too_large: None,
        req_diags: Vec::new(),
        events: Vec::new(),
        first: None,
        clock_from_action_table: false,
    };
    if req.body.len() > cfg.max_body_bytes() {
        out.too_large = Some(Box::new(rules::limits::body_too_large::finding(
            file,
            req.map.span_to_file(Span::new(0, 1)),
            req.body.len(),
            cfg.max_body_bytes(),
        )));
        return out;
    }
    // Before the body is taken (the fast path takes it): which traffic this is, when the
    // run has other files it could repeat.
    let fingerprint = req
        .sid
        .as_deref()
        .filter(|_| fingerprints)
        .map(|sid| crate::session::event::fingerprint(sid, &req.body));
    let req_diags = &mut out.req_diags;
    if let Some(status) = req.status {
        let span = req.map.span_to_file(Span::new(0, req.body.len().min(1)));
        req_diags.extend(rules::http::finding(file, span, status));
    }
    // The fast path: a body in plain strict JSON, read straight to its values (it has no
    // syntax findings; see `syntax::strict` and `syntax::lite`).
    if req.parsed.is_none() && fast_path(cfg) {
        // A body read here from text the request owns (decoded) owns its values too.
        let strict = req.strict.take().or_else(|| match &req.body {
            std::borrow::Cow::Borrowed(text) => syntax::strict::parse_body(text),
            std::borrow::Cow::Owned(text) => {
                syntax::strict::parse_body(text).map(syntax::strict::StrictBody::into_owned)
            }
        });
        if let Some(body) = strict {
            let check = Validate::Own;
            let text = std::mem::take(&mut req.body);
            let ev = Box::new(Event::from_strict(
                file,
                req.ordinal,
                body,
                text,
                req.map.clone(),
            ));
            add_event(
                file, &mut req, true, ev, check, false, None, schemas, &mut out,
            );
            set_fingerprint(&mut out, fingerprint);
            return out;
        }
    }
    // The reader may have parsed the body already (clean NDJSON records); its tree is the
    // one parsing the body alone gives (tests/streaming.rs), at the default depth limit.
    let parsed = match req.parsed.take() {
        Some(root) if opts.max_depth >= ParseOptions::default().max_depth => syntax::Parsed {
            root: *root,
            issues: Vec::new(),
            end: req.body.len(),
        },
        _ => syntax::parse_with(&req.body, opts),
    };
    let mut end_reported = false;
    for issue in &parsed.issues {
        let mut issue = issue.clone();
        if issue.kind == syntax::SyntaxKind::UnexpectedEnd && issue.span.is_empty() {
            // One cut-off closes several brackets at once: report it once, on the last
            // bytes the body has (a label at the very end of the file is never drawn).
            if end_reported && issue.span.start as usize >= req.body.len() {
                continue;
            }
            if issue.span.start as usize >= req.body.len() {
                end_reported = true;
                let last = req.body.iter().rposition(|b| !b.is_ascii_whitespace());
                if let Some(i) = last {
                    issue.span = Span::new(i, i + 1);
                }
            }
        }
        let mut d = rules::syntax::body_finding(file, &issue, &req.body, &req.map, opts.max_depth);
        d.context.request_label = req.label.clone();
        d.context.request = Some(req.ordinal);
        req_diags.push(d);
    }
    // A cut-off body's values (a `ts` cut mid-number) are not what the player sent.
    let truncated = parsed
        .issues
        .iter()
        .any(|i| i.kind == syntax::SyntaxKind::UnexpectedEnd);
    // A JSON array is a batch of events (downloaded content): each element is one event
    // of the batch's own session.
    let (bodies, is_batch): (Vec<Node>, bool) = match parsed.root.kind {
        NodeKind::Array(items) => (items, true),
        _ => (vec![parsed.root], false),
    };
    let n = bodies.len();
    for (position, root) in bodies.into_iter().enumerate() {
        let value = lower(&root);
        let ev = Box::new(Event::from_body(file, req.ordinal, root, req.map.clone()));
        add_event(
            file,
            &mut req,
            position + 1 == n,
            ev,
            Validate::Lowered(value),
            truncated,
            is_batch.then_some(position),
            schemas,
            &mut out,
        );
    }
    set_fingerprint(&mut out, fingerprint);
    out
}

/// Gives the request's first event its fingerprint (see [`Event::fingerprint`]).
fn set_fingerprint(out: &mut Prepared, fingerprint: Option<u64>) {
    if let Some((ev, _)) = &mut out.first {
        ev.fingerprint = fingerprint;
    }
}

/// What [`add_event`] validates against the event's schema.
enum Validate {
    /// The body lowered from its spanned tree to a `serde_json::Value`.
    Lowered(serde_json::Value),
    /// The event's own value (a body read by the fast path), shed afterwards
    /// ([`Event::shed_value`]).
    Own,
}

/// `raw` when it names an event type that has a schema (else the body is validated
/// against the schema for any event).
fn known_type(raw: Option<&str>) -> Option<&str> {
    raw.filter(|raw| EventType::from_name(raw).is_some())
}

/// Sets `ev`'s request context, validates it against its schema (see [`Validate`]) and
/// adds it to `out`. The request's last event takes its sid and label instead of copies.
#[allow(clippy::too_many_arguments)]
fn add_event<'a>(
    file: usize,
    req: &mut Request<'a>,
    last: bool,
    mut ev: Box<Event<'a>>,
    check: Validate,
    truncated: bool,
    batch: Option<usize>,
    schemas: &SchemaSet,
    out: &mut Prepared<'a>,
) {
    // Request context first: schema findings carry the request label too.
    (ev.sid, ev.label) = if last {
        (req.sid.take(), req.label.take())
    } else {
        (req.sid.clone(), req.label.clone())
    };
    ev.action_time_s = req.action_time_s;
    ev.table_playhead_s = req.table_playhead_s;
    ev.arrival_ms = req.arrival_ms;
    ev.endpoint = req.endpoint;
    ev.batch = batch;
    if truncated {
        ev.ts = None;
        ev.playhead = None;
    }
    let exact = known_type(ev.event_type_raw.as_deref());
    let errors = match &check {
        Validate::Lowered(value) => schemas.validate(exact, value),
        Validate::Own => match (ev.strict_members(), ev.bare_parts()) {
            (Some(members), _) => schemas.validate_members(exact, members),
            // A bare body proven valid from its parts needs no value assembled.
            (None, Some((t, playhead, ts))) if schemas.proves_bare(exact, t, playhead, ts) => {
                Vec::new()
            }
            _ => ev
                .with_value(|value| schemas.validate(exact, value))
                .expect("a body read by the fast path has its value"),
        },
    };
    let ev_diags: Vec<Diagnostic> = rules::schema::findings(file, &ev, &errors);
    // What Adobe answered, or a certain 400 from the published schema: the event does not
    // exist for Adobe's processing (see `Rejection`).
    ev.rejected = match req.status {
        Some(s @ (400 | 404 | 410)) => Some(Rejection::Status(s)),
        _ => ev_diags
            .iter()
            .find(|d| d.severity == Severity::Error)
            .map(|d| Rejection::Schema(d.rule.code)),
    };
    if matches!(check, Validate::Own) {
        ev.shed_value();
    }
    if ev.ts.is_none() && ev.action_time_s.is_some() {
        out.clock_from_action_table = true;
    }
    if out.first.is_none() {
        out.first = Some((ev, ev_diags));
    } else {
        out.events.push((ev, ev_diags));
    }
}
