//! Issue 18, readings to correct, one test (or a few) per reading: TIM003 on the ts ties
//! Adobe's own SDK sends and on the ties whose order decides what Adobe counts, with
//! `--equal-ts-severity`; SES004 idle gaps by arrival time and without a cascade from a ts in
//! seconds; SCH004 limits that are not in the MC API's schema; HTTP003/SES002 explain texts;
//! SCH003 with many unknown keys. Fixtures are in `testdata/readings/`.

use std::path::Path;
use valint::check::{check, Input, Report};
use valint::config::Config;
use valint::diagnostic::Severity;

fn run_bytes(name: &str, bytes: Vec<u8>, cfg: &Config) -> Report {
    check(&[Input::Bytes(name.to_string(), bytes)], cfg)
}

fn run_file(rel: &str, cfg: &Config) -> Report {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).expect("fixture");
    run_bytes(rel, bytes, cfg)
}

/// (code, severity, event type) of every finding, in report order.
fn findings(r: &Report) -> Vec<(&'static str, Severity, String)> {
    r.diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.code,
                d.severity,
                d.context.event_type.clone().unwrap_or_default(),
            )
        })
        .collect()
}

/// Adobe's SDK stamps chapterStart with sessionStart's ts, and play with the ts of the
/// adStart or adBreakComplete before it, and sends one request at a time: no error. The
/// sessionStart tie gives nothing at all, the two play ties a warning each. (The SDK also
/// lets the chapter run on across the ad break: CHP003's advice, an info.)
#[test]
fn sdk_ties_are_not_errors() {
    let r = run_file("testdata/readings/sdk-ties.ndjson", &Config::default());
    assert_eq!(
        findings(&r),
        [
            ("CHP003", Severity::Info, "adBreakStart".to_string()),
            ("TIM003", Severity::Warning, "play".to_string()),
            ("TIM003", Severity::Warning, "play".to_string()),
        ]
    );
    let msgs: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "TIM003")
        .map(|d| d.message)
        .collect();
    assert!(msgs[0].contains("same ts as `adStart`"), "{msgs:?}");
    assert!(msgs[1].contains("same ts as `adBreakComplete`"), "{msgs:?}");
}

/// An adStart sent before the adBreakStart it ties with: nothing lets Adobe put the break
/// first, so the ad is outside it (AD001) and the tie is an error.
#[test]
fn swapped_break_tie_is_an_error() {
    let r = run_file(
        "testdata/readings/swapped-break-tie.jsonl",
        &Config::default(),
    );
    assert_eq!(
        findings(&r),
        [
            ("AD001", Severity::Error, "adStart".to_string()),
            ("TIM003", Severity::Error, "adBreakStart".to_string()),
            // The ignored adStart opened no ad, so the adComplete in the break closes none.
            ("AD006", Severity::Warning, "adComplete".to_string()),
        ]
    );
    assert!(
        r.diagnostics.get(1).message.contains("outside its break"),
        "{}",
        r.diagnostics.get(1).message
    );
}

const SS: &str = r#"{"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1765200000000},"params":{"analytics.trackingServer":"exampleorg.sc.omtrdc.net","analytics.reportSuite":"examplevod","visitor.marketingCloudOrgId":"0A1B2C3D4E5F6A7B@AdobeOrg","media.id":"film-9","media.length":600,"media.contentType":"vod","media.playerName":"aep-ios","media.channel":"app"}}"#;

/// adBreakComplete then the ad's adComplete, tied: the ad ends outside its break.
#[test]
fn break_end_before_ad_end_tie_is_an_error() {
    let capture = format!(
        "POST /api/v1/sessions\n{SS}\n\
POST /api/v1/sessions/5b1d/events\n{{\"eventType\":\"adBreakStart\",\"playerTime\":{{\"playhead\":0,\"ts\":1765200000100}},\"params\":{{\"media.ad.podIndex\":1,\"media.ad.podSecond\":0}}}}\n\
POST /api/v1/sessions/5b1d/events\n{{\"eventType\":\"adStart\",\"playerTime\":{{\"playhead\":0,\"ts\":1765200000101}},\"params\":{{\"media.ad.id\":\"a\",\"media.ad.length\":5,\"media.ad.podPosition\":1,\"media.ad.playerName\":\"p\"}}}}\n\
POST /api/v1/sessions/5b1d/events\n{{\"eventType\":\"adBreakComplete\",\"playerTime\":{{\"playhead\":0,\"ts\":1765200005101}}}}\n\
POST /api/v1/sessions/5b1d/events\n{{\"eventType\":\"adComplete\",\"playerTime\":{{\"playhead\":0,\"ts\":1765200005101}}}}\n"
    );
    let r = run_bytes("end.jsonl", capture.into_bytes(), &Config::default());
    let tim: Vec<_> = findings(&r)
        .into_iter()
        .filter(|f| f.0 == "TIM003")
        .collect();
    assert_eq!(tim, [("TIM003", Severity::Error, "adComplete".to_string())]);
}

