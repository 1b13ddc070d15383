//! The `valint` command line, end to end: every subcommand, exit code and output format.
//!
//! Captures come from `testdata/rules/` and, for the docs-page tests, from `testdata/docs/`.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// A clean capture: a whole session with an ad break and no finding at all.
const CLEAN: &str = "testdata/rules/AD001/valid.jsonl";
/// A capture with error findings (AD001).
const ERRORS: &str = "testdata/rules/AD001/invalid.jsonl";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `valint` run from the crate root, with the environment that changes output removed.
fn valint() -> Command {
    let mut cmd = Command::cargo_bin("valint").expect("the valint binary is built");
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("VALINT_OUTPUT_FORMAT")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

fn output_of(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("valint runs");
    (
        out.status.code().expect("valint exits with a code"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// Parses JSON-lines output; every line must be one JSON object.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| {
            let v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"));
            assert!(v.is_object(), "not a JSON object: {l}");
            v
        })
        .collect()
}

fn findings(lines: &[Value]) -> Vec<&Value> {
    lines
        .iter()
        .filter(|v| v["type"] == "finding")
        .collect::<Vec<_>>()
}

fn has_ansi(s: &str) -> bool {
    s.contains('\u{1b}')
}

// ------------------------------------------------------------------ exit codes

#[test]
fn clean_capture_exits_0() {
    valint()
        .args(["check", CLEAN])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No findings."));
}

#[test]
fn capture_with_errors_exits_1() {
    valint()
        .args(["check", ERRORS])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[AD001]: ad-outside-break"))
        .stdout(predicate::str::contains("Found 2 findings: 2 errors"));
}

#[test]
fn warnings_only_exit_0() {
    // TIM002 is a warning: reported, but not a failure.
    valint()
        .args(["check", "testdata/rules/TIM002/invalid.jsonl"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[TIM002]"));
}

#[test]
fn unknown_flag_exits_2() {
    valint()
        .args(["check", "--nope", CLEAN])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--nope"));
}

// Exit 3, not 2: a capture that cannot be read means "re-record", not "fix the command".

#[test]
fn missing_file_exits_3_and_names_it() {
    let (code, stdout, stderr) = output_of(valint().args(["check", "no-such-capture.jsonl"]));
    assert_eq!(code, 3);
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains("no-such-capture.jsonl") && all.contains("no such file"),
        "the message names the missing file:\n{all}"
    );
}

#[test]
fn missing_file_among_good_ones_still_exits_3() {
    // A path without glob characters is a typo, not an empty glob (tests/inputs.rs).
    let (code, stdout, stderr) =
        output_of(valint().args(["check", CLEAN, "no-such-capture.jsonl"]));
    assert_eq!(code, 3);
    assert!(format!("{stdout}{stderr}").contains("no-such-capture.jsonl"));
}

#[test]
fn missing_file_in_json_mode_is_reported_on_stderr() {
    let (code, stdout, stderr) =
        output_of(valint().args(["check", "--format", "json-lines", "no-such-capture.jsonl"]));
    assert_eq!(code, 3);
    assert!(stderr.contains("no-such-capture.jsonl"), "stderr: {stderr}");
    let lines = json_lines(&stdout);
    let summary = lines.last().expect("a summary line");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["input_errors"][0]["file"], "no-such-capture.jsonl");
}

#[test]
fn no_files_checks_the_current_folder() {
    // `valint check` alone walks `.` (tests/inputs.rs has the walk's cases): here the
    // fixtures of one rule, whose invalid capture has AD001 errors.
    valint()
        .arg("check")
        .current_dir(root().join("testdata/rules/AD001"))
        .args(["--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "invalid.jsonl:14:14: error[AD001]",
        ));
}

// ------------------------------------------------------------------ stdin

#[test]
fn dash_reads_stdin_with_its_display_name() {
    let bytes = std::fs::read(root().join(ERRORS)).expect("fixture");
    valint()
        .args(["check", "-", "--stdin-filename", "captures/player.jsonl"])
        .write_stdin(bytes)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("captures/player.jsonl:"))
        .stdout(predicate::str::contains("error[AD001]"));
}

