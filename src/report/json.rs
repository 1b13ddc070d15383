//! `json`: one JSON object per finding, one per line, then a summary object.
//!
//! Finding fields (stable): `type` ("finding"), `code`, `name`, `severity`, `file`, `line`,
//! `column`, `end_line`, `end_column` (1-based; columns in characters; the end is
//! exclusive), `message`, `help`, `session`, `event_index`, `event_type`, `request`, `labels`
//! (secondary labels with positions), `state` (the engine's state before the event).
//! The summary object has `type` "summary" and the counts of the terminal summary.

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
            })
        })
        .collect();
    let errors: Vec<Value> = report
        .input_errors
        .iter()
        .map(|e| json!({"file": e.name, "reason": e.reason}))
        .collect();
    json!({
        "type": "summary",
        "files": files,
        "input_errors": errors,
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

/// Writes every finding and the summary, one JSON object per line.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        serde_json::to_writer(&mut *out, &finding(report, d))?;
        out.write_all(b"\n")?;
    }
    serde_json::to_writer(&mut *out, &summary(report))?;
    out.write_all(b"\n")
}
