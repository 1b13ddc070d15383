//! Proxies' own session files (issue 19): a Charles `.chls` (Java serialization), a Charles
//! `.chlsj` (JSON) and a Fiddler `.saz` (zip of raw exchanges) hold the same traffic as
//! `charles-session.har` (all written by `testdata/captures/gen/`), and give the same
//! findings; a binary file's findings are
//! located by transaction in every output format.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const HAR: &str = "testdata/captures/charles-session.har";
const CHLSJ: &str = "testdata/captures/charles-session.chlsj";
const CHLS: &str = "testdata/captures/charles-session.chls";
const SAZ: &str = "testdata/captures/charles-session.saz";

/// Exit code and stdout of `valint check NAME` run in `dir`.
fn check_in(dir: &Path, name: &str) -> (i32, String) {
    let out = Command::cargo_bin("valint")
        .unwrap()
        .current_dir(dir)
        .args(["check", name])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn valint(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("valint")
        .unwrap()
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("VALINT_OUTPUT_FORMAT")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(file: &str) -> Value {
    let (code, out, err) = valint(&["check", "--output-format", "json", file]);
    assert_eq!(code, 1, "{file}: {err}");
    serde_json::from_str(&out).unwrap()
}

/// What a finding says, wherever it is: code, severity, message, session, event.
fn findings(v: &Value) -> Vec<(String, String, String, String, u64)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                d["session"].as_str().unwrap_or("").to_string(),
                d["event_index"].as_u64().unwrap_or(u64::MAX),
            )
        })
        .collect()
}

#[test]
fn chls_chlsj_and_har_of_the_same_traffic_give_the_same_findings() {
    let har = json(HAR);
    let want = findings(&har);
    let codes: Vec<&str> = want.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(codes, ["AD001", "AD001", "PNG001"]);
    for file in [CHLSJ, CHLS, SAZ] {
        let v = json(file);
        assert_eq!(findings(&v), want, "{file}");
        // The same requests read and skipped: the preflight, the page asset and the
        // legacy heartbeat; six requests to the API.
        let f = &v["summary"]["files"][0];
        assert_eq!(
            (
                f["checked"].as_u64(),
                f["skipped"].as_u64(),
                f["legacy_heartbeats"].as_u64()
            ),
            (Some(6), Some(3), Some(1)),
            "{file}"
        );
    }
    let h = &har["summary"]["files"][0];
    assert_eq!(
        (h["checked"].as_u64(), h["skipped"].as_u64()),
        (Some(6), Some(3))
    );
    // Each finding names its transaction (the Charles formats' labels).
    let labels = |v: &Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["request"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        labels(&json(CHLSJ)),
        ["transaction 5", "transaction 6", "transaction 7"]
    );
    let events = "POST example.hb-api.omtrdc.net/api/v1/sessions/5f0c2a9e7b1d4c3a8e6f0b2d4a6c8e0f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b/events";
    assert_eq!(
        labels(&json(CHLS)),
        [5, 6, 7].map(|i| format!("transaction {i} ({events})"))
    );
    // Fiddler's sessions are numbered from 1: request N is session N.
    assert_eq!(labels(&json(SAZ)), ["request 6", "request 7", "request 8"]);
}

