//! The extra suite: `valint check` on Adobe's own documentation pages, read from
//! `../shared/` beside the checkout (the project's CI has it there; a clone of the
//! repository alone does not). Timelines 1 to 3 and the German and Portuguese translations
//! of timeline 2: exit codes, the findings the pages are known to contain, language
//! independence, and the fast path.
//!
//! Without `../shared` every test here returns at once, and the suite says so in one line
//! written straight to stderr (libtest captures `eprintln!` of passing tests, not that), so
//! a plain `cargo test` shows what it skipped. With `../shared` present, a missing page is
//! a failure, not a skip. The same checks on the project's own pages (`testdata/docs/`)
//! run everywhere: `docs_pages.rs`, `cli.rs`, `fast_path.rs`.

mod common;

use common::{check_json_lines, files_under, json_report, root, with_code};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Once;
use valint::check::Input;

/// The checkout this run is for. Cargo sets `CARGO_MANIFEST_DIR` when it runs a test; the
/// compile-time value is only a fallback, because a test binary reused from another
/// checkout's build (two clones sharing one `CARGO_TARGET_DIR`) still holds the path of the
/// checkout that built it, and would look for `../shared` beside that one.
fn checkout() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().to_path_buf())
}

/// `../shared`, or `None` after saying (once per run of this suite) that it is skipped.
fn shared_dir() -> Option<PathBuf> {
    let dir = checkout().join("..").join("shared");
    if dir.is_dir() {
        return Some(dir);
    }
    static SAID: Once = Once::new();
    SAID.call_once(|| {
        let line = format!(
            "SKIPPED: extra suite tests/adobe_pages.rs (Adobe's timeline pages 1-3 and the de/pt \
             translations of timeline 2): {} does not exist\n",
            dir.display()
        );
        let _ = std::io::stderr().write_all(line.as_bytes());
    });
    None
}

/// A page under `../shared`; it must be there when `../shared` is.
fn page(shared: &Path, rel: &str) -> PathBuf {
    let p = shared.join(rel);
    assert!(
        p.is_file(),
        "{} is missing although ../shared is there",
        p.display()
    );
    p
}

const TIMELINES: &str =
    "reference/adobe-docs/media-analytics.en/help/implementation/media-collection-api/mc-api-timelines";
const TIMELINE_DE: &str = "seeds/timeline-2.de.md";
const TIMELINE_PT: &str = "seeds/timeline-2.pt.md";

fn timeline(n: u32) -> String {
    format!("{TIMELINES}/mc-api-timeline-{n}.md")
}

#[test]
fn timeline_2_in_every_language() {
    let Some(shared) = shared_dir() else { return };
    let pages = [
        timeline(2),
        TIMELINE_DE.to_string(),
        TIMELINE_PT.to_string(),
    ];
    let mut per_page = Vec::new();
    for rel in &pages {
        let (code, v) = check_json_lines(page(&shared, rel));
        assert_eq!(code, 1, "{rel}");
        let summary = v.last().unwrap();
        assert_eq!(summary["type"], "summary");
        assert_eq!(summary["checked"], 15, "{rel}");
        assert_eq!(summary["unreadable"], 0, "{rel}");
        assert_eq!(summary["files"][0]["clock_from_action_table"], true);
        // The play after the error goes back from 20 to 18, but its `qoeData.bitrate`
        // makes Adobe reject it (SCH003, a 400): it is not part of the sequence Adobe sees,
        // so no sequencing rule judges it, and later findings name the rejection.
        assert_eq!(with_code(&v, "TIM001").len(), 0, "{rel}");
        let ping = with_code(&v, "PNG001");
        assert!(!ping.is_empty(), "{rel}");
        assert!(
            ping.iter().all(|f| f["note"]
                .as_str()
                .is_some_and(|n| n.contains("Adobe rejected the play"))),
            "{rel}: {ping:?}"
        );
        // qoeData.bitrate is a schema finding, twice (Actions 8 and 12).
        let bitrate: Vec<_> = with_code(&v, "SCH003")
            .into_iter()
            .filter(|f| f["message"].as_str().unwrap().contains("`bitrate`"))
            .collect();
        assert_eq!(bitrate.len(), 2, "{rel}");
        // Trailing commas in Actions 4 and 15.
        assert_eq!(with_code(&v, "SYN006").len(), 2, "{rel}");
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
    let Some(shared) = shared_dir() else { return };
    for rel in [TIMELINE_DE, TIMELINE_PT] {
        let (_, v) = check_json_lines(page(&shared, rel));
        let bad = with_code(&v, "SYN012");
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0]["line"], 236);
        assert_eq!(bad[0]["column"], 19);
        assert_eq!(bad[0]["end_column"], 21); // `8ß` is two characters
                                              // Bare words are syntax findings too; and the page goes on after `8ß`.
        assert_eq!(with_code(&v, "SYN009").len(), 15);
        assert!(with_code(&v, "SCH003")
            .iter()
            .any(|f| f["line"].as_u64().unwrap() > 236));
    }
}

