//! One snapshot per rule fixture (`testdata/rules/<CODE>/{valid,invalid}.jsonl`, or `.md`
//! for a rule about docs pages), the way
//! ruff and Biome test their rules: the snapshot holds the fixture and valint's rendered
//! output for it, and the same test holds every fixture to its contract:
//!
//! - `invalid.jsonl` produces at least one finding of `<CODE>`;
//! - `valid.jsonl` produces none of `<CODE>`.
//!
//! A fixture whose first line is `# valint check ARGS` is checked with those settings (for a
//! rule that only runs when its option takes one side of a contradiction in Adobe's docs,
//! or a fixture that needs another rule quiet); [`config_of`] knows the flags fixtures use.
//!
//! A rule that cannot have a meaningful invalid case with today's readers and schemas is
//! listed in [`DOCUMENTED_EXCEPTIONS`] and explains why in `testdata/rules/<CODE>/README.md`.

use std::path::{Path, PathBuf};
use valint::check::{check, Input, Report};
use valint::config::{Config, FullscreenSpelling, PodPositionBase};
use valint::report::{full, summary, Style};
use valint::rules;

/// Rules whose `invalid.jsonl` is allowed not to produce the rule's code, each explained in
/// its fixture directory's `README.md`. Only the invalid side can be waived.
const DOCUMENTED_EXCEPTIONS: &[&str] = &["SCH005", "LIM001", "LIM002", "LIM003", "CAP001"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures_dir() -> PathBuf {
    root().join("testdata").join("rules")
}

/// `testdata/rules/AD001/invalid.jsonl`, with `/` on every platform.
fn display_name(path: &Path) -> String {
    let rel = path.strip_prefix(root()).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The settings a fixture's `# valint check ARGS` first line asks for. Panics on a flag it
/// does not know, so that a fixture never runs with settings other than it says.
fn config_of(input: &str) -> Config {
    let mut cfg = Config::default();
    let Some(args) = input
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# valint check"))
    else {
        return cfg;
    };
    let mut words = args.split_whitespace();
    while let Some(flag) = words.next() {
        let mut value = || {
            words
                .next()
                .unwrap_or_else(|| panic!("fixture flag {flag} needs a value"))
                .to_string()
        };
        match flag {
            "--ignore" => cfg.ignore.extend(value().split(',').map(str::to_string)),
            "--select" => cfg.select.extend(value().split(',').map(str::to_string)),
            "--qoe-data-only" => cfg.qoe_in_params = false,
            "--require-stream-type" => cfg.require_stream_type = true,
            "--pod-position-base" => {
                cfg.pod_position_base = match value().as_str() {
                    "0" => PodPositionBase::Zero,
                    "1" => PodPositionBase::One,
                    _ => PodPositionBase::Either,
                }
            }
            "--fullscreen-spelling" => {
                cfg.fullscreen_spelling = match value().as_str() {
                    "fullscreen" => FullscreenSpelling::Fullscreen,
                    _ => FullscreenSpelling::FullScreen,
                }
            }
            other => {
                panic!("tests/rules.rs does not know the fixture flag {other}: add it to config_of")
            }
        }
    }
    cfg
}

fn run(name: &str, bytes: Vec<u8>) -> (Report, String) {
    let cfg = config_of(&String::from_utf8_lossy(&bytes));
    let report = check(&[Input::Bytes(name.to_string(), bytes)], &cfg);
    let mut out = Vec::new();
    let style = Style {
        color: false,
        unicode: true,
        width: 100,
    };
    full::render(&report, style, &mut out).expect("render to a Vec");
    summary::render(&report, &mut out).expect("render to a Vec");
    (
        report,
        String::from_utf8(out).expect("rendered output is UTF-8"),
    )
}

#[test]
fn rule_fixtures() {
    let mut violations: Vec<String> = Vec::new();
    let mut reported = 0usize;
    let mut seen = 0usize;
    insta::glob!(
        "../testdata/rules",
        "*/{valid,invalid}.{jsonl,md}",
        |path| {
            seen += 1;
            let name = display_name(path);
            let code = path
                .parent()
                .and_then(Path::file_name)
                .and_then(|s| s.to_str())
                .expect("fixture in a rule directory")
                .to_string();
            let kind = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("fixture file name")
                .to_string();
            let bytes = std::fs::read(path).expect("read fixture");
            let input = String::from_utf8_lossy(&bytes).into_owned();
            let (report, rendered) = run(&name, bytes);

            let hits = report
                .diagnostics
                .iter()
                .filter(|d| d.rule.code == code)
                .count();
            match kind.as_str() {
                "invalid" => {
                    let excepted = DOCUMENTED_EXCEPTIONS.contains(&code.as_str());
                    if hits == 0 && !excepted {
                        violations.push(format!("{name}: no {code} finding"));
                    }
                    if hits > 0 && excepted {
                        violations.push(format!(
                        "{name}: {code} now fires; remove it from DOCUMENTED_EXCEPTIONS and delete its README.md"
                    ));
                    }
                }
                "valid" => {
                    if hits > 0 {
                        violations.push(format!(
                            "{name}: {hits} {code} finding(s) in a valid fixture"
                        ));
                    }
                }
                other => violations.push(format!(
                    "{name}: unexpected fixture `{other}` (use valid.jsonl or invalid.jsonl)"
                )),
            }

            // Say it now: a snapshot mismatch in this glob panics before the final assert.
            for v in &violations[reported..] {
                eprintln!("fixture contract violated: {v}");
            }
            reported = violations.len();

            let snapshot = format!("# Input\n\n{input}\n# Output\n\n{rendered}");
            insta::with_settings!({ omit_expression => true, description => name.clone() }, {
                insta::assert_snapshot!(snapshot);
            });
        }
    );
    assert!(seen > 0, "no fixtures found under testdata/rules");
    assert!(
        violations.is_empty(),
        "fixture contract violated:\n  {}",
        violations.join("\n  ")
    );
}

#[test]
fn every_rule_has_fixtures_and_docs() {
    let dir = fixtures_dir();
    let mut problems = Vec::new();
    let registry = rules::registry();
    for r in &registry {
        let d = dir.join(r.code);
        // A docs-page rule's fixtures are pages (`.md`); every other rule's are `.jsonl`.
        for f in ["valid", "invalid"] {
            if !d.join(format!("{f}.jsonl")).is_file() && !d.join(format!("{f}.md")).is_file() {
                problems.push(format!(
                    "{}: missing testdata/rules/{}/{f}.jsonl",
                    r.code, r.code
                ));
            }
        }
        for section in ["## What it checks", "## Why it matters"] {
            if !r.docs.contains(section) {
                problems.push(format!("{}: docs lack `{section}`", r.code));
            }
        }
        if r.summary.trim().is_empty() {
            problems.push(format!("{}: empty summary", r.code));
        }
        let readme = d.join("README.md").is_file();
        let excepted = DOCUMENTED_EXCEPTIONS.contains(&r.code);
        if excepted && !readme {
            problems.push(format!(
                "{}: listed as an exception but has no README.md explaining why",
                r.code
            ));
        }
        if readme && !excepted {
            problems.push(format!(
                "{}: README.md present but the rule is not in DOCUMENTED_EXCEPTIONS",
                r.code
            ));
        }
    }
    for code in DOCUMENTED_EXCEPTIONS {
        if !registry.iter().any(|r| r.code == *code) {
            problems.push(format!("{code}: exception for a rule that does not exist"));
        }
    }
    // Every fixture directory belongs to a rule (catches typos and retired codes).
    for entry in std::fs::read_dir(&dir).expect("testdata/rules exists") {
        let entry = entry.expect("read testdata/rules");
        let name = entry.file_name().to_string_lossy().into_owned();
        if !registry.iter().any(|r| r.code == name) {
            problems.push(format!("testdata/rules/{name}: no rule with that code"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
