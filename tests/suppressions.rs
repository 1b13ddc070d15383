//! Inline suppressions in each capture format that can carry one (NDJSON and body streams:
//! `#`/`//` lines; HAR: an entry's `comment`; docs pages: an HTML comment), the
//! session-wide form, the findings about suppressions (SUP001-SUP003), and how every
//! output shows what was suppressed (summary counts, `--show-suppressed`, SARIF
//! `suppressions` validated against the schema).

mod common;
use common::{run, valint_in};

use serde_json::Value;

/// A body stream with two AD001 errors (adStart at line 14, adComplete at line 21).
const AD001: &str = "testdata/rules/AD001/invalid.jsonl";

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(common::root().join(rel)).unwrap()
}

/// `text` with `line` inserted before its line `before` (1-based).
fn insert_line(text: &str, before: usize, line: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(before - 1, line);
    lines.join("\n") + "\n"
}

/// The json-lines report of `name` holding `text`: (findings, summary).
fn json_lines(name: &str, text: &str, extra: &[&str]) -> (i32, Vec<Value>, Value) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let (code, out, err) = run(valint_in(dir.path())
        .args(["check", "--isolated", "--output-format", "json-lines", name])
        .args(extra));
    assert!(matches!(code, 0 | 1), "{err}");
    let mut all: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let summary = all.pop().expect("a summary line");
    (code, all, summary)
}

fn codes(findings: &[Value]) -> Vec<&str> {
    findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect()
}

#[test]
fn an_ndjson_line_suppresses_the_next_request_with_its_reason() {
    let text = insert_line(
        &fixture(AD001),
        13,
        "# valint: ignore[AD001] -- house ads of the test player have no break",
    );
    let (code, f, summary) = json_lines("c.jsonl", &text, &[]);
    assert_eq!(code, 1, "the adComplete is still an error");
    assert_eq!(codes(&f), ["AD001"]);
    assert_eq!(f[0]["line"], 22);
    assert_eq!(summary["suppressed"], 1);
    assert_eq!(summary["errors"], 1);

    // --show-suppressed lists it, with its reason.
    let (_, f, _) = json_lines("c.jsonl", &text, &["--show-suppressed"]);
    let s: Vec<&Value> = f
        .iter()
        .filter(|f| f.get("suppression").is_some())
        .collect();
    assert_eq!(s.len(), 1, "{f:?}");
    assert_eq!(s[0]["line"], 15);
    assert_eq!(s[0]["suppression"]["kind"], "inSource");
    assert_eq!(
        s[0]["suppression"]["justification"],
        "house ads of the test player have no break"
    );
}

#[test]
fn a_slash_comment_works_like_a_hash_comment() {
    let text = insert_line(
        &fixture(AD001),
        13,
        "  // valint: ignore[ad-outside-break] -- house ads",
    );
    let (_, f, summary) = json_lines("c.jsonl", &text, &[]);
    assert_eq!(codes(&f), ["AD001"]);
    assert_eq!(summary["suppressed"], 1);
}

#[test]
fn without_a_reason_it_still_suppresses_and_is_a_finding() {
    let text = insert_line(&fixture(AD001), 13, "# valint: ignore[AD001]");
    let (_, f, summary) = json_lines("c.jsonl", &text, &[]);
    assert_eq!(codes(&f), ["SUP001", "AD001"]);
    assert_eq!(f[0]["line"], 13);
    assert_eq!(summary["suppressed"], 1);
}

#[test]
fn an_unused_suppression_is_a_finding() {
    // Before the play request (line 10), which has no AD001.
    let text = insert_line(&fixture(AD001), 9, "# valint: ignore[AD001] -- not here");
    let (_, f, summary) = json_lines("c.jsonl", &text, &[]);
    assert_eq!(codes(&f), ["SUP002", "AD001", "AD001"]);
    assert!(f[0]["message"]
        .as_str()
        .unwrap()
        .contains("`AD001` suppresses nothing"));
    assert!(summary.get("suppressed").is_none(), "{summary}");
    // Its own finding can be turned off like any other.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.jsonl"), &text).unwrap();
    let (_, out, _) = run(valint_in(dir.path()).args([
        "check",
        "--isolated",
        "--output-format",
        "concise",
        "--ignore",
        "SUP",
        "c.jsonl",
    ]));
    assert!(!out.contains("SUP002"), "{out}");
    // A suppression of a rule the run does not run says so.
    let text = insert_line(&fixture(AD001), 13, "# valint: ignore[AD001] -- house ads");
    let (_, f, _) = json_lines("c.jsonl", &text, &["--ignore", "AD001"]);
    assert_eq!(codes(&f), ["SUP002"]);
    assert!(
        f[0]["message"]
            .as_str()
            .unwrap()
            .contains("the rule does not run"),
        "{f:?}"
    );
}