/// In the right order (adBreakStart, then adStart) a tie is the default warning, and the
/// message says that this pair's order matters.
#[test]
fn break_then_ad_tie_in_order_is_a_warning() {
    let capture = format!(
        "POST /api/v1/sessions\n{SS}\n\
POST /api/v1/sessions/5b1d/events\n{{\"eventType\":\"adBreakStart\",\"playerTime\":{{\"playhead\":0,\"ts\":1765200000100}},\"params\":{{\"media.ad.podIndex\":1,\"media.ad.podSecond\":0}}}}\n\
POST /api/v1/sessions/5b1d/events\n{{\"eventType\":\"adStart\",\"playerTime\":{{\"playhead\":0,\"ts\":1765200000100}},\"params\":{{\"media.ad.id\":\"a\",\"media.ad.length\":5,\"media.ad.podPosition\":1,\"media.ad.playerName\":\"p\"}}}}\n"
    );
    let r = run_bytes("inorder.jsonl", capture.into_bytes(), &Config::default());
    assert_eq!(
        findings(&r),
        [("TIM003", Severity::Warning, "adStart".to_string())]
    );
    assert!(r.diagnostics.get(0).message.contains("here it matters"));
}

/// A tie inside a downloaded batch: the array order decides, so info only.
#[test]
fn tie_in_downloaded_batch_is_info() {
    let capture = format!(
        "POST /api/v1/downloaded\n[{SS},\n\
{{\"eventType\":\"play\",\"playerTime\":{{\"playhead\":0,\"ts\":1765200000200}}}},\n\
{{\"eventType\":\"pauseStart\",\"playerTime\":{{\"playhead\":0,\"ts\":1765200000200}}}},\n\
{{\"eventType\":\"sessionEnd\",\"playerTime\":{{\"playhead\":0,\"ts\":1765200000300}}}}]\n"
    );
    let r = run_bytes("batch.jsonl", capture.into_bytes(), &Config::default());
    assert_eq!(
        findings(&r),
        [("TIM003", Severity::Info, "pauseStart".to_string())]
    );
}

/// `--equal-ts-severity` sets the ordinary ties' severity; the sessionStart tie stays
/// silent and the swapped pair stays an error.
#[test]
fn equal_ts_severity_option() {
    let cfg = Config {
        equal_ts_severity: Severity::Error,
        ..Config::default()
    };
    let r = run_file("testdata/readings/sdk-ties.ndjson", &cfg);
    assert_eq!(
        findings(&r),
        [
            ("CHP003", Severity::Info, "adBreakStart".to_string()),
            ("TIM003", Severity::Error, "play".to_string()),
            ("TIM003", Severity::Error, "play".to_string()),
        ]
    );
    let cfg = Config {
        equal_ts_severity: Severity::Info,
        ..Config::default()
    };
    let r = run_file("testdata/readings/swapped-break-tie.jsonl", &cfg);
    assert_eq!(r.diagnostics.get(1).severity, Severity::Error);
    assert_eq!(r.diagnostics.get(1).rule.code, "TIM003");
}

/// The command line passes `--equal-ts-severity` on, and refuses other values.
#[test]
fn equal_ts_severity_flag() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/readings/sdk-ties.ndjson");
    let out = assert_cmd::Command::cargo_bin("valint")
        .unwrap()
        .args([
            "check",
            "--output-format",
            "concise",
            "--equal-ts-severity",
            "info",
        ])
        .arg(&fixture)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("info[TIM003]").count(), 2, "{text}");
    assert!(!text.contains("warning[TIM003]"), "{text}");
    let bad = assert_cmd::Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "--equal-ts-severity", "fatal"])
        .arg(&fixture)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2), "{bad:?}");
}

