//! Baselines, end to end: write one, check clean against it, add a finding (fails), remove
//! one (reported stale), prune; keys survive a re-recording that changes the sid; SARIF
//! marks findings `unchanged` or `new` and validates against the schema.

mod common;
use common::run;
use std::path::Path;

/// `valint check --isolated` run in `dir` (no settings file of the machine's applies).
fn valint_in(dir: &Path) -> assert_cmd::Command {
    let mut cmd = common::valint_in(dir);
    cmd.args(["check", "--isolated"]);
    cmd
}

use assert_cmd::Command;
use serde_json::Value;

/// A body stream with two AD001 errors on events 3 and 6 of its session.
const AD001: &str = "testdata/rules/AD001/invalid.jsonl";

fn fixture() -> String {
    std::fs::read_to_string(common::root().join(AD001)).unwrap()
}

/// The capture with its adComplete (the second AD001) moved inside a proper ad break:
/// one old finding gone.
fn with_second_fixed(text: &str) -> String {
    let complete = text
        .lines()
        .position(|l| l.contains("\"adComplete\""))
        .unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // The adComplete and its request line go; the ad stays open (AD005 at session end
    // is a new finding of another rule, which keeps the run failing on something new).
    lines.drain(complete - 1..=complete);
    lines.join("\n") + "\n"
}

#[test]
fn a_baseline_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("c.jsonl"), fixture()).unwrap();

    // Write: today's two findings are recorded and hidden.
    let (code, out, err) = run(valint_in(d).args([
        "--output-format",
        "concise",
        "--write-baseline",
        "valint-baseline.json",
        "c.jsonl",
    ]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("wrote 2 findings (2 entries)"), "{err}");
    let file: Value =
        serde_json::from_slice(&std::fs::read(d.join("valint-baseline.json")).unwrap()).unwrap();
    assert_eq!(file["version"], 1);
    assert_eq!(
        file["entries"][0],
        serde_json::json!({"file": "c.jsonl", "session": 0, "event": 3, "rule": "AD001", "count": 1})
    );

    // Check clean against it.
    let (code, out, _) = run(valint_in(d).args([
        "--output-format",
        "concise",
        "--baseline",
        "valint-baseline.json",
        "c.jsonl",
    ]));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("No findings") && out.contains("2 in the baseline, 0 stale"),
        "{out}"
    );

    // A re-recording with another sid keeps its keys.
    let resid = fixture().replace("9f2c4e1a7b3d5068", "0123456789abcdef");
    std::fs::write(d.join("c.jsonl"), &resid).unwrap();
    let (code, out, _) = run(valint_in(d).args(["--baseline", "valint-baseline.json", "c.jsonl"]));
    assert_eq!(code, 0, "{out}");

    // A new finding: the same rule on another event still fails.
    let body = "POST /api/v1/sessions/0123456789abcdef/events\n{\"eventType\":\"adSkip\",\"playerTime\":{\"playhead\":25.5,\"ts\":1718000041000}}\n";
    let end = resid
        .find("POST /api/v1/sessions/0123456789abcdef/events\n{\"eventType\":\"sessionEnd\"")
        .unwrap();
    let mut added = resid.clone();
    added.insert_str(end, body);
    std::fs::write(d.join("c.jsonl"), &added).unwrap();
    let (code, out, _) = run(valint_in(d).args([
        "--output-format",
        "json-lines",
        "--baseline",
        "valint-baseline.json",
        "c.jsonl",
    ]));
    assert_eq!(code, 1, "{out}");
    let new: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "finding")
        .collect();
    assert_eq!(new.len(), 1, "{out}");
    assert_eq!(new[0]["code"], "AD001");
    assert!(new[0]["message"].as_str().unwrap().contains("adSkip"));

    // An old finding gone: its entry is stale, and said so.
    std::fs::write(d.join("c.jsonl"), with_second_fixed(&fixture())).unwrap();
    let (_, out, err) = run(valint_in(d).args([
        "--output-format",
        "json-lines",
        "--baseline",
        "valint-baseline.json",
        "c.jsonl",
    ]));
    assert!(
        err.contains(
            "note: stale baseline entry: c.jsonl, session 0, event #6: AD001 (1 no longer found)"
        ),
        "{err}"
    );
    let summary: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(summary["baseline"]["unchanged"], 1, "{summary}");
    assert_eq!(summary["baseline"]["stale"].as_array().unwrap().len(), 1);

    // Prune: the stale entry goes, the rest stays.
    let (_, _, err) = run(valint_in(d).args([
        "--baseline",
        "valint-baseline.json",
        "--prune-baseline",
        "c.jsonl",
    ]));
    assert!(err.contains("pruned 1 stale entry"), "{err}");
    let file: Value =
        serde_json::from_slice(&std::fs::read(d.join("valint-baseline.json")).unwrap()).unwrap();
    assert_eq!(file["entries"].as_array().unwrap().len(), 1, "{file}");
    assert_eq!(file["entries"][0]["event"], 3);
    let (_, out, err) = run(valint_in(d).args([
        "--output-format",
        "concise",
        "--baseline",
        "valint-baseline.json",
        "c.jsonl",
    ]));
    assert!(out.contains("1 in the baseline, 0 stale"), "{out}");
    assert!(!err.contains("stale baseline entry"), "{err}");
}