#[test]
fn a_binary_sessions_findings_are_located_by_transaction_in_every_format() {
    let events = "POST example.hb-api.omtrdc.net/api/v1/sessions/5f0c2a9e7b1d4c3a8e6f0b2d4a6c8e0f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b/events";
    let note = format!("note: {CHLS} is a binary file: valint read it as NDJSON text, one line per transaction; each finding names its transaction or request, and the line:col of a snippet are in that text");
    let (_, out, _) = valint(&["check", "--output-format", "concise", CHLS]);
    assert_eq!(
        out,
        format!("{CHLS}: transaction 5 ({events}): error[AD001] `adStart` outside an ad break; Adobe ignores it and counts the ad's time as main content\n\
{CHLS}: transaction 6 ({events}): error[AD001] `adComplete` outside an ad break; Adobe ignores it\n\
{CHLS}: transaction 7 ({events}): warning[PNG001] 15 s without a ping (limit 10 s); Adobe's time-spent figures lose accuracy\n\
Found 3 findings (2 errors, 1 warning, 0 info) in 1 file, 1 session.\n{note}\n")
    );
    let (_, out, _) = valint(&["check", CHLS]);
    assert!(out.contains(&format!("\n{note}\n")), "{out}");
    // (The help text wraps the long label.)
    assert!(
        out.contains("(transaction 5 (POST\n        example.hb-api.omtrdc.net/api/v1/sessions/"),
        "{out}"
    );
    // GitHub: on the file, no line; the message names the transaction.
    let (_, out, _) = valint(&["check", "--output-format", "github", CHLS]);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "::error file={CHLS},title=AD001 ad-outside-break::transaction 5 ({events}): `adStart`"
        )),
        "{first}"
    );
    // SARIF: the file, no region, and the transaction as a logical location.
    let (_, out, _) = valint(&["check", "--output-format", "sarif", CHLS]);
    let sarif: Value = serde_json::from_str(&out).unwrap();
    let loc = &sarif["runs"][0]["results"][0]["locations"][0];
    assert_eq!(loc["physicalLocation"]["artifactLocation"]["uri"], CHLS);
    assert!(loc["physicalLocation"].get("region").is_none());
    assert_eq!(
        loc["logicalLocations"][0],
        serde_json::json!({"name": format!("transaction 5 ({events})"), "kind": "object"})
    );
    // JSON: the file says what text it was read as.
    assert_eq!(
        json(CHLS)["summary"]["files"][0]["read_as"],
        "NDJSON text, one line per transaction"
    );
    // JUnit: the failure text starts with the file and the transaction.
    let (_, out, _) = valint(&["check", "--output-format", "junit", CHLS]);
    assert!(
        out.contains(&format!(">{CHLS}: transaction 5 ({events}): error[AD001]")),
        "{out}"
    );
}

#[test]
fn a_saz_is_read_through_the_transcript_reader_and_located_by_request() {
    let (code, out, _) = valint(&["check", "--output-format", "concise", SAZ]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!("{SAZ}: request 6: error[AD001] `adStart` outside an ad break; Adobe ignores it and counts the ad's time as main content\n\
{SAZ}: request 7: error[AD001] `adComplete` outside an ad break; Adobe ignores it\n\
{SAZ}: request 8: warning[PNG001] 15 s without a ping (limit 10 s); Adobe's time-spent figures lose accuracy\n\
Found 3 findings (2 errors, 1 warning, 0 info) in 1 file, 1 session.\n\
note: {SAZ} is a binary file: valint read it as an HTTP transcript, one exchange per Fiddler session; each finding names its transaction or request, and the line:col of a snippet are in that text\n")
    );
    // A zip that holds no Fiddler session, and one cut short, are not read.
    let d = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(root().join(SAZ)).unwrap();
    std::fs::write(d.path().join("cut.saz"), &bytes[..bytes.len() / 2]).unwrap();
    let run = |name: &str| check_in(d.path(), name);
    let (code, out) = run("cut.saz");
    assert_eq!(code, 3);
    assert!(
        out.starts_with("not read: cut.saz: the zip archive cannot be read ("),
        "{out}"
    );
}

#[test]
fn a_chls_that_cannot_be_read_is_not_checked() {
    let bytes = std::fs::read(root().join(CHLS)).unwrap();
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("cut.chls"), &bytes[..2000]).unwrap();
    std::fs::write(
        d.path().join("string.chls"),
        b"\xac\xed\x00\x05t\x00\x05hello",
    )
    .unwrap();
    let run = |name: &str| check_in(d.path(), name);
    assert_eq!(
        run("cut.chls"),
        (3, "not read: cut.chls: the Java serialization stream cannot be read (Invalid Stream: Could not read full string)\n".into())
    );
    assert_eq!(
        run("string.chls"),
        (3, "not read: string.chls: a Java serialization stream of a string or an array, not a Charles session (com.xk72.charles.model.Session)\n".into())
    );
}

