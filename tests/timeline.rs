//! `valint timeline`: snapshots of the terminal pictures of the docs pages and capture
//! fixtures at 80 and 120 columns without colour, and the command line's window, colour
//! and file outputs.

mod common;

use valint::check::{check, Input};
use valint::config::{Config, SessionRecord};
use valint::report::timeline::terminal::{render, TerminalOptions};

/// The picture of `rel` (a path relative to the checkout) at `width` columns.
fn picture(rel: &str, width: usize) -> String {
    let cfg = Config {
        session_record: SessionRecord::Timeline,
        ..Config::default()
    };
    let report = check(&[Input::Path(rel.into())], &cfg);
    let mut out = Vec::new();
    let opts = TerminalOptions {
        width,
        from_s: None,
        to_s: None,
        color: false,
    };
    render(&report, &opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn every_line_fits(text: &str, width: usize) {
    // Lanes, axis, header, digest and legend: everything is fitted or wrapped.
    for line in text.lines() {
        assert!(
            line.chars().count() <= width,
            "{} columns > {width}: {line}",
            line.chars().count()
        );
    }
}

#[test]
fn docs_pages_at_80_and_120_columns() {
    insta::glob!("../testdata/docs", "timeline-*.md", |path| {
        let rel = format!(
            "testdata/docs/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        for width in [80, 120] {
            let text = picture(&rel, width);
            every_line_fits(&text, width);
            insta::assert_snapshot!(format!("{width}"), text);
        }
    });
}

#[test]
fn captures_at_80_and_120_columns() {
    insta::glob!(
        "../testdata/captures",
        "*.{har,ndjson,jsonl,http,txt}",
        |path| {
            let rel = format!(
                "testdata/captures/{}",
                path.file_name().unwrap().to_string_lossy()
            );
            for width in [80, 120] {
                let text = picture(&rel, width);
                every_line_fits(&text, width);
                insta::assert_snapshot!(format!("{width}"), text);
            }
        }
    );
}

fn valint() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("valint").unwrap();
    c.current_dir(common::root());
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    c
}

/// `--from`/`--to` draw a window: its axis starts and ends at the window's seconds.
#[test]
fn a_window_has_its_own_axis() {
    let out = valint()
        .args(["timeline", "--color", "never", "--width", "100"])
        .args(["--from", "40", "--to", "80", "testdata/docs/timeline-a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let axis = text
        .lines()
        .find(|l| l.starts_with("seconds"))
        .expect("an axis");
    assert!(axis.contains("40s"), "{axis}");
    assert!(axis.trim_end().ends_with("80s"), "{axis}");
    assert!(!axis.contains(" 0s"), "{axis}");
    assert!(text.contains("window 40 s to 80 s of 93 s"), "{text}");
    let backwards = valint()
        .args([
            "timeline",
            "--from",
            "80",
            "--to",
            "40",
            "testdata/docs/timeline-a.md",
        ])
        .output()
        .unwrap();
    assert_eq!(backwards.status.code(), Some(2));
}

/// Colour as `check` does it: `always` colours, `never` and NO_COLOR under `auto` do not.
#[test]
fn colour_follows_the_check_rules() {
    let page = "testdata/docs/timeline-a.md";
    let coloured = valint()
        .args(["timeline", "--color", "always", "--width", "80", page])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\x1b["));
    let forced = valint()
        .env("CLICOLOR_FORCE", "1")
        .args(["timeline", "--width", "80", page])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&forced.stdout).contains("\x1b["));
    let no_color = valint()
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .args(["timeline", "--width", "80", page])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&no_color.stdout).contains("\x1b["));
    let piped = valint()
        .args(["timeline", "--width", "80", page])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&piped.stdout).contains("\x1b["));
}

