//! Team settings files (`valint.toml`, `.valint.toml`, `[tool.valint]` in
//! `pyproject.toml`): discovery across nested folders, flags beating the file, keys taken
//! from `check`'s flags, `[severity]`, `[per-file-ignores]`, bad keys and values rendered
//! with their span, `--show-settings`.

mod common;
use common::{run, valint_in};

use serde_json::Value;
use std::path::Path;

/// A capture with two AD001 errors.
const AD001: &str = "testdata/rules/AD001/invalid.jsonl";
/// A capture with one TIM003 warning.
const TIM003: &str = "testdata/rules/TIM003/invalid.jsonl";

/// Writes `text` to `dir/rel`, creating folders.
fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Copies a fixture of the repository to `dir/rel`.
/// Writes `fixture` to `rel`, with a session id of its own: copies of one recording in one
/// run would be the same traffic recorded twice (CAP001), which these tests are not about.
fn copy(dir: &Path, fixture: &str, rel: &str) {
    let text = std::fs::read_to_string(common::root().join(fixture)).unwrap();
    let sid: String = format!(
        "{:016x}",
        rel.bytes().fold(0xcbf29ce484222325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
        })
    );
    write(dir, rel, &text.replace("9f2c4e1a7b3d5068", &sid));
}

/// (file, code, severity) of every finding of a json-lines report.
fn findings(stdout: &str) -> Vec<(String, String, String)> {
    stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .filter(|v| v["type"] == "finding")
        .map(|v| {
            (
                v["file"].as_str().unwrap().to_string(),
                v["code"].as_str().unwrap().to_string(),
                v["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_closest_settings_file_wins_and_flags_beat_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(d, AD001, "top.jsonl");
    copy(d, AD001, "team/deep/er/nested.jsonl");
    copy(d, AD001, "other/plain.jsonl");
    // The top file: AD001 down to a warning, warnings fail the run.
    write(
        d,
        "valint.toml",
        "output-format = \"json-lines\"\nfail-on = \"warning\"\n\n[severity]\nAD001 = \"warning\"\n",
    );
    // Closer to `nested.jsonl`: AD001 is ignored there.
    write(d, "team/.valint.toml", "ignore = [\"AD001\"]\n");

    let (code, out, err) = run(valint_in(d).args(["check", "top.jsonl", "other/plain.jsonl"]));
    assert_eq!(code, 1, "{err}");
    let f = findings(&out);
    assert_eq!(f.len(), 4, "{out}");
    assert!(
        f.iter().all(|(_, c, s)| c == "AD001" && s == "warning"),
        "{f:?}"
    );

    // The nested file is under team/.valint.toml, which ignores AD001; the run's options
    // (json-lines, fail-on) come from the file all inputs share.
    let (code, out, err) = run(valint_in(d).args([
        "check",
        "team/deep/er/nested.jsonl",
        "--output-format",
        "json-lines",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(findings(&out).is_empty(), "{out}");

    // Both together: each file keeps its own settings.
    let (_, out, _) = run(valint_in(d).args(["check", "top.jsonl", "team/deep/er/nested.jsonl"]));
    let files: Vec<String> = findings(&out).into_iter().map(|f| f.0).collect();
    assert_eq!(files, ["top.jsonl", "top.jsonl"], "{out}");

    // A flag beats the file: --fail-on error, and AD001 is a warning.
    let (code, _, _) = run(valint_in(d).args(["check", "top.jsonl", "--fail-on", "error"]));
    assert_eq!(code, 0);
    // The environment beats the file too.
    let (_, out, _) = run(valint_in(d)
        .env("VALINT_OUTPUT_FORMAT", "concise")
        .args(["check", "top.jsonl"]));
    assert!(out.contains("warning[AD001]"), "{out}");

    // --isolated: no settings at all (AD001 is an error, the output is full).
    let (code, out, _) = run(valint_in(d).args(["check", "--isolated", "top.jsonl"]));
    assert_eq!(code, 1);
    assert!(out.contains("error[AD001]"), "{out}");

    // --config: that file for every input, whatever is closer.
    write(
        d,
        "elsewhere/strict.toml",
        "output-format = \"concise\"\n[severity]\nAD = \"info\"\n",
    );
    let (code, out, err) = run(valint_in(d).args([
        "check",
        "--config",
        "elsewhere/strict.toml",
        "team/deep/er/nested.jsonl",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("info[AD001]"), "{out}");
}

#[test]
fn pyproject_tool_valint_is_read_and_one_without_it_is_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(d, AD001, "proj/sub/c.jsonl");
    write(
        d,
        "proj/pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.valint]\noutput-format = \"json-lines\"\nselect = [\"TIM\"]\n",
    );
    // Closer, but without [tool.valint]: the walk goes on to proj/.
    write(d, "proj/sub/pyproject.toml", "[project]\nname = \"y\"\n");
    let (code, out, err) = run(valint_in(d).args(["check", "proj/sub/c.jsonl"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "only the summary: {out}");
}

#[test]
fn every_check_flag_is_a_key_with_the_flags_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(d, AD001, "a.jsonl");
    // A boolean flag, a repeatable one, a number, a list.
    write(
        d,
        "valint.toml",
        "statistics = true\noutput = [\"json=report.json\"]\nmax-findings = 1\noutput-format = \"json\"\nselect = [\"ad-outside-break\"]\n",
    );
    let (code, out, err) = run(valint_in(d).args(["check", "a.jsonl"]));
    assert_eq!(code, 1, "{err}");
    let stats: Value = serde_json::from_str(&out).expect("JSON statistics");
    assert!(out.contains("AD001"), "{stats}");
    let report: Value =
        serde_json::from_slice(&std::fs::read(d.join("report.json")).unwrap()).unwrap();
    // max-findings 1: one AD001 listed, the second counted (LIM002 says so).
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["AD001", "LIM002"], "{report}");
}

#[test]
fn an_unknown_key_is_exit_2_with_its_place_and_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(d, AD001, "a.jsonl");
    write(
        d,
        "valint.toml",
        "fail-on = \"warning\"\nping-intervall = 12\n",
    );
    let (code, out, err) = run(valint_in(d).args(["check", "a.jsonl"]));
    assert_eq!(code, 2);
    assert!(out.is_empty(), "nothing is checked: {out}");
    assert!(err.contains("error[settings]: unknown-key"), "{err}");
    assert!(
        err.contains("unknown settings key `ping-intervall`"),
        "{err}"
    );
    assert!(
        err.contains("[valint.toml:2:1]"),
        "file, line, column: {err}"
    );
    assert!(
        err.contains("2 │ ping-intervall = 12"),
        "the snippet: {err}"
    );
    // The label sits under the key's 14 characters.
    assert!(err.contains(&format!("· {}", "─".repeat(6))), "{err}");
    assert!(err.contains("did you mean `ping-interval`?"), "{err}");
}

#[test]
fn bad_values_are_found_each_with_its_span() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(d, AD001, "a.jsonl");
    write(
        d,
        "valint.toml",
        "fail-on = \"sometimes\"\nping-tolerance = -1\nselect = [\"AD\", \"ADX\"]\nconfig = \"x\"\n\n[severity]\nAD001 = \"warn\"\nnope-rule = \"off\"\n\n[per-file-ignores]\n\"[\" = [\"AD\"]\n",
    );
    let (code, _, err) = run(valint_in(d).args(["check", "a.jsonl"]));
    assert_eq!(code, 2);
    for want in [
        "[valint.toml:1:11]",
        "invalid value 'sometimes' for '--fail-on <SEVERITY>'",
        "[valint.toml:2:18]",
        "expected a non-negative number of seconds",
        "[valint.toml:3:17]",
        "unknown rule selector `ADX`",
        "`config` can only be given on the command line",
        "[valint.toml:7:9]",
        "did you mean `\"warning\"`?",
        "no rule `nope-rule`",
        "bad glob `[`",
        "7 problems in the settings",
    ] {
        assert!(err.contains(want), "missing `{want}` in:\n{err}");
    }
    // Not TOML at all.
    write(d, "valint.toml", "fail-on = \n");
    let (code, _, err) = run(valint_in(d).args(["check", "a.jsonl"]));
    assert_eq!(code, 2);
    assert!(err.contains("is not valid TOML"), "{err}");
    assert!(err.contains("[valint.toml:1:"), "{err}");
}

#[test]
fn severity_off_up_and_down_change_output_and_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(d, AD001, "ad.jsonl");
    copy(d, TIM003, "tim.jsonl");
    let check = |toml: &str, args: &[&str]| {
        write(d, "valint.toml", toml);
        let (code, out, err) = run(valint_in(d)
            .args([
                "check",
                "--output-format",
                "json-lines",
                "ad.jsonl",
                "tim.jsonl",
            ])
            .args(args));
        (code, findings(&out), err)
    };
    // Defaults: AD001 errors, TIM003 a warning.
    let (code, f, _) = check("", &[]);
    assert_eq!(code, 1);
    assert_eq!(f.iter().filter(|x| x.2 == "error").count(), 2, "{f:?}");

    // off: the rule does not run at all.
    let (code, f, _) = check("[severity]\nAD001 = \"off\"\n", &[]);
    assert_eq!(code, 0);
    assert!(f.iter().all(|x| x.1 != "AD001"), "{f:?}");

    // down: AD001 as info; nothing at or above error.
    let (code, f, _) = check("[severity]\nad-outside-break = \"info\"\n", &[]);
    assert_eq!(code, 0);
    assert!(
        f.iter().filter(|x| x.1 == "AD001").all(|x| x.2 == "info"),
        "{f:?}"
    );

    // up: TIM003 as an error fails the run even with AD001 off; the most specific
    // selector wins over the family.
    let (code, f, _) = check(
        "[severity]\ntime = \"info\"\nTIM003 = \"error\"\nAD = \"off\"\n",
        &[],
    );
    assert_eq!(code, 1);
    assert_eq!(f, [("tim.jsonl".into(), "TIM003".into(), "error".into())]);

    // Every format carries the override: SARIF's level, the summary's counts.
    write(d, "valint.toml", "[severity]\nAD001 = \"warning\"\n");
    let (code, out, _) = run(valint_in(d).args(["check", "--output-format", "sarif", "ad.jsonl"]));
    assert_eq!(code, 0);
    let sarif: Value = serde_json::from_str(&out).unwrap();
    common::validate_sarif(&sarif);
    let levels: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["warning", "warning"]);
    let (_, out, _) = run(valint_in(d).args(["check", "--output-format", "concise", "ad.jsonl"]));
    assert!(out.contains("(0 errors, 2 warnings, 0 info)"), "{out}");
}

#[test]
fn per_file_ignores_match_globs_relative_to_the_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(d, AD001, "legacy/old.jsonl");
    copy(d, AD001, "new/fresh.jsonl");
    write(
        d,
        "valint.toml",
        "output-format = \"json-lines\"\n[per-file-ignores]\n\"legacy/**\" = [\"AD001\"]\n",
    );
    let (code, out, _) = run(valint_in(d).args(["check", "legacy/old.jsonl", "new/fresh.jsonl"]));
    assert_eq!(code, 1);
    let files: Vec<String> = findings(&out).into_iter().map(|f| f.0).collect();
    assert_eq!(files, ["new/fresh.jsonl", "new/fresh.jsonl"], "{out}");
    // From another folder, the glob is still relative to the settings file.
    let (_, out, _) = run(valint_in(&d.join("new")).args(["check", "../legacy/old.jsonl"]));
    assert!(findings(&out).is_empty(), "{out}");
}

#[test]
fn show_settings_names_each_value_and_where_it_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(d, AD001, "a.jsonl");
    write(
        d,
        "valint.toml",
        "# team settings\nping-interval = 12\nfail-on = \"warning\"\n\n[severity]\nAD001 = \"off\"\n",
    );
    let (code, out, err) =
        run(valint_in(d).args(["check", "--show-settings", "--fail-on", "info", "a.jsonl"]));
    assert_eq!(code, 0, "{err}");
    let line = |key: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{key} = ")))
            .unwrap_or_else(|| panic!("no `{key}` in:\n{out}"))
            .to_string()
    };
    assert!(line("ping-interval").ends_with("# valint.toml:2"), "{out}");
    assert!(line("fail-on").contains("\"info\""), "{out}");
    assert!(line("fail-on").ends_with("# command line"), "{out}");
    assert!(line("ping-tolerance").ends_with("# default"), "{out}");
    assert!(line("AD001").contains("\"off\""), "{out}");
    assert!(line("AD001").ends_with("# valint.toml:6"), "{out}");
    assert!(out.contains("# settings file: valint.toml"), "{out}");
    // Every long flag of `check` that a file may set is listed.
    for key in [
        "output-format",
        "max-findings",
        "select",
        "equal-ts-severity",
    ] {
        line(key);
    }
}

#[test]
fn every_rule_option_explain_names_is_a_settings_key() {
    // Each flag a rule's Options section names is settable in valint.toml: the file sets
    // it and --show-settings says so. No Options section names a key nothing can set.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(d, AD001, "a.jsonl");
    let mut keys = std::collections::BTreeSet::new();
    for rule in valint::rules::registry() {
        let Some(options) = valint::rules::doc_section(rule, "Options") else {
            continue;
        };
        for code in options.split('`').skip(1).step_by(2) {
            assert!(
                !code.contains('_'),
                "{}: Options names `{code}`, which nothing can set",
                rule.code
            );
            for w in code.split_whitespace() {
                if let Some(flag) = w.strip_prefix("--") {
                    keys.insert(flag.to_string());
                }
            }
        }
    }
    assert!(keys.len() >= 5, "{keys:?}");
    for key in keys {
        // The flag's block in `check --help`: a value it accepts is its default, or a
        // number when it has none.
        let help = run(valint_in(d).args(["check", "--help"])).1;
        let block: Vec<&str> = help
            .lines()
            .skip_while(|l| {
                !l.trim_start().starts_with(&format!("--{key} "))
                    && l.trim_start() != format!("--{key}")
            })
            .take_while({
                let mut first = true;
                // Up to the next flag (`- value: ...` lines list possible values).
                move |l| {
                    let t = l.trim_start();
                    std::mem::take(&mut first) || !t.starts_with('-') || t.starts_with("- ")
                }
            })
            .collect();
        assert!(!block.is_empty(), "--{key} is not in check --help");
        let takes_value = block[0].contains(" <");
        let default = block
            .iter()
            .find_map(|l| l.split("[default: ").nth(1))
            .map(|d| d.trim_end_matches(']').to_string());
        let value = match (takes_value, default) {
            (false, _) => "true".to_string(),
            (true, Some(d)) => format!("{d:?}"),
            (true, None) => "3".to_string(),
        };
        write(d, "valint.toml", &format!("{key} = {value}\n"));
        let (code, out, err) = run(valint_in(d).args(["check", "--show-settings", "a.jsonl"]));
        assert_eq!(code, 0, "{key}: {err}");
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{key} = ")))
            .unwrap_or_else(|| panic!("{key} not listed: {out}"));
        assert!(line.ends_with("# valint.toml:1"), "{line}");
    }
}

#[test]
fn another_tools_broken_pyproject_is_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(d, AD001, "p/a.jsonl");
    write(d, "valint.toml", "output-format = \"json-lines\"\n");
    write(d, "p/pyproject.toml", "[project\nname = \n");
    let (code, out, err) = run(valint_in(d).args(["check", "p/a.jsonl"]));
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        findings(&out).len(),
        2,
        "the valint.toml above applies: {out}"
    );
    // One that means to configure valint is checked.
    write(d, "p/pyproject.toml", "[tool.valint]\nfail-on = \n");
    let (code, _, err) = run(valint_in(d).args(["check", "p/a.jsonl"]));
    assert_eq!(code, 2);
    assert!(err.contains("p/pyproject.toml"), "{err}");
}

#[test]
fn extend_select_adds_to_the_files_select_and_a_flag_replaces_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(d, AD001, "ad.jsonl");
    copy(d, TIM003, "tim.jsonl");
    write(
        d,
        "valint.toml",
        "output-format = \"json-lines\"\nselect = [\"TIM\"]\n",
    );
    let codes = |args: &[&str]| {
        let (_, out, err) = run(valint_in(d)
            .args(["check", "ad.jsonl", "tim.jsonl"])
            .args(args));
        let mut c: Vec<String> = findings(&out).into_iter().map(|f| f.1).collect();
        c.dedup();
        assert!(err.is_empty(), "{err}");
        c
    };
    assert_eq!(codes(&[]), ["TIM003"]);
    assert_eq!(codes(&["--extend-select", "AD001"]), ["AD001", "TIM003"]);
    // The flag replaces the file's list.
    assert_eq!(codes(&["--select", "AD"]), ["AD001"]);
}
