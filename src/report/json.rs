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

use crate::diagnostic::{Diagnostic, Severity, StateValue};
use crate::model::Report;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::io::{self, Write};

// The objects are structs, not `json!` maps: serde_json's maps sort their keys (valint
// builds it without `preserve_order`, whose hashing cost 8 % of a check), and these keys
// come out in the documented order, `type` first.

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

/// One finding, as the `json` and `json-lines` formats write it.
#[derive(serde::Serialize)]
pub struct Finding<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    label: &'a Option<String>,
    help: &'a Option<String>,
    note: &'a Option<String>,
    session: &'a Option<String>,
    event_index: Option<usize>,
    event_type: &'a Option<String>,
    request: &'a Option<String>,
    labels: Vec<Label<'a>>,
    state: State<'a>,
}

/// A secondary label with its position.
#[derive(serde::Serialize)]
struct Label<'a> {
    message: &'a Option<String>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

/// The session's state before the event, as an object in the state's own order.
struct State<'a>(&'a [(&'static str, StateValue)]);

impl Serialize for State<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, &v.to_json())?;
        }
        m.end()
    }
}

/// The JSON object for one finding.
pub fn finding<'a>(report: &'a Report, d: &'a Diagnostic) -> Finding<'a> {
    let (line, column, end_line, end_column) = position(report, d.file, d.primary.span);
    let labels = d
        .secondary
        .iter()
        .map(|l| {
            let (line, column, end_line, end_column) = position(report, d.file, l.span);
            Label {
                message: &l.text,
                line,
                column,
                end_line,
                end_column,
            }
        })
        .collect();
    Finding {
        kind: "finding",
        code: d.rule.code,
        name: d.rule.name,
        severity: d.severity.as_str(),
        file: &report.sources[d.file].name,
        line,
        column,
        end_line,
        end_column,
        message: &d.message,
        label: &d.primary.text,
        help: &d.help,
        note: &d.note,
        session: &d.context.session,
        event_index: d.context.event_index,
        event_type: &d.context.event_type,
        request: &d.context.request_label,
        labels,
        state: State(&d.context.state),
    }
}

/// The summary, as the `json` and `json-lines` formats write it.
#[derive(serde::Serialize)]
pub struct Summary<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    files: Vec<FileCounts<'a>>,
    input_errors: Vec<Problem>,
    capture_problems: Vec<Problem>,
    requests: usize,
    checked: usize,
    unreadable: usize,
    skipped: usize,
    sessions: usize,
    events: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// One file's counts in the summary.
#[derive(serde::Serialize)]
struct FileCounts<'a> {
    file: &'a str,
    format: &'a str,
    requests: usize,
    checked: usize,
    unreadable: usize,
    skipped: usize,
    legacy_heartbeats: usize,
    events: usize,
    clock_from_action_table: bool,
    truncated: bool,
    /// For a binary capture: the text valint read it as; `line`/`column` of its findings
    /// are in that text, and `request` names the transaction.
    #[serde(skip_serializing_if = "Option::is_none")]
    read_as: Option<&'a str>,
}

/// A file that could not be read, or that makes the exit code 3.
#[derive(serde::Serialize)]
struct Problem {
    file: String,
    reason: String,
}

/// The summary object.
pub fn summary(report: &Report) -> Summary<'_> {
    let files = report
        .files
        .iter()
        .map(|f| FileCounts {
            file: &f.name,
            format: &f.format,
            requests: f.requests(),
            checked: f.checked,
            unreadable: f.unreadable,
            skipped: f.skipped,
            legacy_heartbeats: f.legacy_heartbeats,
            events: f.events,
            clock_from_action_table: f.clock_from_action_table,
            truncated: f.truncated,
            read_as: report
                .sources
                .iter()
                .find(|s| s.name == f.name)
                .and_then(|s| s.derived_from.as_deref()),
        })
        .collect();
    let input_errors = report
        .input_errors
        .iter()
        .map(|e| Problem {
            file: e.name.clone(),
            reason: e.reason.clone(),
        })
        .collect();
    let capture_problems = report
        .capture_problems()
        .into_iter()
        .map(|p| Problem {
            file: p.name,
            reason: p.reason,
        })
        .collect();
    Summary {
        kind: "summary",
        files,
        input_errors,
        capture_problems,
        requests: report.files.iter().map(|f| f.requests()).sum(),
        checked: report.files.iter().map(|f| f.checked).sum(),
        unreadable: report.files.iter().map(|f| f.unreadable).sum(),
        skipped: report.files.iter().map(|f| f.skipped).sum(),
        sessions: report.sessions,
        events: report.events,
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        infos: report.count(Severity::Info),
    }
}

/// The whole `json` document.
#[derive(serde::Serialize)]
struct Document<'a> {
    version: u32,
    findings: Vec<Finding<'a>>,
    summary: Summary<'a>,
}

/// Writes the document, `{"version": 1, "findings": [...], "summary": {...}}`.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let doc = Document {
        version: 1,
        findings: report
            .diagnostics
            .iter()
            .map(|d| finding(report, d))
            .collect(),
        summary: summary(report),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}
