//! Every option a rule documents can be set from the command line, and setting it changes
//! what the rule reports.

use assert_cmd::Command;
use serde_json::Value;

fn codes(args: &[&str], fixture: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
    let out = Command::cargo_bin("valint")
        .unwrap()
        .arg("check")
        .args(args)
        .args(["--output-format", "json-lines"])
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter_map(|v| v["code"].as_str().map(str::to_string))
        .collect()
}

fn count(codes: &[String], code: &str) -> usize {
    codes.iter().filter(|c| *c == code).count()
}

#[test]
fn playhead_tolerance_hides_smaller_steps_back() {
    // The fixture's playhead goes back 2 s (20 -> 18) while playing.
    let fixture = "testdata/rules/TIM001/invalid.jsonl";
    assert_eq!(count(&codes(&[], fixture), "TIM001"), 1);
    assert_eq!(
        count(&codes(&["--playhead-tolerance", "1.5"], fixture), "TIM001"),
        1
    );
    assert_eq!(
        count(&codes(&["--playhead-tolerance", "2.5"], fixture), "TIM001"),
        0
    );
}

#[test]
fn ad_break_playhead_tolerance_widens_what_the_break_allows() {
    // The fixture's playhead runs from 15 to 4.75 and 14.75 inside the break: the largest
    // distance from the break's 15 is 10.25 s.
    let fixture = "testdata/rules/TIM002/invalid.jsonl";
    assert_eq!(count(&codes(&[], fixture), "TIM002"), 1);
    assert_eq!(
        count(
            &codes(&["--ad-break-playhead-tolerance", "10"], fixture),
            "TIM002"
        ),
        1
    );
    assert_eq!(
        count(
            &codes(&["--ad-break-playhead-tolerance", "11"], fixture),
            "TIM002"
        ),
        0
    );
}

#[test]
fn playhead_clock_tolerance_allows_the_playhead_to_gain_on_the_clock() {
    // The fixture's playhead gains 60.5 s in 10 s of wall-clock time: 50.5 s too many.
    let fixture = "testdata/rules/TIM006/invalid.jsonl";
    assert_eq!(count(&codes(&[], fixture), "TIM006"), 1);
    assert_eq!(
        count(
            &codes(&["--playhead-clock-tolerance", "50"], fixture),
            "TIM006"
        ),
        1
    );
    assert_eq!(
        count(
            &codes(&["--playhead-clock-tolerance", "51"], fixture),
            "TIM006"
        ),
        0
    );
}

#[test]
fn ad_length_tolerance_lets_an_ad_run_longer() {
    // The fixture's 6 s ad closes 11.5 s after its adStart: 5.5 s over its length.
    let fixture = "testdata/rules/AD010/invalid.jsonl";
    assert_eq!(count(&codes(&[], fixture), "AD010"), 1);
    assert_eq!(
        count(&codes(&["--ad-length-tolerance", "5"], fixture), "AD010"),
        1
    );
    assert_eq!(
        count(&codes(&["--ad-length-tolerance", "6"], fixture), "AD010"),
        0
    );
}

#[test]
fn tolerances_must_be_non_negative_seconds() {
    for flag in [
        "--playhead-tolerance",
        "--ad-break-playhead-tolerance",
        "--playhead-clock-tolerance",
        "--ad-length-tolerance",
    ] {
        let out = Command::cargo_bin("valint")
            .unwrap()
            .args([
                "check",
                &format!("{flag}=-1"),
                "testdata/rules/TIM001/valid.jsonl",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(flag),
            "{flag}"
        );
    }
}

/// Every `## Options` section of `valint explain` names command-line flags, and each flag
/// it names is one `valint check` has: an option nothing can set is a defect.
#[test]
fn every_documented_option_is_a_flag() {
    let help = Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let mut problems = Vec::new();
    for rule in valint::rules::registry() {
        let Some(options) = valint::rules::doc_section(rule, "Options") else {
            continue;
        };
        let flags: Vec<&str> = options
            .split('`')
            .skip(1)
            .step_by(2)
            .flat_map(|code| code.split_whitespace())
            .filter(|w| w.starts_with("--"))
            .collect();
        if flags.is_empty() {
            problems.push(format!(
                "{}: its Options name no flag: {options}",
                rule.code
            ));
        }
        for flag in flags {
            if !help.contains(&format!("{flag} ")) && !help.contains(&format!("{flag}\n")) {
                problems.push(format!(
                    "{}: `{flag}` is not a flag of valint check",
                    rule.code
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