#[test]
fn timelines_1_and_3_parse_completely() {
    let Some(shared) = shared_dir() else { return };
    for (n, events) in [(1, 27), (3, 29)] {
        let (code, v) = check_json_lines(page(&shared, &timeline(n)));
        assert_eq!(code, 1);
        let s = v.last().unwrap();
        assert_eq!(s["checked"], events, "timeline {n}");
        assert_eq!(s["unreadable"], 0, "timeline {n}");
        assert_eq!(s["events"], events, "timeline {n}");
        assert_eq!(s["sessions"], 1, "timeline {n}");
    }
}

/// Timelines 1 and 3 send `play` after the pre-roll (Action 11) but not after the mid-roll:
/// the first content ping after that break is where PLB004 reports it, and nothing else of
/// the new playback rules fires on Adobe's pages (their pre-roll, buffer and pause are right).
#[test]
fn timelines_1_and_3_miss_the_play_after_the_mid_roll() {
    let Some(shared) = shared_dir() else { return };
    for (n, block, line) in [(1, "Action 21 - Ping", 499), (3, "Action 24 - Ping", 512)] {
        let (_, v) = check_json_lines(page(&shared, &timeline(n)));
        let missing = with_code(&v, "PLB004");
        assert_eq!(missing.len(), 1, "timeline {n}: {missing:?}");
        assert_eq!(missing[0]["request"], block, "timeline {n}");
        assert_eq!(missing[0]["line"], line, "timeline {n}");
        assert_eq!(missing[0]["severity"], "warning", "timeline {n}");
        assert!(
            missing[0]["message"]
                .as_str()
                .unwrap()
                .contains("from 21 s to 27 s"),
            "timeline {n}: {}",
            missing[0]["message"]
        );
        for quiet in [
            "TIM005", "TIM006", "TIM007", "TIM008", "PLB001", "PLB002", "PLB003",
        ] {
            assert!(with_code(&v, quiet).is_empty(), "timeline {n}: {quiet}");
        }
    }
}

/// The AD findings of a page: `(code, request label, message)`, in the page's order.
fn ad_findings(v: &[Value]) -> Vec<(String, String, String)> {
    v.iter()
        .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("AD")))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["request"].as_str().unwrap_or("<session end>").to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The ad mistakes FACTS §5 lists for the timelines, each reported at its block, and no
/// other AD finding: Ad 2 repeats podPosition 1 in timelines 1 and 3, and the mid-roll's
/// only ad has podPosition 2 (AD013); in timeline 2 the 7 s pre-roll runs 12 s, the
/// mid-roll's ad names pod `ad_pod1` inside break `ad_pod2`, the session ends inside that ad
/// and break (advice only: Adobe's SDK would close them), and the mid-roll's ad reuses the
/// pre-roll's id with another length.
#[test]
fn ad_mistakes_of_the_timelines() {
    let Some(shared) = shared_dir() else { return };
    for (n, mid_roll_ad) in [(1, "Action 17 - Ad start"), (3, "Action 19 - Ad start")] {
        let (_, v) = check_json_lines(page(&shared, &timeline(n)));
        let ads = ad_findings(&v);
        assert_eq!(ads.len(), 2, "timeline {n}: {ads:?}");
        let (code, request, message) = &ads[0];
        assert_eq!(code, "AD008", "timeline {n}");
        assert_eq!(request, "Action 7 - Ad start", "timeline {n}");
        assert!(
            message.contains("`media.ad.podPosition` 1 repeats"),
            "timeline {n}: {message}"
        );
        let (code, request, message) = &ads[1];
        assert_eq!(code, "AD013", "timeline {n}");
        assert_eq!(request, mid_roll_ad, "timeline {n}");
        assert!(
            message.contains("`media.ad.podPosition` 2, not 0 or 1"),
            "timeline {n}: {message}"
        );
    }

    let (_, v) = check_json_lines(page(&shared, &timeline(2)));
    let ads = ad_findings(&v);
    let codes: Vec<&str> = ads.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(codes, ["AD010", "AD004", "AD011", "AD014"], "{ads:?}");
    assert_eq!(ads[0].1, "Action 6 - Ad complete");
    assert!(
        ads[0].2.contains("played 12 s") && ads[0].2.contains("is 7 s"),
        "{}",
        ads[0].2
    );
    assert!(
        ads[1].2.contains("an ad and its ad break are still open"),
        "{}",
        ads[1].2
    );
    let open = v.iter().find(|f| f["code"] == "AD004").unwrap();
    assert_eq!(open["severity"], "info");
    assert_eq!(ads[2].1, "Action 15 - Ad start");
    assert!(
        ads[2].2.contains("\"ad_pod1\" inside ad break \"ad_pod2\""),
        "{}",
        ads[2].2
    );
    // Both ads are `002`, declared 7 s and then 8 s (FACTS §5, T2 iii).
    assert_eq!(ads[3].1, "Action 15 - Ad start");
    assert!(
        ads[3].2.contains("declared 8 s long here and 7 s earlier"),
        "{}",
        ads[3].2
    );
    // The error of Action 11 names no error (T2 vii): advice.
    let error = with_code(&v, "PLB006");
    assert_eq!(error.len(), 1, "{error:?}");
    assert!(
        error[0]["request"]
            .as_str()
            .unwrap()
            .starts_with("Action 11"),
        "{}",
        error[0]
    );
    assert_eq!(error[0]["severity"], "info");

    // The translations of timeline 2 have the same ad mistakes.
    for rel in [TIMELINE_DE, TIMELINE_PT] {
        let (_, t) = check_json_lines(page(&shared, rel));
        let same: Vec<(String, String)> = ad_findings(&t).into_iter().map(|a| (a.0, a.2)).collect();
        let en: Vec<(String, String)> = ads.iter().map(|a| (a.0.clone(), a.2.clone())).collect();
        assert_eq!(same, en, "{rel}");
    }
}

