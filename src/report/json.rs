//! `json`: one JSON document, `{"version": 1, "findings": [...], "summary": {...}}`. The
//! finding and summary objects are the ones [`json_lines`](super::json_lines) streams.
//!
//! Finding fields (stable): `type` ("finding"), `code`, `name`, `severity`, `file`, `line`,
//! `column`, `end_line`, `end_column` (1-based; columns in characters; the end is
//! exclusive), `message`, `label`, `help`, `note`, `session` (the sid, or `#N`),
//! `event_index` (0-based, within the session), `event_type`, `request` (the request's label),
//! `labels` (secondary labels with positions), `state` (the session's state before the
//! event: `phase`, `in_ad_break`, `in_ad`, `in_chapter`, `last_playhead`, `last_ts`).
//! The summary object has `type` "summary" and the counts of the terminal summary, per file
//! and in all, plus `capture_problems` (the files that make the exit code 3).

use crate::check::Report;
use crate::diagnostic::{Diagnostic, Severity};
use serde_json::{json, Map, Value};
use std::io::{self, Write};

fn position(
    report: &Report,
    file: usize,
    span: crate::source::Span,
) -> (usize, usize, usize, usize) {
    let src = &report.sources[file];
    let (l, c) = src.line_col(span.start);
    let (el, ec) = src.line_col(span.end);
    (l, c, el, ec)
}

/// The JSON object for one finding.
pub fn finding(report: &Report, d: &Diagnostic) -> Value {
    let (line, column, end_line, end_column) = position(report, d.file, d.primary.span);
    let labels: Vec<Value> = d
        .secondary
        .iter()
        .map(|l| {
            let (line, column, end_line, end_column) = position(report, d.file, l.span);
            json!({"message": l.text, "line": line, "column": column, "end_line": end_line, "end_column": end_column})
        })
        .collect();
    let state: Map<String, Value> = d
        .context
        .state
        .iter()
        .map(|(k, v)| (k.to_string(), Value::String(v.clone())))
        .collect();
    json!({
        "type": "finding",
        "code": d.rule.code,
        "name": d.rule.name,
        "severity": d.severity.as_str(),
        "file": report.sources[d.file].name,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "message": d.message,
        "label": d.primary.text,
        "help": d.help,
        "note": d.note,
        "session": d.context.session,
        "event_index": d.context.event_index,
        "event_type": d.context.event_type,
        "request": d.context.request_label,
        "labels": labels,
        "state": state,
    })
}

/// The summary object.
pub fn summary(report: &Report) -> Value {
    let files: Vec<Value> = report
        .files
        .iter()
        .map(|f| {
            json!({
                "file": f.name, "format": f.format, "requests": f.requests(), "checked": f.checked,
                "unreadable": f.unreadable, "skipped": f.skipped, "events": f.events,
                "clock_from_action_table": f.clock_from_action_table,
                "truncated": f.truncated,
            })
        })
        .collect();
    let errors: Vec<Value> = report
        .input_errors
        .iter()
        .map(|e| json!({"file": e.name, "reason": e.reason}))
        .collect();
    let problems: Vec<Value> = report
        .capture_problems()
        .iter()
        .map(|p| json!({"file": p.name, "reason": p.reason}))
        .collect();
    json!({
        "type": "summary",
        "files": files,
        "input_errors": errors,
        "capture_problems": problems,
        "requests": report.files.iter().map(|f| f.requests()).sum::<usize>(),
        "checked": report.files.iter().map(|f| f.checked).sum::<usize>(),
        "unreadable": report.files.iter().map(|f| f.unreadable).sum::<usize>(),
        "skipped": report.files.iter().map(|f| f.skipped).sum::<usize>(),
        "sessions": report.sessions,
        "events": report.events,
        "errors": report.count(Severity::Error),
        "warnings": report.count(Severity::Warning),
        "infos": report.count(Severity::Info),
    })
}

/// Writes the document, `{"version": 1, "findings": [...], "summary": {...}}`.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let findings: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| finding(report, d))
        .collect();
    let doc = json!({"version": 1, "findings": findings, "summary": summary(report)});
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}
