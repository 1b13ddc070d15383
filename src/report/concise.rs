//! `concise`: one line per finding, `file:line:col: severity[CODE] message`, then one
//! summary line. Lines and columns are 1-based; columns count characters.

use super::summary::plural;
use super::Style;
use crate::diagnostic::Severity;
use crate::model::Report;
use std::io::{self, Write};

/// ANSI colour of a severity word.
pub(crate) fn paint(style: Style, sev: Severity, text: &str) -> String {
    if !style.color {
        return text.to_string();
    }
    let code = match sev {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    };
    format!("\u{1b}[{code}m{text}\u{1b}[0m")
}

/// Keeps a finding on one line: line breaks in a message become spaces.
pub(crate) fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

/// Writes every finding on its own line, then the summary line.
pub fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        let head = paint(
            style,
            d.severity,
            &format!("{}[{}]", d.severity, d.rule.code),
        );
        writeln!(
            out,
            "{}: {head} {}",
            super::place(report, d),
            one_line(&d.message)
        )?;
    }
    summary_line(report, out)?;
    for n in super::derived_notes(report) {
        writeln!(out, "{n}")?;
    }
    Ok(())
}

/// `Found 3 findings (2 errors, 1 warning, 0 info) in 1 file, 1 session.` or
/// `No findings in 2 files, 3 sessions.`
pub fn summary_line(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let scope = format!(
        "{}, {}",
        plural(report.files.len(), "file", "files"),
        plural(report.sessions, "session", "sessions")
    );
    if e + w + i == 0 {
        writeln!(out, "No findings in {scope}.")?;
    } else {
        writeln!(
            out,
            "Found {} ({}, {}, {}) in {scope}.",
            plural(e + w + i, "finding", "findings"),
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings"),
            plural(i, "info", "info"),
        )?;
    }
    for p in report.capture_problems() {
        writeln!(out, "{}: {}", p.name, p.reason)?;
    }
    Ok(())
}
