//! `junit`: JUnit XML, as Jenkins, GitLab and the GitHub test-report actions read it.
//!
//! One `<testsuite>` per capture file. In it, one `<testcase name="session ID">` per session
//! that starts in that file, and one `<testcase name="capture FILE">` for the file itself
//! (findings outside any session, such as a broken HAR container, and whether the file
//! could be read). Findings at or above the failure threshold (`--fail-on`) are
//! `<failure>` elements; those below it are listed in the testcase's `<system-out>`, so a
//! testcase fails exactly when the session would fail the run. A file that could not be read
//! or is truncated gets an `<error>` in its capture testcase.

use super::RenderOptions;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Report;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Escapes text for XML content and attribute values; characters XML 1.0 cannot hold
/// become U+FFFD, and line breaks in attributes are kept as character references.
pub fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

struct Case<'a> {
    name: String,
    findings: Vec<&'a Diagnostic>,
    error: Option<String>,
}

fn finding_text(report: &Report, d: &Diagnostic) -> String {
    let mut t = format!(
        "{}: {}[{}] {}: {}",
        super::place(report, d),
        d.severity,
        d.rule.code,
        d.rule.name,
        d.message
    );
    if let (Some(s), Some(i)) = (&d.context.session, d.context.event_index) {
        let _ = write!(t, "\n  session {s}, {}", super::event_ref(i));
        if let Some(ty) = &d.context.event_type {
            let _ = write!(t, " ({ty})");
        }
    }
    if let Some(h) = &d.help {
        let _ = write!(t, "\n  help: {h}");
    }
    t
}

fn write_case(
    out: &mut String,
    report: &Report,
    classname: &str,
    case: &Case<'_>,
    fail_on: Severity,
) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}\" name=\"{}\" time=\"0\"",
        escape(classname, true),
        escape(&case.name, true)
    );
    let failing: Vec<&&Diagnostic> = case
        .findings
        .iter()
        .filter(|d| d.severity >= fail_on)
        .collect();
    let other: Vec<&&Diagnostic> = case
        .findings
        .iter()
        .filter(|d| d.severity < fail_on)
        .collect();
    if failing.is_empty() && other.is_empty() && case.error.is_none() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    if let Some(e) = &case.error {
        let _ = writeln!(
            out,
            "      <error message=\"{}\" type=\"capture\">{}</error>",
            escape(e, true),
            escape(e, false)
        );
    }
    for d in failing {
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"{}\">{}</failure>",
            escape(
                &format!("{} {}: {}", d.rule.code, d.rule.name, d.message),
                true
            ),
            escape(&format!("{}[{}]", d.severity, d.rule.code), true),
            escape(&finding_text(report, d), false)
        );
    }
    if !other.is_empty() {
        let text: Vec<String> = other.iter().map(|d| finding_text(report, d)).collect();
        let _ = writeln!(
            out,
            "      <system-out>{}</system-out>",
            escape(&text.join("\n"), false)
        );
    }
    out.push_str("    </testcase>\n");
}

/// Renders the XML document as a string.
pub fn to_string(report: &Report, opts: &RenderOptions) -> String {
    let fail_on = opts.fail_on;
    let mut suites = String::new();
    let (mut all_tests, mut all_failures, mut all_errors) = (0usize, 0usize, 0usize);
    let problems = report.capture_problems();
    // Each finding's session, found once (two files may reuse a sid for two sessions).
    let mut ids: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, s) in report.session_list.iter().enumerate() {
        ids.entry(s.id.as_str()).or_default().push(i);
    }
    // The document is built whole in memory: so are the findings it lists.
    let listed = report.diagnostics.to_vec();
    let mut by_session: std::collections::HashMap<usize, Vec<&Diagnostic>> = Default::default();
    for d in &listed {
        let owner = d.context.session.as_deref().and_then(|id| {
            ids.get(id)?
                .iter()
                .rev()
                .find(|&&i| report.session_list[i].file <= d.file)
                .copied()
        });
        if let Some(i) = owner {
            by_session.entry(i).or_default().push(d);
        }
    }
    for (fi, f) in report.files.iter().enumerate() {
        let mut cases: Vec<Case<'_>> = Vec::new();
        let problem = problems.iter().find(|p| p.name == f.name);
        cases.push(Case {
            name: format!("capture {}", f.name),
            findings: listed
                .iter()
                .filter(|d| d.file == fi && d.context.session.is_none())
                .collect(),
            error: problem.map(|p| p.reason.clone()),
        });
        for (si, s) in report
            .session_list
            .iter()
            .enumerate()
            .filter(|(_, s)| s.file == fi)
        {
            cases.push(Case {
                name: format!("session {}", s.id),
                findings: by_session.get(&si).cloned().unwrap_or_default(),
                error: None,
            });
        }
        let failures = cases
            .iter()
            .filter(|c| c.error.is_none() && c.findings.iter().any(|d| d.severity >= fail_on))
            .count();
        let errors = cases.iter().filter(|c| c.error.is_some()).count();
        all_tests += cases.len();
        all_failures += failures;
        all_errors += errors;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\" time=\"0\">",
            escape(&f.name, true),
            cases.len()
        );
        for c in &cases {
            write_case(&mut suites, report, &f.name, c, fail_on);
        }
        suites.push_str("  </testsuite>\n");
    }
    for e in &report.input_errors {
        all_tests += 1;
        all_errors += 1;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\">",
            escape(&e.name, true)
        );
        write_case(
            &mut suites,
            report,
            &e.name,
            &Case {
                name: format!("capture {}", e.name),
                findings: Vec::new(),
                error: Some(format!("cannot read {}: {}", e.name, e.reason)),
            },
            fail_on,
        );
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"valint\" tests=\"{all_tests}\" failures=\"{all_failures}\" errors=\"{all_errors}\" time=\"0\">\n{suites}</testsuites>\n"
    )
}

/// Writes the XML document.
pub fn render(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(to_string(report, opts).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_quotes_and_control_characters() {
        assert_eq!(
            escape("a<b & \"c\"\n\u{1}", true),
            "a&lt;b &amp; &quot;c&quot;&#10;\u{FFFD}"
        );
        assert_eq!(escape("x\ny'", false), "x\ny'");
    }
}