/// Timeline 3's chapter mistakes (FACTS §5): chapter 1 ends at 20 s and chapter 2 starts
/// at 22 s (CHP004, info, at Action 23), and the last chapterComplete carries playhead 0 for
/// a chapter that ends at 44 s (CHP005 at Action 29). Its chapter closes before the mid-roll,
/// so no CHP003; and both chapter bounds otherwise match the playhead.
#[test]
fn timeline_3_chapter_mistakes() {
    let Some(shared) = shared_dir() else { return };
    let (_, v) = check_json_lines(page(&shared, &timeline(3)));
    let chapters: Vec<(&str, &str, &str)> = v
        .iter()
        .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("CHP")))
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["request"].as_str().unwrap_or(""),
                f["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        chapters,
        [
            ("CHP004", "Action 23 - Chapter start", "info"),
            ("CHP005", "Action 29 - Chapter end", "warning"),
        ]
    );
    let gap = with_code(&v, "CHP004");
    assert!(
        gap[0]["message"]
            .as_str()
            .unwrap()
            .contains("2 s after the previous chapter ended (20 s)"),
        "{}",
        gap[0]["message"]
    );
}

/// sessionComplete at playhead 45 of 60.33 s (FACTS §5, timelines 1 and 3, Action 26 and
/// 30): SES006 at that block. Timeline 1's sessionStart has the closing quote of
/// `sessionStart` after `, params` (SYN024); valint reads it as meant, so its media.length
/// is known.
#[test]
fn timelines_1_and_3_complete_early() {
    let Some(shared) = shared_dir() else { return };
    for (n, block) in [
        (1, "Action 26 - Session complete"),
        (3, "Action 30 - Session complete"),
    ] {
        let (_, v) = check_json_lines(page(&shared, &timeline(n)));
        let early = with_code(&v, "SES006");
        assert_eq!(early.len(), 1, "timeline {n}: {early:?}");
        assert_eq!(early[0]["request"], block, "timeline {n}");
        assert_eq!(early[0]["severity"], "warning", "timeline {n}");
        assert!(
            early[0]["message"].as_str().unwrap().contains(
                "at playhead 45 s, 15.33 s before the end of the content (60.3333333333333 s)"
            ),
            "timeline {n}: {}",
            early[0]["message"]
        );
    }
}