/// The `.chls` inputs the fuzzer crashed valint with (`fuzz/regressions/chls/`): a string
/// whose length field says nearly 2^63 bytes, which jaded allocated before reading (an
/// abort no test could catch; fixed in `vendor/jaded`). Now the file is a capture that
/// cannot be read: exit 3, one line, and no crash.
#[test]
fn corrupt_chls_lengths_are_unreadable_not_a_crash() {
    let dir = root().join("fuzz/regressions/chls");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions/chls") {
        let path = entry.unwrap().path();
        let tmp = tempfile::tempdir().unwrap();
        let chls = tmp.path().join("corrupt.chls");
        std::fs::copy(&path, &chls).unwrap();
        let (code, _, err) = valint(&[
            "check",
            "--output-format",
            "concise",
            chls.to_str().unwrap(),
        ]);
        assert_eq!(code, 3, "{}: {err}", path.display());
        assert!(err.contains("corrupt.chls"), "{err}");
        n += 1;
    }
    assert!(n > 0, "no .chls regression inputs");
}

/// A `.saz` session's `ClientBeginRequest` timer is its arrival time, as a HAR entry's
/// `startedDateTime` is: a `ts` that goes back between two events is judged by how far
/// apart they arrived (Adobe's reorder window), the same in both files, and not by the ts
/// step as for a capture without times.
#[test]
fn a_saz_gives_arrival_times_as_the_har_of_the_same_traffic() {
    use std::io::Write;
    let sid = "5f1e0c3a9b7d42e68a0c1d2e3f405162";
    let t0: i64 = 1_718_000_000_000;
    // (sent at, ms after t0; body): the ping's ts is 700 ms behind the play before it, and
    // it arrives 9 s later, long after Adobe's 5 s reorder window closed.
    let events = [
        (
            0,
            format!(
                r#"{{"eventType":"play","playerTime":{{"playhead":0,"ts":{}}}}}"#,
                t0
            ),
        ),
        (
            9_000,
            format!(
                r#"{{"eventType":"ping","playerTime":{{"playhead":8,"ts":{}}}}}"#,
                t0 - 700
            ),
        ),
    ];
    let iso = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%S%.3fZ")
            .to_string()
    };
    let dir = tempfile::tempdir().unwrap();
    // The HAR.
    let entries: Vec<Value> = events
        .iter()
        .map(|(at, body)| {
            serde_json::json!({
                "startedDateTime": iso(t0 + at),
                "request": {
                    "method": "POST",
                    "url": format!("https://edge.example.com/api/v1/sessions/{sid}/events"),
                    "postData": {"mimeType": "application/json", "text": body}
                },
                "response": {"status": 204}
            })
        })
        .collect();
    let har = serde_json::json!({"log": {"version": "1.2", "entries": entries}});
    std::fs::write(dir.path().join("t.har"), har.to_string()).unwrap();
    // The Fiddler archive of the same two requests.
    let mut zip = zip::ZipWriter::new(std::fs::File::create(dir.path().join("t.saz")).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (n, (at, body)) in events.iter().enumerate() {
        let n = n + 1;
        zip.start_file(format!("raw/{n:02}_c.txt"), stored).unwrap();
        write!(
            zip,
            "POST https://edge.example.com/api/v1/sessions/{sid}/events HTTP/1.1\r\nHost: edge.example.com\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        zip.start_file(format!("raw/{n:02}_s.txt"), stored).unwrap();
        zip.write_all(b"HTTP/1.1 204 No Content\r\n\r\n").unwrap();
        zip.start_file(format!("raw/{n:02}_m.xml"), stored).unwrap();
        // Fiddler writes seven fractional digits and the local offset.
        let local = chrono::DateTime::from_timestamp_millis(t0 + at)
            .unwrap()
            .with_timezone(&chrono::FixedOffset::east_opt(2 * 3600).unwrap())
            .format("%Y-%m-%dT%H:%M:%S%.3f0000%:z");
        write!(
            zip,
            r#"<?xml version="1.0" encoding="utf-8"?><Session SID="{n}" BitFlags="0"><SessionTimers ClientConnected="{local}" ClientBeginRequest="{local}" ClientDoneRequest="{local}" /></Session>"#
        )
        .unwrap();
    }
    zip.finish().unwrap();
    let tim004 = |name: &str| -> Vec<String> {
        let out = Command::cargo_bin("valint")
            .unwrap()
            .current_dir(dir.path())
            .args([
                "check",
                "--output-format",
                "json",
                "--select",
                "TIM004",
                name,
            ])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    let from_har = tim004("t.har");
    assert_eq!(from_har.len(), 1, "{from_har:?}");
    assert!(
        from_har[0].contains("9 s"),
        "judged by arrival: {from_har:?}"
    );
    assert_eq!(tim004("t.saz"), from_har);
}
