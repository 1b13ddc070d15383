//! Hostile and malformed inputs: each case asserts the exact outcome (the findings, their
//! place, the request accounting, the exit code), not only that nothing crashed.
//!
//! Time bounds here are generous (tens of times the expected cost): they catch quadratic
//! behaviour, which would take minutes at these sizes; speed itself is measured in benches.

use assert_cmd::Command;
use std::io::{Read, Write};
use std::process::Stdio;
use std::time::{Duration, Instant};
use valint::check::{check, Input, Report};
use valint::config::Config;

fn run(name: &str, bytes: Vec<u8>) -> Report {
    check(&[Input::Bytes(name.into(), bytes)], &Config::default())
}

fn codes(r: &Report) -> Vec<&'static str> {
    let mut v: Vec<_> = r.diagnostics.iter().map(|d| d.rule.code).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The request accounting of the run's one file against counts the test took from its
/// own input: `written` requests (or would-be requests) in the file, which `want` splits
/// into (checked, unreadable, skipped). Each is exactly one of the three.
fn assert_accounted(r: &Report, written: usize, want: (usize, usize, usize)) {
    assert_eq!(want.0 + want.1 + want.2, written, "the expectation adds up");
    assert_eq!(r.files.len(), 1);
    let f = &r.files[0];
    assert_eq!(
        (f.checked, f.unreadable, f.skipped),
        want,
        "{}: (checked, unreadable, skipped)",
        f.name
    );
}

/// Lines of `bytes` that hold something other than whitespace.
fn non_blank_lines(bytes: &[u8]) -> usize {
    bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count()
}

const START: &str = r#"{"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"analytics.trackingServer":"a.sc.omtrdc.net","analytics.reportSuite":"rs","visitor.marketingCloudOrgId":"X@AdobeOrg","media.id":"v1","media.length":60,"media.contentType":"VOD","media.playerName":"p","media.channel":"c"}}"#;

fn clean_session(sep: &str) -> String {
    [
        START,
        r#"{"eventType":"play","playerTime":{"playhead":0,"ts":1700000000100}}"#,
        r#"{"eventType":"ping","playerTime":{"playhead":9.9,"ts":1700000010000}}"#,
        r#"{"eventType":"sessionEnd","playerTime":{"playhead":12,"ts":1700000012000}}"#,
    ]
    .join(sep)
        + sep
}

fn timed<T>(limit_s: u64, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let v = f();
    assert!(
        t.elapsed() < Duration::from_secs(limit_s),
        "took {:?} (limit {limit_s} s): non-linear behaviour?",
        t.elapsed()
    );
    v
}

#[test]
fn empty_file() {
    let r = run("empty.jsonl", Vec::new());
    assert_accounted(&r, 0, (0, 0, 0));
    assert!(r.diagnostics.is_empty());
    Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "-", "--stdin-filename", "empty.jsonl"])
        .write_stdin("")
        .assert()
        .code(0);
}

#[test]
fn bom_and_crlf_are_fine() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(clean_session("\r\n").into_bytes());
    let r = run("bom.jsonl", bytes);
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
    assert_eq!((r.files[0].checked, r.events, r.sessions), (4, 4, 1));
    // A finding on a CRLF line has the right line and column.
    let text = clean_session("\r\n").replace("\"ts\":1700000010000", "\"ts\":\"x\"");
    let r = run("crlf.jsonl", text.into_bytes());
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule.code == "SCH001")
        .unwrap();
    assert_eq!(r.sources[0].line_col(d.primary.span.start), (3, 55));
}

