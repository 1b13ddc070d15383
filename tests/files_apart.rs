//! A file's findings never depend on the other files of the run (issue 19): sessions are
//! joined across files only when a later file continues one (same sid, no sessionStart,
//! later `ts`). Two exports of the same traffic, and copied fixtures that share a sid, give
//! each file the findings it has alone; a capture split across two files stays one session.

use std::collections::BTreeSet;
use std::path::Path;
use valint::check::{check, Input};
use valint::config::Config;
use valint::model::Report;

fn run(files: &[&str]) -> Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs: Vec<Input> = files
        .iter()
        .map(|f| Input::Bytes(f.to_string(), std::fs::read(root.join(f)).unwrap()))
        .collect();
    check(&inputs, &Config::default())
}

/// `(code, start byte, message)` of every finding in file `name` of `report`.
fn findings_of(report: &Report, name: &str) -> BTreeSet<(String, u32, String)> {
    let fi = report.files.iter().position(|f| f.name == name).unwrap();
    report
        .diagnostics
        .iter()
        .filter(|d| d.file == fi)
        .map(|d| {
            (
                d.rule.code.to_string(),
                d.primary.span.start,
                d.message.clone(),
            )
        })
        .collect()
}

fn same_together_as_apart(files: &[&str]) {
    let together = run(files);
    for f in files {
        let alone = run(&[f]);
        assert_eq!(
            findings_of(&together, f),
            findings_of(&alone, f),
            "{f} with {files:?}"
        );
    }
}

#[test]
fn two_exports_of_the_same_traffic_give_the_same_findings_together() {
    // The same session recorded by Charles and by the browser's devtools.
    let files = [
        "testdata/captures/charles-minified.har",
        "testdata/captures/devtools-session.har",
    ];
    same_together_as_apart(&files);
    // Before sessions were joined only on continuation, the second export's events all
    // arrived "after sessionEnd" of the first.
    let together = run(&files);
    assert!(!findings_of(&together, files[1])
        .iter()
        .any(|(code, _, m)| code == "SES003" && m.contains("arrives after sessionEnd")),);
}

#[test]
fn copied_fixtures_sharing_a_sid_give_their_own_findings_in_either_order() {
    // What pre-commit passes when a good and a bad capture, copied from one template,
    // change together (scripts/test-pre-commit.sh uses these two).
    let good = "testdata/rules/AD001/valid.jsonl";
    let bad = "testdata/rules/AD001/invalid.jsonl";
    same_together_as_apart(&[good, bad]);
    same_together_as_apart(&[bad, good]);
    let together = run(&[good, bad]);
    let ad001 = findings_of(&together, bad)
        .into_iter()
        .filter(|f| f.0 == "AD001")
        .count();
    assert_eq!(ad001, 2, "the bad capture's own defect");
    assert!(findings_of(&together, good).is_empty());
    assert_eq!(together.sessions, 2);
}

#[test]
fn a_capture_split_across_two_files_is_still_one_session() {
    // A proxy restarted mid-session: the second file continues the first one's sid with
    // later times and no sessionStart.
    let report = run(&[
        "testdata/captures/split/part-1.har",
        "testdata/captures/split/part-2.ndjson",
    ]);
    assert_eq!(report.sessions, 1);
    assert!(!report
        .diagnostics
        .iter()
        .any(|d| d.rule.code == "SES001" || d.rule.code == "SES002"));
}
