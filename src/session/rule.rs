//! The interface between the engine and the sequencing rules: [`SessionRule`], the
//! [`Sink`] rules report through, and the [`RuleFactory`] the engine calls for every new
//! session (the rule catalog lives above this layer, in `rules`).

use super::event::Event;
use super::state::{Mark, SessionState};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::source::Span;

/// Makes fresh instances of the enabled sequencing rules for one new session.
pub type RuleFactory<'c> = Box<dyn Fn() -> Vec<Box<dyn SessionRule>> + Send + Sync + 'c>;

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
    /// Whether the rule also sees events Adobe rejects (see
    /// [`crate::session::event::Rejection`]). Only rules that explain the rejection itself
    /// say yes (a request sent to a session id the player never got); the others judge
    /// the sequence Adobe processes, which lacks those events.
    fn sees_rejected(&self) -> bool {
        false
    }
    /// Called once when the run ends, for sessions still in memory.
    fn on_session_end(&mut self, _st: &SessionState, _sink: &mut Sink) {}
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
        mark: &Mark,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let mut d = Diagnostic::new(rule, mark.file, mark.span, message);
        d.context.session = Some(self.session.to_string());
        d.context.event_index = Some(mark.index);
        d.context.request = Some(mark.request);
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
        d.context.request = Some(ev.request);
        d.context.event_type = ev.event_type_raw.as_deref().map(str::to_string);
        d.context.request_label = ev.label.clone();
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }
}
