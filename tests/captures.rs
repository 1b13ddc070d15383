//! Whole captures (actionlint-style golden outputs): every file under `testdata/captures/`
//! is checked and its rendered report snapshotted; the same session recorded as a pretty
//! HAR, a minified HAR and an NDJSON log must give the same findings.

use std::path::Path;
use valint::check::{check, Input};
use valint::config::Config;
use valint::report::{self, Style};

fn render(rel: &str) -> (String, valint::check::Report) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(root.join(rel)).expect("fixture");
    let report = check(&[Input::Bytes(rel.to_string(), bytes)], &Config::default());
    let mut out = Vec::new();
    let style = Style {
        color: false,
        unicode: true,
        width: 100,
    };
    report::full::render(&report, style, &mut out).unwrap();
    report::summary::render(&report, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), report)
}

#[test]
fn capture_snapshots() {
    insta::glob!(
        "../testdata/captures",
        "*.{har,ndjson,jsonl,http,txt}",
        |path| {
            let rel = format!(
                "testdata/captures/{}",
                path.file_name().unwrap().to_string_lossy()
            );
            let (text, _) = render(&rel);
            insta::assert_snapshot!(text);
        }
    );
}

fn codes(rel: &str) -> Vec<(&'static str, Option<String>)> {
    let (_, report) = render(rel);
    let mut v: Vec<_> = report
        .diagnostics
        .iter()
        // Info findings about the container (a bad escape in another entry) differ by format.
        .filter(|d| d.severity != valint::diagnostic::Severity::Info)
        .map(|d| (d.rule.code, d.context.event_type.clone()))
        .collect();
    v.sort();
    v
}

#[test]
fn same_session_same_findings_in_every_format() {
    let har = codes("testdata/captures/devtools-session.har");
    assert_eq!(har, codes("testdata/captures/charles-minified.har"));
    assert_eq!(har, codes("testdata/captures/request-log.ndjson"));
    // No PNG001 since the ping timer restarts on play: the play after the pre-roll comes
    // 5 s after the ad's ping, and the next ping 10 s after that play.
    for code in ["TIM001", "TIM003", "HTTP001", "SCH001", "SYN023"] {
        assert!(
            har.iter().any(|(c, _)| *c == code),
            "{code} missing: {har:?}"
        );
    }
}

#[test]
fn every_request_is_accounted_for() {
    let (_, report) = render("testdata/captures/devtools-session.har");
    let f = &report.files[0];
    // 17 entries: 13 Media requests checked, 1 POST without a body, 3 skipped
    // (a page load, a CORS preflight, a CDN request).
    assert_eq!((f.checked, f.unreadable, f.skipped), (13, 1, 3));
    assert_eq!(report.sessions, 1);
}

/// (code, severity, message) of every finding, in report order.
fn findings(report: &valint::check::Report) -> Vec<(&'static str, String, String)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule.code, d.severity.to_string(), d.message.clone()))
        .collect()
}

#[test]
fn har_cut_off_mid_entry_checks_the_entries_before_it() {
    let (_, report) = render("testdata/captures/har-truncated.har");
    let f = &report.files[0];
    // Entries 0-5 are whole (a page load, a preflight, four Media requests); the file ends
    // inside entry 6.
    assert_eq!((f.checked, f.unreadable, f.skipped), (4, 1, 2));
    assert_eq!(report.sessions, 1);
    let got = findings(&report);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(
        got[0].0, "TIM003",
        "the defect in a whole entry is still found"
    );
    assert_eq!(
        got[1],
        (
            "SYN023",
            "error".to_string(),
            "entry 6: the file ends inside this entry: the capture was cut off here, and nothing after it was recorded; it is not checked".to_string()
        )
    );
}

#[test]
fn har_broken_entry_is_reported_once_and_the_others_are_checked() {
    let (_, report) = render("testdata/captures/har-broken-entry.har");
    let f = &report.files[0];
    assert_eq!((f.checked, f.unreadable, f.skipped), (6, 1, 2));
    let got = findings(&report);
    let codes: Vec<_> = got.iter().map(|g| g.0).collect();
    // The broken entry was the 10 s ping: without it 11.995 s pass from the ping at
    // 0.005 s to the pauseStart at 12 s.
    assert_eq!(codes, ["TIM003", "SYN023", "PNG001"], "{got:#?}");
    assert_eq!(
        got[1].2,
        "entry 5 is not valid JSON from here on (15 syntax errors in it); a `\"` left unescaped inside a string is the usual cause; it is not checked"
    );
}

#[test]
fn har_entries_not_an_array_reads_nothing_and_says_why() {
    let (_, report) = render("testdata/captures/har-entries-not-array.har");
    let f = &report.files[0];
    assert_eq!((f.checked, f.unreadable, f.skipped), (0, 1, 0));
    assert_eq!(
        findings(&report),
        [(
            "SYN023",
            "error".to_string(),
            "`log.entries` is an object, not the array of requests HAR defines; it is not checked"
                .to_string()
        )]
    );
}

