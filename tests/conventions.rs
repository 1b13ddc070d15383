//! CLI conventions: a man page per subcommand in step with `--help`, the README's
//! completions command working from scratch, `valint rule`, `rules --output-format json`,
//! `check --explain`, `--quiet` and `--no-summary`.

mod common;

use assert_cmd::Command;
use std::collections::BTreeSet;

const AD001: &str = "testdata/rules/AD001/invalid.jsonl";

fn valint() -> Command {
    let mut cmd = Command::cargo_bin("valint").expect("the valint binary is built");
    cmd.current_dir(common::root())
        .env_remove("NO_COLOR")
        .env_remove("VALINT_OUTPUT_FORMAT")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("valint runs");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Every `--long` flag a text names (roff escapes `-` as `\-`).
fn long_flags(text: &str) -> BTreeSet<String> {
    let text = text
        .replace("\\-", "-")
        .replace("\\fB", " ")
        .replace("\\fR", " ")
        .replace("\\fI", " ");
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("--") {
        let rest = &text[i + 2..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '-')
            .collect();
        let before = text[..i].chars().last();
        if name.len() > 1 && !name.ends_with('-') && before.is_none_or(|c| !c.is_alphanumeric()) {
            out.insert(name);
        }
    }
    out
}

#[test]
fn each_subcommand_has_a_man_page_naming_the_flags_its_help_names() {
    for sub in ["check", "explain", "rules", "completions", "man"] {
        let help = stdout(valint().args([sub, "--help"]));
        let man = stdout(valint().args(["man", sub]));
        assert!(man.contains(&format!(".TH valint-{sub} 1")), "{sub}: {man}");
        // Only the flags of the options lists: --help mentions some in prose too.
        let in_help: BTreeSet<String> = help
            .lines()
            .filter(|l| l.trim_start().starts_with('-'))
            .flat_map(long_flags)
            .collect();
        let in_man: BTreeSet<String> = man
            .lines()
            .filter(|l| l.starts_with("\\fB"))
            .flat_map(long_flags)
            .collect();
        assert!(!in_help.is_empty(), "{sub}");
        assert_eq!(
            in_help, in_man,
            "{sub}: --help and the man page list other flags"
        );
    }
    // Every flag of check, in its page.
    let man = stdout(valint().args(["man", "check"]));
    for flag in [
        "--config",
        "--baseline",
        "--show-suppressed",
        "--quiet",
        "--ping-interval",
        "--max-findings",
    ] {
        assert!(man.replace("\\-", "-").contains(flag), "{flag}");
    }
    // The main page names the subcommand pages, and --out-dir writes them.
    let main = stdout(valint().arg("man"));
    assert!(main.contains("valint\\-check(1)"), "{main}");
    let dir = tempfile::tempdir().unwrap();
    let out = valint()
        .args(["man", "--out-dir"])
        .arg(dir.path().join("new/man1"))
        .output()
        .unwrap();
    assert!(out.status.success());
    for page in [
        "valint.1",
        "valint-check.1",
        "valint-explain.1",
        "valint-rules.1",
    ] {
        assert!(dir.path().join("new/man1").join(page).is_file(), "{page}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("new/man1/valint-check.1")).unwrap(),
        man
    );
}

#[test]
fn the_readme_completions_commands_work_from_scratch() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let section = &readme[readme
        .find("## Shell completions and man pages")
        .expect("the README's completions section")..];
    let block: String = section
        .lines()
        .skip_while(|l| !l.starts_with("```sh"))
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(block.contains("valint completions bash"), "{block}");
    // Run it with an empty HOME and this valint on PATH.
    let home = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("valint");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("sh")
        .args(["-e", "-c", &block])
        .env("HOME", home.path())
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let script = home
        .path()
        .join(".local/share/bash-completion/completions/valint");
    assert!(std::fs::read_to_string(script).unwrap().contains("_valint"));
    assert!(home
        .path()
        .join(".local/share/man/man1/valint-check.1")
        .is_file());
}

#[test]
fn rule_is_explain_and_rules_takes_output_format() {
    assert_eq!(
        stdout(valint().args(["rule", "AD001"])),
        stdout(valint().args(["explain", "AD001"]))
    );
    let json = stdout(valint().args(["rules", "--output-format", "json"]));
    assert_eq!(json, stdout(valint().args(["rules", "--json"])));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v.as_array().unwrap().iter().any(|r| r["code"] == "SUP002"));
    assert!(stdout(valint().args(["rules", "--output-format", "text"])).contains("AD001 "));
}

#[test]
fn check_explain_prints_the_docs_of_each_code_found_once() {
    let out = stdout(valint().args([
        "check",
        "--isolated",
        "--output-format",
        "concise",
        "--explain",
        AD001,
    ]));
    let explain = stdout(valint().args(["explain", "AD001"]));
    assert_eq!(
        out.matches("AD001 ad-outside-break (ad, default error)")
            .count(),
        1
    );
    assert!(out.ends_with(&explain), "{out}");
}

#[test]
fn quiet_and_no_summary_leave_the_summary_out() {
    let concise = |extra: &str| {
        stdout(valint().args([
            "check",
            "--isolated",
            "--output-format",
            "concise",
            extra,
            AD001,
        ]))
    };
    let normal = concise("--color=never");
    assert!(normal.contains("Found 2 findings"), "{normal}");
    for flag in ["--quiet", "-q", "--no-summary"] {
        let out = concise(flag);
        assert_eq!(out.lines().count(), 2, "{flag}: {out}");
        assert!(!out.contains("Found"), "{flag}: {out}");
    }
    let full = stdout(valint().args(["check", "--isolated", "--no-summary", AD001]));
    assert!(
        full.contains("error[AD001]") && !full.contains("Checked 1 file"),
        "{full}"
    );
}
