//! What `valint check` takes as input (issue 19): folders walked with `.gitignore`
//! respected, no path meaning `.`, `--extend-exclude`, globs that match nothing, files that
//! are no capture, and formats valint recognises but cannot read.

mod common;
use common::{run, valint_in};

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch project: two captures (one with AD001 errors), files that are no captures,
/// a .gitignore'd build folder holding a capture, a hidden folder holding one.
fn project() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    let copy = |from: &str, to: &str| {
        let to = p.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join(from), to).unwrap();
    };
    copy("testdata/rules/AD001/invalid.jsonl", "captures/bad.jsonl");
    copy(
        "testdata/captures/chromium-playwright.har",
        "captures/web/browser.har",
    );
    copy("testdata/rules/AD001/invalid.jsonl", "build/copy.jsonl");
    copy("testdata/rules/AD001/invalid.jsonl", ".cache/copy.jsonl");
    copy("README.md", "README.md");
    std::fs::write(
        p.join("package.json"),
        r#"{"name":"player","version":"1.0.0"}"#,
    )
    .unwrap();
    std::fs::write(p.join("notes.txt"), "nothing to see").unwrap();
    std::fs::write(p.join(".gitignore"), "build/\n").unwrap();
    d
}

#[test]
fn a_folder_is_walked_and_no_path_means_the_current_folder() {
    let d = project();
    let want = "\
captures/bad.jsonl:14:14: error[AD001] `adStart` outside an ad break; Adobe ignores it and counts the ad's time as main content
captures/bad.jsonl:21:14: error[AD001] `adComplete` outside an ad break; Adobe ignores it
Found 2 findings (2 errors, 0 warnings, 0 info) in 2 files, 2 sessions.
";
    for args in [&["check"][..], &["check", "."][..]] {
        let (code, out, err) = run(valint_in(d.path())
            .args(args)
            .args(["--output-format", "concise"]));
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (1, want, ""),
            "{args:?}"
        );
    }
    // The folder by name: paths as walked from it.
    let (code, out, _) =
        run(valint_in(d.path()).args(["check", "captures", "--output-format", "concise"]));
    assert_eq!(code, 1);
    assert!(
        out.starts_with("captures/bad.jsonl:14:14: error[AD001]"),
        "{out}"
    );
    assert!(out.ends_with("in 2 files, 2 sessions.\n"), "{out}");
}

#[test]
fn extend_exclude_leaves_out_files_and_folders() {
    let d = project();
    for glob in ["*.jsonl", "captures/bad.jsonl", "bad.jsonl,nothing.har"] {
        let (code, out, err) = run(valint_in(d.path()).args([
            "check",
            "--output-format",
            "concise",
            "--extend-exclude",
            glob,
        ]));
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (0, "No findings in 1 file, 1 session.\n", ""),
            "{glob}"
        );
    }
    let (code, out, err) = run(valint_in(d.path()).args([
        "check",
        "--output-format",
        "concise",
        "--extend-exclude",
        "captures",
    ]));
    assert_eq!(code, 0);
    assert_eq!(out, "No findings in 0 files, 0 sessions.\n");
    assert!(err.starts_with("warning: . holds no capture file"), "{err}");
    // A glob that does not compile is a usage error.
    let (code, _, err) = run(valint_in(d.path()).args(["check", "--extend-exclude", "a[", "."]));
    assert_eq!(code, 2);
    assert!(err.contains("--extend-exclude `a[`"), "{err}");
}

#[test]
fn a_glob_that_matches_nothing_is_a_warning_beside_other_inputs() {
    // docs/github-actions.md's workflow: `captures/*.har captures/*.ndjson`, as a shell
    // leaves an unmatched glob (and as a shell that expands none passes both).
    let d = project();
    std::fs::copy(
        root().join("testdata/captures/chromium-playwright.har"),
        d.path().join("captures/top.har"),
    )
    .unwrap();
    let (code, out, err) = run(valint_in(d.path()).args([
        "check",
        "captures/*.har",
        "captures/*.ndjson",
        "--output-format",
        "concise",
    ]));
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            0,
            "No findings in 1 file, 1 session.\n",
            "warning: captures/*.ndjson matches no file\n"
        )
    );
    // A missing file beside a real one is no glob: a typo, exit 3.
    let (code, _, err) = run(valint_in(d.path()).args(["check", "captures/top.har", "gone.har"]));
    assert_eq!(
        (code, err.as_str()),
        (3, "error: cannot read gone.har: no such file\n")
    );
    // Alone, it is an input valint could not read: exit 3.
    let (code, _, err) = run(valint_in(d.path()).args(["check", "captures/*.ndjson"]));
    assert_eq!(code, 3);
    assert!(
        err.contains("cannot read captures/*.ndjson: no such file"),
        "{err}"
    );
}

/// `valint check FILE` on `bytes` saved as `name` in a scratch folder.
fn check_bytes(name: &str, bytes: &[u8], extra: &[&str]) -> (i32, String, String) {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join(name), bytes).unwrap();
    run(valint_in(d.path()).arg("check").args(extra).arg(name))
}

