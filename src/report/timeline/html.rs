//! The HTML timeline report (`valint timeline --html FILE`): one self-contained file, with
//! no network request (inline CSS and JavaScript, no fonts, images or links to load), to
//! attach to a ticket or keep as a CI artifact.
//!
//! The page is written with `maud`; the sessions and findings are embedded as one JSON
//! document, and the page's script draws from it on demand: the sessions table a page of
//! rows at a time, and a session's timeline (the SVG lanes of [`super::svg`]) and its
//! findings (each with its `full` snippet) only when its row is opened. So a capture of
//! 10,000 sessions gives a page that opens at once, not 10,000 SVGs. A finding is linked to
//! its event: clicking it marks the event on the timeline; pointing at an event marks its
//! findings. Filters by rule and by severity hide the other sessions and findings.

use super::{svg, views, SessionView};
use crate::diagnostic::Diagnostic;
use crate::model::Report;
use crate::report::{full, Style};
use crate::session::metrics::{Counted, Lane};
use maud::{html, PreEscaped, DOCTYPE};
use serde::Serialize;
use std::io::{self, Write};

/// `[index, type, t s, ts, playhead s, counted]` of one event.
type EventRow<'a> = (
    usize,
    &'a str,
    Option<f64>,
    Option<i64>,
    Option<f64>,
    &'static str,
);

/// A session as the page's script reads it.
#[derive(Serialize)]
struct SessionData<'a> {
    id: &'a str,
    file: usize,
    /// The digest, as `check --sessions` writes it.
    digest: crate::report::json::SessionObject<'a>,
    /// Seconds from the session's start to its last event; `null` without a clock.
    end: Option<f64>,
    /// `[lane, from s, to s, label, open]`; lanes: `starting`, `playing`, `paused`,
    /// `buffering`, `adbreak`, `ad`, `chapter`, `state:NAME`.
    spans: Vec<(String, f64, f64, Option<&'a str>, bool)>,
    /// `[index, type, t s, ts, playhead s, counted]`; counted: `yes`, `rejected`,
    /// `dropped`.
    events: Vec<EventRow<'a>>,
    /// Indices into the findings.
    findings: Vec<usize>,
}

/// A finding as the page's script reads it.
#[derive(Serialize)]
struct FindingData<'a> {
    /// Index of its session, if it has one.
    session: Option<usize>,
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    file: usize,
    line: usize,
    column: usize,
    /// Its event's index in the session, and the event's time (s from the start).
    event: Option<usize>,
    t: Option<f64>,
    /// The finding as `valint check` prints it, with its snippet.
    snippet: String,
}

#[derive(Serialize)]
struct Data<'a> {
    /// The window every timeline is drawn in, seconds from each session's start
    /// (`--from`, `--to`); `null` for the session's start and end.
    from: Option<f64>,
    to: Option<f64>,
    files: Vec<&'a str>,
    sessions: Vec<SessionData<'a>>,
    findings: Vec<FindingData<'a>>,
}

fn lane_name(l: &Lane) -> String {
    match l {
        Lane::Player(p) => p.name().to_string(),
        Lane::AdBreak => "adbreak".into(),
        Lane::Ad => "ad".into(),
        Lane::Chapter => "chapter".into(),
        Lane::State(n) => format!("state:{n}"),
    }
}

fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn session_data<'a>(
    report: &'a Report,
    v: &SessionView<'a>,
    findings: Vec<usize>,
) -> SessionData<'a> {
    let m = v.metrics;
    SessionData {
        id: &m.id,
        file: m.file,
        digest: crate::report::json::session(report, m),
        end: v.origin_ms.map(|_| round(v.end_s)),
        spans: v
            .trace
            .spans
            .iter()
            .map(|s| {
                (
                    lane_name(&s.lane),
                    round(v.at(s.from_ms)),
                    round(v.at(s.to_ms)),
                    s.label.as_deref(),
                    s.open,
                )
            })
            .collect(),
        events: v
            .trace
            .events
            .iter()
            .map(|e| {
                (
                    e.index,
                    e.event_type.as_ref(),
                    e.clock_ms.map(|c| round(v.at(c))),
                    e.clock_ms,
                    e.playhead,
                    match e.counted {
                        Counted::Yes => "yes",
                        Counted::Rejected => "rejected",
                        Counted::Dropped => "dropped",
                    },
                )
            })
            .collect(),
        findings,
    }
}

