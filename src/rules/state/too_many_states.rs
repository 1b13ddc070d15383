//! STA003 `too-many-states`: more than 10 distinct player states in one session (R36).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};
use crate::source::Span;

declare_rule! {
    /// More than 10 distinct player states in one session.
    ///
    /// ## What it checks
    /// The distinct `media.state.name` values a session starts, with `stateStart` or in a
    /// `statesUpdate`'s `statesStart`, open or closed since. A state started and ended
    /// several times counts once. Each name past the tenth is a finding, at the event that
    /// starts it first.
    ///
    /// ## Why it matters
    /// Adobe tracks at most 10 distinct player states per session and discards the states
    /// beyond them: their counts and times never reach the reports. Adobe's SDK enforces the
    /// same limit on its side.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.state.name":"fullScreen"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":1,"ts":1700000001000},"params":{"media.state.name":"closedCaptioning"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":2,"ts":1700000002000},"params":{"media.state.name":"mute"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":3,"ts":1700000003000},"params":{"media.state.name":"pictureInPicture"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":4,"ts":1700000004000},"params":{"media.state.name":"inFocus"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":5,"ts":1700000005000},"params":{"media.state.name":"theaterMode"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":6,"ts":1700000006000},"params":{"media.state.name":"lowPower"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":7,"ts":1700000007000},"params":{"media.state.name":"castToTv"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":8,"ts":1700000008000},"params":{"media.state.name":"audioDescription"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":9,"ts":1700000009000},"params":{"media.state.name":"darkMode"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":10,"ts":1700000010000},"params":{"media.state.name":"sleepTimer"}}
    /// ```
    ///
    /// ## Use instead
    /// Track the 10 states that matter:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.state.name":"fullScreen"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":1,"ts":1700000001000},"params":{"media.state.name":"closedCaptioning"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":2,"ts":1700000002000},"params":{"media.state.name":"mute"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":3,"ts":1700000003000},"params":{"media.state.name":"pictureInPicture"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":4,"ts":1700000004000},"params":{"media.state.name":"inFocus"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":5,"ts":1700000005000},"params":{"media.state.name":"theaterMode"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":6,"ts":1700000006000},"params":{"media.state.name":"lowPower"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":7,"ts":1700000007000},"params":{"media.state.name":"castToTv"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":8,"ts":1700000008000},"params":{"media.state.name":"audioDescription"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":9,"ts":1700000009000},"params":{"media.state.name":"darkMode"}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/player-state/overview.md; Adobe's Media SDK (state limit 10)
    pub static TOO_MANY_STATES {
        code: "STA003",
        name: "too-many-states",
        family: State,
        severity: Error,
        session: |_cfg| TooManyStates { seen: Vec::new() },
    }
}

/// Adobe's limit of distinct player states per session.
const LIMIT: usize = 10;

/// The rule: the distinct names started so far, with where each first started.
pub struct TooManyStates {
    seen: Vec<(String, usize, Span)>,
}

impl SessionRule for TooManyStates {
    fn meta(&self) -> &'static RuleMeta {
        &TOO_MANY_STATES
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::StateStart, EventType::StatesUpdate])
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        let names = ev.started_states();
        for name in names {
            if self.seen.iter().any(|(n, _, _)| n == name) {
                continue;
            }
            self.seen
                .push((name.to_string(), ev.file, ev.event_type_span));
            if self.seen.len() <= LIMIT {
                continue;
            }
            let (first, file, span) = &self.seen[0];
            sink.report(
                &TOO_MANY_STATES,
                ev,
                ev.event_type_span,
                format!(
                    "player state `{name}` is the session's {}th distinct state; Adobe keeps the first {LIMIT} and discards the rest, so its count and time are lost",
                    self.seen.len()
                ),
            )
            .label(format!("state #{} of the session", self.seen.len()))
            .help(format!("track at most {LIMIT} distinct player states per session"))
            .secondary_in(*file, *span, format!("the first state, `{first}`, starts here"));
        }
    }
}