/// `--session ID` draws that session only; an unknown id is a usage error.
#[test]
fn one_session_by_its_id() {
    let sid = "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2";
    let capture = "testdata/captures/interleaved-sessions.ndjson";
    let out = valint()
        .args([
            "timeline",
            "--color",
            "never",
            "--width",
            "80",
            "--session",
            sid,
            capture,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.matches("\nsession ").count() + usize::from(text.starts_with("session ")),
        1
    );
    assert!(text.starts_with(&format!("session {sid}")), "{text}");
    let out = valint()
        .args(["timeline", "--session", "no-such-sid", capture])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no session `no-such-sid`"));
}

/// A capture that cannot be read exits with 3, as for `check`.
#[test]
fn unreadable_capture_exits_3() {
    let out = valint()
        .args(["timeline", "--width", "80", "testdata/no-such-capture.har"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
}

/// The SVG of `rel`: well-formed XML, one `<g class="session">` per session, and a
/// `<title>` on every event tick with its type, `ts` and playhead.
fn svg_of(rel: &std::path::Path) -> String {
    let cfg = Config {
        session_record: SessionRecord::Timeline,
        ..Config::default()
    };
    let report = check(&[Input::Path(rel.into())], &cfg);
    let mut out = Vec::new();
    valint::report::timeline::svg::render(&report, (None, None), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
    let sessions = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("session"))
        .count();
    assert_eq!(sessions, report.session_metrics.len());
    let ticks: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("data-event").is_some())
        .collect();
    let events: usize = report.session_metrics.iter().map(|m| m.events).sum();
    assert_eq!(ticks.len(), events, "a tick per event with a clock");
    for t in ticks {
        let title = t
            .children()
            .find(|c| c.has_tag_name("title"))
            .and_then(|c| c.text())
            .unwrap_or_default();
        assert!(
            title.starts_with("event #") && title.contains(" ts "),
            "{title}"
        );
    }
    text
}

/// Adobe's timeline 2 as SVG (skipped without `../shared`, like `tests/sessions.rs`).
#[test]
fn svg_of_adobe_timeline_2() {
    let page = common::root().join("../shared/reference/adobe-docs/media-analytics.en/help/implementation/media-collection-api/mc-api-timelines/mc-api-timeline-2.md");
    if !common::root().join("../shared").is_dir() {
        use std::io::Write;
        let _ = std::io::stderr().write_all(
            b"SKIPPED: tests/timeline.rs SVG of Adobe's timeline 2: ../shared does not exist\n",
        );
        return;
    }
    let text = svg_of(&page);
    // The findings' tooltips name the page's defects: the undocumented qoeData key.
    assert!(text.contains("SCH"), "schema findings on the plays");
    insta::assert_snapshot!(
        "svg_adobe_timeline_2",
        text.replace(&common::root().display().to_string(), "ROOT")
    );
}

/// The project's timeline A as SVG.
#[test]
fn svg_of_own_timeline_a() {
    let text = svg_of(std::path::Path::new("testdata/docs/timeline-a.md"));
    insta::assert_snapshot!("svg_timeline_a", text);
}

/// The HTML report is one file that loads nothing: no `src`, `href` or `url(` reference,
/// no address but the SVG namespace's name, and its embedded data holds every session and
/// finding. (scripts/html-report/check-report.mjs opens it in Chromium.)
#[test]
fn html_report_is_self_contained() {
    let cfg = Config {
        session_record: SessionRecord::Timeline,
        ..Config::default()
    };
    let files = [
        "testdata/captures/chromium-playwright-defects.har",
        "testdata/docs/timeline-b.md",
    ];
    let inputs: Vec<Input> = files.iter().map(|f| Input::Path(f.into())).collect();
    let report = check(&inputs, &cfg);
    let mut out = Vec::new();
    valint::report::timeline::html::render(&report, (None, None), &mut out).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    for bad in [
        " src=",
        " href=",
        "url(",
        "<link",
        "@import",
        "fetch(",
        "XMLHttpRequest",
    ] {
        assert!(!page.contains(bad), "the page holds `{bad}`");
    }
    let addresses = page.matches("http://").count() + page.matches("https://").count();
    let svg_ns = page.matches("http://www.w3.org/2000/svg").count();
    assert_eq!(addresses, svg_ns, "no address but the SVG namespace");
    let start = page
        .find(r#"<script id="data" type="application/json">"#)
        .unwrap();
    let json = &page[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        data["sessions"].as_array().unwrap().len(),
        report.session_metrics.len()
    );
    assert_eq!(
        data["findings"].as_array().unwrap().len(),
        report.diagnostics.len()
    );
    assert!(data["from"].is_null() && data["to"].is_null(), "no window");
    // --from/--to reach the page: the script draws every timeline in that window.
    let mut windowed = Vec::new();
    valint::report::timeline::html::render(&report, (Some(40.0), None), &mut windowed).unwrap();
    let windowed = String::from_utf8(windowed).unwrap();
    assert!(
        windowed.contains(r#""from":40.0,"to":null"#),
        "window in the data"
    );
    assert!(windowed.contains("timelines drawn from 40 s to the end of each session"));
    for f in data["findings"].as_array().unwrap() {
        assert!(f["snippet"]
            .as_str()
            .unwrap()
            .contains(f["code"].as_str().unwrap()));
    }
}

/// `--redact` masks identifiers in the HTML report's snippets as `check --redact` does.
#[test]
fn redact_masks_the_html_report() {
    let dir = tempfile::tempdir().unwrap();
    // What the identifiers capture's snippets show: the visitor id and a customer id.
    let ids = ["visitor-2718281828", "crm-customer-1618"];
    let capture = "testdata/outputs/identifiers.har";
    let page = |redact: bool| {
        let out = dir.path().join(format!("r-{redact}.html"));
        let mut c = valint();
        c.args(["timeline", "--quiet", "--html"])
            .arg(&out)
            .arg(capture);
        if redact {
            c.arg("--redact");
        }
        c.output().unwrap();
        std::fs::read_to_string(out).unwrap()
    };
    let (plain, masked) = (page(false), page(true));
    for id in ids {
        assert!(plain.contains(id), "the snippets show {id}");
        assert!(!masked.contains(id), "{id} leaked");
    }
}

/// `valint timeline` draws the findings `valint check` reports: it reads the same settings
/// file (rules, severities), takes `--select`/`--ignore`, and `--isolated` or `--config`
/// as `check` does; a bad settings file draws nothing (exit 2).
#[test]
fn timeline_reads_the_settings_check_reads() {
    use common::{run, valint_in};
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("testdata/rules/AD001/invalid.jsonl"),
        dir.path().join("c.jsonl"),
    )
    .unwrap();
    let picture = |args: &[&str]| {
        let (code, out, err) = run(valint_in(dir.path())
            .args(["timeline", "--width", "100", "--color", "never"])
            .args(args)
            .arg("c.jsonl"));
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    };
    assert!(picture(&[]).contains("AD001"));
    assert!(!picture(&["--ignore", "AD"]).contains("AD001"));
    std::fs::write(dir.path().join("valint.toml"), "ignore = [\"AD001\"]\n").unwrap();
    assert!(!picture(&[]).contains("AD001"), "valint.toml ignores AD001");
    assert!(picture(&["--isolated"]).contains("AD001"));
    std::fs::write(
        dir.path().join("other.toml"),
        "[severity]\nAD001 = \"warning\"\n",
    )
    .unwrap();
    let other = picture(&["--config", "other.toml"]);
    assert!(other.contains("AD001"), "{other}");
    let (_, check, _) = run(valint_in(dir.path()).args([
        "check",
        "--config",
        "other.toml",
        "--output-format",
        "concise",
        "c.jsonl",
    ]));
    assert!(check.contains("warning[AD001]"), "{check}");
    assert!(
        other.contains("2 warnings"),
        "the digest counts as check does: {other}"
    );
    std::fs::write(dir.path().join("valint.toml"), "ignor = [\"AD001\"]\n").unwrap();
    let (code, out, err) = run(valint_in(dir.path()).args(["timeline", "c.jsonl"]));
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("did you mean `ignore`"), "{err}");
}
