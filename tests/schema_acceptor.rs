//! The schema acceptor (`schema::accept`) must not change a run: every capture under
//! `testdata/` (fixtures, captures, docs pages, the generated captures with defects) is
//! checked with it and with `jsonschema` alone (`Config::jsonschema_only`), read by the
//! fast path and by the spanned parser, and the JSON reports must be the same.

mod common;

use common::{same_reports, testdata_files};
use std::path::Path;
use valint::config::Config;

#[test]
fn every_capture_reads_the_same_with_and_without_the_acceptor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = testdata_files();
    assert!(files.contains(&root.join("testdata/generated/generated-defects.ndjson")));
    let mut schema_findings = 0;
    for spanned_only in [false, true] {
        let with = Config {
            threads: Some(1),
            spanned_only,
            ..Config::default()
        };
        let without = Config {
            jsonschema_only: true,
            ..with.clone()
        };
        let accepted = same_reports(
            &files,
            &with,
            &without,
            &format!("(spanned only: {spanned_only}) the acceptor changed the report (without: jsonschema alone)"),
        );
        schema_findings += accepted
            .iter()
            .filter(|r| r.contains("\"code\": \"SCH"))
            .count();
    }
    assert!(
        schema_findings > 10,
        "too few captures with schema findings to compare ({schema_findings})"
    );
}