/// The embedded data: every session with a trace, and every finding of the run.
/// `listed`: the report's findings, read back.
fn data<'a>(report: &'a Report, listed: &'a [Diagnostic]) -> Data<'a> {
    let all = views(report, listed);
    let snippets = full::OneByOne::new(Style {
        color: false,
        unicode: true,
        width: 100,
    });
    let mut findings = Vec::with_capacity(report.diagnostics.len());
    let mut index_of: rustc_hash::FxHashMap<*const Diagnostic, usize> = Default::default();
    for (i, d) in listed.iter().enumerate() {
        index_of.insert(d as *const Diagnostic, i);
        let (line, column) = report
            .sources
            .get(d.file)
            .map_or((0, 0), |s| s.line_col(d.primary.span.start));
        findings.push(FindingData {
            session: None,
            code: d.rule.code,
            name: d.rule.name,
            severity: d.severity.as_str(),
            message: &d.message,
            file: d.file,
            line,
            column,
            event: d.context.event_index,
            t: None,
            snippet: snippets.render(report, d),
        });
    }
    let mut sessions = Vec::with_capacity(all.len());
    for (si, v) in all.iter().enumerate() {
        let mut mine = Vec::new();
        for (d, t) in &v.findings {
            if let Some(&i) = index_of.get(&(*d as *const Diagnostic)) {
                findings[i].session = Some(si);
                findings[i].t = t.map(round);
                mine.push(i);
            }
        }
        sessions.push(session_data(report, v, mine));
    }
    Data {
        from: None,
        to: None,
        files: report.sources.iter().map(|s| s.name.as_str()).collect(),
        sessions,
        findings,
    }
}

/// Writes JSON into a `<script>` element: every `<` (which JSON has only inside strings)
/// becomes `\u003c`, so no `</script>` or `<!--` in a message can end or confuse it.
struct ScriptSafe<'w>(&'w mut dyn Write);

