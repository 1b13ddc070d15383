//! Whole captures (actionlint-style golden outputs): every file under `testdata/captures/`
//! is checked and its rendered report snapshotted; the same session recorded as a pretty
//! HAR, a minified HAR and an NDJSON log must give the same findings.

use std::path::Path;
use valint::check::{check, Input};
use valint::config::Config;
use valint::report::{self, Style};

fn render(rel: &str) -> (String, valint::check::Report) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(root.join(rel)).expect("fixture");
    let report = check(&[Input::Bytes(rel.to_string(), bytes)], &Config::default());
    let mut out = Vec::new();
    let style = Style {
        color: false,
        unicode: true,
        width: 100,
    };
    report::full::render(&report, style, &mut out).unwrap();
    report::summary::render(&report, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), report)
}

#[test]
fn capture_snapshots() {
    insta::glob!("../testdata/captures", "*.{har,ndjson,jsonl}", |path| {
        let rel = format!(
            "testdata/captures/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let (text, _) = render(&rel);
        insta::assert_snapshot!(text);
    });
}

fn codes(rel: &str) -> Vec<(&'static str, Option<String>)> {
    let (_, report) = render(rel);
    let mut v: Vec<_> = report
        .diagnostics
        .iter()
        // Info findings about the container (a bad escape in another entry) differ by format.
        .filter(|d| d.severity != valint::diagnostic::Severity::Info)
        .map(|d| (d.rule.code, d.context.event_type.clone()))
        .collect();
    v.sort();
    v
}

#[test]
fn same_session_same_findings_in_every_format() {
    let har = codes("testdata/captures/devtools-session.har");
    assert_eq!(har, codes("testdata/captures/charles-minified.har"));
    assert_eq!(har, codes("testdata/captures/request-log.ndjson"));
    for code in ["PNG001", "TIM001", "TIM003", "HTTP001", "SCH001", "SYN023"] {
        assert!(
            har.iter().any(|(c, _)| *c == code),
            "{code} missing: {har:?}"
        );
    }
}

#[test]
fn every_request_is_accounted_for() {
    let (_, report) = render("testdata/captures/devtools-session.har");
    let f = &report.files[0];
    // 17 entries: 13 Media requests checked, 1 POST without a body, 3 skipped
    // (a page load, a CORS preflight, a CDN request).
    assert_eq!((f.checked, f.unreadable, f.skipped), (13, 1, 3));
    assert_eq!(report.sessions, 1);
}
