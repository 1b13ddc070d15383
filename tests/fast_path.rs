//! The fast path (`syntax::strict`) must not change a run: every capture is checked with
//! it and with the spanned parser alone, and the two JSON reports must be the same,
//! finding for finding, span for span.

mod common;

use common::{json_report, same_reports, testdata_files};
use std::path::{Path, PathBuf};
use valint::check::{check, Input};
use valint::config::Config;

#[test]
fn every_capture_reads_the_same_with_and_without_the_fast_path() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Fixtures, captures and the docs pages of `testdata/docs/`. Adobe's own pages, when
    // they are beside the checkout, are checked the same way by the extra suite
    // (`adobe_pages.rs`).
    let files = testdata_files();
    for page in [
        "timeline-a.md",
        "timeline-a.de.md",
        "timeline-a.es.md",
        "timeline-b.md",
    ] {
        assert!(
            files.contains(&root.join("testdata/docs").join(page)),
            "testdata/docs/{page} is not among the captures"
        );
    }
    let fast = Config {
        threads: Some(1),
        ..Config::default()
    };
    let spanned = Config {
        spanned_only: true,
        ..fast.clone()
    };
    same_reports(&files, &fast, &spanned, "the fast path changed the report");
}

#[test]
fn generated_captures_with_defects_read_the_same_on_two_threads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/generated");
    for name in [
        "generated-defects.ndjson",
        "generated-defects.har",
        "generated-defects.txt",
    ] {
        let inputs = [Input::Path(root.join(name))];
        let fast = json_report(&inputs, false, 2);
        let slow = json_report(&inputs, true, 1);
        assert!(fast.contains("\"code\""), "{name}: no findings to compare");
        assert!(fast == slow, "{name}: the fast path changed the report");
    }
}

/// A body the reader validates keeps only its `params`: rules still read them, and a
/// finding still finds its place in the body.
#[test]
fn params_are_read_after_the_reader_validated_the_body() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs = [Input::Path(
        root.join("testdata/captures/params-after-validation.ndjson"),
    )];
    for threads in [1, 2] {
        let report = json_report(&inputs, false, threads);
        assert!(report.contains(r#""code": "SES005""#), "{report}");
        // The label sits on the flag's value, not on the whole body.
        let cfg = Config {
            threads: Some(threads),
            ..Config::default()
        };
        let r = check(&inputs, &cfg);
        let d = &r.diagnostics.get(0);
        let text = std::fs::read(inputs_path(&inputs)).unwrap();
        let at = d.primary.span;
        assert_eq!(&text[at.start as usize..at.end as usize], b"true");
    }
}

fn inputs_path(inputs: &[Input]) -> PathBuf {
    match &inputs[0] {
        Input::Path(p) => p.clone(),
        Input::Bytes(..) => unreachable!(),
    }
}
