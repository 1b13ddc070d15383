//! PLB002 `duplicate-pause-start`: a pauseStart while already paused.

use crate::config::Config;
use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, Mark, Phase, SessionState};

declare_rule! {
    /// A `pauseStart` arrives while the player is already paused.
    ///
    /// ## What it checks
    /// After `pauseStart`, the pause lasts until `play`. Another `pauseStart` before that `play`
    /// is reported, on the repeated event.
    ///
    /// ## Why it matters
    /// A second `pauseStart` changes nothing in Adobe's player state: the pause began with the
    /// first one. Repeats usually come from a player that reports both a user pause and its own
    /// pause callback, or that sends each event twice, and they cost a request each.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":10,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":14,"ts":1700000014000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":14,"ts":1700000014001}}
    /// ```
    ///
    /// ## Use instead
    /// Send one `pauseStart` per pause:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":10,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":14,"ts":1700000014000}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/playback/pause-start.md, events/playback/play.md; FACTS R20
    pub static DUPLICATE_PAUSE_START {
        code: "PLB002",
        name: "duplicate-pause-start",
        family: Playback,
        severity: Info,
        session: DuplicatePauseStart::new,
    }
}

/// The rule.
pub struct DuplicatePauseStart {
    /// The pauseStart that began the current pause.
    pause: Option<Mark>,
}

impl DuplicatePauseStart {
    /// A fresh instance.
    pub fn new(_cfg: &Config) -> Self {
        DuplicatePauseStart { pause: None }
    }
}

impl SessionRule for DuplicatePauseStart {
    fn meta(&self) -> &'static RuleMeta {
        &DUPLICATE_PAUSE_START
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::PauseStart])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::PauseStart) {
            return;
        }
        if st.phase != Phase::Paused {
            self.pause = Some(st.mark(ev));
            return;
        }
        let d = sink
            .report(
                &DUPLICATE_PAUSE_START,
                ev,
                ev.event_type_span,
                "pauseStart while already paused; it changes nothing, the pause began with the first one",
            )
            .label("repeated pauseStart")
            .help("send one pauseStart per pause, then play when playback resumes");
        if let Some(p) = self.pause {
            d.secondary_in(p.file, p.span, "paused since here");
        }
    }
}