#[test]
fn ignore_session_on_the_session_start_covers_the_session() {
    let text = insert_line(
        &fixture(AD001),
        3,
        "# valint: ignore-session[AD001] -- a test stream of house ads",
    );
    let (code, f, summary) = json_lines("c.jsonl", &text, &[]);
    assert_eq!(code, 0, "{f:?}");
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(summary["suppressed"], 2);

    // On a later request it is no session-wide suppression: nothing is suppressed.
    let text = insert_line(
        &fixture(AD001),
        9,
        "# valint: ignore-session[AD001] -- a test stream of house ads",
    );
    let (_, f, _) = json_lines("c.jsonl", &text, &[]);
    assert_eq!(codes(&f), ["SUP002", "AD001", "AD001"]);
    assert!(
        f[0]["message"]
            .as_str()
            .unwrap()
            .contains("not on a sessionStart"),
        "{f:?}"
    );
}

#[test]
fn a_har_entry_comment_suppresses_its_own_entry() {
    let har = fixture("testdata/captures/devtools-session.har");
    let (_, before, _) = json_lines("s.har", &har, &[]);
    let tim003: Vec<&Value> = before.iter().filter(|f| f["code"] == "TIM003").collect();
    assert_eq!(tim003.len(), 1);
    // The entry holding the finding: insert a comment at its start.
    let line = tim003[0]["line"].as_u64().unwrap() as usize;
    let at: usize = har.lines().take(line - 1).map(|l| l.len() + 1).sum();
    let start = har[..at].rfind("\"startedDateTime\"").unwrap();
    let mut text = har.clone();
    text.insert_str(
        start,
        "\"comment\": \"valint: ignore[TIM003] -- the player sends a ping with its pause, on purpose\", ",
    );
    let (_, after, summary) = json_lines("s.har", &text, &["--show-suppressed"]);
    let kept: Vec<&Value> = after
        .iter()
        .filter(|f| f.get("suppression").is_none())
        .collect();
    assert_eq!(kept.len(), before.len() - 1, "{after:?}");
    assert!(kept.iter().all(|f| f["code"] != "TIM003"));
    assert_eq!(summary["suppressed"], 1);
    let s = after
        .iter()
        .find(|f| f.get("suppression").is_some())
        .unwrap();
    assert_eq!(
        s["suppression"]["justification"],
        "the player sends a ping with its pause, on purpose"
    );

    // A comment on another entry suppresses nothing there.
    let first = har.find("\"startedDateTime\"").unwrap();
    let mut text = har.clone();
    text.insert_str(
        first,
        "\"comment\": \"valint: ignore[TIM003] -- wrong entry\", ",
    );
    let (_, after, _) = json_lines("s.har", &text, &[]);
    assert!(after.iter().any(|f| f["code"] == "TIM003"));
    assert!(after.iter().any(|f| f["code"] == "SUP002"), "{after:?}");
}

#[test]
fn a_docs_page_html_comment_suppresses_the_next_block() {
    let page = fixture("testdata/docs/timeline-b.md");
    let (_, before, _) = json_lines("t.md", &page, &[]);
    let first = before
        .iter()
        .find(|f| f["code"] == "AD001")
        .expect("the page has AD001");
    let line = first["line"].as_u64().unwrap() as usize;
    // The block's opening fence is the last ``` line before the finding.
    let fence = page
        .lines()
        .take(line)
        .enumerate()
        .filter(|(_, l)| l.starts_with("```"))
        .map(|(i, _)| i + 1)
        .last()
        .unwrap();
    let text = insert_line(
        &page,
        fence,
        "<!-- valint: ignore[AD001] -- the page leaves the post-roll's break out on purpose -->",
    );
    let (_, after, summary) = json_lines("t.md", &text, &[]);
    let count = |v: &[Value]| v.iter().filter(|f| f["code"] == "AD001").count();
    assert_eq!(count(&after), count(&before) - 1, "{after:?}");
    assert_eq!(summary["suppressed"], 1);
    assert!(after
        .iter()
        .all(|f| f["code"] != "SUP002" && f["code"] != "SUP001"));
}

