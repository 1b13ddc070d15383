//! Helpers shared by the integration tests: each test file that needs them has
//! `mod common;`. Not every file uses every helper, hence the `dead_code` allowance.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use valint::check::{check, Input};
use valint::config::Config;
use valint::report::{render, OutputFormat, RenderOptions};

/// The checkout the tests were built from.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, in sorted order, depth first.
///
/// # Panics
/// When `dir` cannot be read: a missing fixture folder is a failure, not an empty list.
pub fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every file under `testdata/` (fixtures, captures, docs pages, generated captures),
/// sorted; at least 40 of them, or the comparisons below compare too little.
pub fn testdata_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    files_under(&root().join("testdata"), &mut files);
    assert!(files.len() > 40, "found only {} captures", files.len());
    files
}

/// Checks every file of `files` under `a` and under `b` and requires the same JSON report
/// (`change` says what `b` leaves out, for the failure message: "the fast path changed the
/// report"). Returns `a`'s reports, for the caller to require enough findings in them.
pub fn same_reports(files: &[PathBuf], a: &Config, b: &Config, change: &str) -> Vec<String> {
    files
        .iter()
        .map(|f| {
            let inputs = [Input::Path(f.clone())];
            let with = json_report_with(&inputs, a);
            let without = json_report_with(&inputs, b);
            assert!(
                with == without,
                "{}: {change}\n--- without\n{without}\n--- with\n{with}",
                f.display()
            );
            with
        })
        .collect()
}

/// The JSON report of a check of `inputs` with `threads` worker threads, with the fast path
/// (`spanned_only` false) or the spanned parser alone.
pub fn json_report(inputs: &[Input], spanned_only: bool, threads: usize) -> String {
    let cfg = Config {
        spanned_only,
        threads: Some(threads),
        ..Config::default()
    };
    json_report_with(inputs, &cfg)
}

/// The JSON report of a check of `inputs` under `cfg`.
pub fn json_report_with(inputs: &[Input], cfg: &Config) -> String {
    let report = check(inputs, cfg);
    let mut out = Vec::new();
    render(
        OutputFormat::Json,
        &report,
        &RenderOptions::default(),
        &mut out,
    )
    .expect("render");
    String::from_utf8(out).expect("utf-8")
}

/// Exit code and the JSON lines (findings, then the summary) of `valint check` on `file`
/// (relative to the checkout, or absolute).
pub fn check_json_lines(file: impl AsRef<OsStr>) -> (i32, Vec<Value>) {
    let out = Command::cargo_bin("valint")
        .unwrap()
        .current_dir(root())
        .env_remove("VALINT_OUTPUT_FORMAT")
        .args(["check", "--format", "json-lines"])
        .arg(file)
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    (out.status.code().unwrap(), lines)
}

/// The findings of `v` with rule `code`.
pub fn with_code<'a>(v: &'a [Value], code: &str) -> Vec<&'a Value> {
    v.iter().filter(|f| f["code"] == code).collect()
}

/// The official SARIF 2.1.0 schema, with the one regex `jsonschema` refuses patched (see
/// `testdata/sarif/README.md`).
pub fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("testdata/sarif/sarif-schema-2.1.0.json"))
        .expect("schema file");
    let bad = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(
        text.matches(bad).count(),
        2,
        "the pattern to patch is there"
    );
    let text = text.replace(bad, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

/// Fails with every schema error when `v` is not a valid SARIF 2.1.0 log
/// (`tests/outputs.rs` shows that this check can fail).
pub fn validate_sarif(v: &Value) {
    let errors: Vec<String> = sarif_validator()
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path().as_str()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema errors:\n{}",
        errors.join("\n")
    );
}

/// `valint` run in `dir`, with the environment that changes output removed.
pub fn valint_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("valint").expect("the valint binary is built");
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("VALINT_OUTPUT_FORMAT")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// Exit code, stdout and stderr of `cmd`.
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("valint runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}
