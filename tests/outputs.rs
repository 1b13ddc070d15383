//! The CI-facing outputs end to end: every `--output-format`, exit codes 0/1/2/3, several
//! outputs in one run, SARIF against the official schema, the GitHub workflow-command
//! grammar, JUnit parsed as XML, `--redact`, colour, completions and the man page.
//! No network: everything here runs offline.

mod common;

use assert_cmd::Command;
use common::{sarif_validator, validate_sarif};
use regex::Regex;
use serde_json::Value;
use std::path::Path;

/// No finding at all.
const CLEAN: &str = "testdata/rules/AD001/valid.jsonl";
/// Two AD001 errors in one session.
const ERRORS: &str = "testdata/rules/AD001/invalid.jsonl";
/// Warnings only (TIM002).
const WARNINGS: &str = "testdata/rules/TIM002/invalid.jsonl";
/// A HAR capture with findings, secondary labels and a sid.
const HAR: &str = "testdata/captures/devtools-session.har";
/// Visitor ids, an ECID, customer ids, cookies and IP addresses, plus two errors.
const IDENTIFIERS: &str = "testdata/outputs/identifiers.har";
/// A body stream cut off in the middle of its last body.
const TRUNCATED_STREAM: &str = "testdata/outputs/truncated.jsonl";
/// A HAR file cut off in the middle of an entry.
const TRUNCATED_HAR: &str = "testdata/outputs/truncated.har";
/// A HAR file without `log.entries`.
const NO_ENTRIES: &str = "testdata/outputs/no-entries.har";

