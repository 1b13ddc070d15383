//! PNG001's readings of Adobe's ping cadence (issue 18), on the captures in `testdata/ping/`:
//! traffic shaped like Adobe's SDK and web extension gives no finding, defects give exactly
//! the findings listed, and every ping option changes what it should.

use std::path::Path;
use valint::check::{check, Input};
use valint::config::{defaults, Config, PingTimer};
use valint::report::{concise, Style};

/// The PNG001 findings of `file` (under `testdata/ping/`) in the concise format, one per
/// line (other rules' findings on these captures are left to their own tests).
fn findings(file: &str, cfg: &Config) -> Vec<String> {
    all_findings(file, cfg)
        .into_iter()
        .filter(|f| f.contains("[PNG001]"))
        .collect()
}

/// Every finding of `file`, of any rule.
fn all_findings(file: &str, cfg: &Config) -> Vec<String> {
    let rel = format!("testdata/ping/{file}");
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(&rel)).expect("fixture");
    findings_of(&rel, bytes, cfg)
}

fn findings_of(name: &str, bytes: Vec<u8>, cfg: &Config) -> Vec<String> {
    let report = check(&[Input::Bytes(name.to_string(), bytes)], cfg);
    let mut out = Vec::new();
    let style = Style {
        color: false,
        unicode: false,
        width: 200,
    };
    concise::render(&report, style, &mut out).expect("render to a Vec");
    String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .filter(|l| l.contains(": warning[") || l.contains(": error[") || l.contains(": info["))
        .map(|l| {
            l.strip_prefix(name)
                .and_then(|l| l.strip_prefix(':'))
                .unwrap_or(l)
                .to_string()
        })
        .collect()
}

fn granular() -> Config {
    let mut cfg = Config::default();
    cfg.ping.ad_interval_s = defaults::GRANULAR_AD_PING_INTERVAL_S;
    cfg
}

const GAP_120: &str = "warning[PNG001] 120 s without a ping (limit 50 s in downloaded content); Adobe's time-spent figures lose accuracy";

#[test]
fn adobe_clients_give_no_finding() {
    // The web extension's two plays about 1 s apart, and a first ping 10.5 s after the
    // second: no finding with the default reading.
    assert_eq!(
        findings("valid-web-extension.jsonl", &Config::default()),
        Vec::<String>::new()
    );
    // Adobe's SDK restarts its timer at every play, pauseStart and bufferStart: by the
    // docs' reading (a ping every 10 s whatever happens) its pings around a pause are a
    // gap, a warning, never an error; `--ping-timer state-changes` takes the SDK's reading.
    let state_changes = {
        let mut cfg = Config::default();
        cfg.ping.timer = PingTimer::StateChanges;
        cfg
    };
    for file in [
        "valid-sdk-realtime.jsonl",
        "valid-sdk-downloaded.jsonl",
        "valid-web-extension.jsonl",
        "valid-pre-roll.jsonl",
    ] {
        // No error-severity finding of any rule on the SDK's ordinary output.
        let all = all_findings(file, &Config::default());
        assert!(
            all.iter().all(|f| !f.contains(": error[")),
            "{file}: {all:?}"
        );
        assert!(
            findings(file, &Config::default())
                .iter()
                .all(|f| f.contains(": warning[PNG001] ")),
            "{file}"
        );
        assert_eq!(
            findings(file, &state_changes),
            Vec::<String>::new(),
            "{file}"
        );
    }
    assert_eq!(
        findings("valid-sdk-realtime.jsonl", &Config::default()),
        [
            "15:14: warning[PNG001] 14.5 s without a ping (limit 10 s); Adobe's time-spent figures lose accuracy",
            "21:14: warning[PNG001] 12.3 s without a ping (limit 10 s); Adobe's time-spent figures lose accuracy",
            "41:14: warning[PNG001] 15.2 s without a ping (limit 10 s); Adobe's time-spent figures lose accuracy"
        ]
    );
}

#[test]
fn first_ping_is_measured_from_playback() {
    assert_eq!(
        findings("invalid-late-first-ping.jsonl", &Config::default()),
        ["7:14: warning[PNG001] 25 s without a ping (limit 10 s); Adobe's time-spent figures lose accuracy"]
    );
}

