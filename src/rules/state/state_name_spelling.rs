//! STA004 `state-name-spelling`: a standard player state spelled another way (FACTS
//! §3.6, R36).

use crate::config::{Config, FullscreenSpelling};
use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// A standard player state's name spelled with other capitals.
    ///
    /// ## What it checks
    /// Every `media.state.name` started (`stateStart`, or a `statesUpdate`'s `statesStart`)
    /// that matches one of the five standard states (`fullScreen`, `closedCaptioning`,
    /// `mute`, `pictureInPicture`, `inFocus`) except for its capitals. Once per name and
    /// session.
    ///
    /// The full-screen state is the one Adobe's pages disagree on: the MC API's table of
    /// standard states names it `fullScreen`, while the state event examples, the
    /// full-screen variable page and the XDM side write `fullscreen`. valint expects the
    /// table's `fullScreen` and reports `fullscreen`; `--fullscreen-spelling fullscreen`
    /// takes the other side.
    ///
    /// ## Why it matters
    /// Custom state names are allowed, so a differently spelled name is not rejected: it is
    /// likely tracked as a custom state, and its time is missing from the standard state's
    /// metric. This is advice (info), because the docs themselves use both spellings of the
    /// full-screen state.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":5,"ts":1700000005000},"params":{"media.state.name":"fullscreen"}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"stateStart","playerTime":{"playhead":5,"ts":1700000005000},"params":{"media.state.name":"fullScreen"}}
    /// ```
    ///
    /// ## Options
    /// `--fullscreen-spelling fullScreen|fullscreen` (default `fullScreen`).
    ///
    /// ## References
    /// Adobe: events/player-state/overview.md (the standard-states table),
    /// events/player-state/state-start.md, variables/player-state/full-screen.md
    pub static STATE_NAME_SPELLING {
        code: "STA004",
        name: "state-name-spelling",
        family: State,
        severity: Info,
        session: StateNameSpelling::new,
    }
}

/// The standard player states other than full screen, as the MC API's table spells them.
const STANDARD: [&str; 4] = ["closedCaptioning", "mute", "pictureInPicture", "inFocus"];

/// The rule.
pub struct StateNameSpelling {
    fullscreen: FullscreenSpelling,
    reported: Vec<String>,
}

impl StateNameSpelling {
    /// With the configured full-screen spelling.
    pub fn new(cfg: &Config) -> Self {
        StateNameSpelling {
            fullscreen: cfg.fullscreen_spelling,
            reported: Vec::new(),
        }
    }

    /// The standard spelling `name` deviates from, if it does.
    fn standard_for(&self, name: &str) -> Option<&'static str> {
        std::iter::once(self.fullscreen.name())
            .chain(STANDARD)
            .find(|s| s.eq_ignore_ascii_case(name) && *s != name)
    }
}

impl SessionRule for StateNameSpelling {
    fn meta(&self) -> &'static RuleMeta {
        &STATE_NAME_SPELLING
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::StateStart, EventType::StatesUpdate])
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        let names = ev.started_states();
        for name in names {
            let Some(standard) = self.standard_for(name) else {
                continue;
            };
            if self.reported.iter().any(|n| n == name) {
                continue;
            }
            self.reported.push(name.to_string());
            let why = if standard.eq_ignore_ascii_case("fullscreen") {
                format!(
                    "valint expects `{standard}` (`--fullscreen-spelling`; Adobe's pages use both)"
                )
            } else {
                format!("the MC API's table of standard states spells it `{standard}`")
            };
            sink.report(
                &STATE_NAME_SPELLING,
                ev,
                ev.event_type_span,
                format!(
                    "player state `{name}`: {why}; this spelling is likely tracked as a custom state, apart from the standard one"
                ),
            )
            .label(format!("`{name}`"))
            .help(format!("spell the standard state `{standard}`"));
        }
    }
}