impl Write for ScriptSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = memchr::memchr(b'<', rest) {
            self.0.write_all(&rest[..i])?;
            self.0.write_all(b"\\u003c")?;
            rest = &rest[i + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Where the data goes in the rendered page (streamed there, not copied into the page).
const DATA_MARK: &str = "\u{0}valint-data\u{0}";

const PAGE_CSS: &str = "\
body{font:14px system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:16px;color:#222}\
h1{font-size:20px;margin:0 0 8px}\
.summary{margin:0 0 12px;color:#444}\
.controls{display:flex;gap:12px;align-items:center;margin:8px 0;flex-wrap:wrap}\
table.sessions{border-collapse:collapse;width:100%;font-size:12px}\
table.sessions th,table.sessions td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;white-space:nowrap}\
table.sessions tr.session{cursor:pointer}table.sessions tr.session:hover{background:#f3f6fa}\
tr.detail>td{background:#fafafa;white-space:normal}\
.num{text-align:right}\
.sev-error{color:#c62828;font-weight:bold}.sev-warning{color:#ef6c00;font-weight:bold}.sev-info{color:#1565c0}\
ul.findings{list-style:none;padding:0;margin:6px 0}\
ul.findings li{padding:3px 4px;border-left:3px solid transparent}\
ul.findings li.hl{border-left-color:#c62828;background:#fff3e0}\
ul.findings a{cursor:pointer;text-decoration:underline}\
pre.snippet{font:12px ui-monospace,Menlo,Consolas,monospace;background:#fff;border:1px solid #ddd;padding:6px;overflow:auto;max-width:1100px}\
.tl .ev.hl{stroke:#d50000;stroke-width:5}\
.pager{margin:8px 0}.muted{color:#777}\
svg.tl{max-width:100%;height:auto;background:#fff}";

/// The page's script: reads the embedded data, renders the table a page at a time, draws
/// a session's timeline when its row is opened, links findings and events, filters.
const SCRIPT: &str = include_str!("timeline.js");

/// `word` with an `s` unless `n` is 1.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// Writes the HTML report.
/// `window`: `--from` and `--to`, seconds from each session's start (the timelines are
/// drawn in that window; the tables and findings stay whole).
pub fn render(
    report: &Report,
    window: (Option<f64>, Option<f64>),
    out: &mut dyn Write,
) -> io::Result<()> {
    let listed = report.diagnostics.to_vec();
    let data = Data {
        from: window.0,
        to: window.1,
        ..data(report, &listed)
    };
    let mut codes: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let counts = [
        crate::diagnostic::Severity::Error,
        crate::diagnostic::Severity::Warning,
        crate::diagnostic::Severity::Info,
    ]
    .map(|s| report.count(s));
    let files: Vec<&str> = report.sources.iter().map(|s| s.name.as_str()).collect();
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "valint timeline: " (files.join(", ")) }
                style { (PreEscaped(PAGE_CSS)) (PreEscaped(svg::CSS)) }
            }
            body {
                h1 { "valint timeline" }
                p.summary {
                    (files.join(", ")) " · "
                    span #session-count { (data.sessions.len()) }
                    (plural(data.sessions.len(), " session")) " · "
                    span #finding-count { (report.diagnostics.len()) }
                    (plural(report.diagnostics.len(), " finding")) " ("
                    (crate::report::timeline::findings_text(counts)) ")"
                    @if report.diagnostics.len() < counts.iter().sum::<usize>() {
                        " · " (counts.iter().sum::<usize>() - report.diagnostics.len())
                        " more beyond --max-findings"
                    }
                    @if window != (None, None) {
                        " · timelines drawn from "
                        (window.0.map_or("the start".to_string(), |s| format!("{s} s")))
                        " to "
                        (window.1.map_or("the end".to_string(), |s| format!("{s} s")))
                        " of each session"
                    }
                }
                div.controls {
                    label { "Rule " select #rule-filter {
                        option value="" { "all rules" }
                        @for c in &codes { option value=(c) { (c) } }
                    } }
                    label { "Severity " select #severity-filter {
                        option value="" { "all severities" }
                        option value="error" { "error" }
                        option value="warning" { "warning" }
                        option value="info" { "info" }
                    } }
                    button #expand-all type="button" { "Open every session on this page" }
                    span #shown .muted {}
                }
                table.sessions {
                    thead { tr {
                        th { "session" } th { "file" } th { "content" } th { "type" }
                        th.num { "length" } th.num { "content" } th.num { "ads" }
                        th.num { "paused" } th.num { "buffering" } th.num { "to start" }
                        th { "completion" } th { "progress" } th.num { "ads started/completed" }
                        th.num { "pings" } th.num { "largest gap" } th.num { "findings E/W/I" }
                    } }
                    tbody #sessions {}
                }
                div.pager #pager {}
                h2 { "Findings outside any session" }
                ul.findings #orphans {}
                p.muted {
                    "Times in seconds from each session's start. Content, ad, pause and buffer "
                    "time, time to start, completion and progress markers are computed by valint "
                    "from the events Adobe processes (rejected events and events after the session "
                    "closed count for nothing); see the README's session digest section."
                }
                script #data type="application/json" { (PreEscaped(DATA_MARK)) }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    let page = page.into_string();
    let (before, after) = page
        .split_once(DATA_MARK)
        .expect("the page template holds the data mark");
    out.write_all(before.as_bytes())?;
    let mut w = io::BufWriter::with_capacity(1 << 16, ScriptSafe(out));
    serde_json::to_writer(&mut w, &data).map_err(io::Error::other)?;
    w.flush()?;
    drop(w);
    out.write_all(after.as_bytes())?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_end_its_script_element() {
        let v = serde_json::json!({"message": "a </script><!-- b", "n": 1});
        let mut out = Vec::new();
        {
            let mut w = ScriptSafe(&mut out);
            serde_json::to_writer(&mut w, &v).unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('<'), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
