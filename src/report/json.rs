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
use crate::model::{Report, Suppressed};
use crate::session::SessionMetrics;
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
    /// For a suppressed finding (`--show-suppressed`): how it was suppressed.
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression: Option<Suppression<'a>>,
}

/// How a suppressed finding was suppressed: `kind` `inSource` (an inline
/// `valint: ignore`), with its reason, as SARIF says it.
#[derive(serde::Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    justification: &'a str,
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
        suppression: None,
    }
}

/// The JSON object for a suppressed finding: the finding's, with its `suppression`.
pub fn suppressed_finding<'a>(report: &'a Report, s: &'a Suppressed) -> Finding<'a> {
    let mut f = finding(report, &s.finding);
    f.suppression = Some(Suppression {
        kind: "inSource",
        justification: &s.reason,
    });
    f
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
    /// Findings inline suppressions took out (only when there are any).
    #[serde(skip_serializing_if = "is_zero")]
    suppressed: usize,
    /// With a baseline: findings it holds (not listed) and its entries no longer found.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineCounts<'a>>,
}

/// What a baseline did, in the summary.
#[derive(serde::Serialize)]
struct BaselineCounts<'a> {
    unchanged: usize,
    stale: &'a [String],
}

fn is_zero(n: &usize) -> bool {
    *n == 0
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
        suppressed: report.suppressed_total,
        baseline: report.baseline.as_ref().map(|b| BaselineCounts {
            unchanged: b.unchanged.len(),
            stale: &b.stale,
        }),
    }
}

/// One session's digest (`check --sessions`): identity, what Adobe would count of it
/// (times in seconds on the session's clock, `null` without one), and its findings. The
/// README's "Session digest" section says where each definition comes from.
#[derive(serde::Serialize)]
pub struct SessionObject<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    session: &'a str,
    file: &'a str,
    content_name: &'a Option<String>,
    content_id: &'a Option<String>,
    content_type: Option<&'static str>,
    media_length: Option<f64>,
    events: usize,
    rejected_events: usize,
    dropped_events: usize,
    duration_s: Option<f64>,
    content_time_s: Option<f64>,
    ad_time_s: Option<f64>,
    pause_time_s: Option<f64>,
    pauses: usize,
    buffer_time_s: Option<f64>,
    buffers: usize,
    time_to_start_s: Option<f64>,
    qoe_time_to_start_ms: Option<f64>,
    completion: &'static str,
    progress_markers: &'a [u8],
    ad_breaks: usize,
    ads_started: usize,
    ads_completed: usize,
    ads_skipped: usize,
    chapters_started: usize,
    chapters_completed: usize,
    average_bitrate: Option<f64>,
    pings: usize,
    largest_ping_gap_s: Option<f64>,
    findings: SeverityCounts,
}

/// Findings by severity.
#[derive(serde::Serialize)]
struct SeverityCounts {
    error: usize,
    warning: usize,
    info: usize,
}

/// `live`, `vod`, or `None` when the sessionStart names neither.
pub fn content_kind(live: Option<bool>) -> Option<&'static str> {
    live.map(|l| if l { "live" } else { "vod" })
}

/// The JSON object for one session's digest.
pub fn session<'a>(report: &'a Report, m: &'a SessionMetrics) -> SessionObject<'a> {
    SessionObject {
        kind: "session",
        session: &m.id,
        file: report.sources.get(m.file).map_or("", |s| s.name.as_str()),
        content_name: &m.content_name,
        content_id: &m.content_id,
        content_type: content_kind(m.live),
        media_length: m.length_s,
        events: m.events,
        rejected_events: m.rejected,
        dropped_events: m.dropped,
        duration_s: m.duration_s,
        content_time_s: m.content_time_s,
        ad_time_s: m.ad_time_s,
        pause_time_s: m.pause_time_s,
        pauses: m.pauses,
        buffer_time_s: m.buffer_time_s,
        buffers: m.buffers,
        time_to_start_s: m.time_to_start_s,
        qoe_time_to_start_ms: m.qoe_time_to_start_ms,
        completion: m.completion.name(),
        progress_markers: &m.progress,
        ad_breaks: m.ad_breaks,
        ads_started: m.ads_started,
        ads_completed: m.ads_completed,
        ads_skipped: m.ads_skipped,
        chapters_started: m.chapters_started,
        chapters_completed: m.chapters_completed,
        average_bitrate: m.avg_bitrate,
        pings: m.pings,
        largest_ping_gap_s: m.largest_ping_gap_s,
        findings: SeverityCounts {
            error: m.findings[0],
            warning: m.findings[1],
            info: m.findings[2],
        },
    }
}

/// The whole `json` document.
#[derive(serde::Serialize)]
struct Document<'a> {
    version: u32,
    findings: Findings<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sessions: Option<Vec<SessionObject<'a>>>,
    summary: Summary<'a>,
}

/// The findings of a report, serialised one at a time as they are written: a run with
/// 100,000 findings never holds their JSON objects all at once. With `.1`, the suppressed
/// findings follow the others.
struct Findings<'a>(&'a Report, bool);

impl serde::Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let suppressed = self.0.suppressed.iter().filter(|_| self.1);
        s.collect_seq(
            self.0
                .diagnostics
                .iter()
                .map(|d| Item::Listed(self.0, d))
                .chain(suppressed.map(|x| Item::Suppressed(suppressed_finding(self.0, x)))),
        )
    }
}

/// One element of [`Findings`]: a listed finding as read back from the report's store,
/// or a suppressed one.
enum Item<'a> {
    Listed(&'a Report, Diagnostic),
    Suppressed(Finding<'a>),
}

impl serde::Serialize for Item<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Item::Listed(report, d) => finding(report, d).serialize(s),
            Item::Suppressed(f) => f.serialize(s),
        }
    }
}

/// Writes the document, `{"version": 1, "findings": [...], "summary": {...}}`.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    render_with(report, false, false, out)
}

/// [`render`], with `"sessions": [...]` (every session's digest, in the order sessions
/// opened) before the summary when `sessions` is set (`check --sessions`), and the
/// suppressed findings after the others when `show_suppressed`.
pub fn render_with(
    report: &Report,
    sessions: bool,
    show_suppressed: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let doc = Document {
        version: 1,
        findings: Findings(report, show_suppressed),
        sessions: sessions.then(|| {
            report
                .session_metrics
                .iter()
                .map(|m| session(report, m))
                .collect()
        }),
        summary: summary(report),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}