#[test]
fn session_start_timer_is_an_option() {
    let mut cfg = Config::default();
    cfg.ping.timer = PingTimer::SessionStart;
    // The timelines' reading: 12 s from sessionStart to the first ping.
    assert_eq!(
        findings("valid-web-extension.jsonl", &cfg),
        ["11:14: warning[PNG001] 12 s without a ping (limit 10 s); Adobe's time-spent figures lose accuracy"]
    );
    // Only pings restart that timer: the SDK's restarts on pause and play are gaps.
    let lens: Vec<String> = findings("valid-sdk-realtime.jsonl", &cfg)
        .iter()
        .map(|f| f.split(" s without").next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        lens,
        [
            "15:14: warning[PNG001] 14.5",
            "21:14: warning[PNG001] 12.3",
            "41:14: warning[PNG001] 15.2"
        ]
    );
    assert_eq!(defaults::PING_TIMER, PingTimer::Playback);
    assert_eq!(Config::default().ping.timer, PingTimer::Playback);
}

#[test]
fn ad_limit_applies_to_the_part_inside_the_break() {
    assert_eq!(
        findings("invalid-granular-ad.jsonl", &Config::default()),
        Vec::<String>::new(),
        "10 s in ads by default"
    );
    assert_eq!(
        findings("invalid-granular-ad.jsonl", &granular()),
        ["22:14: warning[PNG001] 4 s inside an ad break without a ping (limit 1 s in ads); Adobe's ad time-spent figures lose accuracy"]
    );
    // The SDK's 10 s ad pings are a finding only when granular ad tracking is asked for
    // (read with the SDK's own timer, so that only the ad gaps remain).
    let mut sdk = granular();
    sdk.ping.timer = PingTimer::StateChanges;
    let lens: Vec<String> = findings("valid-sdk-realtime.jsonl", &sdk)
        .iter()
        .map(|f| f.split(" s inside").next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        lens,
        ["27:14: warning[PNG001] 7.3", "33:14: warning[PNG001] 7.701"]
    );
}

#[test]
fn break_closing_with_the_ping_ends_the_ad_part() {
    // The break closes in the same ms as the ping that ends the last ad gap (a TIM003
    // finding, kept here on purpose): the 10 s that follow are content only.
    let capture = r#"POST /api/v1/sessions/0d1c2b3a49586776/events
{"eventType":"play","playerTime":{"playhead":0,"ts":1718300000000}}
POST /api/v1/sessions/0d1c2b3a49586776/events
{"eventType":"adBreakStart","playerTime":{"playhead":1,"ts":1718300001000},"params":{"media.ad.podIndex":1,"media.ad.podSecond":1}}
POST /api/v1/sessions/0d1c2b3a49586776/events
{"eventType":"ping","playerTime":{"playhead":1,"ts":1718300001500}}
POST /api/v1/sessions/0d1c2b3a49586776/events
{"eventType":"adBreakComplete","playerTime":{"playhead":1,"ts":1718300001500}}
POST /api/v1/sessions/0d1c2b3a49586776/events
{"eventType":"ping","playerTime":{"playhead":11,"ts":1718300011500}}
"#;
    let got = findings_of("inline", capture.as_bytes().to_vec(), &granular());
    assert!(got.iter().all(|f| !f.contains("PNG001")), "{got:#?}");
    assert!(got.iter().any(|f| f.contains("TIM003")), "{got:#?}");
}

#[test]
fn downloaded_sessions_have_their_own_interval() {
    assert_eq!(defaults::DOWNLOADED_PING_INTERVAL_S, 50.0);
    let mut cfg = Config::default();
    cfg.ping.downloaded_interval_s = 10.0;
    assert_eq!(
        findings("valid-sdk-downloaded.jsonl", &cfg),
        [
            "6:15: warning[PNG001] 50.1 s without a ping (limit 10 s in downloaded content); Adobe's time-spent figures lose accuracy",
            "14:15: warning[PNG001] 29.4 s until the session's last event without a ping (limit 10 s in downloaded content); Adobe's time-spent figures lose accuracy",
        ]
    );
}

