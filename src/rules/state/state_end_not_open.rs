//! STA002 `state-end-not-open`: a stateEnd of a player state that is not open (R36, R37).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// A player state ended that is not open.
    ///
    /// ## What it checks
    /// A `stateEnd` (or a `statesUpdate` entry in `statesEnd`) names a player state
    /// (`media.state.name`) that a `stateStart` opened and nothing has ended since.
    ///
    /// ## Why it matters
    /// The docs ask for a `stateEnd` to refer to a started state, and Adobe's SDK refuses to end
    /// one that is not open. A stray end means the player lost track of its states (a start
    /// never sent, an end sent twice, or a name spelt two ways); the back end likely ignores it,
    /// and the state it meant to end keeps running in the reports.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":5,"ts":1700000005000},"params":{"media.state.name":"fullScreen"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateEnd","playerTime":{"playhead":9,"ts":1700000009000},"params":{"media.state.name":"closedCaptioning"}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":5,"ts":1700000005000},"params":{"media.state.name":"fullScreen"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateEnd","playerTime":{"playhead":9,"ts":1700000009000},"params":{"media.state.name":"fullScreen"}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/player-state/state-end.md, events/player-state/overview.md; Adobe's
    /// Media SDK (an end of a state that is not open is refused)
    pub static STATE_END_NOT_OPEN {
        code: "STA002",
        name: "state-end-not-open",
        family: State,
        severity: Warning,
        session: |_cfg| StateEndNotOpen,
    }
}

/// The rule.
pub struct StateEndNotOpen;

impl SessionRule for StateEndNotOpen {
    fn meta(&self) -> &'static RuleMeta {
        &STATE_END_NOT_OPEN
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::StateEnd, EventType::StatesUpdate])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let names: Vec<&str> = match ev.event_type {
            Some(EventType::StateEnd) => ev.param_str("media.state.name").into_iter().collect(),
            Some(EventType::StatesUpdate) => ev.param_list_strs("statesEnd", "media.state.name"),
            _ => return,
        };
        for name in names {
            if st.states.contains_key(name) {
                continue;
            }
            let open: Vec<&str> = st.states.keys().map(String::as_str).collect();
            let d = sink
                .report(
                    &STATE_END_NOT_OPEN,
                    ev,
                    ev.event_type_span,
                    format!(
                        "player state `{name}` ended while it is not open; Adobe likely ignores it"
                    ),
                )
                .label(format!("`{name}` is not open"));
            if open.is_empty() {
                d.help(format!(
                    "send stateStart for `{name}` when the state begins"
                ));
            } else {
                d.help(format!(
                    "open states: {}; end the state by the name it was started with",
                    open.iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
}
