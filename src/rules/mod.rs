//! The rule catalog: every code valint can report, each declared once in its own file, and
//! the registry list that names them.
//!
//! Every rule has a stable code (family prefix + number, never reused), a kebab-case name,
//! a family, a default severity and a doc block in fixed sections, all given by one
//! `declare_rule!` in `src/rules/<family>/<name>.rs` (see [`declare`]); the declaration's doc
//! comment is what `valint explain` prints and what rustdoc shows on the rule's static.
//! SYNTAX and SCHEMA findings are produced by the parser and the schema stage; the other
//! families are [`SessionRule`]s the engine drives, one fresh instance per session
//! (actionlint's stateful visitors).
//!
//! Adding a rule: write `src/rules/<family>/<name>.rs` with its declaration (and, for a
//! sequencing rule, its [`SessionRule`] impl, with the event types it wants in
//! [`SessionRule::interest`], and its `session:` constructor), declare the module
//! in the family's `mod.rs`, re-export its static there, and add its `RULE` to [`RULES`] in
//! code order. The unit tests below hold the list and the docs' sections to that shape;
//! `tests/rule_docs.rs` runs every Example and Use instead.

#[macro_use]
pub mod declare;

pub mod ad;
pub mod capture;
pub mod chapter;
pub mod http;
pub mod limits;
pub mod ping;
pub mod playback;
pub mod qoe;
pub mod schema;
pub mod session;
pub mod state;
pub mod suppression;
pub mod syntax;
pub mod time;

use crate::config::Config;
pub use crate::diagnostic::{Family, RuleMeta};
pub use crate::session::{EventSet, Interest, SessionRule, Sink};
pub use declare::{Rule, SessionFactory};

/// Every rule valint has, in code order: the one list a rule is added to. Everything else
/// ([`registry`], [`find`], [`session_rules`], `--select`/`--ignore`, `valint rules`,
/// `valint explain`, SARIF's `tool.driver.rules`) is derived from it.
pub static RULES: &[&Rule] = &[
    &syntax::unexpected_token::RULE,
    &syntax::unexpected_end::RULE,
    &syntax::unquoted_key::RULE,
    &syntax::single_quoted_string::RULE,
    &syntax::comment::RULE,
    &syntax::trailing_comma::RULE,
    &syntax::missing_comma::RULE,
    &syntax::missing_colon::RULE,
    &syntax::bare_word_value::RULE,
    &syntax::placeholder_value::RULE,
    &syntax::template_value::RULE,
    &syntax::malformed_number::RULE,
    &syntax::json5_number::RULE,
    &syntax::non_finite_number::RULE,
    &syntax::integer_overflow::RULE,
    &syntax::duplicate_key::RULE,
    &syntax::invalid_utf8::RULE,
    &syntax::invalid_escape::RULE,
    &syntax::json5_escape::RULE,
    &syntax::control_character::RULE,
    &syntax::nesting_too_deep::RULE,
    &syntax::trailing_data::RULE,
    &syntax::not_a_request::RULE,
    &syntax::misplaced_quote::RULE,
    &schema::schema_type_mismatch::RULE,
    &schema::missing_required::RULE,
    &schema::unexpected_property::RULE,
    &schema::invalid_value::RULE,
    &schema::schema_violation::RULE,
    &session::missing_session_start::RULE,
    &session::duplicate_session_start::RULE,
    &session::event_after_session_end::RULE,
    &session::session_timed_out::RULE,
    &session::downloaded_flag::RULE,
    &session::session_complete_early::RULE,
    &session::endpoint_mismatch::RULE,
    &session::playhead_frozen::RULE,
    &session::session_too_long::RULE,
    &session::end_without_complete::RULE,
    &session::stream_type_missing::RULE,
    &time::playhead_backwards::RULE,
    &time::playhead_moved_in_ad_break::RULE,
    &time::ts_not_increasing::RULE,
    &time::ts_out_of_order::RULE,
    &time::playhead_moved_while_paused::RULE,
    &time::playhead_faster_than_clock::RULE,
    &time::playhead_out_of_range::RULE,
    &time::media_length_not_positive::RULE,
    &time::playhead_differs_from_table::RULE,
    &playback::pause_while_buffering::RULE,
    &playback::duplicate_pause_start::RULE,
    &playback::play_before_preroll::RULE,
    &playback::no_play_after_ad_break::RULE,
    &playback::error_without_recovery::RULE,
    &playback::error_without_id::RULE,
    &chapter::chapter_start_while_open::RULE,
    &chapter::chapter_end_without_start::RULE,
    &chapter::chapter_spans_ad_break::RULE,
    &chapter::chapter_gap::RULE,
    &chapter::chapter_playhead_outside::RULE,
    &state::state_already_open::RULE,
    &state::state_end_not_open::RULE,
    &state::too_many_states::RULE,
    &state::state_name_spelling::RULE,
    &qoe::bitrate_change_without_change::RULE,
    &qoe::dropped_frames_decrease::RULE,
    &qoe::qoe_in_params::RULE,
    &ping::ping_interval_exceeded::RULE,
    &ad::ad_outside_break::RULE,
    &ad::ad_break_already_open::RULE,
    &ad::ad_break_end_without_break::RULE,
    &ad::ad_break_open_at_session_end::RULE,
    &ad::ad_not_closed::RULE,
    &ad::ad_end_without_ad::RULE,
    &ad::playback_between_ads::RULE,
    &ad::duplicate_pod_position::RULE,
    &ad::duplicate_ad_id::RULE,
    &ad::ad_longer_than_length::RULE,
    &ad::pod_name_mismatch::RULE,
    &ad::gap_between_ads::RULE,
    &ad::pod_position_base::RULE,
    &ad::ad_length_changes::RULE,
    &http::request_rejected::RULE,
    &http::session_not_found::RULE,
    &http::session_gone::RULE,
    &limits::body_too_large::RULE,
    &limits::findings_capped::RULE,
    &limits::sessions_evicted::RULE,
    &suppression::suppression_without_reason::RULE,
    &suppression::unused_suppression::RULE,
    &suppression::invalid_suppression::RULE,
    &capture::repeated_traffic::RULE,
];

