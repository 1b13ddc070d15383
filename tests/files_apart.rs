//! A file's findings never depend on the other files of the run (issue 19): sessions are
//! joined across files only when a later file continues one (same sid, no sessionStart,
//! later `ts`). Two exports of the same traffic, and copied fixtures that share a sid, give
//! each file the findings it has alone; a capture split across two files stays one session.
//! A file that repeats requests of an earlier one exactly (same sid, body and ts) gets one
//! CAP001 info finding more than it has alone, naming that file and the count.

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

/// [`findings_of`] but CAP001, the one finding a file can have only beside another.
fn own_findings_of(report: &Report, name: &str) -> BTreeSet<(String, u32, String)> {
    let mut found = findings_of(report, name);
    found.retain(|f| f.0 != "CAP001");
    found
}

/// The CAP001 messages of file `name` in `report`.
fn repeats_of(report: &Report, name: &str) -> Vec<String> {
    findings_of(report, name)
        .into_iter()
        .filter(|f| f.0 == "CAP001")
        .map(|f| f.2)
        .collect()
}

fn same_together_as_apart(files: &[&str]) {
    let together = run(files);
    for f in files {
        let alone = run(&[f]);
        assert_eq!(
            own_findings_of(&together, f),
            findings_of(&alone, f),
            "{f} with {files:?}"
        );
    }
}

#[test]
fn the_same_traffic_recorded_twice_is_two_captures_and_one_cap001() {
    // Two exports of one proxy session, and the same file given twice under two names.
    let a = "testdata/captures/charles-minified.har";
    let b = "testdata/captures/devtools-session.har";
    let together = run(&[a, b]);
    assert!(repeats_of(&together, a).is_empty());
    assert_eq!(
        repeats_of(&together, b),
        [format!("repeats 13 requests of {a} (same session id, body and ts): the same traffic recorded twice, checked as a capture of its own")]
    );
    // The finding is on the later file's first repeated request: the sessionStart body.
    let fi = together.files.iter().position(|f| f.name == b).unwrap();
    let cap = together
        .diagnostics
        .iter()
        .find(|d| d.rule.code == "CAP001")
        .unwrap();
    assert_eq!(cap.file, fi);
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(b)).unwrap();
    let at = &bytes[cap.primary.span.start as usize..cap.primary.span.end as usize];
    assert!(
        String::from_utf8_lossy(at).contains("sessionStart"),
        "{}",
        String::from_utf8_lossy(at)
    );
    assert_eq!(together.sessions, 2);
    // Given in the other order, the repeats are on the other file.
    let swapped = run(&[b, a]);
    assert_eq!(repeats_of(&swapped, a).len(), 1);
    assert!(repeats_of(&swapped, b).is_empty());
    // Never joined: no second sessionStart, in either order (the other findings are
    // those of each file alone: see the test above).
    for report in [&together, &swapped] {
        assert!(!report.diagnostics.iter().any(|d| d.rule.code == "SES002"));
    }
}

#[test]
fn a_repeat_without_a_session_start_does_not_continue_the_session() {
    // The second file holds the first one's requests again (no sessionStart, ts not
    // later): the same traffic, not a continuation, so it is a session of its own (SES001
    // as alone), and one CAP001 for 2 requests.
    let first = b"POST /api/v1/sessions/4e2a91c0/events\n{\"eventType\":\"play\",\"playerTime\":{\"playhead\":0,\"ts\":1700000000300}}\nPOST /api/v1/sessions/4e2a91c0/events\n{\"eventType\":\"ping\",\"playerTime\":{\"playhead\":9.7,\"ts\":1700000010000}}\n";
    let inputs = [
        Input::Bytes("a.txt".into(), first.to_vec()),
        Input::Bytes("b.txt".into(), first.to_vec()),
    ];
    let together = check(&inputs, &Config::default());
    let alone = check(&inputs[1..], &Config::default());
    assert_eq!(
        own_findings_of(&together, "b.txt"),
        findings_of(&alone, "b.txt")
    );
    assert_eq!(
        repeats_of(&together, "b.txt"),
        ["repeats 2 requests of a.txt (same session id, body and ts): the same traffic recorded twice, checked as a capture of its own"]
    );
    assert_eq!(together.sessions, 2);
    // A file that continues the session (later ts) is no repeat and joins it.
    let later = String::from_utf8_lossy(first)
        .replace("1700000000300", "1700000020000")
        .replace("1700000010000", "1700000030000")
        .replace("\"playhead\":9.7", "\"playhead\":29.7")
        .replace("\"playhead\":0,", "\"playhead\":19.7,");
    let inputs = [
        Input::Bytes("a.txt".into(), first.to_vec()),
        Input::Bytes("c.txt".into(), later.into_bytes()),
    ];
    let joined = check(&inputs, &Config::default());
    assert_eq!(joined.sessions, 1);
    assert!(repeats_of(&joined, "c.txt").is_empty());
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
    // The two copies share their first 9 requests byte for byte (sessionStart included).
    assert_eq!(
        repeats_of(&together, bad),
        [format!("repeats 9 requests of {good} (same session id, body and ts): the same traffic recorded twice, checked as a capture of its own")]
    );
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
