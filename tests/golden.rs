//! Golden files: the exact output of every machine format (and `concise`) for two runs of
//! several files each, compared byte for byte with `testdata/golden/`.
//!
//! - `findings`: a HAR file with an unreadable entry, skipped entries, a session with a sid
//!   and findings with secondary labels; an HTTP transcript (skipped preflights, a status
//!   of 400, a wrong Content-Length); a body stream with a finding carrying help, a note
//!   and a secondary label; a body stream of two sessions without a sid. Exit code 1.
//! - `problems`: a HAR file cut off inside an entry, a HAR file without `log.entries`, and
//!   a file that does not exist. Exit code 3.
//!
//! The runs are stable across machines: relative paths from the repository root,
//! `--repo-root .`, no colour, no `GITHUB_STEP_SUMMARY`. What still varies is replaced
//! before comparing: the repository root's absolute `file://` URI in SARIF by
//! `file:///REPO_ROOT/`, and valint's version in SARIF by `VERSION`.
//!
//! After a deliberate change of an output, write the files anew and read the diff:
//! `VALINT_UPDATE_GOLDEN=1 cargo test --test golden machine_formats`
//! (only the test that writes them: the others read them at the same time).

mod common;

use assert_cmd::Command;
use common::validate_sarif;
use regex::Regex;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// (name, files, exit code).
const RUNS: [(&str, &[&str], i32); 2] = [
    (
        "findings",
        &[
            "testdata/captures/har-broken-entry.har",
            "testdata/captures/proxy-save-as-text.http",
            "testdata/rules/TIM001/invalid.jsonl",
            "testdata/rules/SES001/invalid.jsonl",
        ],
        1,
    ),
    (
        "problems",
        &[
            "testdata/outputs/truncated.har",
            "testdata/outputs/no-entries.har",
            "testdata/outputs/missing.har",
        ],
        3,
    ),
];

/// (output format, extension of its golden file).
const FORMATS: [(&str, &str); 6] = [
    ("json", "json"),
    ("json-lines", "jsonl"),
    ("sarif", "sarif"),
    ("github", "github.txt"),
    ("junit", "junit.xml"),
    ("concise", "concise.txt"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn golden_path(run: &str, ext: &str) -> PathBuf {
    root().join("testdata/golden").join(format!("{run}.{ext}"))
}

/// The output of `valint check --output-format FORMAT FILES`, with what varies between
/// machines replaced.
fn render(format: &str, files: &[&str], code: i32) -> String {
    let out = Command::cargo_bin("valint")
        .expect("the valint binary is built")
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("VALINT_OUTPUT_FORMAT")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "--repo-root", ".", "--output-format", format])
        .args(files)
        .output()
        .expect("valint runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert_eq!(
        out.status.code(),
        Some(code),
        "{format}: exit code; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    if format != "sarif" {
        return stdout;
    }
    // The repository root's absolute URI: the one `file://` URI in the log.
    let uri = Regex::new(r#""uri": "file://[^"]*""#).unwrap();
    assert_eq!(uri.find_iter(&stdout).count(), 1, "one absolute URI");
    let stdout = uri.replace(&stdout, r#""uri": "file:///REPO_ROOT/""#);
    // valint's version: the driver's `version` and `semanticVersion`.
    let v = env!("CARGO_PKG_VERSION");
    let mut n = 0;
    let mut text = stdout.into_owned();
    for key in ["version", "semanticVersion"] {
        let from = format!(r#""{key}": "{v}""#);
        n += text.matches(&from).count();
        text = text.replace(&from, &format!(r#""{key}": "VERSION""#));
    }
    assert_eq!(n, 2, "valint's version appears twice, in the driver");
    text
}

/// Where `got` first differs from `want`, with a few lines around it.
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let i = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    let from = i.saturating_sub(2);
    let show = |v: &[&str]| v[from.min(v.len())..(i + 3).min(v.len())].join("\n");
    format!(
        "first difference at line {} ({} lines in the golden file, {} now)\n--- golden\n{}\n--- now\n{}",
        i + 1,
        w.len(),
        g.len(),
        show(&w),
        show(&g)
    )
}

#[test]
fn machine_formats_match_their_golden_files() {
    let update = std::env::var_os("VALINT_UPDATE_GOLDEN").is_some();
    // Writing the files compares nothing: never on CI.
    assert!(
        !(update && std::env::var_os("CI").is_some()),
        "VALINT_UPDATE_GOLDEN is set on CI"
    );
    let mut failed = Vec::new();
    for (run, files, code) in RUNS {
        for (format, ext) in FORMATS {
            let got = render(format, files, code);
            let path = golden_path(run, ext);
            if update {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &got).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!(
                    "{}: {e}; write it with VALINT_UPDATE_GOLDEN=1 cargo test --test golden machine_formats",
                    path.display()
                )
            });
            if got != want {
                failed.push(format!(
                    "{run} in {format} differs from {}: {}",
                    path.display(),
                    first_difference(&want, &got)
                ));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{}\n\nIf the change is meant, write the golden files anew with \
         VALINT_UPDATE_GOLDEN=1 cargo test --test golden machine_formats and read their diff.",
        failed.join("\n\n")
    );
}

/// Nothing in `testdata/golden/` that the test does not compare.
#[test]
fn every_golden_file_is_compared() {
    let mut want: Vec<PathBuf> = RUNS
        .iter()
        .flat_map(|(run, _, _)| FORMATS.iter().map(move |(_, ext)| golden_path(run, ext)))
        .collect();
    want.sort();
    let mut have: Vec<PathBuf> = std::fs::read_dir(root().join("testdata/golden"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    have.sort();
    assert_eq!(have, want);
}

/// The golden files themselves are what their format says: JSON, one JSON object a line,
/// SARIF that the official schema accepts, JUnit XML, GitHub workflow commands.
#[test]
fn golden_files_are_well_formed() {
    let command = Regex::new(r"^::(error|warning|notice)( [^:]*)?::").unwrap();
    for (run, files, _) in RUNS {
        let read = |ext: &str| std::fs::read_to_string(golden_path(run, ext)).unwrap();
        let json: Value = serde_json::from_str(&read("json")).unwrap();
        // Each file given is a file read or (the missing one) an input error.
        let summary = &json["summary"];
        assert_eq!(
            summary["files"].as_array().unwrap().len()
                + summary["input_errors"].as_array().unwrap().len(),
            files.len()
        );
        for line in read("jsonl").lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            assert!(v["type"].is_string(), "{line}");
        }
        let sarif: Value = serde_json::from_str(&read("sarif")).unwrap();
        validate_sarif(&sarif);
        roxmltree::Document::parse(&read("junit.xml")).unwrap();
        for line in read("github.txt").lines() {
            assert!(command.is_match(line), "{line}");
        }
    }
}
