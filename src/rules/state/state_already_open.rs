//! STA001 `state-already-open`: a stateStart of a player state that is already open (R36,
//! R37).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// A player state started again while it is open.
    ///
    /// ## What it checks
    /// A `stateStart` (or a `statesUpdate` entry in `statesStart`) names a player state
    /// (`media.state.name`) that is not open already: each state is started once, ended
    /// once with `stateEnd`, and may be started again after that.
    ///
    /// ## Why it matters
    /// Adobe's SDK refuses to start a state that is already open, so a player that sends one
    /// has lost track of its states (a missing `stateEnd`, or a start sent twice). How the back
    /// end counts the second start is not documented: the state's count and time are likely
    /// off.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":5,"ts":1700000005000},"params":{"media.state.name":"mute"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":8,"ts":1700000008000},"params":{"media.state.name":"mute"}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":5,"ts":1700000005000},"params":{"media.state.name":"mute"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateEnd","playerTime":{"playhead":7,"ts":1700000007000},"params":{"media.state.name":"mute"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":8,"ts":1700000008000},"params":{"media.state.name":"mute"}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/player-state/state-start.md, events/player-state/overview.md; Adobe's
    /// Media SDK (a start of an open state is refused)
    pub static STATE_ALREADY_OPEN {
        code: "STA001",
        name: "state-already-open",
        family: State,
        severity: Warning,
        session: |_cfg| StateAlreadyOpen,
    }
}

/// The rule.
pub struct StateAlreadyOpen;

impl SessionRule for StateAlreadyOpen {
    fn meta(&self) -> &'static RuleMeta {
        &STATE_ALREADY_OPEN
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::StateStart, EventType::StatesUpdate])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let names = ev.started_states();
        // A statesUpdate may end a state and start it again in one call.
        let ended = if ev.is(EventType::StatesUpdate) {
            ev.param_list_strs("statesEnd", "media.state.name")
        } else {
            Vec::new()
        };
        for name in names {
            let Some(open) = st.states.get(name).filter(|_| !ended.contains(&name)) else {
                continue;
            };
            sink.report(
                &STATE_ALREADY_OPEN,
                ev,
                ev.event_type_span,
                format!("player state `{name}` started while it is open; the state's count and time are likely off"),
            )
            .label(format!("`{name}` is open"))
            .help(format!("send stateEnd for `{name}` before starting it again, or do not start it twice"))
            .secondary_in(open.file, open.span, format!("`{name}` started here"));
        }
    }
}
