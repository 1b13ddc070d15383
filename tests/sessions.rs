//! Session digests (`check --sessions`, `valint timeline`): the metrics of whole sessions,
//! checked by hand against the action tables of the docs pages they come from.
//!
//! The tests on Adobe's own timeline pages read them from `../shared/` beside the checkout
//! and print one `SKIPPED` line when it is not there; the project's own pages
//! (`testdata/docs/`) are checked everywhere.

mod common;

use common::root;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Once;
use valint::check::{check, Input};
use valint::config::{Config, SessionRecord};
use valint::session::metrics::{Completion, SessionMetrics};

fn digest_of(path: PathBuf) -> SessionMetrics {
    let cfg = Config {
        session_record: SessionRecord::Digest,
        ..Config::default()
    };
    let report = check(&[Input::Path(path.clone())], &cfg);
    assert_eq!(
        report.session_metrics.len(),
        1,
        "{}: one session",
        path.display()
    );
    report.session_metrics.into_iter().next().unwrap()
}

/// Adobe's timeline pages, or `None` after saying once that they are skipped.
fn adobe_timeline(n: u8) -> Option<PathBuf> {
    let checkout = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().to_path_buf());
    let dir = checkout.join("../shared/reference/adobe-docs/media-analytics.en/help/implementation/media-collection-api/mc-api-timelines");
    if !checkout.join("../shared").is_dir() {
        static SAID: Once = Once::new();
        SAID.call_once(|| {
            let _ = std::io::stderr().write_all(
                b"SKIPPED: tests/sessions.rs digests of Adobe's timeline pages 1-3: ../shared does not exist\n",
            );
        });
        return None;
    }
    let p = dir.join(format!("mc-api-timeline-{n}.md"));
    assert!(p.is_file(), "{} is missing", p.display());
    Some(p)
}

/// Timeline 1, by hand from its action table (t = action-timeline seconds):
///
/// * ads: Ad 1 t 0-15, Ad 2 t 15-22, Ad 3 t 46-54: 15 + 7 + 8 = **30 s** ad time, 2 breaks,
///   3 ads started and completed;
/// * content: play t 22-33 (11), buffer 33-36, play 36-46 (10), after the mid-roll break
///   the player is still playing (no play is sent; adStart put it in playing) t 54-64 (10),
///   pause 64-74, play 74-88 (14): **45 s** content, **10 s** paused once, **3 s**
///   buffering once;
/// * time to start: sessionStart t 0 to the first play t 22: **22 s**;
/// * pings at t 1, 2, 3, 20, 30, 40, 50, 60, 70, 80: **10**, the largest gap 3 to 20 =
///   **17 s**;
/// * sessionComplete at t 88: **complete**. The sessionStart's closing quote stands after
///   `, params` (the page's own defect, SYN024); valint reads it as meant, so `media.length`
///   is 60.33 and the playhead's 45 s reach the 10, 25 and 50 % markers (75 % is 45.25 s).
#[test]
fn adobe_timeline_1_digest() {
    let Some(p) = adobe_timeline(1) else { return };
    let m = digest_of(p);
    assert_eq!(m.content_time_s, Some(45.0));
    assert_eq!(m.ad_time_s, Some(30.0));
    assert_eq!((m.pause_time_s, m.pauses), (Some(10.0), 1));
    assert_eq!((m.buffer_time_s, m.buffers), (Some(3.0), 1));
    assert_eq!(m.time_to_start_s, Some(22.0));
    assert_eq!((m.ad_breaks, m.ads_started, m.ads_completed), (2, 3, 3));
    assert_eq!((m.pings, m.largest_ping_gap_s), (10, Some(17.0)));
    assert_eq!(m.completion, Completion::Complete);
    assert_eq!(m.length_s, Some(60.3333333333333));
    assert_eq!(m.progress, vec![10, 25, 50]);
}

