//! Rules by event type must not change a run: the engine calls each sequencing rule only
//! for the events its `interest` declares, and a declaration that leaves out an event the
//! rule acts on (or remembers something from) changes the findings. Every capture under
//! `testdata/` (the rule fixtures, the captures, the docs timelines, the generated ones) is
//! checked with the declared dispatch and with every rule called for every event
//! (`Config::every_rule_on_every_event`), under the default settings and under the other
//! side of every option that turns a rule on, off or changes what it reads; the two JSON
//! reports must be the same. `tests/engine_props.rs` does the same for arbitrary event
//! sequences.

mod common;

use common::files_under;
use std::path::Path;
use valint::check::{check, Input};
use valint::config::{Config, FullscreenSpelling, PodPositionBase};
use valint::report::{render, OutputFormat, RenderOptions};

fn json_report(inputs: &[Input], cfg: &Config) -> String {
    let report = check(inputs, cfg);
    let mut out = Vec::new();
    render(
        OutputFormat::Json,
        &report,
        &RenderOptions::default(),
        &mut out,
    )
    .expect("render");
    String::from_utf8(out).expect("utf-8")
}

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
    let mut files = Vec::new();
    files_under(&root.join("testdata"), &mut files);
    assert!(files.len() > 40, "found only {} captures", files.len());
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
        for f in &files {
            let inputs = [Input::Path(f.clone())];
            let declared = json_report(&inputs, &cfg);
            let all = json_report(&inputs, &everything);
            with_findings += usize::from(declared.contains("\"code\""));
            assert!(
                declared == all,
                "{} ({name}): a rule's declared events leave out one it acts on\n--- every rule on every event\n{all}\n--- by declared event types\n{declared}",
                f.display()
            );
        }
    }
    assert!(
        with_findings > files.len(),
        "too few captures with findings to compare ({with_findings})"
    );
}