#[test]
fn invalid_utf8_and_nul_bytes() {
    let mut bytes = START.as_bytes().to_vec();
    bytes.extend(b"\n{\"eventType\":\"play\",\"playerTime\":{\"playhead\":0,\"ts\":1700000000100},\"x\":\"caf\xe9\"}\n");
    bytes.extend(b"\x00\x00\x00\n");
    // Three lines: two bodies (one with a bad byte) and a line of NULs.
    let written = non_blank_lines(&bytes);
    assert_eq!(written, 3);
    let r = run("bad.jsonl", bytes);
    let c = codes(&r);
    assert!(c.contains(&"SYN017"), "{c:?}"); // the 0xE9 byte
    assert!(c.contains(&"SYN023"), "{c:?}"); // the NUL line is not a request
    assert_accounted(&r, written, (2, 1, 0));
}

#[test]
fn nesting_100k_deep() {
    let mut body = String::from(
        r#"{"eventType":"ping","playerTime":{"playhead":1,"ts":1700000000000},"qoeData":"#,
    );
    body.push_str(&"[".repeat(100_000));
    body.push_str(&"]".repeat(100_000));
    body.push('}');
    let r = timed(30, || run("deep.jsonl", body.clone().into_bytes()));
    let deep: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "SYN021")
        .collect();
    assert_eq!(deep.len(), 1);
    assert_eq!(r.files[0].checked, 1);
    // Through the binary too (its own main-thread stack): exit 1, no crash.
    Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "-"])
        .write_stdin(body.clone())
        .assert()
        .code(1);
    // Bare nested arrays are JSON without the API's shape: not a capture (exit 3), told
    // without a crash (the shape test reads the nesting without recursion).
    let mut deep = "[".repeat(100_000).into_bytes();
    deep.extend("]".repeat(100_000).into_bytes());
    Command::cargo_bin("valint")
        .unwrap()
        .args(["check", "-"])
        .write_stdin(deep)
        .assert()
        .code(3);
}

#[test]
fn huge_numbers() {
    let text = clean_session("\n")
        .replace("\"playhead\":9.9", "\"playhead\":1e999")
        .replace("\"ts\":1700000012000", "\"ts\":1180591620717411303424");
    let r = run("numbers.jsonl", text.into_bytes());
    let c = codes(&r);
    assert!(c.contains(&"SYN014"), "{c:?}"); // 1e999 does not fit a double
    assert!(c.contains(&"SYN015"), "{c:?}"); // 2^70 does not fit 64 bits
}

#[test]
fn one_hundred_thousand_keys() {
    let mut meta = String::new();
    for i in 0..100_000 {
        if i > 0 {
            meta.push(',');
        }
        meta.push_str(&format!("\"k{i}\":\"v\""));
    }
    let body = START.replace(
        "\"params\"",
        &format!("\"customMetadata\":{{{meta}}},\"params\""),
    );
    let r = timed(30, || run("keys.jsonl", body.into_bytes()));
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
    // The same keys twice: 100,000 duplicate-key findings, still in linear time.
    let dup = START.replace(
        "\"params\"",
        &format!("\"customMetadata\":{{{meta},{meta}}},\"params\""),
    );
    let r = timed(60, || run("dup.jsonl", dup.into_bytes()));
    let n = r
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "SYN016")
        .count();
    assert_eq!(n, 100_000);
}

#[test]
fn big_single_line_body() {
    // 30 MB on one line: one long customMetadata string value.
    let big = "x".repeat(30 * 1024 * 1024);
    let body = START.replace(
        "\"params\"",
        &format!("\"customMetadata\":{{\"blob\":\"{big}\",\"bad key\":\"v\"}},\"params\""),
    );
    let r = timed(60, || run("big.jsonl", body.into_bytes()));
    // The one finding: the key with a space, found at the end of the 30 MB line.
    assert_eq!(codes(&r), vec!["SCH003"]);
    let d = &r.diagnostics.get(0);
    let (line, col) = r.sources[0].line_col(d.primary.span.start);
    assert_eq!(line, 1);
    assert!(col > 30 * 1024 * 1024);
}