/// Timeline 2, by hand from its action table:
///
/// * the pre-roll ad plays t 0-12 and the mid-roll ad t 45-48, open when sessionEnd
///   comes: 12 + 3 = **15 s** ad time; 2 breaks, 2 ads started, 1 completed;
/// * content t 12-45: **33 s** (the error at t 32 does not stop playback for Adobe, R23);
///   no pause and no buffering;
/// * both plays (t 12 and 37) send `qoeData: {"bitrate": ...}`, which the schema rejects
///   (the page's defect vi): Adobe drops them, so the digest has **no time to start**;
///   the adStart already put the player in playing (R25), so content time is the same;
/// * pings at t 1, 20, 30, 40: **4**, largest gap **19 s**;
/// * sessionEnd at t 48: **ended**; playhead 33 of 60.33 s: markers 10, 25, 50 %.
#[test]
fn adobe_timeline_2_digest() {
    let Some(p) = adobe_timeline(2) else { return };
    let m = digest_of(p);
    assert_eq!(m.content_time_s, Some(33.0));
    assert_eq!(m.ad_time_s, Some(15.0));
    assert_eq!((m.pause_time_s, m.pauses), (Some(0.0), 0));
    assert_eq!((m.buffer_time_s, m.buffers), (Some(0.0), 0));
    assert_eq!(m.time_to_start_s, None);
    assert_eq!(m.rejected, 2);
    assert_eq!((m.ad_breaks, m.ads_started, m.ads_completed), (2, 2, 1));
    assert_eq!((m.pings, m.largest_ping_gap_s), (4, Some(19.0)));
    assert_eq!(m.completion, Completion::Ended);
    assert_eq!(m.content_name.as_deref(), Some("ClickMe"));
    assert_eq!(m.live, Some(false));
    assert_eq!(m.progress, vec![10, 25, 50]);
}

/// The translations of timeline 2 (`../shared/seeds/`) have the English page's digest. Their
/// ping at t 20 has the playhead `8ß`, which is no number: the next ping's advance is still
/// measured from the playhead before it, so the markers it passes count as in English.
#[test]
fn adobe_timeline_2_translations_have_its_digest() {
    let Some(en) = adobe_timeline(2) else { return };
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let en = digest_of(en);
    for lang in ["de", "pt"] {
        let m = digest_of(seeds.join(format!("timeline-2.{lang}.md")));
        assert_eq!(m.content_time_s, en.content_time_s, "{lang}");
        assert_eq!(m.ad_time_s, en.ad_time_s, "{lang}");
        assert_eq!(
            (m.pings, m.largest_ping_gap_s),
            (en.pings, en.largest_ping_gap_s),
            "{lang}"
        );
        assert_eq!(m.completion, en.completion, "{lang}");
        assert_eq!(m.progress, en.progress, "{lang}");
    }
}

/// Timeline 3, by hand from its action table: the same ads, buffering and pause as
/// timeline 1 (**45 s** content, **30 s** ads, **10 s** paused, **3 s** buffering, time to
/// start **22 s**), two chapters started and completed, pings at t 10, 16, 30, 40, 47, 60,
/// 70, 80: **8**, largest gap 16 to 30 = **14 s**; sessionComplete: **complete**; the
/// playhead reaches 45 of 60.33 s: markers 10, 25, 50 % (75 % is 45.25 s).
#[test]
fn adobe_timeline_3_digest() {
    let Some(p) = adobe_timeline(3) else { return };
    let m = digest_of(p);
    assert_eq!(m.content_time_s, Some(45.0));
    assert_eq!(m.ad_time_s, Some(30.0));
    assert_eq!((m.pause_time_s, m.pauses), (Some(10.0), 1));
    assert_eq!((m.buffer_time_s, m.buffers), (Some(3.0), 1));
    assert_eq!(m.time_to_start_s, Some(22.0));
    assert_eq!((m.chapters_started, m.chapters_completed), (2, 2));
    assert_eq!((m.pings, m.largest_ping_gap_s), (8, Some(14.0)));
    assert_eq!(m.completion, Completion::Complete);
    assert_eq!(m.progress, vec![10, 25, 50]);
}

