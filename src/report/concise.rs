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
    lines(report, style, out)?;
    summary_line(report, out)?;
    derived_notes(report, out)
}

/// Writes every finding on its own line.
pub fn lines(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        line(report, &d, style, "", out)?;
    }
    Ok(())
}

/// Writes every suppressed finding on its own line, with `suppressed` and the reason.
pub fn suppressed_lines(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    for s in &report.suppressed {
        let reason = if s.reason.is_empty() {
            " (suppressed, no reason given)".to_string()
        } else {
            format!(" (suppressed: {})", one_line(&s.reason))
        };
        line(report, &s.finding, style, &reason, out)?;
    }
    Ok(())
}

fn line(
    report: &Report,
    d: &crate::diagnostic::Diagnostic,
    style: Style,
    tail: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let head = paint(
        style,
        d.severity,
        &format!("{}[{}]", d.severity, d.rule.code),
    );
    writeln!(
        out,
        "{}: {head} {}{tail}",
        super::place(report, d),
        one_line(&d.message)
    )
}

/// After the summary line: how the findings of each binary capture are located.
pub fn derived_notes(report: &Report, out: &mut dyn Write) -> io::Result<()> {
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
    let mut scope = format!(
        "{}, {}",
        plural(report.files.len(), "file", "files"),
        plural(report.sessions, "session", "sessions")
    );
    if report.suppressed_total > 0 {
        scope.push_str(&format!("; {} suppressed", report.suppressed_total));
    }
    if let Some(b) = &report.baseline {
        scope.push_str(&format!(
            "; {} in the baseline, {} stale",
            b.unchanged.len(),
            b.stale.len()
        ));
    }
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