#[test]
fn pathological_inputs_stay_linear() {
    // Each of the next three files is one body that is never closed: one request, checked
    // (with its syntax findings), and the file is cut off inside it.
    // Many unclosed brackets.
    let r = timed(30, || run("open.jsonl", "[{".repeat(500_000).into_bytes()));
    assert_accounted(&r, 1, (1, 0, 0));
    assert!(r.files[0].truncated);
    // Long runs of backslashes inside a string: an odd number, so the last one escapes the
    // closing quote and the string never ends.
    let mut s = String::from(r#"{"eventType":"ping","x":""#);
    s.push_str(&"\\".repeat(2_000_001));
    s.push_str("\"}");
    let r = timed(30, || run("backslash.jsonl", s.into_bytes()));
    assert_accounted(&r, 1, (1, 0, 0));
    assert!(r.files[0].truncated);
    // Many unterminated strings, one a line: 200,000 lines, but the first `{` is never
    // closed, and a body may span lines, so the whole file is that one body.
    let r = timed(30, || {
        run("quotes.jsonl", "{\"a\n".repeat(200_000).into_bytes())
    });
    assert_accounted(&r, 1, (1, 0, 0));
    assert!(r.files[0].truncated);
    // Thousands of sessions left open (no sessionEnd).
    let mut many = String::new();
    for i in 0..20_000u64 {
        many.push_str(&format!(
            "POST /api/v1/sessions/s{i}/events\n{{\"eventType\":\"play\",\"playerTime\":{{\"playhead\":0,\"ts\":{}}}}}\n",
            1_700_000_000_000u64 + i
        ));
    }
    let r = timed(60, || run("sessions.jsonl", many.into_bytes()));
    // 20,000 requests written, each a request line and its body.
    assert_accounted(&r, 20_000, (20_000, 0, 0));
    assert_eq!(r.sessions, 20_000);
    // Each is reported once as having no sessionStart in the capture.
    let n = r
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "SES001")
        .count();
    assert_eq!(n, 20_000);
}