/// The project's timeline A (`testdata/docs/timeline-a.md`), by hand from its table:
///
/// * ads t 0-6 and 55-70: **21 s**; content 6-14 (8), buffer 14-19 (**5 s**), 19-24 (5),
///   pause 24-44 (**20 s**), 44-55 (11), 70-93 (23): **47 s**; time to start **6 s**;
/// * pings at t 1, 11, 21, 31, 41, 51, 71, 81 (the one at 91 is rejected, SCH003): **8**,
///   the largest gap 51 to 71 = **20 s**; Action 8's `media.qoe.bitrate` 2500 is the only
///   bitrate, so the average is 2500;
/// * sessionEnd at t 93: **ended**; playhead 38 of 96 s: markers 10 and 25 %.
///
/// The German page (decimal commas in its table) gives the same digest.
#[test]
fn own_timeline_a_digest() {
    for page in ["timeline-a.md", "timeline-a.de.md", "timeline-a.es.md"] {
        let m = digest_of(root().join("testdata/docs").join(page));
        assert_eq!(m.content_time_s, Some(47.0), "{page}");
        assert_eq!(m.ad_time_s, Some(21.0), "{page}");
        assert_eq!((m.pause_time_s, m.pauses), (Some(20.0), 1), "{page}");
        assert_eq!((m.buffer_time_s, m.buffers), (Some(5.0), 1), "{page}");
        assert_eq!(m.time_to_start_s, Some(6.0), "{page}");
        assert_eq!((m.pings, m.largest_ping_gap_s), (8, Some(20.0)), "{page}");
        assert_eq!(m.rejected, 1, "{page}");
        assert_eq!(m.avg_bitrate, Some(2500.0), "{page}");
        assert_eq!(m.completion, Completion::Ended, "{page}");
        assert_eq!(m.progress, vec![10, 25], "{page}");
        assert_eq!(m.length_s, Some(96.0), "{page}");
        assert_eq!(m.content_name.as_deref(), Some("Knife Skills, Episode 4"));
    }
}

/// A session in a capture with real `ts` and sids: findings are counted to the session
/// they belong to, and every session of a capture has a digest.
#[test]
fn findings_are_counted_per_session() {
    let cfg = Config {
        session_record: SessionRecord::Digest,
        ..Config::default()
    };
    let path = root().join("testdata/captures/interleaved-sessions.ndjson");
    let report = check(&[Input::Path(path)], &cfg);
    assert_eq!(report.session_metrics.len(), report.sessions);
    let in_sessions: usize = report
        .session_metrics
        .iter()
        .map(|m| m.findings.iter().sum::<usize>())
        .sum();
    let with_session = report
        .diagnostics
        .iter()
        .filter(|d| d.context.session.is_some())
        .count();
    assert_eq!(in_sessions, with_session);
}

/// The command line: `--sessions` adds the array to json, and needs a json output.
#[test]
fn sessions_flag_adds_the_array_to_json_only() {
    let page = root().join("testdata/docs/timeline-a.md");
    let out = assert_cmd::Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "--output-format", "json", "--sessions"])
        .arg(&page)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = &v["sessions"][0];
    assert_eq!(s["type"], "session");
    assert_eq!(s["content_time_s"], 47.0);
    assert_eq!(s["completion"], "ended");
    assert_eq!(s["progress_markers"], serde_json::json!([10, 25]));
    assert_eq!(s["findings"]["warning"], v["summary"]["warnings"]);
    let plain = assert_cmd::Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "--output-format", "json"])
        .arg(&page)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(v.get("sessions").is_none());
    let lines = assert_cmd::Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "--output-format", "json-lines", "--sessions"])
        .arg(&page)
        .output()
        .unwrap();
    let objects: Vec<serde_json::Value> = String::from_utf8(lines.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = objects
        .iter()
        .map(|o| o["type"].as_str().unwrap())
        .collect();
    assert_eq!(&kinds[kinds.len() - 2..], ["session", "summary"]);
    let usage = assert_cmd::Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "--sessions"])
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}
