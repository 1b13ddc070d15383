//! `valint check` on the project's own docs-dialect pages in `testdata/docs/` (see its
//! README for the defects each page holds on purpose): exit codes, the exact findings,
//! the action-table clock, and language independence (a translated page gives the same
//! findings as the original). Adobe's own pages are the extra suite in `adobe_pages.rs`.

mod common;

use assert_cmd::Command;
use common::{check_json_lines, with_code};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Timeline A and its translations: same code blocks on the same lines, prose, headings
/// and tables in another language (the translated tables write `71` as `71,0`, so the
/// ping gap of Action 23 depends on reading a decimal comma).
const TIMELINE_A: [(&str, &str); 3] = [
    ("testdata/docs/timeline-a.md", "Action"),
    ("testdata/docs/timeline-a.de.md", "Aktion"),
    ("testdata/docs/timeline-a.es.md", "Acción"),
];
const TIMELINE_B: &str = "testdata/docs/timeline-b.md";

/// Exit code and the JSON lines (findings, then the summary) of `valint check` on `rel`.
fn findings(rel: &str) -> (i32, Vec<Value>) {
    let (code, lines) = check_json_lines(rel);
    assert_eq!(lines.last().unwrap()["type"], "summary", "{rel}");
    (code, lines)
}

fn counts(v: &[Value]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for f in v.iter().filter(|f| f["type"] == "finding") {
        *m.entry(f["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    m
}

fn expected_counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(c, n)| (c.to_string(), *n)).collect()
}

/// `(code, request, line)` of every finding of `code`.
fn placed(v: &[Value], code: &str) -> Vec<(String, u64)> {
    with_code(v, code)
        .into_iter()
        .map(|f| {
            (
                f["request"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The summary of a one-page run: the counts every docs-page test pins.
fn assert_summary(v: &[Value], page: &str, requests: u64, skipped: u64) {
    let s = v.last().unwrap();
    assert_eq!(s["requests"], requests, "{page}");
    assert_eq!(s["checked"], requests, "{page}");
    assert_eq!(s["unreadable"], 0, "{page}");
    assert_eq!(s["skipped"], skipped, "{page}");
    assert_eq!(s["events"], requests, "{page}");
    assert_eq!(s["sessions"], 1, "{page}");
    let file = &s["files"][0];
    assert_eq!(file["file"], page);
    assert_eq!(file["format"], "docs page", "{page}");
    assert_eq!(file["clock_from_action_table"], true, "{page}");
}

#[test]
fn timeline_a_findings_in_every_language() {
    for (page, action) in TIMELINE_A {
        let (code, v) = findings(page);
        assert_eq!(code, 1, "{page}");
        // 28 actions; Action 2 (start the ping clock) has a table and no code block.
        assert_summary(&v, page, 27, 0);
        assert_eq!(
            counts(&v),
            expected_counts(&[
                ("PNG001", 2),
                ("SCH003", 1),
                ("SCH004", 1),
                ("SYN003", 117),
                ("SYN006", 2),
                ("SYN009", 27),
                ("SYN010", 27),
                ("SYN011", 1),
                ("SYN012", 1),
                ("TIM001", 1),
                // Action 26: the table's playhead is 32, the body's 29.
                ("TIM009", 1),
            ]),
            "{page}"
        );
        let label = |n: u32, words: [&str; 3]| {
            let i = TIMELINE_A.iter().position(|(p, _)| *p == page).unwrap();
            format!("{action} {n} - {}", words[i])
        };
        // The resumed play after the error is three seconds behind it (on the action
        // table's clock: the bodies' `ts` are placeholders).
        let back = with_code(&v, "TIM001");
        assert!(
            back[0]["message"]
                .as_str()
                .unwrap()
                .contains("from 32 s to 29 s"),
            "{page}: {}",
            back[0]["message"]
        );
        assert_eq!(
            placed(&v, "TIM001"),
            [(
                label(26, ["Recovery", "Wiederherstellung", "Recuperación"]),
                480
            )],
            "{page}"
        );
        // The ping clock forgotten through the mid-roll: 51 s to the play at 70 s, which
        // restarts the timer (the ping at 71 s is 1 s after it).
        assert!(with_code(&v, "PNG001")[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("20 s without a ping"));
        let png001 = with_code(&v, "PNG001");
        assert_eq!(
            png001[0]["request"],
            label(23, ["Ping", "Ping", "Ping"]),
            "{page}"
        );
        assert_eq!(png001[0]["line"], 427, "{page}");
        // Adobe rejects the ping of Action 27 (its `qoeData` key, below), so it does not
        // count: the pings stop at Action 25 (84 s) and the session ends at 93 s
        // without one. The finding says why.
        assert!(png001[1]["message"]
            .as_str()
            .unwrap()
            .starts_with("12 s until the session's last event without a ping"));
        assert!(png001[1]["note"]
            .as_str()
            .unwrap()
            .contains("Adobe rejected the ping at event #25 (its body fails the schema, SCH003)"));
        // Dropped frames under a key `qoeData` does not allow, on the ping of Action 27; the
        // play of Action 8 uses the right key and has no finding.
        let sch003 = with_code(&v, "SCH003");
        let msg = sch003[0]["message"].as_str().unwrap();
        assert!(
            msg.contains("`qoeData` does not allow the key `droppedFrames`"),
            "{msg}"
        );
        assert_eq!(sch003[0]["request"], label(27, ["Ping", "Ping", "Ping"]));
        // `media.errorSource: "network"` on the error.
        let sch004 = with_code(&v, "SCH004");
        assert!(sch004[0]["message"].as_str().unwrap().contains(
            "`media.errorSource` must be one of \"player\", \"external\", found \"network\""
        ));
        assert_eq!(
            placed(&v, "SCH004"),
            [(
                label(
                    24,
                    [
                        "Playback error",
                        "Wiedergabefehler",
                        "Error de reproducción"
                    ]
                ),
                448
            )]
        );
        // The stray commas after `params` in the two adStart bodies.
        assert_eq!(
            placed(&v, "SYN006"),
            [
                (
                    label(
                        4,
                        [
                            "Pre-roll ad begins",
                            "Pre-Roll-Anzeige beginnt",
                            "Empieza el anuncio pre-roll"
                        ]
                    ),
                    97
                ),
                (
                    label(
                        19,
                        [
                            "Mid-roll ad begins",
                            "Mid-Roll-Anzeige beginnt",
                            "Empieza el anuncio mid-roll"
                        ]
                    ),
                    361
                ),
            ],
            "{page}"
        );
        // The unfilled tracking server in sessionStart.
        assert!(with_code(&v, "SYN011")[0]["message"]
            .as_str()
            .unwrap()
            .contains("[YOUR-TRACKING-SERVER]"));
    }
}

#[test]
fn translations_of_timeline_a_give_the_same_findings() {
    // Everything but the file name and the request label (the translated heading) is the
    // same, finding for finding; the label names the same action in every language.
    let strip = |v: &[Value]| -> Vec<Value> {
        v.iter()
            .map(|f| {
                let mut f = f.clone();
                let o = f.as_object_mut().unwrap();
                o.remove("file");
                o.remove("files");
                o.remove("request");
                f
            })
            .collect()
    };
    let action_numbers = |v: &[Value]| -> Vec<String> {
        v.iter()
            .filter(|f| f["type"] == "finding")
            .map(|f| match f["request"].as_str() {
                Some(label) => label.split_whitespace().nth(1).unwrap().to_string(),
                // A finding made at the session's end names no request.
                None => "-".to_string(),
            })
            .collect()
    };
    let (_, en) = findings(TIMELINE_A[0].0);
    assert_eq!(en.len(), 182);
    for (page, action) in &TIMELINE_A[1..] {
        let (_, tr) = findings(page);
        assert_eq!(strip(&tr), strip(&en), "{page} vs {}", TIMELINE_A[0].0);
        assert_eq!(action_numbers(&tr), action_numbers(&en), "{page}");
        assert!(tr
            .iter()
            .filter(|f| f["type"] == "finding")
            .all(|f| f["request"].as_str().is_none_or(|r| r.starts_with(action))));
    }
}

#[test]
fn malformed_number_does_not_stop_the_page() {
    for (page, _) in TIMELINE_A {
        let (_, v) = findings(page);
        let bad = with_code(&v, "SYN012");
        assert_eq!(bad.len(), 1, "{page}");
        assert_eq!(bad[0]["line"], 233);
        assert_eq!(bad[0]["column"], 19);
        assert_eq!(bad[0]["end_column"], 21); // `1ß` is two characters
        assert!(bad[0]["message"].as_str().unwrap().contains("`1ß`"));
        // Every body's bare `eventType` is a finding, the ones after `1ß` too, and the
        // sequence rules still run on the rest of the page.
        let bare = with_code(&v, "SYN009");
        assert_eq!(bare.len(), 27, "{page}");
        assert_eq!(bare.iter().filter(|f| f["line"] == 236).count(), 1);
        assert!(with_code(&v, "TIM001")[0]["line"].as_u64().unwrap() > 233);
    }
}

#[test]
fn timeline_b_chapters_and_ads() {
    let (code, v) = findings(TIMELINE_B);
    assert_eq!(code, 1);
    // 32 requests; the shell block after Action 1 is skipped, not unreadable.
    assert_summary(&v, TIMELINE_B, 32, 1);
    assert_eq!(
        counts(&v),
        expected_counts(&[
            ("AD001", 2),
            // Both chapterStarts fail the schema (SCH001, SCH002), so Adobe rejects them:
            // their chapterCompletes close no chapter.
            ("CHP002", 2),
            ("SCH001", 1),
            ("SCH002", 1),
            ("SYN006", 2),
            ("SYN010", 32),
            ("TIM002", 1),
            // Action 18: the table's playhead is 25, the body's 28.
            ("TIM009", 1),
        ])
    );
    // Quoted keys, but every `ts` is the placeholder: one SYN010 per body.
    assert!(with_code(&v, "SYN010").iter().all(|f| f["message"]
        .as_str()
        .unwrap()
        .starts_with("`\"<timestamp>\"`")));
    let at = |code: &str| placed(&v, code);
    let s = |r: &str, l: u64| (r.to_string(), l);
    assert_eq!(at("SCH001"), [s("Action 12 - First chapter begins", 258)]);
    assert!(with_code(&v, "SCH001")[0]["message"]
        .as_str()
        .unwrap()
        .contains("`media.chapter.offset` must be a number"));
    assert_eq!(at("SCH002"), [s("Action 22 - Second chapter begins", 438)]);
    assert!(with_code(&v, "SCH002")[0]["message"]
        .as_str()
        .unwrap()
        .contains("`media.chapter.length`"));
    assert_eq!(
        at("SYN006"),
        [
            s("Action 12 - First chapter begins", 261),
            s("Action 22 - Second chapter begins", 442)
        ]
    );
    assert_eq!(at("TIM002"), [s("Action 18 - Ping in the mid-roll", 368)]);
    assert!(with_code(&v, "TIM002")[0]["message"]
        .as_str()
        .unwrap()
        .contains("from 25 s to 28 s inside an ad break"));
    // The post-roll without its break.
    assert_eq!(
        at("AD001"),
        [
            s("Action 30 - Post-roll ad begins", 572),
            s("Action 31 - Post-roll ad ends", 595)
        ]
    );
    // Sub-headings label their own blocks (Action 5.1 and 5.2 are pings in an ad).
    let labels: Vec<&str> = v
        .iter()
        .filter_map(|f| f["request"].as_str())
        .filter(|r| r.starts_with("Action 5"))
        .collect();
    assert_eq!(
        labels,
        ["Action 5.1 - First ad ping", "Action 5.2 - Second ad ping"]
    );
}

/// Every finding on every page, one line each: a change to any of them shows in review.
#[test]
fn page_findings() {
    insta::glob!("../testdata/docs", "timeline-*.md", |path| {
        let rel = format!(
            "testdata/docs/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let (code, v) = findings(&rel);
        let mut text = format!("exit {code}\n");
        for f in &v {
            if f["type"] == "finding" {
                text.push_str(&format!(
                    "{}:{}-{}:{} {} {} [{}] {}\n",
                    f["line"],
                    f["column"],
                    f["end_line"],
                    f["end_column"],
                    f["severity"].as_str().unwrap(),
                    f["code"].as_str().unwrap(),
                    f["request"].as_str().unwrap_or("-"),
                    f["message"].as_str().unwrap()
                ));
            } else {
                let s = f.as_object().unwrap();
                for key in [
                    "requests",
                    "checked",
                    "unreadable",
                    "skipped",
                    "sessions",
                    "events",
                    "errors",
                    "warnings",
                    "infos",
                ] {
                    text.push_str(&format!("{key}: {}\n", s[key]));
                }
                text.push_str(&format!(
                    "clock_from_action_table: {}\n",
                    s["files"][0]["clock_from_action_table"]
                ));
            }
        }
        insta::assert_snapshot!(text);
    });
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