/// Every rule's metadata, in code order. Feeds `--select`/`--ignore`, `valint rules`,
/// `valint explain` and the machine formats.
pub fn registry() -> Vec<&'static RuleMeta> {
    RULES.iter().map(|r| r.meta).collect()
}

/// What `valint explain CODE` prints: a header line, the summary and the doc block. SARIF's
/// `help` is the same text, so a rule is documented once.
///
/// A rule with options ends with how to set them in a settings file: every flag of
/// `valint check` is a key of `valint.toml` by its long name.
pub fn explain_text(r: &RuleMeta) -> String {
    let settings = if doc_section(r, "Options").is_some() {
        format!(
            "\nEach flag above is also a key of valint.toml (or [tool.valint] in \
             pyproject.toml), named as the flag without its dashes: `--ad-length-tolerance 2` \
             is `ad-length-tolerance = 2`. The rule's severity is set under [severity], for \
             example `{} = \"warning\"` or `{} = \"off\"`.\n",
            r.code, r.code
        )
    } else {
        String::new()
    };
    format!(
        "{} {} ({}, default {})\n\n{}\n\n{}\n{settings}",
        r.code,
        r.name,
        r.family.name(),
        r.severity,
        r.summary,
        r.docs
    )
}

/// The text of one `## Heading` section of a rule's docs, if it has one.
pub fn doc_section<'a>(r: &'a RuleMeta, heading: &str) -> Option<&'a str> {
    let marker = format!("## {heading}\n");
    let start = r.docs.find(&marker)? + marker.len();
    let rest = &r.docs[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// Finds a rule by code or name (case-insensitive for codes).
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .map(|r| r.meta)
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// Creates fresh instances of every enabled sequencing rule for a new session, in code order.
pub fn session_rules(cfg: &Config) -> Vec<Box<dyn SessionRule>> {
    make_session_rules(&session_factories(cfg), cfg)
}

/// How to make each enabled sequencing rule, in code order: found once per run, then
/// [`make_session_rules`] for each session (settings do not change within a run).
pub fn session_factories(cfg: &Config) -> Vec<SessionFactory> {
    RULES
        .iter()
        .filter(|r| cfg.enabled(r.meta))
        .filter_map(|r| r.session)
        .collect()
}

/// Fresh instances of the rules `factories` make (see [`session_factories`]).
pub fn make_session_rules(factories: &[SessionFactory], cfg: &Config) -> Vec<Box<dyn SessionRule>> {
    factories.iter().map(|make| make(cfg)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The code prefix of a family.
    fn prefix(f: Family) -> &'static str {
        match f {
            Family::Syntax => "SYN",
            Family::Schema => "SCH",
            Family::Session => "SES",
            Family::Time => "TIM",
            Family::Playback => "PLB",
            Family::Chapter => "CHP",
            Family::State => "STA",
            Family::Qoe => "QOE",
            Family::Ping => "PNG",
            Family::Ad => "AD",
            Family::Http => "HTTP",
            Family::Limit => "LIM",
            Family::Suppression => "SUP",
            Family::Capture => "CAP",
        }
    }

    /// The directory of a family's rule files under `src/rules/`.
    fn directory(f: Family) -> &'static str {
        match f {
            Family::Limit => "limits",
            other => other.name(),
        }
    }

    /// The families whose rules the session engine drives.
    fn is_sequencing(f: Family) -> bool {
        matches!(
            f,
            Family::Session
                | Family::Time
                | Family::Playback
                | Family::Chapter
                | Family::State
                | Family::Qoe
                | Family::Ping
                | Family::Ad
        )
    }

    fn is_kebab(s: &str) -> bool {
        !s.is_empty()
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--")
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }

    /// The sections every rule's docs have (`tests/rule_docs.rs` runs the Example and the
    /// Use instead).
    const REQUIRED: &[&str] = &[
        "What it checks",
        "Why it matters",
        "Example",
        "Use instead",
        "References",
    ];
    /// The order of the fixed sections (Options is for rules that have any).
    const ORDER: &[&str] = &[
        "What it checks",
        "Why it matters",
        "Example",
        "Use instead",
        "Options",
        "References",
    ];

    fn problems_of(rules: &[&Rule]) -> Vec<String> {
        let mut problems = Vec::new();
        let mut names = HashSet::new();
        let mut files = HashSet::new();
        let mut last: Option<(Family, u32, &str)> = None;
        let cfg = Config::default();
        for r in rules {
            let m = r.meta;
            let number = m
                .code
                .strip_prefix(prefix(m.family))
                .filter(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|n| n.parse::<u32>().ok());
            let Some(number) = number else {
                problems.push(format!(
                    "{}: not `{}` and three digits (family {})",
                    m.code,
                    prefix(m.family),
                    m.family.name()
                ));
                continue;
            };
            if let Some((f, n, code)) = last {
                if (f, n) >= (m.family, number) {
                    problems.push(format!("{}: listed after {code}; keep code order", m.code));
                }
            }
            last = Some((m.family, number, m.code));
            if !is_kebab(m.name) {
                problems.push(format!("{}: name `{}` is not kebab-case", m.code, m.name));
            }
            if !names.insert(m.name) {
                problems.push(format!("{}: name `{}` used twice", m.code, m.name));
            }
            let file = r.file.replace('\\', "/");
            let expected = format!(
                "src/rules/{}/{}.rs",
                directory(m.family),
                m.name.replace('-', "_")
            );
            if file != expected {
                problems.push(format!(
                    "{}: declared in {file}, expected {expected}",
                    m.code
                ));
            }
            if !files.insert(file.clone()) {
                problems.push(format!("{}: {file} declares a second rule", m.code));
            }
            match (r.session, is_sequencing(m.family)) {
                (Some(make), true) => {
                    if !std::ptr::eq(make(&cfg).meta(), m) {
                        problems.push(format!(
                            "{}: its session rule reports another rule's metadata",
                            m.code
                        ));
                    }
                }
                (None, false) => {}
                (Some(_), false) => problems.push(format!(
                    "{}: a {} rule with a session constructor",
                    m.code,
                    m.family.name()
                )),
                (None, true) => problems.push(format!(
                    "{}: a {} rule needs `session:` in its declaration",
                    m.code,
                    m.family.name()
                )),
            }
            if m.summary.trim().is_empty() || m.summary.contains('\n') {
                problems.push(format!("{}: the summary is not one line", m.code));
            }
            let headings: Vec<&str> = m
                .docs
                .lines()
                .filter_map(|l| l.strip_prefix("## "))
                .collect();
            for h in REQUIRED {
                if !headings.contains(h) {
                    problems.push(format!("{}: docs lack `## {h}`", m.code));
                }
            }
            let fixed: Vec<&str> = headings
                .iter()
                .copied()
                .filter(|h| ORDER.contains(h))
                .collect();
            let mut sorted = fixed.clone();
            sorted.sort_by_key(|h| ORDER.iter().position(|o| o == h));
            sorted.dedup();
            if fixed != sorted {
                problems.push(format!(
                    "{}: sections {fixed:?}, expected once each in the order {ORDER:?}",
                    m.code
                ));
            }
        }
        problems
    }

    #[test]
    fn the_registry_is_consistent() {
        let problems = problems_of(RULES);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        assert_eq!(registry().len(), RULES.len());
    }

    /// Every file under `src/rules/` that invokes `declare_rule!`, relative to the crate.
    fn declaring_files(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("read src/rules") {
            let path = entry.expect("read src/rules").path();
            if path.is_dir() {
                declaring_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read a rule file");
                let n = text.matches("\ndeclare_rule! {").count();
                let rel = path
                    .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .expect("under the crate")
                    .to_string_lossy()
                    .replace('\\', "/");
                for _ in 0..n {
                    out.push(rel.clone());
                }
            }
        }
    }

    #[test]
    fn every_declared_rule_is_listed_once() {
        let mut declared = Vec::new();
        declaring_files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules"),
            &mut declared,
        );
        declared.sort();
        let mut listed: Vec<String> = RULES.iter().map(|r| r.file.replace('\\', "/")).collect();
        listed.sort();
        assert_eq!(
            declared, listed,
            "each declare_rule! (one per file) must have its RULE in rules::RULES, once"
        );
    }

    #[test]
    fn the_registry_check_finds_problems() {
        // Out of order, a name used twice, a file with two rules.
        let swapped = [RULES[1], RULES[0], RULES[0]];
        let problems = problems_of(&swapped);
        assert!(
            problems.iter().any(|p| p.contains("keep code order")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("used twice")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("declares a second rule")),
            "{problems:?}"
        );

        // A sequencing rule declared in the wrong file and without its constructor.
        static MISPLACED: Rule = Rule {
            meta: &ad::AD_OUTSIDE_BREAK,
            session: None,
            file: "src/rules/ad.rs",
        };
        let problems = problems_of(&[&MISPLACED]);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("expected src/rules/ad/ad_outside_break.rs")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("needs `session:`")),
            "{problems:?}"
        );
    }

    #[test]
    fn session_rules_are_the_enabled_sequencing_rules_in_code_order() {
        let cfg = Config::default();
        let codes: Vec<&str> = session_rules(&cfg).iter().map(|r| r.meta().code).collect();
        let expected: Vec<&str> = RULES
            .iter()
            .filter(|r| is_sequencing(r.meta.family))
            .map(|r| r.meta.code)
            .collect();
        assert_eq!(codes, expected);
        assert_eq!(codes.len(), 53);

        let cfg = Config {
            ignore: vec!["PNG001".into(), "ad-outside-break".into()],
            ..Config::default()
        };
        let codes: Vec<&str> = session_rules(&cfg).iter().map(|r| r.meta().code).collect();
        assert!(!codes.contains(&"PNG001") && !codes.contains(&"AD001"));
        assert_eq!(codes.len(), 51);
    }

    #[test]
    fn find_by_code_or_name() {
        assert_eq!(find("ad001").map(|r| r.code), Some("AD001"));
        assert_eq!(find("ts-out-of-order").map(|r| r.code), Some("TIM004"));
        assert!(find("AD999").is_none());
        assert!(std::ptr::eq(
            find("SYN022").unwrap(),
            &syntax::TRAILING_DATA
        ));
    }
}