/// One `ts` in seconds among millisecond ones is TIM004's finding; it must not read as
/// "481653 h without any event" (SES004) before the next event, nor close the session.
#[test]
fn ts_in_seconds_does_not_cascade_into_idle_timeouts() {
    let r = run_file("testdata/readings/ts-in-seconds.jsonl", &Config::default());
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.rule.code).collect();
    assert!(codes.contains(&"TIM004"), "{codes:?}");
    assert!(!codes.contains(&"SES004"), "{codes:?}");
    // Nor does anything after it count as sent on a closed session.
    assert!(!codes.contains(&"SES003"), "{codes:?}");
}

/// One NDJSON log line: a request with its arrival time.
fn ndjson(at: &str, et: &str, ts: i64, extra: &str) -> String {
    let url = if et == "sessionStart" {
        "https://exampleorg.hb-api.omtrdc.net/api/v1/sessions".to_string()
    } else {
        "https://exampleorg.hb-api.omtrdc.net/api/v1/sessions/c0ffee42/events".to_string()
    };
    format!(
        "{{\"timestamp\":\"{at}\",\"method\":\"POST\",\"url\":\"{url}\",\"status\":204,\"body\":{{\"eventType\":\"{et}\",\"playerTime\":{{\"playhead\":0,\"ts\":{ts}}}{extra}}}}}\n"
    )
}

const SS_PARAMS: &str = r#","params":{"analytics.trackingServer":"exampleorg.sc.omtrdc.net","analytics.reportSuite":"examplevod","visitor.marketingCloudOrgId":"0A1B2C3D4E5F6A7B@AdobeOrg","media.id":"film-9","media.length":600,"media.contentType":"vod","media.playerName":"web","media.channel":"web"}"#;

/// Adobe closes a session that *receives* nothing for 10 minutes: with arrival times, they
/// decide, not the bodies' ts.
#[test]
fn idle_gap_is_measured_by_arrival_when_recorded() {
    // ts 12 minutes apart, but the two requests arrived 2 s apart: no timeout.
    let mut log = ndjson(
        "2025-12-09T17:46:40.000Z",
        "sessionStart",
        1765302400000,
        SS_PARAMS,
    );
    log.push_str(&ndjson(
        "2025-12-09T17:46:42.000Z",
        "pauseStart",
        1765303120000,
        "",
    ));
    let r = run_bytes("queued.ndjson", log.into_bytes(), &Config::default());
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.rule.code).collect();
    assert!(!codes.contains(&"SES004"), "{codes:?}");

    // ts 5 s apart, but the second request arrived 11 minutes after the first: timeout.
    let mut log = ndjson(
        "2025-12-09T17:46:40.000Z",
        "sessionStart",
        1765302400000,
        SS_PARAMS,
    );
    log.push_str(&ndjson(
        "2025-12-09T17:57:40.000Z",
        "pauseStart",
        1765302405000,
        "",
    ));
    let r = run_bytes("late.ndjson", log.into_bytes(), &Config::default());
    let ses: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "SES004")
        .map(|d| d.message)
        .collect();
    assert_eq!(ses.len(), 1, "{:?}", findings(&r));
    assert!(
        ses[0].starts_with("11 min without any event arriving before this `pauseStart`"),
        "{}",
        ses[0]
    );
}

/// HTTP003 and SES002 explain only what the docs support: the docs do not say what makes
/// Adobe answer 410, nor what a second sessionStart on an open session does; valint's
/// readings are marked as its own.
#[test]
fn explain_marks_inferences() {
    let http003 = valint::rules::find("HTTP003").expect("HTTP003");
    assert!(
        !http003
            .docs
            .contains("(for example after sessionEnd or a timeout)"),
        "{}",
        http003.docs
    );
    assert!(http003.docs.contains("not a documented fact"));
    let ses002 = valint::rules::find("SES002").expect("SES002");
    assert!(
        !ses002.docs.contains("does not start a new view"),
        "{}",
        ses002.docs
    );
    assert!(!ses002.docs.contains("(R7)"), "{}", ses002.docs);
    assert!(ses002.docs.contains("an inference, not a documented fact"));
}

