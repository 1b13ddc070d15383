//! Checking one piece of a file's capture: its container findings, then its requests,
//! prepared in parallel chunks and fed to the engine in arrival order.

use super::prepare::{parse_options, prepare, Prepared};
use super::suppress::Suppressions;
use crate::capture::{CaptureRead, Request};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::FileSummary;
use crate::rules;
use crate::schema::SchemaSet;
use crate::session::Engine;
use crate::source::SourceFile;
use rayon::prelude::*;

/// Requests parsed and validated together before their events go to the engine (small, so
/// that they are still in the caches when the engine takes them).
const CHUNK: usize = 128;

/// Checks one piece of a file's capture (see [`capture::Pieces`]) and adds its counts to
/// `summary`; `fingerprints`: the run has several files (see [`super::prepare::prepare`]).
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
    sup: &mut Suppressions,
    fingerprints: bool,
) {
    summary.checked += read.requests.len();
    // Inline suppressions before (or, in HAR, inside) these requests apply to them.
    let mut spans: Vec<(usize, crate::source::Span)> =
        read.requests.iter().map(|r| (r.ordinal, r.span)).collect();
    sup.bind(file, &mut spans);
    summary.unreadable += read.unreadable.len();
    summary.skipped += read.skipped.len();
    summary.legacy_heartbeats += read
        .skipped
        .iter()
        .filter(|(_, why)| why == crate::wire::LEGACY_HEARTBEAT)
        .count();
    summary.truncated |= read.truncated;
    for ci in &read.container_issues {
        diags.push(rules::syntax::capture_finding(
            file,
            &ci.issue,
            &src.bytes,
            ci.message.as_deref(),
            ci.in_media_entry,
        ));
    }
    for t in &read.trailing {
        diags.push(rules::syntax::trailing_finding(
            file,
            t.span,
            &src.bytes,
            t.message.as_deref(),
            &t.help,
        ));
    }
    for u in &read.unreadable {
        diags.push(rules::syntax::not_a_request_finding(
            file, u.span, &u.reason,
        ));
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
                    .map(|req| prepare(file, req, cfg, schemas, opts, fingerprints))
                    .collect()
            } else {
                chunk
                    .into_iter()
                    .map(|req| prepare(file, req, cfg, schemas, opts, fingerprints))
                    .collect()
            }
        };
        let done = std::mem::take(&mut ready);
        let sequence = || {
            for p in done {
                consume(file, p, summary, engine, diags, sup);
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
        consume(file, p, summary, engine, diags, sup);
    }
}

/// Feeds a prepared request's events to the engine (in arrival order) and files its
/// findings under the session and event they belong to.
fn consume<'a>(
    file: usize,
    mut p: Prepared<'a>,
    summary: &mut FileSummary,
    engine: &mut Engine<'a>,
    diags: &mut Vec<Diagnostic>,
    sup: &mut Suppressions,
) {
    if let Some(d) = p.too_large {
        summary.checked -= 1;
        summary.unreadable += 1;
        diags.push(*d);
        return;
    }
    summary.clock_from_action_table |= p.clock_from_action_table;
    let mut first = true;
    for (ev, mut ev_diags) in p.first.into_iter().chain(p.events) {
        summary.events += 1;
        // `ignore-session[...]` counts on a sessionStart only.
        let session_wide = first
            && ev.event_type == Some(crate::session::EventType::SessionStart)
            && sup.wants_session(file, p.ordinal);
        let want_state = !ev_diags.is_empty() || (first && !p.req_diags.is_empty()) || session_wide;
        let event_type = if want_state {
            ev.event_type_raw.as_deref().map(str::to_string)
        } else {
            None
        };
        let fed = engine.feed(ev, want_state);
        if session_wide {
            sup.bind_session(file, p.ordinal, &fed.session);
        }
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
