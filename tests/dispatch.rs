//! Rules by event type must not change a run: the engine calls each sequencing rule only
//! for the events its `interest` declares, and a declaration that leaves out an event the
//! rule acts on (or remembers something from) changes the findings. Every capture under
//! `testdata/` (the rule fixtures, the captures, the docs timelines, the generated ones) is
//! checked with the declared dispatch and with every rule called for every event
//! (`Config::every_rule_on_every_event`), under the default settings and under the other
//! side of every option that turns a rule on, off or changes what it reads; the two JSON
//! reports must be the same. The rule fixtures are also checked with some of their events
//! turned into events of other types, which puts each rule's memory in front of events
//! it may not have declared; `tests/engine_props.rs` does the same for arbitrary event
//! sequences. (Measured by leaving an event type out of a declaration: `bufferStart`,
//! `pauseStart` or `play` out of AD010's, and `statesUpdate` out of STA001's or STA002's
//! fail the captures' test; `play` out of PLB005's, `sessionStart` out of PLB004's and
//! `chapterSkip` out of CHP005's fail the one with the changed event types; QOE001 and
//! QOE002 declared for their types alone, without the events that carry `qoeData`, fail
//! both.)

mod common;

use common::{files_under, json_report_with as json_report, same_reports, testdata_files};
use std::path::Path;
use valint::check::Input;
use valint::config::{Config, FullscreenSpelling, PodPositionBase};

/// The settings the captures are checked under: the defaults, and every option that
/// changes what a sequencing rule does set the other way (the options of the rule fixtures'
/// `# valint check` lines among them).
fn settings() -> Vec<(&'static str, Config)> {
    let flipped = Config {
        qoe_in_params: false,
        require_stream_type: true,
        pod_position_base: PodPositionBase::One,
        fullscreen_spelling: FullscreenSpelling::Fullscreen,
        threads: Some(1),
        ..Config::default()
    };
    let defaults = Config {
        threads: Some(1),
        ..Config::default()
    };
    assert_ne!(
        defaults.qoe_in_params, flipped.qoe_in_params,
        "the flipped settings differ from the defaults"
    );
    assert_ne!(defaults.require_stream_type, flipped.require_stream_type);
    vec![("defaults", defaults), ("options flipped", flipped)]
}

#[test]
fn every_capture_reads_the_same_with_every_rule_called_for_every_event() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = testdata_files();
    assert!(
        files.contains(&root.join("testdata/rules/TIM004/invalid.jsonl")),
        "the rule fixtures are among the captures"
    );
    let mut with_findings = 0;
    for (name, cfg) in settings() {
        let everything = Config {
            every_rule_on_every_event: true,
            ..cfg.clone()
        };
        let declared = same_reports(
            &files,
            &cfg,
            &everything,
            &format!("({name}) a rule's declared events leave out one it acts on (without: every rule on every event)"),
        );
        with_findings += declared.iter().filter(|r| r.contains("\"code\"")).count();
    }
    assert!(
        with_findings > files.len(),
        "too few captures with findings to compare ({with_findings})"
    );
}

/// The places of the `eventType` values (their text between the quotes) in `text`.
fn event_type_values(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("\"eventType\"") {
        let after = from + i + "\"eventType\"".len();
        from = after;
        let rest = text[after..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(value) = rest.strip_prefix('"') else {
            continue;
        };
        let start = text.len() - value.len();
        if let Some(end) = value.find('"') {
            out.push((start, start + end));
        }
    }
    out
}

/// The rule fixtures (and the ping captures), each checked under its own settings'
/// defaults: small sequences that put each rule in the states it acts in.
fn fixtures() -> &'static [(String, String)] {
    static FIXTURES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    FIXTURES.get_or_init(read_fixtures)
}

fn read_fixtures() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut files = Vec::new();
    files_under(&root.join("rules"), &mut files);
    files_under(&root.join("ping"), &mut files);
    files
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "jsonl"))
        // (The fixtures of invalid UTF-8 are about syntax, not sequences.)
        .filter_map(|f| Some((f.display().to_string(), std::fs::read_to_string(&f).ok()?)))
        .filter(|(_, text)| !event_type_values(text).is_empty())
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, failure_persistence: None, ..proptest::prelude::ProptestConfig::default() })]

    /// A fixture with some of its events turned into events of other types (or of no
    /// known type) puts each rule's memory in front of events it may not have declared:
    /// the findings must still be those of a run that calls every rule for every event.
    #[test]
    fn fixtures_with_other_event_types_read_the_same_with_every_rule_called(
        pick in proptest::prelude::any::<proptest::sample::Index>(),
        changes in proptest::collection::vec(
            (proptest::prelude::any::<proptest::sample::Index>(), 0..valint::session::EventType::ALL.len() + 1),
            1..6,
        ),
        flipped in proptest::prelude::any::<bool>(),
    ) {
        let all = fixtures();
        let (name, text) = &all[pick.index(all.len())];
        let places = event_type_values(text);
        let mut edits: Vec<(usize, usize, &str)> = changes
            .iter()
            .map(|(at, kind)| {
                let (s, e) = places[at.index(places.len())];
                let ty = valint::session::EventType::ALL.get(*kind).map_or("bogus", |t| t.name());
                (s, e, ty)
            })
            .collect();
        // Back to front, one edit per place.
        edits.sort_by_key(|e| std::cmp::Reverse(e.0));
        edits.dedup_by_key(|e| e.0);
        let mut mutated = text.to_string();
        for (s, e, ty) in edits {
            mutated.replace_range(s..e, ty);
        }
        let (_, cfg) = settings().swap_remove(usize::from(flipped));
        let everything = Config { every_rule_on_every_event: true, ..cfg.clone() };
        let ext = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("jsonl");
        let input = [Input::Bytes(format!("mutated.{ext}"), mutated.clone().into_bytes())];
        let declared = json_report(&input, &cfg);
        let every = json_report(&input, &everything);
        proptest::prop_assert!(
            declared == every,
            "{name} with other event types: a rule's declared events leave out one it acts on\n{mutated}\n--- every rule on every event\n{every}\n--- by declared event types\n{declared}"
        );
    }
}