#[test]
fn counts_let_a_second_occurrence_of_a_key_fail() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A baseline that holds one AD001 on event 3, where there is one: clean.
    let entry = |count: usize| {
        serde_json::json!({"version": 1, "entries": [
            {"file": "c.jsonl", "session": 0, "event": 3, "rule": "AD001", "count": count},
            {"file": "c.jsonl", "session": 0, "event": 6, "rule": "AD001", "count": 1}
        ]})
        .to_string()
    };
    std::fs::write(d.join("c.jsonl"), fixture()).unwrap();
    std::fs::write(d.join("b.json"), entry(1)).unwrap();
    let (code, _, _) = run(valint_in(d).args(["--baseline", "b.json", "c.jsonl"]));
    assert_eq!(code, 0);
    // Count 0 for event 3: its finding is new.
    std::fs::write(d.join("b.json"), entry(0)).unwrap();
    let (code, out, _) = run(valint_in(d).args([
        "--output-format",
        "concise",
        "--baseline",
        "b.json",
        "c.jsonl",
    ]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("c.jsonl:14:14: error[AD001]"), "{out}");
}

#[test]
fn a_bad_baseline_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("c.jsonl"), fixture()).unwrap();
    std::fs::write(d.join("b.json"), "{\"entries\": 3}").unwrap();
    let (code, _, err) = run(valint_in(d).args(["--baseline", "b.json", "c.jsonl"]));
    assert_eq!(code, 2);
    assert!(err.contains("is not a valint baseline"), "{err}");
    let (code, _, err) = run(valint_in(d).args(["--baseline", "missing.json", "c.jsonl"]));
    assert_eq!(code, 2);
    assert!(err.contains("cannot read missing.json"), "{err}");
    // --prune-baseline needs a baseline.
    let (code, _, _) = run(valint_in(d).args(["--prune-baseline", "c.jsonl"]));
    assert_eq!(code, 2);
}

#[test]
fn sarif_marks_baselined_findings_unchanged_and_others_new() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("c.jsonl"), fixture()).unwrap();
    std::fs::write(
        d.join("b.json"),
        serde_json::json!({"version": 1, "entries": [
            {"file": "c.jsonl", "session": 0, "event": 3, "rule": "AD001", "count": 1}
        ]})
        .to_string(),
    )
    .unwrap();
    // With an inline suppression too: SARIF carries all three kinds.
    let text = fixture();
    let mut lines: Vec<&str> = text.lines().collect();
    let complete = lines
        .iter()
        .position(|l| l.contains("\"adComplete\""))
        .unwrap();
    lines.insert(
        complete - 1,
        "# valint: ignore[AD001] -- closed by the player on purpose",
    );
    std::fs::write(d.join("s.jsonl"), lines.join("\n") + "\n").unwrap();
    let (code, out, _) = run(valint_in(d).args([
        "--output-format",
        "sarif",
        "--baseline",
        "b.json",
        "c.jsonl",
        "s.jsonl",
    ]));
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).unwrap();
    common::validate_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["ruleId"] == "CAP001"
            && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "s.jsonl"),
        "{results:?}"
    );
    let states: Vec<(&str, u64, bool, &str)> = results
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            (
                loc["artifactLocation"]["uri"].as_str().unwrap(),
                loc["region"]["startLine"].as_u64().unwrap(),
                r.get("suppressions").is_some(),
                r["baselineState"].as_str().unwrap(),
            )
        })
        .collect();
    let mut states = states;
    states.sort();
    assert_eq!(
        states,
        [
            ("c.jsonl", 14, false, "unchanged"),
            ("c.jsonl", 21, false, "new"),
            // s.jsonl repeats c.jsonl's traffic: CAP001 (issue 19) says so, once.
            ("s.jsonl", 10, false, "new"),
            ("s.jsonl", 14, false, "new"),
            ("s.jsonl", 22, true, "new"),
        ]
    );
}

#[test]
fn a_baseline_named_in_the_settings_is_relative_to_the_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("proj/captures")).unwrap();
    std::fs::write(d.join("proj/captures/c.jsonl"), fixture()).unwrap();
    std::fs::write(
        d.join("proj/valint.toml"),
        "baseline = \"valint-baseline.json\"\noutput-format = \"concise\"\n",
    )
    .unwrap();
    let mut cmd = Command::cargo_bin("valint").unwrap();
    let (code, _, err) = run(cmd.current_dir(d).args([
        "check",
        "--isolated",
        "--write-baseline",
        "proj/valint-baseline.json",
        "proj/captures/c.jsonl",
    ]));
    assert_eq!(code, 0, "{err}");
    // From the parent folder, then from inside: the settings' baseline is found either way,
    // and its keys (relative to the baseline's folder) match.
    for (cwd, file) in [
        (d.to_path_buf(), "proj/captures/c.jsonl"),
        (d.join("proj/captures"), "c.jsonl"),
    ] {
        let mut cmd = Command::cargo_bin("valint").unwrap();
        let (code, out, err) = run(cmd
            .current_dir(&cwd)
            .env_remove("VALINT_OUTPUT_FORMAT")
            .args(["check", file]));
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("2 in the baseline, 0 stale"), "{out}");
    }
}