const FORMATS: [&str; 7] = [
    "full",
    "concise",
    "json",
    "json-lines",
    "sarif",
    "github",
    "junit",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn valint() -> Command {
    let mut cmd = Command::cargo_bin("valint").expect("the valint binary is built");
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("VALINT_OUTPUT_FORMAT")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("valint runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

fn check(format: &str, files: &[&str]) -> (i32, String, String) {
    run(valint()
        .args(["check", "--output-format", format])
        .args(files))
}

// ------------------------------------------------------------------ exit codes per format

#[test]
fn exit_codes_are_the_same_in_every_format() {
    for format in FORMATS {
        assert_eq!(check(format, &[CLEAN]).0, 0, "{format}: clean capture");
        assert_eq!(check(format, &[ERRORS]).0, 1, "{format}: errors");
        assert_eq!(check(format, &[WARNINGS]).0, 0, "{format}: warnings only");
        assert_eq!(
            check(format, &[TRUNCATED_STREAM]).0,
            3,
            "{format}: truncated body stream"
        );
        assert_eq!(
            check(format, &[TRUNCATED_HAR]).0,
            3,
            "{format}: truncated HAR"
        );
        assert_eq!(
            check(format, &[NO_ENTRIES]).0,
            3,
            "{format}: HAR without entries"
        );
        assert_eq!(
            check(format, &["testdata/outputs/missing.har"]).0,
            3,
            "{format}: missing file"
        );
        let (code, _, stderr) =
            run(valint().args(["check", "--output-format", format, "--bogus", CLEAN]));
        assert_eq!(code, 2, "{format}: unknown flag");
        assert!(stderr.contains("--bogus"), "{stderr}");
    }
}

#[test]
fn bad_format_and_bad_values_are_usage_errors() {
    assert_eq!(check("xml", &[CLEAN]).0, 2);
    let (code, _, stderr) = run(valint()
        .env("VALINT_OUTPUT_FORMAT", "yaml")
        .args(["check", CLEAN]));
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        run(valint().args(["check", "--fail-on", "fatal", CLEAN])).0,
        2
    );
    assert_eq!(
        run(valint().args(["check", "--output", "sarif", CLEAN])).0,
        2,
        "--output needs FORMAT=PATH"
    );
}

#[test]
fn truncation_wins_over_findings_and_exit_zero() {
    // The truncated stream also has error findings: 3 says "re-record" first.
    let (code, stdout, stderr) = run(valint().args(["check", "--exit-zero", TRUNCATED_STREAM]));
    assert_eq!(code, 3);
    assert!(stderr.contains("truncated"), "{stderr}");
    assert!(stdout.contains("not checked completely"), "{stdout}");
}

#[test]
fn fail_on_exit_zero_and_max_warnings() {
    let code = |args: &[&str]| run(valint().arg("check").args(args)).0;
    assert_eq!(code(&[WARNINGS]), 0);
    assert_eq!(code(&["--fail-on", "warning", WARNINGS]), 1);
    assert_eq!(code(&["--fail-on", "info", WARNINGS]), 1);
    assert_eq!(code(&["--fail-on", "warning", "--exit-zero", WARNINGS]), 0);
    assert_eq!(code(&["--exit-zero", ERRORS]), 0);
    assert_eq!(code(&["--max-warnings", "0", WARNINGS]), 1);
    assert_eq!(code(&["--max-warnings", "100", WARNINGS]), 0);
    assert_eq!(code(&["--max-warnings", "0", CLEAN]), 0);
}

#[test]
fn env_selects_the_format_and_the_flag_wins() {
    let (_, stdout, _) = run(valint()
        .env("VALINT_OUTPUT_FORMAT", "concise")
        .args(["check", ERRORS]));
    assert!(
        stdout.starts_with(&format!("{ERRORS}:14:14: error[AD001] ")),
        "{stdout}"
    );
    let (_, stdout, _) = run(valint().env("VALINT_OUTPUT_FORMAT", "concise").args([
        "check",
        "--output-format",
        "json-lines",
        ERRORS,
    ]));
    assert!(stdout.starts_with('{'), "{stdout}");
}

// ------------------------------------------------------------------ concise

#[test]
fn concise_is_one_line_per_finding_and_a_summary() {
    let (code, stdout, _) = check("concise", &[ERRORS]);
    assert_eq!(code, 1);
    let line = Regex::new(r"^[^:]+:\d+:\d+: (error|warning|info)\[[A-Z]+\d{3}\] .+$").unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    for l in &lines[..2] {
        assert!(line.is_match(l), "not a concise line: {l}");
    }
    assert_eq!(
        lines[2],
        "Found 2 findings (2 errors, 0 warnings, 0 info) in 1 file, 1 session."
    );
    let (_, stdout, _) = check("concise", &[CLEAN]);
    assert_eq!(stdout, "No findings in 1 file, 1 session.\n");
}

// ------------------------------------------------------------------ several outputs

#[test]
fn several_outputs_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("valint.sarif");
    let junit = dir.path().join("valint.xml");
    let main = dir.path().join("main.jsonl");
    let (code, stdout, stderr) = run(valint().args([
        "check",
        "--output-format",
        "concise",
        "--output",
        &format!("sarif={}", sarif.display()),
        "--output",
        &format!("junit={}", junit.display()),
        ERRORS,
    ]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.contains("error[AD001]"),
        "the main report on stdout: {stdout}"
    );
    let log: Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 2);
    let xml = std::fs::read_to_string(&junit).unwrap();
    roxmltree::Document::parse(&xml).expect("JUnit XML parses");

    // -o sends the main report to a file; `--output FORMAT=-` puts another one on stdout.
    let (code, stdout, _) = run(valint().args([
        "check",
        "--output-format",
        "json-lines",
        "-o",
        main.to_str().unwrap(),
        "--output",
        "github=-",
        ERRORS,
    ]));
    assert_eq!(code, 1);
    assert!(stdout.starts_with("::error "), "{stdout}");
    let main_text = std::fs::read_to_string(&main).unwrap();
    assert!(main_text.lines().all(|l| l.starts_with('{')), "{main_text}");
}

#[test]
fn two_outputs_on_one_target_are_a_usage_error() {
    let (code, stdout, stderr) = run(valint().args(["check", "--output", "sarif=-", ERRORS]));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("stdout"), "{stderr}");
    let (code, _, _) =
        run(valint().args(["check", "-o", "x.out", "--output", "sarif=x.out", ERRORS]));
    assert_eq!(code, 2);
    assert!(!root().join("x.out").exists());
}

