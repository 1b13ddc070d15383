//! `github`: GitHub Actions workflow commands, one annotation per line.
//!
//! `::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=T::MESSAGE` (`warning`, and
//! `notice` for info). `col`/`endColumn` are left out when a finding spans several lines
//! (GitHub refuses them there). Property values escape `%`, CR, LF, `:` and `,`; the message
//! escapes `%`, CR and LF (the rules of `@actions/core`).
//!
//! GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (and 50 per
//! job), so only the most severe findings are annotated: errors first, then warnings, then
//! notices, each in file order. When findings are left out, the last notice says how many.
//! [`step_summary`] renders the full table for `$GITHUB_STEP_SUMMARY`.

use super::RenderOptions;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Report;
use std::io::{self, Write};

/// Annotations GitHub shows per step, for each level.
pub const PER_LEVEL_LIMIT: usize = 10;
/// Rows of the step-summary table (GitHub caps a step summary at 1 MiB).
pub const SUMMARY_ROWS: usize = 500;

/// Escapes a workflow-command message (`escapeData` of `@actions/core`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value (`escapeProperty` of `@actions/core`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(level: Severity) -> &'static str {
    match level {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// A file's path as GitHub wants it: relative to the repository root, with `/`.
pub fn path_for(name: &str, opts: &RenderOptions) -> String {
    super::relative_path(name, &opts.repo_root).unwrap_or_else(|| name.replace('\\', "/"))
}

fn annotation(report: &Report, d: &Diagnostic, opts: &RenderOptions) -> String {
    let src = &report.sources[d.file];
    let (line, col) = src.line_col(d.primary.span.start);
    let (end_line, end_col) = src.line_col(d.primary.span.end);
    let mut props = format!("file={}", escape_property(&path_for(&src.name, opts)));
    // A binary capture has no lines: the annotation is on the file, and the message
    // names the transaction.
    if src.derived_from.is_none() {
        props.push_str(&format!(",line={line},endLine={end_line}"));
        if line == end_line {
            props.push_str(&format!(",col={col},endColumn={}", end_col.max(col)));
        }
    }
    props.push_str(&format!(
        ",title={}",
        escape_property(&format!("{} {}", d.rule.code, d.rule.name))
    ));
    let mut msg = d.message.clone();
    if let (Some(_), Some(label)) = (&src.derived_from, &d.context.request_label) {
        msg = format!("{label}: {msg}");
    }
    if let Some(s) = &d.context.session {
        msg.push_str(&format!("\nsession {s}"));
        if let Some(i) = d.context.event_index {
            msg.push_str(&format!(", {}", super::event_ref(i)));
        }
        if let Some(t) = &d.context.event_type {
            msg.push_str(&format!(" ({t})"));
        }
    }
    if let Some(h) = &d.help {
        msg.push_str(&format!("\nhelp: {h}"));
    }
    format!("::{} {props}::{}", command(d.severity), escape_data(&msg))
}

/// The findings that get an annotation, most severe first; and how many are left out.
/// `reserved_errors` error annotations are taken by captures that could not be checked.
pub fn selected(report: &Report, reserved_errors: usize) -> (Vec<Diagnostic>, usize) {
    let mut chosen = Vec::new();
    let total = report.diagnostics.len();
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        // By the stored severities: only the findings shown are read back.
        let of: Vec<usize> = (report.diagnostics.entries().iter().enumerate())
            .filter(|(_, e)| e.severity == sev)
            .map(|(i, _)| i)
            .collect();
        let mut room = PER_LEVEL_LIMIT;
        if sev == Severity::Error {
            room = room.saturating_sub(reserved_errors);
        }
        if sev == Severity::Info {
            let left = total - chosen.len() - of.len().min(room);
            if left > 0 {
                room -= 1; // keep a notice for "N more"
            }
        }
        chosen.extend(of.into_iter().take(room).map(|i| report.diagnostics.get(i)));
    }
    let left = total - chosen.len();
    (chosen, left)
}