/// The body-versus-table playheads FACTS §5 lists: timeline 2 Action 12 (table 20, body
/// 18), timeline 3 Actions 12 (1 vs 0) and 29 (44 vs 0); the translations of timeline 2
/// have the same one. No other block of the three pages disagrees with its table.
#[test]
fn timelines_body_playheads_against_their_tables() {
    let Some(shared) = shared_dir() else { return };
    let expect: [(String, &[(&str, &str)]); 5] = [
        (timeline(1), &[]),
        (
            timeline(2),
            &[(
                "Action 12",
                "is 18 s, but the page's action table gives 20 s",
            )],
        ),
        (
            timeline(3),
            &[
                ("Action 12", "is 0 s, but the page's action table gives 1 s"),
                (
                    "Action 29",
                    "is 0 s, but the page's action table gives 44 s",
                ),
            ],
        ),
        (
            TIMELINE_DE.to_string(),
            &[("", "is 18 s, but the page's action table gives 20 s")],
        ),
        (
            TIMELINE_PT.to_string(),
            &[("", "is 18 s, but the page's action table gives 20 s")],
        ),
    ];
    for (rel, want) in &expect {
        let (_, v) = check_json_lines(page(&shared, rel));
        let got = with_code(&v, "TIM009");
        assert_eq!(got.len(), want.len(), "{rel}: {got:?}");
        for (f, (action, text)) in got.iter().zip(want.iter()) {
            assert!(
                f["request"].as_str().unwrap_or("").starts_with(action),
                "{rel}: {f}"
            );
            assert!(f["message"].as_str().unwrap().contains(text), "{rel}: {f}");
        }
    }
}

// ------------------------------------------------------------------ through the CLI

/// Rules whose findings on the timeline do not depend on how the page was translated.
const STABLE_RULES: [&str; 4] = ["TIM001", "PNG001", "SCH003", "SYN006"];

/// The findings of `valint check` on `path`, which must exit 1.
fn check_json(path: &Path) -> Vec<Value> {
    let (code, lines) = check_json_lines(path);
    assert_eq!(code, 1, "{}", path.display());
    lines
        .into_iter()
        .filter(|v| v["type"] == "finding")
        .collect()
}

fn stable_pairs(found: &[Value]) -> BTreeSet<(String, String)> {
    found
        .iter()
        .filter(|f| STABLE_RULES.contains(&f["code"].as_str().unwrap_or("")))
        .map(|f| {
            (
                f["code"].as_str().unwrap_or("").to_string(),
                f["request"].as_str().unwrap_or("<no request>").to_string(),
            )
        })
        .collect()
}

#[test]
fn timeline_2_in_three_languages() {
    let Some(shared) = shared_dir() else { return };
    let en = check_json(&page(&shared, &timeline(2)));
    let de = check_json(&page(&shared, TIMELINE_DE));
    let pt = check_json(&page(&shared, TIMELINE_PT));

    for (lang, found) in [("en", &en), ("de", &de), ("pt", &pt)] {
        let of = |code: &'static str| found.iter().filter(move |f| f["code"] == code);
        // `8ß` for `8` appears only in the translations.
        let malformed: Vec<&Value> = of("SYN012").collect();
        if lang == "en" {
            assert!(malformed.is_empty(), "en has no `8ß`: {malformed:?}");
        } else {
            assert!(
                malformed
                    .iter()
                    .any(|f| f["message"].as_str().unwrap().contains("`8ß`")),
                "{lang}: SYN012 on `8ß`"
            );
        }
        assert!(
            of("SYN006").count() >= 1,
            "{lang}: trailing commas (SYN006)"
        );
        assert!(
            of("SCH003").any(|f| f["message"].as_str().unwrap().contains("`bitrate`")
                && f["message"].as_str().unwrap().contains("qoeData")),
            "{lang}: SCH003 for qoeData key `bitrate`"
        );
        // The play going back from 20 to 18 is rejected by Adobe (its qoeData key), so
        // it is not judged as part of the sequence.
        assert_eq!(
            of("TIM001").count(),
            0,
            "{lang}: no TIM001 on a rejected play"
        );
    }

    let en_pairs = stable_pairs(&en);
    assert!(!en_pairs.is_empty());
    assert_eq!(stable_pairs(&de), en_pairs, "de vs en");
    assert_eq!(stable_pairs(&pt), en_pairs, "pt vs en");
}

// ------------------------------------------------------------------ the fast path

/// As `fast_path.rs` does for `testdata/`: the fast path must not change a report.
#[test]
fn adobe_pages_read_the_same_with_and_without_the_fast_path() {
    let Some(shared) = shared_dir() else { return };
    let mut files = Vec::new();
    files_under(&shared.join("seeds"), &mut files);
    files_under(&shared.join("reference/adobe-docs"), &mut files);
    assert!(files.len() > 100, "found only {} pages", files.len());
    for f in &files {
        let inputs = [Input::Path(f.clone())];
        let fast = json_report(&inputs, false, 1);
        let slow = json_report(&inputs, true, 1);
        assert!(
            fast == slow,
            "{}: the fast path changed the report\n--- spanned parser only\n{slow}\n--- fast path\n{fast}",
            f.display()
        );
    }
}