#[test]
fn transcripts_pair_answers_and_account_for_every_request() {
    let (_, report) = render("testdata/captures/proxy-save-as-text.http");
    let f = &report.files[0];
    assert_eq!(f.format, "HTTP transcript");
    // 9 exchanges: 7 Media POSTs, a CORS preflight and a CDN request.
    assert_eq!((f.checked, f.unreadable, f.skipped), (7, 0, 2));
    // The sid came from the 201 answer's Location: one session, no "no sessionStart".
    assert_eq!(report.sessions, 1);
    let codes: Vec<_> = findings(&report).into_iter().map(|g| g.0).collect();
    // The chapterStart's Content-Length counts characters: Adobe got a cut body (400).
    assert_eq!(codes, ["HTTP001", "SYN002", "SYN022", "TIM003"]);

    let (_, report) = render("testdata/captures/curl-verbose.txt");
    let f = &report.files[0];
    assert_eq!(f.format, "HTTP transcript");
    assert_eq!((f.checked, f.unreadable, f.skipped), (5, 0, 0));
    let codes: Vec<_> = findings(&report).into_iter().map(|g| g.0).collect();
    assert_eq!(codes, ["TIM004", "HTTP002", "SES001"]);
}

#[test]
fn interleaved_sessions_are_demuxed_by_sid() {
    // A main player and a muted preview on one page. The preview's pings stop for 25 s
    // while the main player keeps pinging: only demuxing by sid shows that gap.
    let (_, report) = render("testdata/captures/interleaved-sessions.ndjson");
    assert_eq!(report.sessions, 2);
    assert_eq!(report.events, 15);
    let got: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule.code, d.context.session.clone().unwrap_or_default()))
        .collect();
    assert_eq!(got, [("PNG001", "b2".repeat(32))]);
}

#[test]
fn a_session_continues_into_the_next_file_of_the_run() {
    // One session recorded in two files (a HAR, then an NDJSON log): the second file has no
    // sessionStart, and its first ping comes 15 s after the last ping of the first file.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs: Vec<Input> = ["part-1.har", "part-2.ndjson"]
        .iter()
        .map(|f| {
            let rel = format!("testdata/captures/split/{f}");
            Input::Bytes(
                rel.clone(),
                std::fs::read(root.join(&rel)).expect("fixture"),
            )
        })
        .collect();
    let report = check(&inputs, &Config::default());
    assert_eq!(
        report.sessions, 1,
        "the second file continues the first's session"
    );
    assert_eq!(report.events, 8);
    let got: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.code,
                d.file,
                d.context.session.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(got, [("PNG001", 1, "c3".repeat(32))]);
    let mut out = Vec::new();
    let style = Style {
        color: false,
        unicode: true,
        width: 100,
    };
    report::full::render(&report, style, &mut out).unwrap();
    report::summary::render(&report, &mut out).unwrap();
    insta::assert_snapshot!("split_session", String::from_utf8(out).unwrap());
}

#[test]
fn downloaded_batches_are_sessions_of_their_own() {
    let (_, report) = render("testdata/captures/downloaded-batches.jsonl");
    // Four batches and one live sessionStart between them.
    assert_eq!(report.sessions, 5);
    let got: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.code,
                d.context.session.clone().unwrap_or_default(),
                d.context.event_type.clone().unwrap_or_default(),
            )
        })
        .collect();
    // The batch without sessionStart is session #3, not a continuation of the live #2.
    assert_eq!(
        got,
        [
            // The first batch's 600 s episode "completes" at 25 s.
            ("SES006", "#1".to_string(), "sessionComplete".to_string()),
            ("SES001", "#3".to_string(), "play".to_string()),
            ("TIM004", "#4".to_string(), "bufferStart".to_string()),
            ("SES005", "#5".to_string(), "sessionStart".to_string()),
        ]
    );
}

#[test]
fn a_real_chromium_har_is_read_whole_and_a_clean_session_has_no_finding() {
    // Recorded by scripts/record-har: headless Chromium, playwright-core's recordHar.
    let (_, report) = render("testdata/captures/chromium-playwright.har");
    let f = &report.files[0];
    // 25 entries: the page and its image (skipped), sessionStart and 22 events requests.
    // (Playwright does not write the browser's CORS preflights into the HAR.)
    assert_eq!((f.checked, f.unreadable, f.skipped), (23, 0, 2));
    assert_eq!(report.sessions, 1);
    let session = report
        .diagnostics
        .iter()
        .next()
        .and_then(|d| d.context.session.clone());
    assert!(
        report.diagnostics.is_empty(),
        "{session:?}: {:#?}",
        findings(&report)
    );

    // The same session with four player bugs written into the page.
    let (_, report) = render("testdata/captures/chromium-playwright-defects.har");
    let f = &report.files[0];
    assert_eq!((f.checked, f.unreadable, f.skipped), (23, 0, 2));
    assert_eq!(report.sessions, 1);
    let got: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.code,
                d.severity.to_string(),
                d.context.event_type.clone().unwrap_or_default(),
            )
        })
        .collect();
    let want = [
        // adStart sent before its adBreakStart: Adobe's buffer reorders them (no AD001).
        ("TIM004", "warning", "adBreakStart"),
        // The ping at 40 s never sent: 20 s from the ping at 30 s to the next one.
        ("PNG001", "warning", "ping"),
        // The ping at 80 s 10 s behind.
        ("TIM001", "warning", "ping"),
        // The ping timer left running after sessionEnd.
        ("SES003", "error", "ping"),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(c, s, e)| (*c, s.to_string(), e.to_string()))
        .collect();
    assert_eq!(got, want);
    // Every finding belongs to the session the 201 answer's Location named.
    let sid = report.diagnostics.get(0).context.session.clone().unwrap();
    assert_eq!(sid.len(), 64);
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.context.session.as_deref() == Some(sid.as_str())));
}