// ------------------------------------------------------------------ SARIF

fn sarif_of(files: &[&str], extra: &[&str]) -> Value {
    let (_, stdout, stderr) = run(valint()
        .args(["check", "--output-format", "sarif"])
        .args(extra)
        .args(files));
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("SARIF is JSON ({e}): {stderr}"))
}

#[test]
fn sarif_of_a_real_capture_validates_and_carries_what_github_needs() {
    let log = sarif_of(&[HAR], &[]);
    validate_sarif(&log);
    assert_eq!(log["version"], "2.1.0");
    let run0 = &log["runs"][0];
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    assert_eq!(run0["automationDetails"]["id"], "valint/");

    // Rules: the whole registry, help = `valint explain`.
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let registry = valint::rules::registry();
    assert_eq!(rules.len(), registry.len());
    for (r, meta) in rules.iter().zip(&registry) {
        assert_eq!(r["id"], meta.code);
        assert_eq!(r["help"]["text"], valint::rules::explain_text(meta));
        assert!(r["shortDescription"]["text"].is_string());
        assert!(r["defaultConfiguration"]["level"].is_string());
    }

    let results = run0["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let mut fingerprints = std::collections::BTreeSet::new();
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[idx]["id"], r["ruleId"],
            "ruleIndex points at the rule"
        );
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"]["uri"], HAR,
            "repository-relative URI"
        );
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &loc["region"];
        for k in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[k].as_u64().unwrap() >= 1, "{k}: {r}");
        }
        let fp = r["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(fingerprints.insert(fp), "fingerprints are unique in a run");
    }
    // Secondary labels become related locations, linked from the message.
    let with_related: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("relatedLocations").is_some())
        .collect();
    assert!(
        !with_related.is_empty(),
        "PNG001/TIM001 have secondary labels"
    );
    for r in with_related {
        let rel = &r["relatedLocations"][0];
        assert_eq!(rel["id"], 1);
        assert!(
            r["message"]["text"].as_str().unwrap().contains("](1)"),
            "{r}"
        );
        assert!(rel["physicalLocation"]["region"]["startLine"].is_u64());
    }
    // Session context rides along.
    assert!(results.iter().any(|r| r["properties"]["session"]
        == "3f1c9a0e5b7d4e2a8c6f1b3d5e7a9c0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a1c"));
}

#[test]
fn the_schema_check_can_fail() {
    // Guards the guard: a validator that accepted anything would make the tests above moot.
    let mut log = sarif_of(&[ERRORS], &[]);
    let validator = sarif_validator();
    assert!(validator.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert_eq!(validator.iter_errors(&log).count(), 2);
}

#[test]
fn sarif_validates_for_every_fixture_and_problem_file() {
    let mut files: Vec<String> = Vec::new();
    for dir in ["testdata/rules", "testdata/captures", "testdata/outputs"] {
        for entry in walk(&root().join(dir)) {
            let rel = entry
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if !rel.ends_with(".md") && !rel.ends_with(".json") {
                files.push(rel);
            }
        }
    }
    files.push("testdata/outputs/missing.har".into());
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let log = sarif_of(&refs, &[]);
    validate_sarif(&log);
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(
        inv["executionSuccessful"], false,
        "some captures cannot be read"
    );
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert!(notes.iter().any(|n| n["message"]["text"]
        .as_str()
        .unwrap()
        .contains("missing.har")));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn sarif_columns_are_utf16_code_units() {
    // `8ß` on a line after a 4-byte emoji: byte, char and UTF-16 columns all differ.
    let body = "{\"eventType\":\"play\",\"x\":\"\u{1F600}\",\"playerTime\":{\"playhead\":8\u{df},\"ts\":1}}\n";
    let (_, stdout, _) = run(valint()
        .args([
            "check",
            "--output-format",
            "sarif",
            "-",
            "--stdin-filename",
            "u.jsonl",
        ])
        .write_stdin(body));
    let log: Value = serde_json::from_str(&stdout).unwrap();
    validate_sarif(&log);
    let r = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "SYN012")
        .expect("SYN012 on `8ß`")
        .clone();
    let region = &r["locations"][0]["physicalLocation"]["region"];
    let prefix = &body[..body.find("8\u{df}").unwrap()];
    let utf16: usize = prefix.chars().map(char::len_utf16).sum();
    assert_eq!(region["startColumn"].as_u64().unwrap() as usize, utf16 + 1);
    assert_eq!(
        region["endColumn"].as_u64().unwrap() as usize,
        utf16 + 1 + 2
    );
    assert_eq!(region["snippet"]["text"], "8\u{df}");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "u.jsonl",
        "--stdin-filename names stdin"
    );
}

