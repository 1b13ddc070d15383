//! The `check` pipeline: capture → lenient parse → schema → sessions → rules → [`Report`].

use crate::capture::{self, CaptureRead, Request};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules;
use crate::schema::{SchemaErrorKind, SchemaSet};
use crate::session::{Engine, Event, EventType};
use crate::source::{FileBytes, LineCounter, SourceFile, SourceMap, Span};
use crate::syntax::{self, lower, Node, NodeKind, ParseOptions};
use rayon::prelude::*;

pub use crate::model::{CaptureProblem, FileSummary, InputError, Report};

/// Progress of a run, for a progress bar: called once before the files are checked and
/// after each file.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Files checked so far.
    pub files_done: usize,
    /// Files to check.
    pub files_total: usize,
    /// Bytes of the files checked so far.
    pub bytes_done: u64,
    /// Bytes of all files.
    pub bytes_total: u64,
}

/// An input to check: a path, or bytes already read (stdin) with a display name.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file on disk.
    Path(std::path::PathBuf),
    /// Bytes with a display name (stdin).
    Bytes(String, Vec<u8>),
}

/// Checks `inputs` with `cfg`. Unreadable files become [`InputError`]s; the others are
/// checked in order, with sessions continuing across files when they share a sid.
pub fn check(inputs: &[Input], cfg: &Config) -> Report {
    check_with_progress(inputs, cfg, &mut |_| {})
}

/// [`check`], calling `progress` before the first file and after every file.
pub fn check_with_progress(
    inputs: &[Input],
    cfg: &Config,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Report {
    match cfg.threads {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(|| check_inner(inputs, cfg, progress)),
            Err(_) => check_inner(inputs, cfg, progress),
        },
        _ => check_inner(inputs, cfg, progress),
    }
}

