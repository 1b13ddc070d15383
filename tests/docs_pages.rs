//! `valint check` on Adobe's timeline pages and their translations (read from `../shared/`,
//! which CI provides beside the checkout): exit codes, the findings the pages are known to
//! contain, and language independence.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(rel)
}

const TIMELINES: &str =
    "reference/adobe-docs/media-analytics.en/help/implementation/media-collection-api/mc-api-timelines";

fn findings(rel: &str) -> (i32, Vec<Value>) {
    let out = Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "--format", "json-lines"])
        .arg(shared(rel))
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    (out.status.code().unwrap(), lines)
}

fn with_code<'a>(v: &'a [Value], code: &str) -> Vec<&'a Value> {
    v.iter().filter(|f| f["code"] == code).collect()
}

#[test]
fn timeline_2_in_every_language() {
    let pages = [
        format!("{TIMELINES}/mc-api-timeline-2.md"),
        "seeds/timeline-2.de.md".to_string(),
        "seeds/timeline-2.pt.md".to_string(),
    ];
    let mut per_page = Vec::new();
    for page in &pages {
        let (code, v) = findings(page);
        assert_eq!(code, 1, "{page}");
        let summary = v.last().unwrap();
        assert_eq!(summary["type"], "summary");
        assert_eq!(summary["checked"], 15, "{page}");
        assert_eq!(summary["unreadable"], 0, "{page}");
        assert_eq!(summary["files"][0]["clock_from_action_table"], true);
        // The play after the error goes back from 20 to 18.
        let back = with_code(&v, "TIM001");
        assert_eq!(back.len(), 1, "{page}");
        assert!(back[0]["message"]
            .as_str()
            .unwrap()
            .contains("from 20 s to 18 s"));
        assert_eq!(back[0]["request"], "Action 12 - Play content");
        // qoeData.bitrate is a schema finding, twice (Actions 8 and 12).
        let bitrate: Vec<_> = with_code(&v, "SCH003")
            .into_iter()
            .filter(|f| f["message"].as_str().unwrap().contains("`bitrate`"))
            .collect();
        assert_eq!(bitrate.len(), 2, "{page}");
        // Trailing commas in Actions 4 and 15.
        assert_eq!(with_code(&v, "SYN006").len(), 2, "{page}");
        let mut key: Vec<(String, String)> = v
            .iter()
            .filter(|f| {
                ["TIM001", "PNG001", "SCH003", "SYN006"].contains(&f["code"].as_str().unwrap_or(""))
            })
            .map(|f| (f["code"].to_string(), f["line"].to_string()))
            .collect();
        key.sort();
        per_page.push(key.into_iter().map(|(c, _)| c).collect::<Vec<_>>());
    }
    assert_eq!(per_page[0], per_page[1]);
    assert_eq!(per_page[0], per_page[2]);
}

#[test]
fn malformed_number_does_not_stop_the_page() {
    for page in ["seeds/timeline-2.de.md", "seeds/timeline-2.pt.md"] {
        let (_, v) = findings(page);
        let bad = with_code(&v, "SYN012");
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0]["line"], 236);
        assert_eq!(bad[0]["column"], 19);
        assert_eq!(bad[0]["end_column"], 21); // `8ß` is two characters
                                              // Bare words are syntax findings too; and the page goes on after `8ß`.
        assert_eq!(with_code(&v, "SYN009").len(), 15);
        assert!(with_code(&v, "TIM001")[0]["line"].as_u64().unwrap() > 236);
    }
}

#[test]
fn timelines_1_and_3_parse_completely() {
    for (page, n) in [("mc-api-timeline-1.md", 27), ("mc-api-timeline-3.md", 29)] {
        let (code, v) = findings(&format!("{TIMELINES}/{page}"));
        assert_eq!(code, 1);
        let s = v.last().unwrap();
        assert_eq!(s["checked"], n, "{page}");
        assert_eq!(s["unreadable"], 0, "{page}");
        assert_eq!(s["events"], n, "{page}");
        assert_eq!(s["sessions"], 1, "{page}");
    }
}

#[test]
fn exit_codes() {
    let ok = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/captures");
    Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "--nope"])
        .assert()
        .code(2);
    Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "does-not-exist.har"])
        .assert()
        .code(3);
    // A directory is not a capture: exit 3 like any input that cannot be read.
    Command::cargo_bin("valint")
        .unwrap()
        .arg("check")
        .arg(&ok)
        .assert()
        .code(3);
    Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "-", "--stdin-filename", "clean.jsonl"])
        .write_stdin(concat!(
            r#"{"playerTime":{"playhead":0,"ts":1700000000000},"eventType":"sessionStart","params":{"analytics.trackingServer":"a.sc.omtrdc.net","analytics.reportSuite":"rs","visitor.marketingCloudOrgId":"X@AdobeOrg","media.id":"v1","media.length":60,"media.contentType":"VOD","media.playerName":"p","media.channel":"c"}}"#,
            "\n",
            r#"{"playerTime":{"playhead":0,"ts":1700000001000},"eventType":"play"}"#,
            "\n",
            r#"{"playerTime":{"playhead":9,"ts":1700000010000},"eventType":"ping"}"#,
            "\n",
            r#"{"playerTime":{"playhead":12,"ts":1700000013000},"eventType":"sessionEnd"}"#,
            "\n"
        ))
        .assert()
        .code(0)
        .stdout(predicates::str::contains("No findings."));
}
