//! An event Adobe rejects does not exist for Adobe's processing: a recorded 400, 404 or 410,
//! or a body that fails the published schema (a certain 400). It opens no ad break,
//! satisfies no ping timer, moves no playhead and closes no session, and the findings after
//! it say so in a note. One test per sequencing rule family (ad, ping, time, session,
//! playback, chapter, state, qoe), each checked against the same capture
//! with the answer recorded as 200 (the event then counts, and the finding differs).

use serde_json::{json, Value};
use valint::check::{check, Input};
use valint::config::Config;

const SID: &str = "5b1e7c3a9d2f4e60";
const T0: i64 = 1_760_000_000_000;

fn session_start() -> Value {
    json!({"eventType":"sessionStart","playerTime":{"playhead":0,"ts":T0},
        "params":{"analytics.trackingServer":"example.sc.omtrdc.net","analytics.reportSuite":"exampledev",
        "visitor.marketingCloudOrgId":"0123456789ABCDEF01234567@AdobeOrg","media.id":"clip-17",
        "media.name":"Harbour lights","media.length":600,"media.contentType":"vod",
        "media.playerName":"test-player","media.channel":"web"}})
}

fn event(kind: &str, playhead: f64, at_s: f64, params: Option<Value>) -> Value {
    let mut v = json!({"eventType":kind,"playerTime":{"playhead":playhead,"ts":T0 + (at_s * 1000.0) as i64}});
    if let Some(p) = params {
        v["params"] = p;
    }
    v
}

/// An NDJSON request log: the sessionStart (201), then `events` with their answers.
fn log(events: &[(Value, u16)]) -> Vec<u8> {
    let mut out = String::new();
    let start = json!({"method":"POST","url":"https://example.hb-api.omtrdc.net/api/v1/sessions",
        "status":201,"response_headers":{"Location":format!("/api/v1/sessions/{SID}")},
        "body":session_start()});
    out.push_str(&start.to_string());
    out.push('\n');
    for (body, status) in events {
        let rec = json!({"method":"POST",
            "url":format!("https://example.hb-api.omtrdc.net/api/v1/sessions/{SID}/events"),
            "status":status,"body":body});
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    out.into_bytes()
}

/// (code, note) of every finding.
fn findings(bytes: Vec<u8>) -> Vec<(String, Option<String>)> {
    let report = check(
        &[Input::Bytes("log.ndjson".into(), bytes)],
        &Config::default(),
    );
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule.code.to_string(), d.note.clone()))
        .collect()
}

fn codes(f: &[(String, Option<String>)]) -> Vec<&str> {
    f.iter().map(|(c, _)| c.as_str()).collect()
}

fn break_params() -> Value {
    json!({"media.ad.podFriendlyName":"mid","media.ad.podIndex":1,"media.ad.podSecond":10})
}

fn ad_params() -> Value {
    json!({"media.ad.id":"ad-1","media.ad.name":"Ad one","media.ad.length":5,
        "media.ad.podPosition":1,"media.ad.playerName":"test-player"})
}

#[test]
fn ad_family_a_rejected_ad_break_start_opens_no_break() {
    let capture = |status| {
        log(&[
            (event("play", 0.0, 0.5, None), 200),
            (event("ping", 9.5, 10.0, None), 200),
            (
                event("adBreakStart", 10.0, 10.5, Some(break_params())),
                status,
            ),
            (event("adStart", 10.0, 10.6, Some(ad_params())), 200),
            (event("adComplete", 10.0, 15.6, None), 200),
            (event("adBreakComplete", 10.0, 15.7, None), 200),
            (event("play", 10.0, 15.8, None), 200),
            (event("ping", 14.0, 20.0, None), 200),
        ])
    };
    assert!(!codes(&findings(capture(200))).contains(&"AD001"));
    let rejected = findings(capture(400));
    let ad001: Vec<_> = rejected.iter().filter(|(c, _)| c == "AD001").collect();
    // adStart and adComplete now sit outside any break Adobe knows of.
    assert_eq!(ad001.len(), 2, "{rejected:?}");
    for (_, note) in ad001 {
        let note = note.as_deref().unwrap_or_default();
        assert!(
            note.contains("Adobe rejected the adBreakStart at event #3 (answered HTTP 400)"),
            "{note}"
        );
    }
}

#[test]
fn ad_family_a_schema_failure_rejects_the_event_too() {
    // The adBreakStart lacks its required params (SCH002, a certain 400).
    let capture = |params: Value| {
        log(&[
            (event("play", 0.0, 0.5, None), 200),
            (event("ping", 9.5, 10.0, None), 200),
            (event("adBreakStart", 10.0, 10.5, Some(params)), 200),
            (event("adStart", 10.0, 10.6, Some(ad_params())), 200),
            (event("adComplete", 10.0, 15.6, None), 200),
            (event("adBreakComplete", 10.0, 15.7, None), 200),
        ])
    };
    assert!(!codes(&findings(capture(break_params()))).contains(&"AD001"));
    let rejected = findings(capture(json!({"media.ad.podFriendlyName":"mid"})));
    let c = codes(&rejected);
    assert!(c.contains(&"SCH002"), "{c:?}");
    assert_eq!(c.iter().filter(|c| **c == "AD001").count(), 2, "{c:?}");
    let note = rejected
        .iter()
        .find(|(c, _)| c == "AD001")
        .and_then(|(_, n)| n.clone())
        .unwrap_or_default();
    assert!(note.contains("its body fails the schema, SCH002"), "{note}");
}

