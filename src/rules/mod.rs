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
use crate::diagnostic::{Diagnostic, Severity};
use crate::session::{Event, SessionState};
use crate::source::Span;

/// The rule families (code prefixes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// `SYN`: the body is not strict JSON.
    Syntax,
    /// `SCH`: the body fails the event's JSON Schema (Adobe answers 400).
    Schema,
    /// `SES`: session lifecycle.
    Session,
    /// `TIM`: playhead and `ts`.
    Time,
    /// `PNG`: ping cadence.
    Ping,
    /// `AD`: ad breaks and ads.
    Ad,
    /// `HTTP`: Adobe's recorded answers.
    Http,
    /// `LIM`: valint's own resource limits.
    Limit,
}

impl Family {
    /// Lower-case family name, as used in `valint rules` and SARIF tags.
    pub fn name(self) -> &'static str {
        match self {
            Family::Syntax => "syntax",
            Family::Schema => "schema",
            Family::Session => "session",
            Family::Time => "time",
            Family::Ping => "ping",
            Family::Ad => "ad",
            Family::Http => "http",
            Family::Limit => "limit",
        }
    }
}

/// Everything static about one rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, e.g. `AD001`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `ad-outside-break`.
    pub name: &'static str,
    /// Family.
    pub family: Family,
    /// Default severity.
    pub severity: Severity,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// The explain text in sections: What it checks / Why it matters / Example / Use
    /// instead / Options / References.
    pub docs: &'static str,
}

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

/// A sequencing rule: sees each event of one session in Adobe's processing order, with the
/// engine's state *before* that event is applied, and reports through the [`Sink`].
pub trait SessionRule: Send {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Called for every event of the session, in the order Adobe processes them: arrival
    /// order, except where Adobe's reorder buffer sorts events by ts (see the engine).
    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink);
    /// Called for every event of the session in arrival order, before the reorder buffer,
    /// with the state as far as it has been processed. Only for rules about the arrival
    /// order itself; the others use [`SessionRule::on_event`].
    fn on_arrival(&mut self, _ev: &Event, _st: &SessionState, _sink: &mut Sink) {}
    /// Whether the rule also sees events that arrive after Adobe closed the session
    /// (sessionEnd or inactivity). Only the rules about those events say yes; the others
    /// would report on data Adobe never processes.
    fn sees_closed_sessions(&self) -> bool {
        false
    }
    /// Called once when the run ends, for sessions still in memory.
    fn on_session_end(&mut self, _st: &SessionState, _sink: &mut Sink) {}
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

/// Where sequencing rules put their findings; fills in the session context.
pub struct Sink<'a> {
    /// Findings so far.
    pub out: &'a mut Vec<Diagnostic>,
    /// The session's display id.
    pub session: &'a str,
}

impl Sink<'_> {
    /// Reports a finding of `rule` on a remembered event (`mark`), for findings made when
    /// the session ends.
    pub fn report_mark(
        &mut self,
        rule: &'static RuleMeta,
        mark: &crate::session::Mark,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let mut d = Diagnostic::new(rule, mark.file, mark.span, message);
        d.context.session = Some(self.session.to_string());
        d.context.event_index = Some(mark.index);
        d.context.event_type = mark.event_type.map(|t| t.name().to_string());
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    /// Reports a finding of `rule` on event `ev`, primary label on `span` (a file span of
    /// `ev`'s file). Returns the diagnostic for adding labels, help and notes.
    pub fn report(
        &mut self,
        rule: &'static RuleMeta,
        ev: &Event,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let mut d = Diagnostic::new(rule, ev.file, span, message);
        d.context.session = Some(self.session.to_string());
        d.context.event_index = Some(ev.index);
        d.context.event_type = ev.event_type_raw.as_deref().map(str::to_string);
        d.context.request_label = ev.label.clone();
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }
}
