//! Streaming and bounded memory: the findings and counts of a run must not depend on how
//! the capture was cut into windows, on sessions being compacted once closed, or on the
//! findings cap being applied as findings come.

use std::fmt::Write as _;
use valint::check::{check, Input, Report};
use valint::config::Config;

const HOST: &str = "https://exampleorg.hb-api.omtrdc.net/api/v1/sessions";

/// One NDJSON record: a request sent at `at_ms` (epoch ms) with `body` to `sid`'s events
/// (or to open a session, for `sessionStart`).
fn record(out: &mut String, sid: &str, at_ms: i64, event: &str, playhead: f64, ts: i64) {
    let secs = at_ms / 1000;
    let time = format!(
        "2024-11-15T{:02}:{:02}:{:02}.{:03}Z",
        (secs / 3600) % 24,
        (secs / 60) % 60,
        secs % 60,
        at_ms % 1000
    );
    let body = format!(
        r#"{{"playerTime":{{"playhead":{playhead},"ts":{ts}}},"eventType":"{event}"{}}}"#,
        if event == "sessionStart" {
            r#","params":{"analytics.trackingServer":"x.sc.omtrdc.net","analytics.reportSuite":"rs","analytics.visitorId":"v","visitor.marketingCloudOrgId":"O@AdobeOrg","media.id":"m","media.name":"n","media.length":600,"media.contentType":"vod","media.playerName":"p","media.channel":"c"}"#
        } else {
            ""
        }
    );
    if event == "sessionStart" {
        writeln!(
            out,
            r#"{{"timestamp":"{time}","method":"POST","url":"{HOST}","status":201,"response_headers":{{"Location":"/api/v1/sessions/{sid}"}},"body":{body}}}"#
        )
        .unwrap();
    } else {
        writeln!(
            out,
            r#"{{"timestamp":"{time}","method":"POST","url":"{HOST}/{sid}/events","status":204,"body":{body}}}"#
        )
        .unwrap();
    }
}

/// A clean session `sid` starting at `t0` ms: start, play, pings every 10 s, end.
fn session(out: &mut String, sid: &str, t0: i64, pings: usize) {
    let ts0 = 1_731_672_000_000 + t0;
    record(out, sid, t0, "sessionStart", 0.0, ts0);
    record(out, sid, t0 + 10, "play", 0.0, ts0 + 10);
    for k in 1..=pings {
        let dt = 10_000 * k as i64;
        record(out, sid, t0 + dt, "ping", dt as f64 / 1000.0, ts0 + dt);
    }
    let dt = 10_000 * pings as i64 + 5_000;
    record(
        out,
        sid,
        t0 + dt,
        "sessionEnd",
        dt as f64 / 1000.0,
        ts0 + dt,
    );
}

fn run(text: &str, cfg: &Config) -> Report {
    check(
        &[Input::Bytes("t.ndjson".into(), text.as_bytes().to_vec())],
        cfg,
    )
}

fn codes(r: &Report) -> Vec<(&'static str, u32)> {
    r.diagnostics
        .iter()
        .map(|d| (d.rule.code, d.primary.span.start))
        .collect()
}

#[test]
fn event_after_end_is_seen_after_the_session_was_compacted() {
    let mut text = String::new();
    session(&mut text, "closed1", 0, 3);
    // Other traffic for 20 minutes of capture time: the first session's buffer is swept
    // and the session compacted long before its late ping arrives.
    for k in 0..4 {
        session(&mut text, &format!("other{k}"), 60_000 + k * 300_000, 20);
    }
    let late = text.len();
    record(
        &mut text,
        "closed1",
        1_400_000,
        "ping",
        40.0,
        1_731_673_400_000,
    );
    let r = run(&text, &Config::default());
    let found: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.primary.span.start as usize >= late)
        .map(|d| d.rule.code)
        .collect();
    assert_eq!(found, ["SES003"], "{:?}", codes(&r));
    assert_eq!(r.sessions, 5);
    assert_eq!(r.files[0].checked, text.lines().count());
}

