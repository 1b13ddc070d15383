//! The rule catalog: metadata for every code valint can report, and the sequencing rules.
//!
//! Every rule has a stable code (family prefix + number, never reused), a kebab-case name,
//! a family, a default severity and a doc block in fixed sections; `valint explain CODE`
//! prints that block and `valint rules` lists the registry. SYNTAX and SCHEMA findings are
//! produced by the parser and the schema stage; the other families are [`SessionRule`]s the
//! engine drives, one fresh instance per session (actionlint's stateful visitors).

pub mod ad;
pub mod http;
pub mod limits;
pub mod ping;
pub mod schema;
pub mod session;
pub mod syntax;
pub mod time;

use crate::config::Config;
pub use crate::diagnostic::{Family, RuleMeta};
pub use crate::session::{SessionRule, Sink};

/// Every rule valint has, in code order. Feeds `--select`/`--ignore`, `valint rules`,
/// `valint explain` and the machine formats.
pub fn registry() -> Vec<&'static RuleMeta> {
    let mut all: Vec<&'static RuleMeta> = Vec::new();
    all.extend(syntax::ALL.iter().copied());
    all.extend(schema::ALL.iter().copied());
    all.extend(session::ALL.iter().copied());
    all.extend(time::ALL.iter().copied());
    all.extend(ping::ALL.iter().copied());
    all.extend(ad::ALL.iter().copied());
    all.extend(http::ALL.iter().copied());
    all.extend(limits::ALL.iter().copied());
    all
}

/// What `valint explain CODE` prints: a header line, the summary and the doc block. SARIF's
/// `help` is the same text, so a rule is documented once.
pub fn explain_text(r: &RuleMeta) -> String {
    format!(
        "{} {} ({}, default {})\n\n{}\n\n{}\n",
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
    registry()
        .into_iter()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// Creates fresh instances of every enabled sequencing rule for a new session.
pub fn session_rules(cfg: &Config) -> Vec<Box<dyn SessionRule>> {
    let all: Vec<Box<dyn SessionRule>> = vec![
        Box::new(session::missing_session_start::MissingSessionStart),
        Box::new(session::duplicate_session_start::DuplicateSessionStart),
        Box::new(session::event_after_session_end::EventAfterSessionEnd),
        Box::new(session::session_timeout::SessionTimeout::new(cfg)),
        Box::new(session::downloaded_flag::DownloadedFlag),
        Box::new(time::playhead_backwards::PlayheadBackwards::new(cfg)),
        Box::new(time::playhead_moved_in_ad_break::PlayheadMovedInAdBreak::new(cfg)),
        Box::new(time::ts_not_increasing::TsNotIncreasing),
        Box::new(time::ts_out_of_order::TsOutOfOrder::new()),
        Box::new(ping::ping_interval::PingInterval::new(cfg)),
        Box::new(ad::ad_outside_break::AdOutsideBreak),
    ];
    all.into_iter().filter(|r| cfg.enabled(r.meta())).collect()
}