#[test]
fn stdout_closed_early_exits_quietly() {
    let mut body = String::new();
    for i in 0..5_000u64 {
        body.push_str(&format!(
            "{{playerTime:{{playhead:0,ts:{}}},eventType:play}}\n",
            1_700_000_000_000u64 + i
        ));
    }
    let bin = assert_cmd::cargo::cargo_bin("valint");
    let mut child = std::process::Command::new(bin)
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 64`
    let out = child.wait_with_output().unwrap();
    let code = out.status.code();
    assert!(code == Some(0) || code == Some(1), "exit {code:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn no_http_client_in_the_dependency_tree() {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    assert!(tree.contains("jsonschema"), "cargo tree printed no tree");
    for net in [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "tokio",
        "rustls",
        "native-tls",
        "openssl",
        "aws-lc",
    ] {
        assert!(
            !tree.lines().any(|l| l.starts_with(&format!("{net} "))),
            "network crate `{net}` in the dependency tree"
        );
    }
}

#[test]
fn limits_are_findings() {
    let session = clean_session("\n");
    let cfg = Config {
        max_body_bytes: Some(200),
        ..Config::default()
    };
    // The sessionStart body (over 200 bytes) is not parsed: LIM001, counted as unreadable.
    let r = check(
        &[Input::Bytes("s.jsonl".into(), session.clone().into_bytes())],
        &cfg,
    );
    assert!(codes(&r).contains(&"LIM001"), "{:?}", codes(&r));
    assert_eq!((r.files[0].checked, r.files[0].unreadable), (3, 1));

    // Findings beyond the cap are counted, not listed.
    let many: String = (0..50)
        .map(|i| {
            format!(
                "{{playerTime:{{playhead:0,ts:{}}},eventType:play}}\n",
                1_700_000_000_000u64 + i
            )
        })
        .collect();
    let cfg = Config {
        max_findings: Some(10),
        ..Config::default()
    };
    let r = check(
        &[Input::Bytes("m.jsonl".into(), many.clone().into_bytes())],
        &cfg,
    );
    let full = run("m.jsonl", many.into_bytes());
    assert_eq!(r.diagnostics.len(), 11);
    assert_eq!(r.diagnostics.get(10).rule.code, "LIM002");
    assert_eq!(
        r.count(valint::diagnostic::Severity::Error),
        full.count(valint::diagnostic::Severity::Error)
    );

    // More open sessions than the cap: the oldest are finished early, once reported.
    let sessions: String = (0..30)
        .map(|i| format!("POST /api/v1/sessions/s{i}/events\n{{\"eventType\":\"play\",\"playerTime\":{{\"playhead\":0,\"ts\":{}}}}}\n", 1_700_000_000_000u64 + i))
        .collect();
    let cfg = Config {
        max_open_sessions: Some(5),
        ..Config::default()
    };
    let r = check(
        &[Input::Bytes("o.jsonl".into(), sessions.into_bytes())],
        &cfg,
    );
    assert_eq!(r.sessions, 30);
    assert_finished_early(&r, 25);
}

/// The run's one LIM003 finding says that `n` sessions were finished early.
fn assert_finished_early(r: &Report, n: usize) {
    let lim: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "LIM003")
        .collect();
    assert_eq!(lim.len(), 1);
    let said = format!("{n} were finished early");
    assert!(lim[0].message.contains(&said), "{}", lim[0].message);
}

/// With too many sessions open, the one fed longest ago is finished early; a session
/// already closed by sessionEnd is not open and is never the one chosen, however old.
#[test]
fn the_open_session_idle_longest_is_finished_early() {
    let line = |sid: &str, event: &str, ts: u64| {
        format!(
            "POST /api/v1/sessions/{sid}/events\n{{\"eventType\":\"{event}\",\"playerTime\":{{\"playhead\":0,\"ts\":{}}}}}\n",
            1_700_000_000_000u64 + ts
        )
    };
    let log = [
        line("s0", "play", 0),
        line("s0", "sessionEnd", 1),
        line("s1", "play", 2),
        line("s2", "play", 3),
        line("s1", "ping", 4),
        // Two open (s1, s2): s2 is idle longest, s1 was just fed.
        line("s3", "play", 5),
        line("s1", "ping", 6),
        // s2 is gone: it opens again, and s3 (idle longest) makes way.
        line("s2", "ping", 7),
    ]
    .concat();
    let cfg = Config {
        max_open_sessions: Some(2),
        ..Config::default()
    };
    let r = check(&[Input::Bytes("o.jsonl".into(), log.into_bytes())], &cfg);
    // s0, s1, s2, s3 and s2 again, each with the events it was fed before it was
    // finished: had s1 been finished early instead of s2, s1 would have opened twice.
    let opened: Vec<(&str, usize)> = r
        .session_list
        .iter()
        .map(|s| (s.id.as_str(), s.events))
        .collect();
    assert_eq!(
        opened,
        [("s0", 2), ("s1", 3), ("s2", 1), ("s3", 1), ("s2", 1)],
        "sessions as opened"
    );
    assert_finished_early(&r, 2);
}

#[test]
fn sigint_leaves_no_output_file() {
    let dir = std::env::temp_dir().join(format!("valint-sigint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.jsonl");
    let line = clean_session("\n");
    std::fs::write(&big, line.repeat(40_000)).unwrap();
    let out = dir.join("report.sarif");
    let bin = assert_cmd::cargo::cargo_bin("valint");
    let mut child = std::process::Command::new(bin)
        .arg("check")
        .arg(&big)
        .args(["--output-format", "sarif", "-o"])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(150));
    // SIGINT, as Ctrl-C sends it.
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    if status.success() || status.code().is_some() {
        // It finished before the signal arrived: then the report must be complete.
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
    } else {
        assert!(!out.exists(), "a partial report was left behind");
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}