#[test]
fn downloaded_gaps_once_per_cause_unless_all_ping_gaps() {
    assert_eq!(
        findings("invalid-downloaded-gaps.jsonl", &Config::default()),
        [format!("7:15: {GAP_120}")]
    );
    let mut cfg = Config::default();
    cfg.ping.all_gaps = true;
    assert_eq!(
        findings("invalid-downloaded-gaps.jsonl", &cfg),
        [format!("7:15: {GAP_120}"), format!("9:15: {GAP_120}")]
    );
}

#[test]
fn realtime_sessions_keep_one_finding_per_gap() {
    // The same batch replayed as a realtime session: every gap is a finding of its own.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/ping/invalid-downloaded-gaps.jsonl"),
    )
    .expect("fixture");
    let body = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("POST"))
        .collect::<Vec<_>>()
        .join("\n");
    let events: Vec<serde_json::Value> = serde_json::from_str(&body).expect("a batch");
    let mut capture = String::new();
    for (i, mut e) in events.into_iter().enumerate() {
        if i == 0 {
            e["params"]["media.channel"] = "web".into();
            capture.push_str("POST /api/v1/sessions\n");
        } else {
            capture.push_str("POST /api/v1/sessions/77aa66bb55cc44dd/events\n");
        }
        capture.push_str(&e.to_string());
        capture.push('\n');
    }
    let got: Vec<String> = findings_of("inline", capture.into_bytes(), &Config::default())
        .into_iter()
        .filter(|f| f.contains("PNG001"))
        .collect();
    // Held to 10 s, each of the four gaps is a finding of its own.
    let lens: Vec<&str> = got
        .iter()
        .map(|f| f.split(" s without").next().unwrap_or(""))
        .map(|f| f.rsplit(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(lens, ["50", "120", "50", "120"], "{got:#?}");
}

/// PNG001 findings of `valint check ARGS testdata/ping/FILE`, through the command line.
fn cli_count(args: &[&str], file: &str) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/ping")
        .join(file);
    let out = assert_cmd::Command::cargo_bin("valint")
        .expect("binary")
        .arg("check")
        .args(args)
        .args(["--output-format", "json-lines"])
        .arg(path)
        .output()
        .expect("run valint");
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .filter(|l| l.contains("\"code\":\"PNG001\""))
        .count()
}

#[test]
fn ping_flags_reach_the_rule() {
    assert_eq!(cli_count(&[], "valid-web-extension.jsonl"), 0);
    assert_eq!(
        cli_count(
            &["--ping-timer", "session-start"],
            "valid-web-extension.jsonl"
        ),
        1
    );
    assert_eq!(
        cli_count(&["--ping-timer", "playback"], "valid-web-extension.jsonl"),
        0
    );
    assert_eq!(cli_count(&[], "valid-sdk-downloaded.jsonl"), 0);
    assert_eq!(
        cli_count(
            &["--downloaded-ping-interval", "10"],
            "valid-sdk-downloaded.jsonl"
        ),
        2
    );
    assert_eq!(cli_count(&[], "invalid-downloaded-gaps.jsonl"), 1);
    assert_eq!(
        cli_count(&["--all-ping-gaps"], "invalid-downloaded-gaps.jsonl"),
        2
    );
    assert_eq!(
        cli_count(&["--granular-ad-tracking"], "invalid-granular-ad.jsonl"),
        1
    );
}

#[test]
fn explain_gives_the_true_reason_for_10_s_in_ads() {
    let docs = valint::rules::ping::PING_INTERVAL_EXCEEDED.docs;
    // The old text put the current ping page on the 10 s side; it says 1 s.
    assert!(!docs.contains("current ping page"), "{docs}");
    for needle in [
        "The ping page, the events and playback overviews and the downloaded-content page ask for a ping every second in ads",
        "Adobe's SDK and web extension send in ads unless granular ad tracking is on",
        "Adobe's SDK pings every 50 s",
        "`--downloaded-ping-interval 10`",
        "`--ping-timer session-start`",
        "`--all-ping-gaps`",
    ] {
        assert!(docs.contains(needle), "explain lacks {needle:?}:\n{docs}");
    }
}