#[test]
fn sarif_fingerprints_ignore_line_numbers_and_sids() {
    // The same capture re-recorded: shifted down two lines and with another sid.
    let text = std::fs::read_to_string(root().join(ERRORS)).unwrap();
    let moved = format!(
        "# re-recorded\n\n{}",
        text.replace("9f2c4e1a7b3d5068", "0000111122223333")
    );
    let fp = |input: String| -> Vec<(String, u64, String)> {
        let (_, stdout, _) = run(valint()
            .args([
                "check",
                "--output-format",
                "sarif",
                "-",
                "--stdin-filename",
                "c.jsonl",
            ])
            .write_stdin(input));
        let log: Value = serde_json::from_str(&stdout).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                    r["partialFingerprints"]["primaryLocationLineHash"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect()
    };
    let a = fp(text);
    let b = fp(moved);
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_ne!(x.1, y.1, "the lines moved");
        assert_eq!(x.2, y.2, "the fingerprints did not");
    }
}

#[test]
fn sarif_uris_follow_repo_root() {
    let log = sarif_of(&[ERRORS], &["--repo-root", "testdata"]);
    validate_sarif(&log);
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "rules/AD001/invalid.jsonl");
    // Outside the root: an absolute file URI.
    let log = sarif_of(&[ERRORS], &["--repo-root", "src"]);
    validate_sarif(&log);
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/testdata/rules/AD001/invalid.jsonl"),
        "{uri}"
    );
}

// ------------------------------------------------------------------ GitHub annotations

/// `::level key=value,...::message`, with the toolkit's escaping: no raw CR/LF anywhere,
/// `%` only as `%25`/`%0D`/`%0A` (and `%3A`/`%2C` in properties), no raw `:`/`,` in values.
fn github_grammar() -> Regex {
    let value = r"(?:[^%:,\r\n]|%25|%0D|%0A|%3A|%2C)*";
    let data = r"(?:[^%\r\n]|%25|%0D|%0A)*";
    Regex::new(&format!(
        r"^::(error|warning|notice)(?: (?:file|line|endLine|col|endColumn|title)={value}(?:,(?:file|line|endLine|col|endColumn|title)={value})*)?::{data}$"
    ))
    .unwrap()
}

#[test]
fn github_output_matches_the_workflow_command_grammar() {
    let grammar = github_grammar();
    let mut files: Vec<&str> = vec![
        HAR,
        ERRORS,
        WARNINGS,
        TRUNCATED_HAR,
        NO_ENTRIES,
        IDENTIFIERS,
    ];
    files.push("testdata/captures/charles-minified.har");
    for f in files {
        let (_, stdout, _) = check("github", &[f]);
        assert!(!stdout.is_empty(), "{f}");
        for line in stdout.lines() {
            assert!(
                grammar.is_match(line),
                "{f}: not a workflow command: {line}"
            );
            let props = line.split("::").nth(1).unwrap();
            let get = |k: &str| {
                props
                    .split([' ', ','])
                    .find_map(|p| p.strip_prefix(&format!("{k}=")))
                    .map(str::to_string)
            };
            if let (Some(l), Some(el)) = (get("line"), get("endLine")) {
                if l != el {
                    assert!(get("col").is_none() && get("endColumn").is_none(), "{line}");
                }
            }
            if let Some(file) = get("file") {
                assert!(!file.starts_with('/'), "workspace-relative path: {line}");
            }
        }
    }
}