fn check_inner(
    inputs: &[Input],
    cfg: &Config,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Report {
    let mut report = Report::default();
    let mut sources = Vec::new();
    for input in inputs {
        match input {
            Input::Path(p) => match SourceFile::open(p) {
                Ok(src) => sources.push(src),
                Err(e) => report.input_errors.push(InputError {
                    name: p.display().to_string(),
                    reason: io_reason(&e),
                }),
            },
            Input::Bytes(name, bytes) => {
                sources.push(SourceFile::new(name.clone(), None, bytes.clone()))
            }
        }
    }
    let schemas = SchemaSet::global();
    let threads = cfg.threads() > 1;
    let mut engine = Engine::new(cfg, Box::new(|| rules::session_rules(cfg)));
    let mut diags = Vec::new();
    let mut findings = Findings::new(cfg, &sources);
    let mut at = Progress {
        files_done: 0,
        files_total: sources.len(),
        bytes_done: 0,
        bytes_total: sources.iter().map(|s| s.bytes.len() as u64).sum(),
    };
    progress(at);
    for (file_idx, src) in sources.iter().enumerate() {
        let format = capture::detect(src);
        engine.begin_file();
        let mut summary = FileSummary {
            name: src.name.clone(),
            format: format.name().to_string(),
            ..FileSummary::default()
        };
        let mut released = 0;
        let mut pieces = capture::read_pieces(src, format, cfg.spanned_only);
        // Line breaks are counted as the file is read (for rendering findings later).
        let mut lines = LineCounter::default();
        let mut read = || {
            let piece = pieces.next();
            if let Some(p) = &piece {
                lines.advance(&src.bytes, p.read_to);
            }
            piece
        };
        let mut next = read();
        while let Some(piece) = next {
            let read_to = piece.read_to;
            // Everything but reading the next piece, so that the other thread is never
            // left waiting on work between two pieces.
            let check = || {
                check_piece(
                    file_idx,
                    src,
                    piece,
                    cfg,
                    schemas,
                    &mut engine,
                    &mut diags,
                    &mut summary,
                );
                // Handed back a stretch at a time (each call interrupts the other core to
                // flush its TLB); the page holding `read_to` goes with the next. From the
                // file's start each time: an event held in Adobe's reorder buffer borrows
                // its body's text from the file, and a finding on it may read that text
                // again after its pages were handed back (cheap: nothing else is mapped).
                let to = read_to / FileBytes::PAGE * FileBytes::PAGE;
                if to - released >= RELEASE_BYTES {
                    src.bytes.release(0, to);
                    released = to;
                }
                findings.add(diags.drain(..), false);
                findings.add(engine.take_findings(), true);
            };
            // With threads to spare, the next piece is read while this one is checked.
            next = if threads {
                rayon::join(&mut read, check).0
            } else {
                check();
                read()
            };
        }
        src.bytes.release(0, src.bytes.len());
        src.lines().set_counted(lines);
        summary.truncated |= findings.cut_off[file_idx];
        report.files.push(summary);
        at.files_done += 1;
        at.bytes_done += src.bytes.len() as u64;
        progress(at);
    }
    let (seq, stats) = engine.finish();
    findings.add(seq, true);
    for (i, cut) in findings.cut_off.iter().enumerate() {
        report.files[i].truncated |= cut;
    }
    report.omitted = findings.omitted;
    let capped = findings.omitted.iter().sum::<usize>();
    let mut diags = findings.into_sorted();
    for d in &mut diags {
        if let Some(s) = d.context.session.as_deref() {
            if let Some((_, sid)) = stats.renamed.iter().find(|(old, _)| old == s) {
                d.context.session = Some(sid.clone());
            }
        }
    }
    if stats.evicted > 0 {
        let mut d = Diagnostic::new(
            &rules::limits::SESSIONS_EVICTED,
            0,
            Span::new(0, 0),
            format!(
                "more than {} sessions were open at once; {} were finished early to keep memory bounded",
                cfg.max_open_sessions(),
                stats.evicted
            ),
        );
        d.help(
            "raise --max-open-sessions if the capture really holds that many concurrent sessions",
        );
        diags.insert(0, d);
    }
    if capped > 0 {
        let cap = cfg.max_findings();
        let last_file = diags.last().map_or(0, |d| d.file);
        let mut d = Diagnostic::new(
            &rules::limits::FINDINGS_CAPPED,
            last_file,
            Span::new(0, 0),
            format!("{capped} more findings beyond --max-findings {cap} are counted in the summary but not listed"),
        );
        d.help("raise --max-findings, or narrow the run with --select");
        diags.push(d);
    }
    report.diagnostics = diags;
    report.sessions = stats.sessions;
    report.sessions_peak_in_memory = stats.peak_in_memory;
    report.events = stats.events;
    report.session_list = stats.list;
    report.sources = sources;
    report
}

/// The run's findings as they are made: severity overrides and `--select`/`--ignore`
/// applied, and only the first `--max-findings` in report order kept (a max-heap on the
/// report order; the others are counted by severity), so memory does not grow with a
/// capture's findings. Ties keep the order the findings were made in: request findings
/// before sequencing findings, each in order.
struct Findings<'c> {
    cfg: &'c Config,
    /// Per file: the last byte that is not whitespace (a cut-off finding reaches past it).
    last_text: Vec<Option<usize>>,
    /// Per file: a cut-off (SYN002 past the last text) was found, whatever is shown.
    cut_off: Vec<bool>,
    heap: std::collections::BinaryHeap<Ranked>,
    /// Next tie-break number for request findings and for sequencing findings.
    seq: [u64; 2],
    /// Findings beyond the cap: error, warning, info.
    omitted: [usize; 3],
}

