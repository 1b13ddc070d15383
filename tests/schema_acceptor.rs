//! The schema acceptor (`schema::accept`) must not change a run: every capture under
//! `testdata/` (fixtures, captures, docs pages, the generated captures with defects) is
//! checked with it and with `jsonschema` alone (`Config::jsonschema_only`), read by the
//! fast path and by the spanned parser, and the JSON reports must be the same.

mod common;

use common::{files_under, json_report_with as json_report};
use std::path::Path;
use valint::check::Input;
use valint::config::Config;

#[test]
fn every_capture_reads_the_same_with_and_without_the_acceptor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    files_under(&root.join("testdata"), &mut files);
    assert!(files.len() > 40, "found only {} captures", files.len());
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
        for f in &files {
            let inputs = [Input::Path(f.clone())];
            let accepted = json_report(&inputs, &with);
            let plain = json_report(&inputs, &without);
            schema_findings += usize::from(accepted.contains("\"code\": \"SCH"));
            assert!(
                accepted == plain,
                "{} (spanned only: {spanned_only}): the acceptor changed the report\n--- jsonschema alone\n{plain}\n--- with the acceptor\n{accepted}",
                f.display()
            );
        }
    }
    assert!(
        schema_findings > 10,
        "too few captures with schema findings to compare ({schema_findings})"
    );
}
