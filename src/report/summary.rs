//! The closing summary of the terminal formats: files, requests, sessions, events, findings
//! by severity, and every request that could not be read.

use crate::diagnostic::Severity;
use crate::model::Report;
use crate::rules;
use std::io::{self, Write};

/// `n` and the noun for it: `1 file`, `0 files`, `3 files` (`one` for exactly 1, `many`
/// otherwise). Shared by the terminal formats' summaries (this one and `concise`'s line).
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writes the summary.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // Only files that are no capture (an image, another tool's session file): what each is
    // and how to export a HAR, and nothing else.
    let refused = |name: &str| {
        report
            .files
            .iter()
            .any(|f| f.name == name && f.refused.is_some())
    };
    if !report.files.is_empty()
        && report.files.iter().all(|f| f.refused.is_some())
        && report.input_errors.is_empty()
        && report.diagnostics.is_empty()
    {
        for p in report.capture_problems() {
            writeln!(out, "not read: {}: {}", p.name, p.reason)?;
        }
        return Ok(());
    }
    let requests: usize = report.files.iter().map(|f| f.requests()).sum();
    let checked: usize = report.files.iter().map(|f| f.checked).sum();
    let unreadable: usize = report.files.iter().map(|f| f.unreadable).sum();
    let skipped: usize = report.files.iter().map(|f| f.skipped).sum();
    writeln!(
        out,
        "Checked {}: {} read ({checked} checked, {unreadable} unreadable), {skipped} skipped, {}, {}.",
        plural(report.files.len(), "file", "files"),
        plural(requests, "request", "requests"),
        plural(report.sessions, "session", "sessions"),
        plural(report.events, "event", "events"),
    )?;
    if report.files.len() > 1 {
        for f in &report.files {
            writeln!(
                out,
                "  {} ({}): {} read ({} checked, {} unreadable), {} skipped",
                f.name,
                f.format,
                plural(f.requests(), "request", "requests"),
                f.checked,
                f.unreadable,
                f.skipped
            )?;
        }
    }
    for n in super::derived_notes(report) {
        writeln!(out, "{n}")?;
    }
    for f in &report.files {
        if f.legacy_heartbeats > 0 {
            writeln!(
                out,
                "note: {}: {} legacy Media Analytics {} (GET *.hb.omtrdc.net with s:event:type), counted as skipped, not checked",
                f.name,
                f.legacy_heartbeats,
                if f.legacy_heartbeats == 1 { "heartbeat" } else { "heartbeats" }
            )?;
        }
        if f.clock_from_action_table {
            writeln!(
                out,
                "note: {}: `ts` values are placeholders; time checks use the page's action timeline (seconds) instead",
                f.name
            )?;
        }
    }
    for d in report
        .diagnostics
        .iter()
        .filter(|d| std::ptr::eq(d.rule, &rules::syntax::NOT_A_REQUEST))
    {
        let (l, c) = report.sources[d.file].line_col(d.primary.span.start);
        writeln!(
            out,
            "unreadable: {}:{l}:{c}: {}",
            report.sources[d.file].name, d.message
        )?;
    }
    // Input errors are named on stderr and in the "could be read" line below.
    for p in report
        .capture_problems()
        .iter()
        .skip(report.input_errors.len())
    {
        let how = if refused(&p.name) {
            "not read"
        } else {
            "not checked completely"
        };
        writeln!(out, "{how}: {}: {}", p.name, p.reason)?;
    }
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let suppressed = match report.suppressed_total {
        0 => String::new(),
        n => format!(
            " {} suppressed inline (`--show-suppressed` lists {}).",
            plural(n, "finding", "findings"),
            if n == 1 { "it" } else { "them" }
        ),
    };
    if e + w + i == 0 && !report.input_errors.is_empty() {
        writeln!(out, "No findings in the files that could be read.")?;
    } else if e + w + i == 0 {
        writeln!(out, "No findings.{suppressed}")?;
    } else {
        writeln!(
            out,
            "Found {}: {}, {}, {}.{suppressed}",
            plural(e + w + i, "finding", "findings"),
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings"),
            plural(i, "info", "info")
        )?;
        writeln!(out, "For more on a rule, run `valint explain CODE`.")?;
    }
    if let Some(b) = &report.baseline {
        writeln!(
            out,
            "Baseline: {} not shown (known before); {}.",
            plural(b.unchanged.len(), "finding", "findings"),
            match b.stale.len() {
                0 => "no entry is stale".to_string(),
                n => format!(
                    "{} no longer found (`--prune-baseline` drops {})",
                    plural(n, "entry", "entries"),
                    if n == 1 { "it" } else { "them" }
                ),
            }
        )?;
    }
    Ok(())
}