/// A finding with its place in the report order: its sort key, then a tie-break number.
type Ranked = crate::keyed::Keyed<((usize, u32, u32, &'static str), u64), Diagnostic>;

impl<'c> Findings<'c> {
    fn new(cfg: &'c Config, sources: &[SourceFile]) -> Findings<'c> {
        Findings {
            cfg,
            last_text: sources
                .iter()
                .map(|s| s.bytes.iter().rposition(|b| !b.is_ascii_whitespace()))
                .collect(),
            cut_off: vec![false; sources.len()],
            heap: Default::default(),
            seq: [0, 1 << 62],
            omitted: [0; 3],
        }
    }

    /// Adds findings, made by the engine (`sequencing`) or about requests.
    fn add(&mut self, found: impl IntoIterator<Item = Diagnostic>, sequencing: bool) {
        let cap = self.cfg.max_findings();
        for d in found {
            // Before `--ignore`: a cut-off file is cut off whatever is shown.
            if std::ptr::eq(d.rule, &rules::syntax::UNEXPECTED_END)
                && self.last_text[d.file].is_some_and(|l| d.primary.span.end as usize > l)
            {
                self.cut_off[d.file] = true;
            }
            if !self.cfg.enabled(d.rule) {
                continue;
            }
            let seq = &mut self.seq[usize::from(sequencing)];
            *seq += 1;
            self.heap.push(crate::keyed::Keyed((d.sort_key(), *seq), d));
            if self.heap.len() > cap {
                if let Some(crate::keyed::Keyed(_, out)) = self.heap.pop() {
                    self.omitted[match out.severity {
                        Severity::Error => 0,
                        Severity::Warning => 1,
                        Severity::Info => 2,
                    }] += 1;
                }
            }
        }
    }

    /// The kept findings in report order.
    fn into_sorted(self) -> Vec<Diagnostic> {
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|r| r.1)
            .collect()
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Checks one piece of a file's capture (see [`capture::Pieces`]) and adds its counts to
/// `summary`.
#[allow(clippy::too_many_arguments)]
fn check_piece<'a>(
    file: usize,
    src: &SourceFile,
    read: CaptureRead<'a>,
    cfg: &Config,
    schemas: &SchemaSet,
    engine: &mut Engine<'a>,
    diags: &mut Vec<Diagnostic>,
    summary: &mut FileSummary,
) {
    summary.checked += read.requests.len();
    summary.unreadable += read.unreadable.len();
    summary.skipped += read.skipped.len();
    summary.truncated |= read.truncated;
    for ci in &read.container_issues {
        let issue = &ci.issue;
        let text = String::from_utf8_lossy(
            &src.bytes[(issue.span.start as usize).min(src.bytes.len())
                ..(issue.span.end as usize).min(src.bytes.len())],
        )
        .into_owned();
        let (msg, label, help) = rules::syntax::describe(issue.kind, &text, issue.expected);
        let msg = match &ci.message {
            Some(m) => format!("{m}: {}", msg.trim_end_matches("; Adobe answers HTTP 400")),
            None => msg,
        };
        let rule = rules::syntax::rule_for(issue.kind);
        let mut d = if ci.in_media_entry {
            Diagnostic::new(
                rule,
                file,
                issue.span,
                format!("in the capture file: {msg}"),
            )
        } else {
            let mut d = Diagnostic::new(
                rule,
                file,
                issue.span,
                format!(
                    "in the capture file, outside Media Collection traffic: {}",
                    msg.trim_end_matches("; Adobe answers HTTP 400")
                ),
            );
            d.severity = Severity::Info;
            d
        };
        d.label(label);
        if let Some(h) = help {
            d.help(h);
        }
        diags.push(d);
    }
    for t in &read.trailing {
        let span = t.span;
        let text = String::from_utf8_lossy(&src.bytes[span.start as usize..span.end as usize])
            .into_owned();
        let (msg, label, _) =
            rules::syntax::describe(syntax::SyntaxKind::TrailingData, &text, None);
        let mut d = Diagnostic::new(
            &rules::syntax::TRAILING_DATA,
            file,
            span,
            t.message.clone().unwrap_or(msg),
        );
        d.label(label);
        d.help(t.help.clone());
        diags.push(d);
    }
    for u in &read.unreadable {
        let mut d = Diagnostic::new(
            &rules::syntax::NOT_A_REQUEST,
            file,
            u.span,
            format!("{}; it is not checked", u.reason),
        );
        d.label("cannot read this as a request");
        diags.push(d);
    }
    let opts = parse_options(cfg);
    // Parsing and schema validation run in parallel over chunks of requests; the engine
    // then takes their events in arrival order, so output does not depend on threads.
    let mut requests = read.requests.into_iter();
    let threads = cfg.threads() > 1;
    // The engine takes one chunk's events while the next chunk is parsed and validated on
    // the other threads; chunks still reach the engine in order.
    let mut ready: Vec<Prepared> = Vec::new();
    loop {
        let chunk: Vec<Box<Request>> = requests.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let prepare_chunk = || -> Vec<Prepared> {
            if threads && chunk.len() > 1 {
                chunk
                    .into_par_iter()
                    .map(|req| prepare(file, src, req, cfg, schemas, opts))
                    .collect()
            } else {
                chunk
                    .into_iter()
                    .map(|req| prepare(file, src, req, cfg, schemas, opts))
                    .collect()
            }
        };
        let done = std::mem::take(&mut ready);
        let sequence = || {
            for p in done {
                consume(p, summary, engine, diags);
            }
        };
        ready = if threads {
            rayon::join(sequence, prepare_chunk).1
        } else {
            sequence();
            prepare_chunk()
        };
    }
    for p in ready {
        consume(p, summary, engine, diags);
    }
}

/// The spanned parser's options: `--max-depth`, else the parser's default.
fn parse_options(cfg: &Config) -> ParseOptions {
    ParseOptions {
        max_depth: cfg.max_depth(),
    }
}

/// Whether bodies may take the fast path (`syntax::strict`): not when the spanned parser
/// alone is asked for, nor under a `--max-depth` at or below the fast path's own limit
/// (the fast path would read what the spanned parser reports as too deep).
fn fast_path(cfg: &Config) -> bool {
    !cfg.spanned_only && parse_options(cfg).max_depth > syntax::strict::MAX_DEPTH as usize
}

/// Bytes of a mapped file handed back to the kernel at a time, once checked (see
/// [`FileBytes::release`]).
const RELEASE_BYTES: usize = 1024 * 1024;

/// Requests parsed and validated together before their events go to the engine (small, so
/// that they are still in the caches when the engine takes them).
const CHUNK: usize = 128;

/// One request after parsing and schema validation, before sequencing.
struct Prepared<'a> {
    ordinal: usize,
    label: Option<String>,
    /// The body was over the size limit: only this finding, no events.
    too_large: Option<Diagnostic>,
    /// Findings about the request as a whole (HTTP status, syntax).
    req_diags: Vec<Diagnostic>,
    /// Its first event with its schema findings (boxed: an event is a few hundred bytes,
    /// passed on to the engine without being moved). Most requests have just this one:
    /// no `Vec` to allocate here and free on the engine's thread.
    first: Option<(Box<Event<'a>>, Vec<Diagnostic>)>,
    /// Its other events (a batch's elements), likewise.
    events: Vec<(Box<Event<'a>>, Vec<Diagnostic>)>,
    /// Some event's `ts` came from the docs page's action table.
    clock_from_action_table: bool,
}

/// Parses `req`, validates its events against their schemas and builds their typed views:
/// everything that does not depend on other requests, so it can run on any thread.
fn prepare<'a>(
    file: usize,
    src: &SourceFile,
    mut req: Box<Request<'a>>,
    cfg: &Config,
    schemas: &SchemaSet,
    opts: ParseOptions,
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
        let mut d = Diagnostic::new(
            &rules::limits::BODY_TOO_LARGE,
            file,
            req.map.span_to_file(Span::new(0, 1)),
            format!(
                "request body of {} bytes is larger than --max-body-bytes {}; it is not checked",
                req.body.len(),
                cfg.max_body_bytes()
            ),
        );
        d.label("body starts here");
        out.too_large = Some(d);
        return out;
    }
    let req_diags = &mut out.req_diags;
    if let Some((rule, msg)) = req.status.and_then(rules::http::for_status) {
        let span = req.map.span_to_file(Span::new(0, req.body.len().min(1)));
        let mut d = Diagnostic::new(rule, file, span, msg);
        d.label(format!("answered {}", req.status.unwrap_or_default()));
        req_diags.push(d);
    }
    // The fast path: a body in plain strict JSON, read straight to its `Value` (it has no
    // syntax findings; see `syntax::strict`).
    if req.parsed.is_none() && fast_path(cfg) {
        let strict = req
            .strict
            .take()
            .or_else(|| syntax::strict::parse_body(&req.body));
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
            return out;
        }
    }
    // The reader may have parsed the body already (clean NDJSON records); its tree is the
    // one parsing the body alone gives (tests/streaming.rs), at the default depth limit.
    let parsed = match req.parsed.take() {
        Some(root) if opts.max_depth >= ParseOptions::default().max_depth => syntax::Parsed {
            root,
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
        let issue = &issue;
        let mut d = syntax_diagnostic(file, src, &req, issue);
        if issue.kind == syntax::SyntaxKind::NestingTooDeep {
            d.message = d.message.replace(
                "nesting deeper than the limit",
                &format!("nesting deeper than {} levels", opts.max_depth),
            );
        }
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
    out
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
        Validate::Own => {
            let value = ev
                .value()
                .expect("a body read by the fast path has its value");
            schemas.validate(exact, value)
        }
    };
    let ev_diags: Vec<Diagnostic> = errors
        .iter()
        .filter_map(|err| schema_diagnostic(file, &ev, err))
        .collect();
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

/// Feeds a prepared request's events to the engine (in arrival order) and files its
/// findings under the session and event they belong to.
fn consume<'a>(
    mut p: Prepared<'a>,
    summary: &mut FileSummary,
    engine: &mut Engine<'a>,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(d) = p.too_large {
        summary.checked -= 1;
        summary.unreadable += 1;
        diags.push(d);
        return;
    }
    summary.clock_from_action_table |= p.clock_from_action_table;
    let mut first = true;
    for (ev, mut ev_diags) in p.first.into_iter().chain(p.events) {
        summary.events += 1;
        let want_state = !ev_diags.is_empty() || (first && !p.req_diags.is_empty());
        let event_type = if want_state {
            ev.event_type_raw.as_deref().map(str::to_string)
        } else {
            None
        };
        let fed = engine.feed(ev, want_state);
        if first {
            ev_diags.append(&mut p.req_diags);
            first = false;
        }
        for d in &mut ev_diags {
            d.context.session = Some(fed.session.clone());
            d.context.event_index = Some(fed.index);
            d.context.state.clone_from(&fed.state);
            d.context.event_type.clone_from(&event_type);
            d.context.request_label.clone_from(&p.label);
            d.context.request = Some(p.ordinal);
        }
        diags.append(&mut ev_diags);
    }
    diags.append(&mut p.req_diags);
}

fn slice_text(req: &Request, span: Span) -> String {
    let s = (span.start as usize).min(req.body.len());
    let e = (span.end as usize).min(req.body.len()).max(s);
    String::from_utf8_lossy(&req.body[s..e]).into_owned()
}

fn syntax_diagnostic(
    file: usize,
    _src: &SourceFile,
    req: &Request,
    issue: &syntax::SyntaxIssue,
) -> Diagnostic {
    let rule = rules::syntax::rule_for(issue.kind);
    let text = slice_text(req, issue.span);
    let (mut msg, label, mut help) = rules::syntax::describe(issue.kind, &text, issue.expected);
    if issue.kind == syntax::SyntaxKind::InvalidUtf8 {
        let s = (issue.span.start as usize).min(req.body.len());
        let e = (issue.span.end as usize).min(req.body.len()).max(s);
        let raw = &req.body[s..e];
        let hex: Vec<String> = raw.iter().take(8).map(|b| format!("0x{b:02X}")).collect();
        let what = if raw.len() == 1 {
            ("byte", "is")
        } else {
            ("bytes", "are")
        };
        msg = format!(
            "{} {} {} not UTF-8; Adobe answers HTTP 400",
            what.0,
            hex.join(" "),
            what.1
        );
        if raw.len() == 1 && raw[0] >= 0xA0 {
            let latin1 = char::from(raw[0]);
            help = Some(format!(
                "this looks like Latin-1 `{latin1}`: encode text as UTF-8"
            ));
        }
    }
    let mut d = Diagnostic::new(rule, file, req.map.span_to_file(issue.span), msg);
    d.label(label);
    if let Some(h) = help {
        d.help(h);
    }
    if let Some(rel) = issue.related {
        let what = match issue.kind {
            syntax::SyntaxKind::DuplicateKey => "first used here",
            _ => "opened here",
        };
        d.secondary(req.map.span_to_file(rel), what);
    }
    d.context.request_label = req.label.clone();
    d.context.request = Some(req.ordinal);
    d
}

/// Turns one schema error into a diagnostic on the right bytes; `None` when the value is a
/// placeholder or unreadable (its syntax finding already says everything).
fn schema_diagnostic(
    file: usize,
    ev: &Event,
    err: &crate::schema::SchemaError,
) -> Option<Diagnostic> {
    let (node, key_span, found) = ev.tree().resolve(&err.instance_path);
    if node.is_stand_in() {
        return None;
    }
    let map: &SourceMap = &ev.map;
    let rule = rules::schema::rule_for(&err.kind);
    let (span, label) = match &err.kind {
        SchemaErrorKind::UnexpectedProperty { key } => match node.member(key) {
            Some(m) => (m.key_span, "not allowed here".to_string()),
            None => (node.span, "not allowed here".to_string()),
        },
        SchemaErrorKind::MissingRequired { keys } => {
            let one_of = err.message.contains("at least one");
            let what = match (one_of, keys.len()) {
                (true, _) => "needs one of",
                (false, 1) => "missing key",
                (false, _) => "missing keys",
            };
            let label = format!(
                "{what} {}",
                keys.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            match (key_span, err.instance_path.is_empty()) {
                (Some(ks), false) if found => (ks, label),
                _ => (
                    Span::new(node.span.start as usize, node.span.start as usize + 1),
                    label,
                ),
            }
        }
        SchemaErrorKind::TypeMismatch { expected, .. } => {
            (node.span, format!("expected {expected}"))
        }
        SchemaErrorKind::InvalidValue { .. } | SchemaErrorKind::Other { .. } => {
            (node.span, "invalid value".to_string())
        }
    };
    let mut d = Diagnostic::new(
        rule,
        file,
        map.span_to_file(span),
        format!("{}; Adobe answers HTTP 400", err.message),
    );
    d.label(label);
    d.help(match &err.kind {
        SchemaErrorKind::UnexpectedProperty { key } => suggest_key(&err.instance_path, key),
        SchemaErrorKind::MissingRequired { .. } => "add the missing keys".to_string(),
        _ => format!("see schemas/{}", err.schema_file),
    });
    d.context.event_type = ev.event_type_raw.as_deref().map(str::to_string);
    d.context.request_label = ev.label.clone();
    Some(d)
}

/// A fix for an unexpected key: the documented key it most likely meant, or what to do.
fn suggest_key(parent: &str, key: &str) -> String {
    const QOE: [&str; 4] = ["bitrate", "droppedFrames", "framesPerSecond", "timeToStart"];
    if parent.ends_with("/qoeData") && QOE.contains(&key) {
        return format!("did you mean `media.qoe.{key}`?");
    }
    if parent.is_empty() && key == "params" {
        return "this event carries no params; remove them".into();
    }
    if parent.is_empty() && key == "customMetadata" {
        return "customMetadata goes on sessionStart, adStart or chapterStart only".into();
    }
    if parent.ends_with("/params") && !key.starts_with("media.") && !key.contains('.') {
        return format!("if this is a standard parameter, it is spelled `media.{key}`; custom data goes in customMetadata");
    }
    "remove this key".into()
}
