//! Every rule's docs show a capture with the problem (`## Example`) and the same capture
//! without it (`## Use instead`), and both are run, the way Biome runs its rules'
//! `valid`/`invalid` specs: the first fenced block of each section goes through
//! `valint check` as a capture on stdin. The Example must produce the rule's code; the Use
//! instead must not.
//!
//! A block whose first line is `# valint check ARGS` is checked with those arguments (for
//! the limits, which need a small `--max-...` to fire). Every capture reader skips `#`
//! lines, so the block is still exactly what a reader would save and run.
//!
//! CAP001 needs two files of one run (`testdata/rules/CAP001/README.md`), and
//! SCH005 cannot be produced with the bundled schemas (`testdata/rules/SCH005/README.md`):
//! its Example shows the nearest case and says so, and this test holds it to *not*
//! producing SCH005, so that it fails, and the Example gets rewritten, the day it does.

use assert_cmd::Command;
use valint::rules::{self, RuleMeta, RULES};

/// Rules whose Example cannot produce them today, each explained in its Example's text.
const EXAMPLE_EXCEPTIONS: &[&str] = &["SCH005", "CAP001"];

/// The first fenced block of a section, without its fences.
fn first_block(section: &str) -> Option<String> {
    let mut lines = section.lines().skip_while(|l| !l.starts_with("```"));
    lines.next()?;
    let mut block = String::new();
    for l in lines {
        if l.starts_with("```") {
            return Some(block);
        }
        block.push_str(l);
        block.push('\n');
    }
    None
}

/// The arguments of a block's `# valint check ARGS` first line, if it has one.
fn arguments(block: &str) -> Vec<String> {
    block
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# valint check"))
        .map(|rest| rest.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The codes `valint check` reports for `block`, in output order.
fn codes_of(block: &str) -> Result<Vec<String>, String> {
    let out = Command::cargo_bin("valint")
        .expect("the valint binary")
        .args(["check", "--output-format", "json-lines"])
        .args(arguments(block))
        .arg("-")
        .write_stdin(block)
        .output()
        .map_err(|e| e.to_string())?;
    // 0: no findings, 1: findings; anything else is a usage or input error.
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(format!(
            "valint check exited with {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mut codes = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{e}: {line}"))?;
        if v["type"] == "finding" {
            codes.push(v["code"].as_str().unwrap_or_default().to_string());
        }
    }
    Ok(codes)
}

/// What is wrong with `rule`'s Example and Use instead, given as (section, block) pairs.
fn problems_of(rule: &RuleMeta, example: Option<&str>, instead: Option<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    let excepted = EXAMPLE_EXCEPTIONS.contains(&rule.code);
    for (section, block, wanted) in [
        ("Example", example, !excepted),
        ("Use instead", instead, false),
    ] {
        let Some(block) = block else {
            problems.push(format!(
                "{}: `## {section}` has no fenced block to run",
                rule.code
            ));
            continue;
        };
        match codes_of(block) {
            Err(e) => problems.push(format!("{}: `## {section}`: {e}", rule.code)),
            Ok(codes) => {
                let found = codes.iter().any(|c| c == rule.code);
                if found != wanted {
                    let verb = if wanted {
                        "does not produce"
                    } else {
                        "produces"
                    };
                    let hint = if excepted && section == "Example" {
                        "; it is in EXAMPLE_EXCEPTIONS: remove it there and rewrite the Example"
                    } else {
                        ""
                    };
                    problems.push(format!(
                        "{}: `## {section}` {verb} {}{hint} (findings: {codes:?})\n{block}",
                        rule.code, rule.code,
                    ));
                }
            }
        }
    }
    problems
}

fn blocks(rule: &RuleMeta) -> (Option<String>, Option<String>) {
    (
        rules::doc_section(rule, "Example").and_then(first_block),
        rules::doc_section(rule, "Use instead").and_then(first_block),
    )
}

#[test]
fn every_example_shows_its_rule_and_every_use_instead_does_not() {
    let mut problems = Vec::new();
    for r in RULES {
        let (example, instead) = blocks(r.meta);
        problems.extend(problems_of(r.meta, example.as_deref(), instead.as_deref()));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn swapped_examples_fail() {
    // The check itself can fail: a rule's Use instead given as its Example and the other way
    // round is two problems, and a missing block is one.
    let rule = rules::find("SYN006").expect("SYN006");
    let (example, instead) = blocks(rule);
    let problems = problems_of(rule, instead.as_deref(), example.as_deref());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("does not produce SYN006"),
        "{problems:?}"
    );
    assert!(problems[1].contains("produces SYN006"), "{problems:?}");
    let problems = problems_of(rule, None, instead.as_deref());
    assert_eq!(problems.len(), 1, "{problems:?}");
}

#[test]
fn a_check_line_passes_its_arguments() {
    assert_eq!(
        arguments("# valint check --max-findings 1\n{}\n"),
        ["--max-findings", "1"]
    );
    assert!(arguments("{}\n# valint check --max-findings 1\n").is_empty());
}

/// The fast path (`syntax::strict`) reads a body with serde_json and has no findings of its
/// own: a syntax rule whose input it accepts would never fire on it. Every SYN rule's
/// Example must therefore give the same findings with the fast path and without it
/// (`Config::spanned_only`); a new SYN rule whose input `strict.rs` does not refuse fails
/// here, naming the file to change.
#[test]
fn the_fast_path_refuses_every_syntax_example() {
    use valint::check::{check, Input};
    use valint::config::Config;
    let mut problems = Vec::new();
    for rule in RULES.iter().map(|r| r.meta) {
        if !rule.code.starts_with("SYN") {
            continue;
        }
        let Some(example) = blocks(rule).0 else {
            continue;
        };
        let run = |spanned_only: bool| -> Vec<&'static str> {
            let cfg = Config {
                spanned_only,
                max_depth: arguments(&example)
                    .windows(2)
                    .find(|w| w[0] == "--max-depth")
                    .and_then(|w| w[1].parse().ok()),
                ..Config::default()
            };
            let report = check(
                &[Input::Bytes("example".into(), example.clone().into_bytes())],
                &cfg,
            );
            report.diagnostics.iter().map(|d| d.rule.code).collect()
        };
        let (fast, spanned) = (run(false), run(true));
        if fast != spanned {
            problems.push(format!(
                "{}: the fast path gives {fast:?}, the spanned parser {spanned:?}: make \
                 src/syntax/strict.rs refuse this input",
                rule.code
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