#[test]
fn dash_reads_stdin_without_a_name() {
    let bytes = std::fs::read(root().join(CLEAN)).expect("fixture");
    valint()
        .args(["check", "--format", "json", "-"])
        .write_stdin(bytes)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"<stdin>\""));
}

// ------------------------------------------------------------------ JSON output

#[test]
fn json_lines_output_is_one_object_per_line() {
    for flag in ["--output-format", "--format"] {
        let (code, stdout, _) = output_of(valint().args(["check", flag, "json-lines", ERRORS]));
        assert_eq!(code, 1, "{flag}");
        let lines = json_lines(&stdout);
        let found = findings(&lines);
        assert_eq!(found.len(), 2, "{flag}: {stdout}");
        for f in &found {
            for key in [
                "code",
                "name",
                "severity",
                "file",
                "line",
                "column",
                "end_line",
                "end_column",
                "message",
                "session",
                "event_index",
            ] {
                assert!(f.get(key).is_some(), "{flag}: finding lacks `{key}`: {f}");
            }
            assert_eq!(f["code"], "AD001");
            assert_eq!(f["name"], "ad-outside-break");
            assert_eq!(f["severity"], "error");
            assert_eq!(f["file"], ERRORS);
            assert_eq!(f["session"], "9f2c4e1a7b3d5068");
            assert!(f["line"].as_u64().unwrap() >= 1);
            assert!(f["column"].as_u64().unwrap() >= 1);
            assert!(f["event_index"].is_u64());
        }
        assert_eq!(found[0]["line"], 14);
        assert_eq!(found[0]["column"], 14);
        assert_eq!(found[0]["end_column"], 23);
        let summary = lines.last().expect("summary");
        assert_eq!(
            summary["type"], "summary",
            "{flag}: last line is the summary"
        );
        assert_eq!(summary["errors"], 2);
        assert_eq!(summary["sessions"], 1);
        assert_eq!(
            lines.iter().filter(|v| v["type"] == "summary").count(),
            1,
            "{flag}: one summary"
        );
    }
}

#[test]
fn json_lines_output_of_a_clean_capture_is_just_the_summary() {
    let (code, stdout, _) = output_of(valint().args(["check", "--format", "json-lines", CLEAN]));
    assert_eq!(code, 0);
    let lines = json_lines(&stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["type"], "summary");
    assert_eq!(lines[0]["errors"], 0);
}

#[test]
fn json_output_is_one_document_with_the_same_objects() {
    let (code, stdout, _) = output_of(valint().args(["check", "--format", "json", ERRORS]));
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(doc["version"], 1);
    let (_, lines, _) = output_of(valint().args(["check", "--format", "json-lines", ERRORS]));
    let lines = json_lines(&lines);
    let found: Vec<Value> = findings(&lines).into_iter().cloned().collect();
    assert_eq!(doc["findings"].as_array().expect("findings"), &found);
    assert_eq!(&doc["summary"], lines.last().expect("summary"));
}

// ------------------------------------------------------------------ colour

#[test]
fn pipes_get_no_ansi_escapes() {
    let (_, stdout, stderr) = output_of(valint().args(["check", ERRORS]));
    assert!(!has_ansi(&stdout), "{stdout}");
    assert!(!has_ansi(&stderr), "{stderr}");
}

#[test]
fn no_color_gets_no_ansi_escapes() {
    let (_, stdout, _) = output_of(
        valint()
            .env("NO_COLOR", "1")
            .args(["check", "--color", "auto", ERRORS]),
    );
    assert!(!has_ansi(&stdout), "{stdout}");
}

#[test]
fn color_always_does_colour_so_the_checks_above_mean_something() {
    let (_, stdout, _) = output_of(valint().args(["check", "--color", "always", ERRORS]));
    assert!(has_ansi(&stdout));
}

// ------------------------------------------------------------------ explain, rules

#[test]
fn explain_by_code_and_by_name() {
    for key in ["AD001", "ad001", "ad-outside-break"] {
        valint()
            .args(["explain", key])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("AD001 ad-outside-break"))
            .stdout(predicate::str::contains("## What it checks"))
            .stdout(predicate::str::contains("## Why it matters"));
    }
}