#[test]
fn files_that_are_no_capture_exit_3_with_one_line_and_nothing_else() {
    let browser = "record the player's traffic as a HAR (browser devtools: Network panel, \"Save all as HAR\"; or your proxy's HAR export)";
    let cases: [(&str, &[u8], String); 6] = [
        (
            "package.json",
            br#"{"name":"player","version":"1.0.0","scripts":{"test":"jest"}}"#,
            format!("not a capture: JSON without the Media Collection API's shape (no eventType or playerTime, no HAR log.entries, no request records with a URL); {browser}"),
        ),
        (
            "screenshot.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            format!("a PNG image, not a capture; {browser}"),
        ),
        (
            "session.proxymanlogv2",
            b"PK\x03\x04 proxyman",
            "a Proxyman session file (.proxymanlogv2), which valint does not read; in Proxyman, select the requests and choose File → Export → HTTP Archive (HAR), then check the .har".into(),
        ),
        (
            "flows",
            b"1043:4:type;4:http;2:id;36:0b1c;11:client_conn;",
            "a mitmproxy flow file, which valint does not read; write a HAR from it with mitmproxy 10.1 or newer: mitmdump -nr FILE --set hardump=capture.har".into(),
        ),
        (
            "session.chlsx",
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<charles-session>\n",
            "a Charles XML session (.chlsx), which valint does not read; in Charles, choose File → Export Session… → HTTP Archive (.har), or save the session as .chls or .chlsj, which valint reads".into(),
        ),
        (
            "dump.bin",
            b"\x00\x01\x02binary",
            format!("a binary file, not a capture; {browser}"),
        ),
    ];
    for (name, bytes, why) in cases {
        let (code, out, err) = check_bytes(name, bytes, &[]);
        assert_eq!(
            (code, out, err),
            (
                3,
                format!("not read: {name}: {why}\n"),
                format!("error: {name}: {why}\n")
            ),
            "{name}"
        );
        // Machine formats carry it as a capture problem.
        let (code, out, _) = check_bytes(name, bytes, &["--output-format", "json"]);
        assert_eq!(code, 3);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{name}");
        assert_eq!(v["summary"]["capture_problems"][0]["reason"], why.as_str());
    }
}

#[test]
fn legacy_heartbeats_are_counted_and_a_capture_of_only_them_exits_3() {
    let file = "testdata/captures/legacy-heartbeats.har";
    let why = "holds only legacy Media Analytics heartbeats (5 GETs to *.hb.omtrdc.net with s:event:type), which valint does not check; it checks Media Collection API traffic (POSTs to /api/v1/sessions)";
    let (code, out, err) = run(valint_in(root()).args(["check", file]));
    assert_eq!(code, 3);
    assert_eq!(
        out,
        format!("Checked 1 file: 0 requests read (0 checked, 0 unreadable), 6 skipped, 0 sessions, 0 events.\nnote: {file}: 5 legacy Media Analytics heartbeats (GET *.hb.omtrdc.net with s:event:type), counted as skipped, not checked\nnot checked completely: {file}: {why}\nNo findings.\n")
    );
    assert_eq!(err, format!("error: {file}: {why}\n"));
    // Beside Media Collection traffic in the same log they are counted, and the capture is
    // checked as usual.
    let log = "{\"method\":\"GET\",\"url\":\"https://acme.hb.omtrdc.net/?s:ver=1.5&s:event:type=start\"}\n\
{\"method\":\"POST\",\"url\":\"/api/v1/sessions/s1/events\",\"body\":{\"eventType\":\"play\",\"playerTime\":{\"playhead\":0,\"ts\":1700000000000}}}\n";
    let (code, out, _) = check_bytes("mixed.ndjson", log.as_bytes(), &["--output-format", "json"]);
    // (SES001 is a warning where the capture has sids: it may have begun mid-session.)
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v["summary"]["files"][0];
    assert_eq!(
        (
            f["checked"].as_u64(),
            f["skipped"].as_u64(),
            f["legacy_heartbeats"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert!(v["summary"]["capture_problems"]
        .as_array()
        .unwrap()
        .is_empty());
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["SES001"]);
}

#[test]
fn ndjson_records_with_other_names_say_which_names_are_read_and_can_be_mapped() {
    let file = "testdata/captures/other-field-names.ndjson";
    let (code, out, _) = run(valint_in(root()).args(["check", "--output-format", "concise", file]));
    assert_eq!(code, 3);
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        format!("{file}:1:1: error[SYN023] record without a body: valint reads the body from `body`, `payload`, `data`, `postData` (and the time from `timestamp`, `time`, `startedDateTime`, `sentAt`); this record has `method`, `url`, `startedMs`, `requestBody`, `responseHeaders`; name yours with --ndjson-field body=NAME (and time=NAME); it is not checked")
    );
    assert_eq!(
        out.matches("error[SYN023] record without a body").count(),
        4
    );
    // Mapped, the log reads: one session, checked in time order, with its one finding.
    let (code, out, err) = run(valint_in(root()).args([
        "check",
        "--output-format",
        "concise",
        "--ndjson-field",
        "body=requestBody",
        "--ndjson-field",
        "time=startedMs",
        "--ndjson-field",
        "headers=responseHeaders",
        file,
    ]));
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            0,
            "testdata/captures/other-field-names.ndjson:4:143: warning[SES006] `sessionComplete` at playhead 12 s, 48 s before the end of the content (60 s); it tells Adobe the end was reached, so a completed view is likely counted that did not happen\nFound 1 finding (0 errors, 1 warning, 0 info) in 1 file, 1 session.\n",
            ""
        )
    );
    // A meaning valint does not know is a usage error that lists them.
    let (code, _, err) = run(valint_in(root()).args(["check", "--ndjson-field", "bodi=x", file]));
    assert_eq!(code, 2);
    assert!(
        err.contains("--ndjson-field")
            && err.contains("`bodi` is no record meaning (meanings: method, url, body, time, status, sid, headers)"),
        "{err}"
    );
}
