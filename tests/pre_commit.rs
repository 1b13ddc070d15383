//! The pre-commit hooks, for real: runs `scripts/test-pre-commit.sh`, which installs
//! pre-commit from PyPI into a scratch virtualenv and builds valint through the `language:
//! rust` hook. It needs the network and several minutes, so it is ignored by default:
//!
//! ```sh
//! cargo test --test pre_commit -- --ignored
//! ```

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs network access to PyPI and a release build (minutes)"]
fn pre_commit_hooks_reject_a_bad_capture_and_accept_a_good_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = Command::new("bash")
        .arg(root.join("scripts/test-pre-commit.sh"))
        .current_dir(root)
        .status()
        .expect("bash runs");
    assert!(status.success(), "scripts/test-pre-commit.sh failed");
}

#[test]
fn hooks_file_names_both_hooks() {
    // Cheap, offline: the hooks file exists and keeps the shape the script relies on.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    for needle in [
        "- id: valint\n",
        "- id: valint-system\n",
        "language: rust",
        "language: system",
        "entry: valint check",
        "require_serial: true",
        "files: '\\.(har|ndjson|jsonl)$'",
    ] {
        assert!(
            text.contains(needle),
            "`{needle}` missing from .pre-commit-hooks.yaml"
        );
    }
    let re = regex::Regex::new(r"\.(har|ndjson|jsonl)$").unwrap();
    assert!(re.is_match("captures/a.har") && re.is_match("x.ndjson") && re.is_match("y.jsonl"));
    assert!(!re.is_match("package.json") && !re.is_match("README.md"));
}