#[test]
fn explain_unknown_rule_exits_2() {
    valint()
        .args(["explain", "NOPE"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("NOPE"));
}

#[test]
fn rules_lists_every_code() {
    let (code, stdout, _) = output_of(valint().arg("rules"));
    assert_eq!(code, 0);
    let registry = valint::rules::registry();
    assert_eq!(stdout.lines().count(), registry.len());
    for r in registry {
        assert!(
            stdout
                .lines()
                .any(|l| l.split_whitespace().next() == Some(r.code)),
            "`valint rules` lacks {}",
            r.code
        );
    }
}

#[test]
fn rules_json_parses() {
    let (code, stdout, _) = output_of(valint().args(["rules", "--json"]));
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&stdout).expect("rules --json is JSON");
    let arr = v.as_array().expect("an array");
    let codes: Vec<&str> = arr.iter().filter_map(|r| r["code"].as_str()).collect();
    let expected: Vec<&str> = valint::rules::registry().iter().map(|r| r.code).collect();
    assert_eq!(codes, expected);
    for r in arr {
        for key in ["code", "name", "family", "severity", "summary"] {
            assert!(r[key].is_string(), "rule lacks `{key}`: {r}");
        }
    }
}

// ------------------------------------------------------------------ docs pages

/// The project's own timeline page in the docs dialect and its translations (headings,
/// tables and prose in German and Spanish; the same code blocks on the same lines).
const TIMELINE_EN: &str = "testdata/docs/timeline-a.md";
const TIMELINE_DE: &str = "testdata/docs/timeline-a.de.md";
const TIMELINE_ES: &str = "testdata/docs/timeline-a.es.md";

/// Rules whose findings on the timeline do not depend on how the page was translated.
const STABLE_RULES: [&str; 5] = ["TIM001", "PNG001", "SCH003", "SYN006", "SYN012"];

fn check_json(rel: &str) -> Vec<Value> {
    let (code, stdout, stderr) = output_of(valint().args(["check", "--format", "json-lines", rel]));
    assert_eq!(code, 1, "{rel}: {stderr}");
    findings(&json_lines(&stdout))
        .into_iter()
        .cloned()
        .collect()
}

/// `(code, action number or `-`, line)`: the request label is the translated heading
/// (`Action 26 - Recovery`, `Aktion 26 - Wiederherstellung`), its number is not.
fn stable_triples(found: &[Value]) -> BTreeSet<(String, String, u64)> {
    found
        .iter()
        .filter(|f| STABLE_RULES.contains(&f["code"].as_str().unwrap_or("")))
        .map(|f| {
            // A finding made at the session's end (the pings stopped) names no action.
            let label = f["request"].as_str().unwrap_or("end -");
            (
                f["code"].as_str().unwrap_or("").to_string(),
                label.split_whitespace().nth(1).unwrap_or("").to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn docs_page_in_three_languages() {
    let en = check_json(TIMELINE_EN);
    let de = check_json(TIMELINE_DE);
    let es = check_json(TIMELINE_ES);

    for (lang, found) in [("en", &en), ("de", &de), ("es", &es)] {
        let of = |code: &'static str| found.iter().filter(move |f| f["code"] == code);
        let msg = |f: &Value| f["message"].as_str().unwrap().to_string();
        assert_eq!(
            of("SYN012").map(msg).collect::<Vec<_>>(),
            ["`1ß` is not a number; Adobe answers HTTP 400"],
            "{lang}: SYN012 on `1ß`"
        );
        assert_eq!(of("SYN006").count(), 2, "{lang}: trailing commas (SYN006)");
        assert!(
            of("SCH003")
                .map(msg)
                .any(|m| m.contains("`droppedFrames`") && m.contains("qoeData")),
            "{lang}: SCH003 for qoeData key `droppedFrames`"
        );
        assert!(
            of("TIM001")
                .map(msg)
                .any(|m| m.contains("from 32 s to 29 s")),
            "{lang}: TIM001 playhead 32 -> 29"
        );
        assert!(
            of("PNG001")
                .map(msg)
                .any(|m| m.starts_with("20 s without a ping")),
            "{lang}: PNG001 after the mid-roll"
        );
    }

    let en_triples = stable_triples(&en);
    assert_eq!(en_triples.len(), 7);
    assert_eq!(stable_triples(&de), en_triples, "de vs en");
    assert_eq!(stable_triples(&es), en_triples, "es vs en");
}