#[test]
fn ping_family_a_rejected_ping_satisfies_no_timer() {
    let capture = |status| {
        log(&[
            (event("play", 0.0, 0.2, None), 200),
            (event("ping", 9.8, 10.0, None), 200),
            (event("ping", 19.8, 20.0, None), status),
            (event("ping", 29.8, 30.0, None), 200),
        ])
    };
    assert!(!codes(&findings(capture(200))).contains(&"PNG001"));
    let c = findings(capture(404));
    assert_eq!(c.iter().filter(|(c, _)| c == "PNG001").count(), 1, "{c:?}");
}

#[test]
fn time_family_a_rejected_event_moves_no_playhead() {
    // The rejected ping reports 50 s; the next one 20 s. Counted, the playhead would go
    // back from 50 to 20; rejected, it runs 10 -> 20.
    let capture = |status| {
        log(&[
            (event("play", 0.0, 0.2, None), 200),
            (event("ping", 9.8, 10.0, None), 200),
            (event("ping", 50.0, 15.0, None), status),
            (event("ping", 19.8, 20.0, None), 200),
        ])
    };
    assert!(codes(&findings(capture(200))).contains(&"TIM001"));
    assert!(!codes(&findings(capture(400))).contains(&"TIM001"));
}

#[test]
fn time_family_a_rejected_event_is_not_itself_judged() {
    // The rejected ping reports 2 s after 9.8 s. Counted, it goes back (TIM001 on it);
    // rejected, Adobe never sees it, and its one finding is its answer's.
    let capture = |status| {
        log(&[
            (event("play", 0.0, 0.2, None), 200),
            (event("ping", 9.8, 10.0, None), 200),
            (event("ping", 2.0, 15.0, None), status),
            (event("ping", 19.8, 20.0, None), 200),
        ])
    };
    assert!(codes(&findings(capture(200))).contains(&"TIM001"));
    let c = findings(capture(400));
    assert!(!codes(&c).contains(&"TIM001"), "{c:?}");
}

#[test]
fn session_family_a_rejected_session_end_closes_nothing() {
    let capture = |status| {
        log(&[
            (event("play", 0.0, 0.2, None), 200),
            (event("sessionEnd", 5.0, 5.0, None), status),
            (event("ping", 9.8, 10.0, None), 200),
        ])
    };
    assert!(codes(&findings(capture(200))).contains(&"SES003"));
    let c = findings(capture(410));
    assert!(!codes(&c).contains(&"SES003"), "{c:?}");
}

#[test]
fn playback_family_a_rejected_pause_start_pauses_nothing() {
    // Counted, the second pauseStart repeats the first (PLB002); rejected, it is the pause.
    let capture = |status| {
        log(&[
            (event("play", 0.0, 0.2, None), 200),
            (event("pauseStart", 4.0, 4.0, None), status),
            (event("pauseStart", 4.0, 4.5, None), 200),
            (event("ping", 4.0, 10.0, None), 200),
        ])
    };
    assert!(codes(&findings(capture(200))).contains(&"PLB002"));
    let c = findings(capture(400));
    assert!(!codes(&c).contains(&"PLB002"), "{c:?}");
}

#[test]
fn chapter_family_a_rejected_chapter_start_opens_no_chapter() {
    let chapter =
        json!({"media.chapter.index":1,"media.chapter.offset":0,"media.chapter.length":8});
    let capture = |status| {
        log(&[
            (event("play", 0.0, 0.2, None), 200),
            (
                event("chapterStart", 0.0, 0.3, Some(chapter.clone())),
                status,
            ),
            (event("chapterComplete", 8.0, 8.2, None), 200),
            (event("ping", 9.8, 10.0, None), 200),
        ])
    };
    assert!(!codes(&findings(capture(200))).contains(&"CHP002"));
    let c = findings(capture(400));
    let ends: Vec<_> = c.iter().filter(|(c, _)| c == "CHP002").collect();
    assert_eq!(ends.len(), 1, "{c:?}");
    let note = ends[0].1.as_deref().unwrap_or_default();
    assert!(note.contains("Adobe rejected the chapterStart"), "{note}");
}

#[test]
fn state_family_a_rejected_state_start_opens_no_state() {
    let mute = || Some(json!({"media.state.name":"mute"}));
    let capture = |status| {
        log(&[
            (event("play", 0.0, 0.2, None), 200),
            (event("stateStart", 1.0, 1.0, mute()), status),
            (event("stateEnd", 5.0, 5.0, mute()), 200),
            (event("ping", 9.8, 10.0, None), 200),
        ])
    };
    assert!(!codes(&findings(capture(200))).contains(&"STA002"));
    let c = findings(capture(404));
    assert!(codes(&c).contains(&"STA002"), "{c:?}");
}

#[test]
fn qoe_family_a_rejected_bitrate_change_changes_no_bitrate() {
    // Counted, the second bitrateChange repeats 2,000,000 (QOE001); rejected, the first
    // never set it.
    let capture = |status| {
        let mut first = event("bitrateChange", 2.0, 2.0, None);
        first["qoeData"] = json!({"media.qoe.bitrate":2_000_000});
        let mut second = event("bitrateChange", 6.0, 6.0, None);
        second["qoeData"] = json!({"media.qoe.bitrate":2_000_000});
        log(&[
            (event("play", 0.0, 0.2, None), 200),
            (first, status),
            (second, 200),
            (event("ping", 9.8, 10.0, None), 200),
        ])
    };
    assert!(codes(&findings(capture(200))).contains(&"QOE001"));
    let c = findings(capture(400));
    assert!(!codes(&c).contains(&"QOE001"), "{c:?}");
}