#[test]
fn sarif_carries_suppressed_results_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let text = insert_line(
        &fixture(AD001),
        13,
        "# valint: ignore[AD001] -- house ads of the test player have no break",
    );
    std::fs::write(dir.path().join("c.jsonl"), text).unwrap();
    let (_, out, _) = run(valint_in(dir.path()).args([
        "check",
        "--isolated",
        "--output-format",
        "sarif",
        "c.jsonl",
    ]));
    let log: Value = serde_json::from_str(&out).unwrap();
    common::validate_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    let s = &suppressed[0]["suppressions"][0];
    assert_eq!(s["kind"], "inSource");
    assert_eq!(
        s["justification"],
        "house ads of the test player have no break"
    );
    assert_eq!(s["location"]["physicalLocation"]["region"]["startLine"], 13);
}

#[test]
fn the_text_formats_count_suppressed_findings() {
    let dir = tempfile::tempdir().unwrap();
    let text = insert_line(&fixture(AD001), 13, "# valint: ignore[AD001] -- house ads");
    std::fs::write(dir.path().join("c.jsonl"), text).unwrap();
    let (_, out, _) = run(valint_in(dir.path()).args(["check", "--isolated", "c.jsonl"]));
    assert!(
        out.contains("1 finding suppressed inline (`--show-suppressed` lists it)."),
        "{out}"
    );
    let (_, out, _) = run(valint_in(dir.path()).args([
        "check",
        "--isolated",
        "--output-format",
        "concise",
        "--show-suppressed",
        "c.jsonl",
    ]));
    assert!(out.contains("; 1 suppressed."), "{out}");
    assert!(out.contains("c.jsonl:15:14: error[AD001]"), "{out}");
    assert!(out.contains("(suppressed: house ads)"), "{out}");
}

#[test]
fn a_comment_in_a_minified_one_line_har_suppresses_its_entry() {
    let har = fixture("testdata/captures/charles-minified.har");
    let (_, before, _) = json_lines("m.har", &har, &[]);
    let tim003 = before.iter().find(|f| f["code"] == "TIM003").unwrap();
    assert_eq!(tim003["line"], 1);
    let col = tim003["column"].as_u64().unwrap() as usize;
    let at: usize = har.chars().take(col - 1).map(char::len_utf8).sum();
    let start = har[..at].rfind("\"startedDateTime\"").unwrap();
    let mut text = har.clone();
    text.insert_str(
        start,
        "\"comment\":\"valint: ignore[TIM003] -- known tie\",",
    );
    let (_, after, summary) = json_lines("m.har", &text, &[]);
    assert!(after.iter().all(|f| f["code"] != "TIM003"), "{after:?}");
    assert_eq!(after.len(), before.len() - 1);
    assert_eq!(summary["suppressed"], 1);
}

#[test]
fn suppressions_far_into_a_long_capture_bind_to_their_request() {
    // 600 sessions of 10 requests: the capture is read in several pieces.
    let one = fixture(AD001);
    let body: Vec<&str> = one.lines().skip(2).collect();
    let mut text = String::new();
    for i in 0..600 {
        let sid = format!("{i:016x}");
        for line in &body {
            if i == 517 && line.contains("\"adStart\"") {
                // Its request line was the line before: put the directive above both.
                let cut = text[..text.len() - 1].rfind('\n').map_or(0, |p| p + 1);
                text.insert_str(cut, "# valint: ignore[AD001] -- session 517's house ad\n");
            }
            text.push_str(&line.replace("9f2c4e1a7b3d5068", &sid));
            text.push('\n');
        }
    }
    let (_, f, summary) = json_lines("long.txt", &text, &["--show-suppressed"]);
    assert_eq!(summary["suppressed"], 1, "{summary}");
    let s: Vec<&Value> = f
        .iter()
        .filter(|f| f.get("suppression").is_some())
        .collect();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0]["session"], format!("{:016x}", 517));
    assert_eq!(s[0]["event_type"], "adStart");
    assert!(f.iter().all(|f| f["code"] != "SUP002"));
}
