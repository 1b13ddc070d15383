//! The interface between the engine and the sequencing rules: [`SessionRule`], the
//! [`Sink`] rules report through, and the [`RuleFactory`] the engine calls for every new
//! session (the rule catalog lives above this layer, in `rules`).

use super::event::{Event, EventType};
use super::state::{Mark, SessionState};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::source::Span;

/// Makes fresh instances of the enabled sequencing rules for one new session. Every call
/// makes the same rules in the same order, declaring the same [`Interest`]s: the engine
/// reads the declarations once per run, from one call.
pub type RuleFactory<'c> = Box<dyn Fn() -> Vec<Box<dyn SessionRule>> + Send + Sync + 'c>;

/// A sequencing rule: sees each event of one session in Adobe's processing order, with the
/// engine's state *before* that event is applied, and reports through the [`Sink`].
pub trait SessionRule: Send {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Which events the rule wants: the event types [`SessionRule::on_event`] is called
    /// for, whether it is also called for any event whose body carries `qoeData`, and
    /// whether [`SessionRule::on_arrival`] is called at all. The engine calls a
    /// rule only for what it declares, so the declaration must cover every event that
    /// can change the rule's findings or its memory; the default, [`Interest::EVERYTHING`],
    /// is always right. Read once per run (it may depend on the run's config, not on the
    /// session). `tests/dispatch.rs` checks every declaration against a run that calls
    /// every rule for every event.
    fn interest(&self) -> Interest {
        Interest::EVERYTHING
    }
    /// Called for every event of the session that [`SessionRule::interest`] asks for, in the
    /// order Adobe processes them: arrival order, except where Adobe's reorder buffer sorts
    /// events by ts (see the engine).
    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink);
    /// Called for every event of the session in arrival order, before the reorder buffer,
    /// with the state as far as it has been processed, when [`SessionRule::interest`] asks
    /// for arrivals. Only for rules about the arrival
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

/// A set of event kinds: each of the 20 [`EventType`]s, and events without a recognised
/// type (a missing, misspelled or unknown `eventType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventSet(u32);

impl EventSet {
    /// The bit of events without a recognised type.
    const UNTYPED_BIT: u32 = 1 << EventType::ALL.len();
    /// No event.
    pub const NONE: EventSet = EventSet(0);
    /// Every event, typed or not.
    pub const ALL: EventSet = EventSet((Self::UNTYPED_BIT << 1) - 1);
    /// Every event with a recognised type (not the untyped ones).
    pub const TYPED: EventSet = EventSet(Self::UNTYPED_BIT - 1);

    /// The events of the types `types`.
    pub const fn of(types: &[EventType]) -> EventSet {
        let mut bits = 0;
        let mut i = 0;
        while i < types.len() {
            bits |= 1 << types[i] as u32;
            i += 1;
        }
        EventSet(bits)
    }

    /// Whether the set holds events of type `t` (`None`: without a recognised type).
    pub fn contains(self, t: Option<EventType>) -> bool {
        self.0 & Self::bit(t) != 0
    }

    /// How many kinds of events [`EventSet::key`] tells apart (the 20 types and untyped).
    pub const KINDS: usize = EventType::ALL.len() + 1;

    /// The kind of event `t` as an index below [`EventSet::KINDS`].
    pub fn key(t: Option<EventType>) -> usize {
        t.map_or(EventType::ALL.len(), |t| t as usize)
    }

    fn bit(t: Option<EventType>) -> u32 {
        1 << Self::key(t)
    }
}

/// What a sequencing rule wants the engine to call it for (see [`SessionRule::interest`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interest {
    /// The events [`SessionRule::on_event`] is called for.
    pub events: EventSet,
    /// Whether [`SessionRule::on_event`] is also called for every event whose body has a
    /// `qoeData` member ([`Event::has_qoe_data`]), whatever its type: for the rules that
    /// read the QoE data any event may carry, and nothing else.
    pub qoe_data: bool,
    /// Whether [`SessionRule::on_arrival`] is called (for every event).
    pub arrival: bool,
}

impl Interest {
    /// Every event, both in processing order and on arrival: what a rule that declares
    /// nothing gets.
    pub const EVERYTHING: Interest = Interest {
        events: EventSet::ALL,
        qoe_data: true,
        arrival: true,
    };

    /// The events `events` in processing order ([`SessionRule::on_event`]), no arrivals.
    pub const fn on_event(events: EventSet) -> Interest {
        Interest {
            events,
            qoe_data: false,
            arrival: false,
        }
    }

    /// The events of the types `types` in processing order, no arrivals.
    pub const fn types(types: &[EventType]) -> Interest {
        Interest::on_event(EventSet::of(types))
    }

    /// Every event on arrival ([`SessionRule::on_arrival`]), none in processing order.
    pub const ARRIVAL_ONLY: Interest = Interest {
        events: EventSet::NONE,
        qoe_data: false,
        arrival: true,
    };

    /// The events of the types `types`, and every event whose body carries `qoeData`, in
    /// processing order, no arrivals.
    pub const fn types_and_qoe_data(types: &[EventType]) -> Interest {
        Interest {
            events: EventSet::of(types),
            qoe_data: true,
            arrival: false,
        }
    }

    /// Whether [`SessionRule::on_event`] is called for an event of type `t` (`None`:
    /// without a recognised type) whose body has (`qoe_data`) or lacks a `qoeData` member.
    pub fn wants_event(self, t: Option<EventType>, qoe_data: bool) -> bool {
        self.events.contains(t) || (qoe_data && self.qoe_data)
    }
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