#[test]
fn github_annotations_stay_within_the_per_step_limits() {
    // Every fixture at once: many more findings than GitHub shows.
    let mut files: Vec<String> = walk(&root().join("testdata/rules"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .map(|p| {
            p.strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let (_, json, _) = check("json", &refs);
    let doc: Value = serde_json::from_str(&json).unwrap();
    let total = doc["findings"].as_array().unwrap().len();
    let (_, stdout, _) = check("github", &refs);
    let count = |level: &str| {
        stdout
            .lines()
            .filter(|l| l.starts_with(&format!("::{level} ")))
            .count()
    };
    assert!(
        count("error") <= 10 && count("warning") <= 10 && count("notice") <= 10,
        "{stdout}"
    );
    assert!(stdout.lines().count() <= 30);
    assert!(
        total > 30,
        "the test needs more findings than the limits ({total})"
    );
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with("::notice title=valint::") && last.contains("more findings"),
        "{last}"
    );
    // Most severe first: the ten errors are there.
    assert_eq!(count("error"), 10);
}

#[test]
fn github_step_summary_gets_the_full_table() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let (code, _, _) = run(valint().env("GITHUB_STEP_SUMMARY", &summary).args([
        "check",
        "--output-format",
        "github",
        HAR,
    ]));
    assert_eq!(code, 1);
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(
        md.starts_with("earlier step\n## valint\n"),
        "appended, not replaced: {md}"
    );
    assert!(md.contains("| Severity | Rule | Location | Session | Message |"));
    let (_, json, _) = check("json", &[HAR]);
    let doc: Value = serde_json::from_str(&json).unwrap();
    let rows = md
        .lines()
        .filter(|l| {
            l.starts_with("| error") || l.starts_with("| warning") || l.starts_with("| info")
        })
        .count();
    assert_eq!(
        rows,
        doc["findings"].as_array().unwrap().len(),
        "every finding is a row"
    );
    // Not written by the other formats.
    std::fs::write(&summary, "").unwrap();
    run(valint()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", HAR]));
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), "");
}

// ------------------------------------------------------------------ JUnit

#[test]
fn junit_parses_and_has_one_testcase_per_session() {
    let files = [
        HAR,
        ERRORS,
        CLEAN,
        NO_ENTRIES,
        "testdata/outputs/missing.har",
    ];
    let (_, xml, _) = check("junit", &files);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root_el = doc.root_element();
    assert_eq!(root_el.tag_name().name(), "testsuites");
    let (_, json, _) = check("json", &files);
    let summary: Value = serde_json::from_str::<Value>(&json).unwrap()["summary"].clone();
    let cases: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let sessions: Vec<&roxmltree::Node> = cases
        .iter()
        .filter(|c| c.attribute("name").unwrap().starts_with("session "))
        .collect();
    assert_eq!(sessions.len() as u64, summary["sessions"].as_u64().unwrap());
    // One capture testcase per file given.
    let captures = cases
        .iter()
        .filter(|c| c.attribute("name").unwrap().starts_with("capture "))
        .count();
    assert_eq!(captures, files.len());
    // Failures: one per error finding (the default threshold), all inside testcases.
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(failures as u64, summary["errors"].as_u64().unwrap());
    // Counts on the suites add up.
    let attr = |n: &roxmltree::Node, k: &str| n.attribute(k).unwrap().parse::<usize>().unwrap();
    let suites: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    for s in &suites {
        let tests = s.children().filter(|n| n.has_tag_name("testcase")).count();
        assert_eq!(attr(s, "tests"), tests);
        let failing = s
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .filter(|c| {
                c.children().any(|n| n.has_tag_name("failure"))
                    && !c.children().any(|n| n.has_tag_name("error"))
            })
            .count();
        assert_eq!(attr(s, "failures"), failing);
    }
    assert_eq!(attr(&root_el, "tests"), cases.len());
    // The clean capture's session passes; the AD001 session fails.
    let clean_suite = suites
        .iter()
        .find(|s| s.attribute("name") == Some(CLEAN))
        .unwrap();
    assert_eq!(attr(clean_suite, "failures"), 0);
    // Unreadable files are errors.
    assert!(doc
        .descendants()
        .filter(|n| n.has_tag_name("error"))
        .any(|n| n.text().unwrap_or("").contains("missing.har")));
}

#[test]
fn junit_escapes_what_it_quotes() {
    // Messages quote body text: `<`, `&` and quotes must come out as valid XML.
    let body =
        "{\"eventType\":\"play\",\"playerTime\":{\"playhead\":<timestamp>,\"ts\":\"a&b\\\"'\"}}\n";
    let (_, xml, _) = run(valint()
        .args([
            "check",
            "--output-format",
            "junit",
            "-",
            "--stdin-filename",
            "q<&>.jsonl",
        ])
        .write_stdin(body));
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("name"), Some("q<&>.jsonl"));
    assert!(doc.descendants().any(|n| n.has_tag_name("failure")));
}

