//! `json-lines`: one finding object per line, then the summary object on the last line
//! (the objects of [`json`](super::json), for streaming and line-oriented tools).

use super::json::{finding, session, summary};
use crate::model::Report;
use std::io::{self, Write};

/// Writes every finding and the summary, one JSON object per line.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    render_with(report, false, false, out)
}

/// [`render`], with the suppressed findings after the others when `show_suppressed`, then
/// with `sessions` (`check --sessions`) every session's digest (`"type": "session"`).
pub fn render_with(
    report: &Report,
    sessions: bool,
    show_suppressed: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    for d in &report.diagnostics {
        serde_json::to_writer(&mut *out, &finding(report, &d))?;
        out.write_all(b"\n")?;
    }
    if show_suppressed {
        for s in &report.suppressed {
            serde_json::to_writer(&mut *out, &super::json::suppressed_finding(report, s))?;
            out.write_all(b"\n")?;
        }
    }
    if sessions {
        for m in &report.session_metrics {
            serde_json::to_writer(&mut *out, &session(report, m))?;
            out.write_all(b"\n")?;
        }
    }
    serde_json::to_writer(&mut *out, &summary(report))?;
    out.write_all(b"\n")
}