/// The SCH004 findings of one events request (`body` on an open session's events URL).
fn sch004(body: &str) -> Vec<(Severity, String)> {
    let capture =
        format!("POST /api/v1/sessions\n{SS}\nPOST /api/v1/sessions/5b1d/events\n{body}\n");
    let r = run_bytes("values.jsonl", capture.into_bytes(), &Config::default());
    r.diagnostics
        .iter()
        .filter(|d| d.rule.code == "SCH004")
        .map(|d| (d.severity, d.message.clone()))
        .collect()
}

/// Limits that come from the Media Edge API, the SDK or the docs' prose, not from the MC
/// API's published schema: a warning naming the source, not "Adobe answers HTTP 400".
#[test]
fn sch004_limits_outside_the_mc_schema_are_warnings() {
    let cases = [
        (
            r#"{"eventType":"stateStart","playerTime":{"playhead":1,"ts":1765200001000},"params":{"media.state.name":"full screen"}}"#,
            "the Media Edge API and Adobe's SDK",
        ),
        (
            r#"{"eventType":"error","playerTime":{"playhead":1,"ts":1765200001000},"params":{"media.errorId":"E42","media.errorSource":"network"}}"#,
            "the Media Edge API (errorDetails.source)",
        ),
        (
            r#"{"eventType":"ping","playerTime":{"playhead":-1,"ts":1765200001000}}"#,
            "the MC API docs' prose on the playhead range",
        ),
    ];
    for (body, source) in cases {
        let got = sch004(body);
        assert_eq!(got.len(), 1, "{body}: {got:?}");
        assert_eq!(got[0].0, Severity::Warning, "{body}: {got:?}");
        assert!(
            got[0].1.contains(&format!(
                "this limit comes from {source}, not from the MC API's published schema, so Adobe likely accepts it"
            )),
            "{body}: {got:?}"
        );
        assert!(!got[0].1.contains("HTTP 400"), "{got:?}");
    }
    // An event type outside the MC API's list stays an error.
    let got =
        sch004(r#"{"eventType":"adBreakEnd","playerTime":{"playhead":1,"ts":1765200001000}}"#);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, Severity::Error);
    assert!(got[0].1.ends_with("; Adobe answers HTTP 400"), "{got:?}");
}

/// 20,000 unknown keys in one closed object: one SCH003 finding that names the first three
/// (labels on them) and counts the rest, not 20,000 findings.
#[test]
fn sch003_many_unknown_keys_make_one_finding() {
    let mut params = String::from(
        r#""analytics.trackingServer":"e.sc.omtrdc.net","analytics.reportSuite":"x","visitor.marketingCloudOrgId":"A@AdobeOrg","media.id":"m","media.length":60,"media.contentType":"vod","media.playerName":"p","media.channel":"c""#,
    );
    for i in 0..20_000 {
        params.push_str(&format!(",\"zz{i}\":\"v\""));
    }
    let capture = format!(
        "POST /api/v1/sessions\n{{\"eventType\":\"sessionStart\",\"playerTime\":{{\"playhead\":0,\"ts\":1765200000000}},\"params\":{{{params}}}}}\n"
    );
    let r = run_bytes("keys.jsonl", capture.into_bytes(), &Config::default());
    let sch003: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "SCH003")
        .collect();
    assert_eq!(sch003.len(), 1, "{} findings", r.diagnostics.len());
    let d = &sch003[0];
    assert_eq!(d.severity, Severity::Error);
    assert!(
        d.message
            .starts_with("`params` does not allow the key `zz0`"),
        "{}",
        d.message
    );
    assert!(
        d.message.contains(
            "; 19999 other keys here are not allowed either: `zz1`, `zz2` and 19997 more; Adobe answers HTTP 400"
        ),
        "{}",
        d.message
    );
    assert_eq!(d.secondary.len(), 2, "{:?}", d.secondary);
    assert!(
        d.secondary
            .iter()
            .all(|l| l.text.as_deref() == Some("not allowed here either")),
        "{:?}",
        d.secondary
    );
}