#[test]
fn findings_cap_applied_as_they_come_keeps_the_first_in_report_order() {
    // Sessions with a playhead going backwards and no sessionEnd: findings from the
    // requests and from the engine's end-of-run checks, interleaved in the file.
    let mut text = String::new();
    for k in 0..40 {
        let sid = format!("s{k}");
        let t0 = k * 1_000;
        let ts0 = 1_731_672_000_000 + t0;
        record(&mut text, &sid, t0, "sessionStart", 0.0, ts0);
        record(&mut text, &sid, t0 + 10, "play", 5.0, ts0 + 10);
        record(&mut text, &sid, t0 + 20, "ping", 1.0, ts0 + 20);
        record(&mut text, &sid, t0 + 30, "bufferStart", 1.0, ts0 + 20);
    }
    let all = run(&text, &Config::default());
    let total = all.diagnostics.len();
    assert!(total > 60, "{total}");
    for cap in [1, 7, 50, total - 1] {
        let capped = run(
            &text,
            &Config {
                max_findings: Some(cap),
                ..Config::default()
            },
        );
        // The kept findings are the first `cap` of the uncapped run, then LIM002.
        let kept: Vec<_> = codes(&capped)[..cap].to_vec();
        assert_eq!(kept, codes(&all)[..cap].to_vec(), "cap {cap}");
        assert_eq!(capped.diagnostics.get(cap).rule.code, "LIM002");
        let omitted: usize = capped.omitted.iter().sum();
        assert_eq!(omitted, total - cap);
        for s in [
            valint::diagnostic::Severity::Error,
            valint::diagnostic::Severity::Warning,
        ] {
            assert_eq!(capped.count(s), all.count(s), "cap {cap}");
        }
    }
}

#[test]
fn a_log_read_in_many_windows_gives_what_one_window_gives() {
    // Over 1 MB (the NDJSON reader's window): several pieces, with requests a little out of
    // arrival order across a window boundary.
    let mut text = String::new();
    let mut k = 0;
    while text.len() < 3 << 20 {
        session(&mut text, &format!("w{k}"), k * 20_000, 30);
        k += 1;
    }
    let mut lines: Vec<&str> = text.lines().collect();
    let mid = lines.len() / 2;
    lines.swap(mid, mid + 1);
    let swapped = lines.join("\n") + "\n";
    let r = run(&swapped, &Config::default());
    assert_eq!(r.files[0].checked, lines.len());
    assert_eq!(r.files[0].unreadable, 0);
    assert_eq!(r.sessions, k as usize);
    // Put back in arrival order: no finding from the swap, none at all.
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
}