#[test]
fn junit_fail_on_moves_findings_between_failure_and_output() {
    let (_, xml, _) = run(valint().args(["check", "--output-format", "junit", WARNINGS]));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count(),
        0
    );
    assert!(doc.descendants().any(|n| n.has_tag_name("system-out")));
    let (_, xml, _) = run(valint().args([
        "check",
        "--output-format",
        "junit",
        "--fail-on",
        "warning",
        WARNINGS,
    ]));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert!(doc.descendants().any(|n| n.has_tag_name("failure")));
}

// ------------------------------------------------------------------ --redact

const SECRETS: [&str; 8] = [
    "31415926535897932384626433832795028841", // ECID (visitor.marketingCloudUserId, cookie)
    "visitor-2718281828",                     // analytics.visitorId
    "20240611",                               // analytics.aid (also quoted in a message)
    "crm-customer-1618",                      // visitor.customerIDs id
    "install-1414213562",                     // appInstallationId
    "abcdef123456",                           // a cookie
    "203.0.113.77",                           // X-Forwarded-For
    "198.51.100.23",                          // serverIPAddress
];

#[test]
fn redact_masks_identifiers_in_every_format() {
    for format in FORMATS {
        let (code, plain, _) = check(format, &[IDENTIFIERS]);
        assert_eq!(code, 1);
        let (code, redacted, _) =
            run(valint().args(["check", "--redact", "--output-format", format, IDENTIFIERS]));
        assert_eq!(code, 1, "{format}: same exit code");
        for s in SECRETS {
            assert!(!redacted.contains(s), "{format}: `{s}` leaked:\n{redacted}");
        }
        if format == "full" || format == "sarif" {
            // The snippets showed the ids before.
            assert!(plain.contains("20240611"), "{format} shows the snippet");
        }
    }
    // Positions do not move.
    let (_, a, _) = check("json-lines", &[IDENTIFIERS]);
    let (_, b, _) = run(valint().args([
        "check",
        "--redact",
        "--output-format",
        "json-lines",
        IDENTIFIERS,
    ]));
    let pos = |s: &str| -> Vec<(u64, u64, u64, u64)> {
        s.lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|v| v["type"] == "finding")
            .map(|v| {
                (
                    v["line"].as_u64().unwrap(),
                    v["column"].as_u64().unwrap(),
                    v["end_line"].as_u64().unwrap(),
                    v["end_column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(pos(&a), pos(&b));
    let log: Value = serde_json::from_str(
        &run(valint().args(["check", "--redact", "--output-format", "sarif", IDENTIFIERS])).1,
    )
    .unwrap();
    validate_sarif(&log);
}

// ------------------------------------------------------------------ colour

fn has_ansi(s: &str) -> bool {
    s.contains('\u{1b}')
}

#[test]
fn colour_follows_the_stream_and_the_environment() {
    for format in ["full", "concise"] {
        let colour = |envs: &[(&str, &str)], args: &[&str]| {
            let mut cmd = valint();
            for (k, v) in envs {
                cmd.env(k, v);
            }
            has_ansi(
                &run(cmd
                    .args(["check", "--output-format", format])
                    .args(args)
                    .arg(ERRORS))
                .1,
            )
        };
        assert!(!colour(&[], &[]), "{format}: a pipe gets no colour");
        assert!(
            colour(&[("CLICOLOR_FORCE", "1")], &[]),
            "{format}: CLICOLOR_FORCE"
        );
        assert!(
            !colour(&[("CLICOLOR_FORCE", "0")], &[]),
            "{format}: CLICOLOR_FORCE=0"
        );
        assert!(
            !colour(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], &[]),
            "{format}: NO_COLOR wins over CLICOLOR_FORCE"
        );
        assert!(
            colour(&[("NO_COLOR", "")], &["--color", "always"]),
            "{format}: empty NO_COLOR"
        );
        assert!(colour(&[], &["--color", "always"]), "{format}: always");
        assert!(
            !colour(&[("CLICOLOR_FORCE", "1")], &["--color", "never"]),
            "{format}: never"
        );
    }
    // Machine formats never carry escapes.
    for format in ["json", "json-lines", "sarif", "github", "junit"] {
        let (_, out, _) = run(valint().args([
            "check",
            "--color",
            "always",
            "--output-format",
            format,
            ERRORS,
        ]));
        assert!(!has_ansi(&out), "{format}");
    }
    // A file gets no colour under auto, even when forced for terminals only by a TTY.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("out.txt");
    run(valint().args(["check", "-o", f.to_str().unwrap(), ERRORS]));
    assert!(!has_ansi(&std::fs::read_to_string(&f).unwrap()));
}

#[test]
fn no_progress_bar_in_pipes() {
    // 40 files is a "long run", but stderr is a pipe here.
    let files: Vec<&str> = std::iter::repeat_n(CLEAN, 40).collect();
    // (One session replayed 40 times has findings; --exit-zero keeps stderr quiet.)
    let (code, _, stderr) = run(valint()
        .args(["check", "--exit-zero", "--output-format", "concise"])
        .args(&files));
    assert_eq!(code, 0);
    assert!(stderr.is_empty(), "{stderr:?}");
}

// ------------------------------------------------------------------ stdin, statistics

#[test]
fn stdin_filename_is_used_by_every_format() {
    let bytes = std::fs::read(root().join(ERRORS)).unwrap();
    for format in FORMATS {
        let (code, stdout, _) = run(valint()
            .args([
                "check",
                "--output-format",
                format,
                "-",
                "--stdin-filename",
                "rec/player.jsonl",
            ])
            .write_stdin(bytes.clone()));
        assert_eq!(code, 1, "{format}");
        assert!(stdout.contains("rec/player.jsonl"), "{format}: {stdout}");
        assert!(!stdout.contains("<stdin>"), "{format}");
    }
}

#[test]
fn statistics_count_per_rule() {
    let (code, stdout, _) = run(valint().args(["check", "--statistics", HAR]));
    assert_eq!(code, 1, "the exit code does not change");
    let row = Regex::new(r"^ *\d+\t[A-Z]+\d{3} *\t(error|warning|info) *\t[a-z0-9-]+$").unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    let (last, rows) = lines.split_last().unwrap();
    assert!(last.starts_with("Found "), "{last}");
    for r in rows {
        assert!(row.is_match(r), "not a statistics row: {r:?}");
    }
    let (_, json, _) =
        run(valint().args(["check", "--statistics", "--output-format", "json", HAR]));
    let stats: Value = serde_json::from_str(&json).unwrap();
    let total: u64 = stats
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    let (_, doc, _) = check("json", &[HAR]);
    let doc: Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(total as usize, doc["findings"].as_array().unwrap().len());
    assert_eq!(rows.len(), stats.as_array().unwrap().len());
    // Not with a format that has no place for it.
    assert_eq!(
        run(valint().args(["check", "--statistics", "--output-format", "sarif", HAR])).0,
        2
    );
}

// ------------------------------------------------------------------ completions, man

#[test]
fn completions_and_man() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, stdout, _) = run(valint().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}");
        assert!(stdout.contains("valint"), "{shell}");
    }
    let (_, bash, _) = run(valint().args(["completions", "bash"]));
    assert!(bash.contains("--output-format") && bash.contains("json-lines"));
    let (code, man, _) = run(valint().arg("man"));
    assert_eq!(code, 0);
    assert!(
        man.contains(".TH valint 1"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert_eq!(run(valint().args(["completions", "tcsh"])).0, 2);
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    // `valint completions bash | head -0`: the reader is gone before valint writes.
    use std::process::Stdio;
    for args in [
        vec!["completions", "bash"],
        vec!["man"],
        vec!["check", "--output-format", "sarif", HAR],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_valint"))
            .current_dir(root())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        let expected = if args[0] == "check" { 1 } else { 0 };
        assert_eq!(out.status.code(), Some(expected), "{args:?}: {stderr}");
    }
}

/// `json` and `json-lines` write their keys in the documented order, `type` first, so a
/// line reads as what it is (serde_json's own maps would sort them).
#[test]
fn json_objects_keep_the_documented_key_order() {
    let (_, lines, _) = check("json-lines", &[ERRORS]);
    let mut lines = lines.lines();
    let first = lines.next().expect("a finding");
    assert!(first.starts_with(r#"{"type":"finding","code":"#), "{first}");
    let keys = [
        "type",
        "code",
        "name",
        "severity",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "label",
        "help",
        "note",
        "session",
        "event_index",
        "event_type",
        "request",
        "labels",
        "state",
    ];
    let at: Vec<usize> = keys
        .iter()
        .map(|k| first.find(&format!("\"{k}\":")).expect(k))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{first}");
    let last = lines.last().expect("the summary");
    assert!(
        last.starts_with(r#"{"type":"summary","files":[{"file":"#),
        "{last}"
    );
    let (_, doc, _) = check("json", &[ERRORS]);
    assert!(
        doc.starts_with(
            "{\n  \"version\": 1,\n  \"findings\": [\n    {\n      \"type\": \"finding\""
        ),
        "{doc}"
    );
}

/// A session's fingerprint names its ordinal in its own file: checking another capture
/// before it in the same run leaves the alerts of the first as they were (as baselines
/// count sessions).
#[test]
fn sarif_fingerprints_do_not_move_when_a_capture_is_added_to_the_run() {
    let fingerprints = |files: &[&str]| -> Vec<(String, String)> {
        let log = sarif_of(files, &[]);
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["partialFingerprints"]["primaryLocationLineHash"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect()
    };
    let alone = fingerprints(&[ERRORS]);
    assert!(!alone.is_empty());
    // Other traffic, with sessions of its own (the TIM002 fixture repeats requests of the
    // AD001 one, which adds a CAP001 finding).
    let with_other = fingerprints(&[HAR, ERRORS]);
    let of_errors: Vec<_> = with_other
        .into_iter()
        .filter(|(uri, _)| uri.ends_with("AD001/invalid.jsonl"))
        .collect();
    assert_eq!(alone, of_errors);
}