/// Writes the annotations.
pub fn render(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    // Captures that could not be checked come first: they mean "re-record", and the
    // findings of a cut-off capture are partial.
    let problems = report.capture_problems();
    let shown = problems.len().min(PER_LEVEL_LIMIT);
    for p in &problems[..shown] {
        writeln!(
            out,
            "::error file={},title={}::{}",
            escape_property(&path_for(&p.name, opts)),
            escape_property("valint: capture not checked"),
            escape_data(&p.reason)
        )?;
    }
    let (chosen, left) = selected(report, shown);
    for d in &chosen {
        writeln!(out, "{}", annotation(report, d, opts))?;
    }
    if left > 0 {
        writeln!(
            out,
            "::notice title=valint::{}",
            escape_data(&format!(
                "{left} more findings are not annotated (GitHub shows at most {PER_LEVEL_LIMIT} errors, {PER_LEVEL_LIMIT} warnings and {PER_LEVEL_LIMIT} notices per step); see the job summary or the SARIF report"
            ))
        )?;
    }
    Ok(())
}

/// Markdown for a table cell: `|` escaped, line breaks as `<br>`, `<` and `>` outside code
/// spans as entities.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_code = false;
    for c in s.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '&' if !in_code => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// The whole report as Markdown for `$GITHUB_STEP_SUMMARY`: counts, captures that could
/// not be checked, and a table of every finding (up to [`SUMMARY_ROWS`]).
pub fn step_summary(report: &Report, opts: &RenderOptions) -> String {
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let mut md = String::from("## valint\n\n");
    md.push_str(&format!(
        "Checked {} file(s), {} session(s), {} event(s): **{e} error(s)**, {w} warning(s), {i} info.\n\n",
        report.files.len() + report.input_errors.len(),
        report.sessions,
        report.events
    ));
    let problems = report.capture_problems();
    if !problems.is_empty() {
        md.push_str("Captures that could not be checked (re-record them):\n\n");
        for p in &problems {
            md.push_str(&format!(
                "- `{}`: {}\n",
                cell(&path_for(&p.name, opts)),
                cell(&p.reason)
            ));
        }
        md.push('\n');
    }
    if report.diagnostics.is_empty() {
        md.push_str("No findings.\n");
        return md;
    }
    md.push_str("| Severity | Rule | Location | Session | Message |\n");
    md.push_str("|---|---|---|---|---|\n");
    // The most severe first, in report order within a severity; only those shown are
    // read back.
    let mut sorted: Vec<(usize, Severity)> = (report.diagnostics.entries().iter().enumerate())
        .map(|(i, e)| (i, e.severity))
        .collect();
    sorted.sort_by_key(|&(_, s)| std::cmp::Reverse(s));
    for d in sorted
        .iter()
        .take(SUMMARY_ROWS)
        .map(|&(i, _)| report.diagnostics.get(i))
    {
        let src = &report.sources[d.file];
        let (line, col) = src.line_col(d.primary.span.start);
        let session = match (&d.context.session, d.context.event_index) {
            (Some(s), Some(i)) => format!("`{}` {}", cell(s), super::event_ref(i)),
            (Some(s), None) => format!("`{}`", cell(s)),
            _ => String::new(),
        };
        md.push_str(&format!(
            "| {} | `{}` {} | `{}:{line}:{col}` | {session} | {} |\n",
            d.severity,
            d.rule.code,
            d.rule.name,
            cell(&path_for(&src.name, opts)),
            cell(&d.message)
        ));
    }
    if sorted.len() > SUMMARY_ROWS {
        md.push_str(&format!(
            "\n{} more findings are not listed; see the SARIF report.\n",
            sorted.len() - SUMMARY_ROWS
        ));
    }
    md.push_str("\nFor more on a rule, run `valint explain CODE`.\n");
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_actions_core() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn cells_escape_pipes_and_html_outside_code() {
        assert_eq!(cell("a|b <x> `<y>`"), "a\\|b &lt;x&gt; `<y>`");
    }
}