#[test]
fn a_mapped_capture_gives_the_same_report_as_one_read_into_memory() {
    let mut text = String::new();
    for k in 0..50 {
        session(&mut text, &format!("m{k}"), k * 7_000, 5);
    }
    // A defect: the 3rd ping of one session goes backwards.
    let text = text.replacen(r#""playhead":30,"#, r#""playhead":3,"#, 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.ndjson");
    std::fs::write(&path, &text).unwrap();
    let mapped = check(&[Input::Path(path.clone())], &Config::default());
    assert!(mapped.sources[0].bytes.is_mapped());
    let read = run(&text, &Config::default());
    assert!(!read.diagnostics.is_empty());
    assert_eq!(codes(&mapped), codes(&read));
    for d in &read.diagnostics {
        assert_eq!(
            mapped.sources[0].line_col(d.primary.span.start),
            read.sources[0].line_col(d.primary.span.start)
        );
    }
}

#[test]
fn closed_sessions_leave_memory_across_files_that_restart_the_clock() {
    // Two recordings of the same hours, one after the other in one run: each file's
    // sessions must be compacted and forgotten as in one file, however the clock jumps.
    let mut one = String::new();
    let mut two = String::new();
    for k in 0..3000 {
        session(&mut one, &format!("a{k}"), k * 20_000, 2);
        session(&mut two, &format!("b{k}"), k * 20_000, 2);
    }
    let r = check(
        &[
            Input::Bytes("one.ndjson".into(), one.into_bytes()),
            Input::Bytes("two.ndjson".into(), two.into_bytes()),
        ],
        &Config::default(),
    );
    assert_eq!(r.sessions, 6000);
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
    // At most the closed sessions kept (4096) and the few open at a time.
    assert!(
        r.sessions_peak_in_memory < 4200,
        "{}",
        r.sessions_peak_in_memory
    );
}

#[test]
fn a_finding_made_before_the_sid_is_known_names_the_sid() {
    // A log of request lines without the answers: the sessionStart's sid is learnt from
    // the next request, after its (schema) finding was made under `#1`.
    let text = "POST /api/v1/sessions\n\
        {\"playerTime\":{\"playhead\":0,\"ts\":1731672000000},\"eventType\":\"sessionStart\"}\n\
        POST /api/v1/sessions/abc123/events\n\
        {\"playerTime\":{\"playhead\":0,\"ts\":1731672000100},\"eventType\":\"play\"}\n\
        POST /api/v1/sessions/abc123/events\n\
        {\"playerTime\":{\"playhead\":1,\"ts\":1731672001100},\"eventType\":\"sessionEnd\"}\n";
    let r = run(text, &Config::default());
    let start: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.context.event_index == Some(0))
        .collect();
    assert!(!start.is_empty(), "{:?}", codes(&r));
    for d in start {
        assert_eq!(
            d.context.session.as_deref(),
            Some("abc123"),
            "{}",
            d.rule.code
        );
    }
    assert_eq!(r.sessions, 1);
}

/// Findings past the memory limit wait in a temporary file: every output reads the same
/// with a limit of a few hundred bytes (nearly every finding read back from the file) as
/// with the default (all in memory), including under the findings cap and with sids
/// bound late.
#[test]
fn findings_read_back_from_the_temporary_file_give_the_same_outputs() {
    use valint::report::{render, OutputFormat, RenderOptions};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // A sessionStart whose sid is learnt from the next request: its findings are stored
    // under `#1` and read back under the sid.
    let late_sid = "POST /api/v1/sessions\n\
        {\"playerTime\":{\"playhead\":0,\"ts\":1731672000000},\"eventType\":\"sessionStart\"}\n\
        POST /api/v1/sessions/abc123/events\n\
        {\"playerTime\":{\"playhead\":0,\"ts\":1731672000100},\"eventType\":\"adStart\"}\n";
    let captures = [
        ("generated-defects.ndjson", None),
        ("generated-defects.har", None),
        ("late-sid.txt", Some(late_sid)),
    ];
    for (name, text) in captures {
        let input = || match text {
            Some(t) => Input::Bytes(name.into(), t.as_bytes().to_vec()),
            None => Input::Path(root.join("testdata/generated").join(name)),
        };
        for max_findings in [None, Some(7)] {
            let cfg = |limit| Config {
                threads: Some(1),
                max_findings,
                findings_memory_limit: limit,
                ..Config::default()
            };
            let held = check(&[input()], &cfg(None));
            let spilled = check(&[input()], &cfg(Some(100)));
            assert!(!held.diagnostics.is_empty(), "{name}: no findings");
            assert_eq!(
                held.diagnostics.stored_bytes().1,
                0,
                "{name}: spilled by default"
            );
            assert!(
                spilled.diagnostics.stored_bytes().1 > 0,
                "{name}: nothing went to the file"
            );
            for format in [
                OutputFormat::Json,
                OutputFormat::Full,
                OutputFormat::Sarif,
                OutputFormat::Github,
                OutputFormat::Junit,
            ] {
                let text = |r: &Report| {
                    let mut out = Vec::new();
                    render(format, r, &RenderOptions::default(), &mut out).expect("render");
                    String::from_utf8(out).expect("utf-8")
                };
                assert_eq!(
                    text(&held),
                    text(&spilled),
                    "{name}, --max-findings {max_findings:?}, {format:?}"
                );
            }
        }
    }
}
