//! Checking one piece of a file's capture: its container findings, then its requests,
//! prepared in parallel chunks and fed to the engine in arrival order.

use super::prepare::{parse_options, prepare, Prepared};
use crate::capture::{CaptureRead, Request};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::FileSummary;
use crate::rules;
use crate::schema::SchemaSet;
use crate::session::Engine;
use crate::source::SourceFile;
use crate::syntax;
use rayon::prelude::*;

/// Requests parsed and validated together before their events go to the engine (small, so
/// that they are still in the caches when the engine takes them).
const CHUNK: usize = 128;

/// Checks one piece of a file's capture (see [`capture::Pieces`]) and adds its counts to
/// `summary`.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_piece<'a>(
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
