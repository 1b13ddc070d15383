//! SES008 `playhead-frozen`: 30 minutes without a playhead change close the session (R4).

use crate::config::Config;
use crate::rules::session::session_timed_out::human_duration;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, SessionState};

declare_rule! {
    /// The playhead stood still for 30 minutes: Adobe has closed the session.
    ///
    /// ## What it checks
    /// An event that arrives more than 30 minutes (on the session's clock) after the
    /// playhead took the value it still has, in a realtime session. The playhead changes
    /// when an event carries a different `playhead`; pings that repeat the same value do not
    /// count. A `sessionEnd` past the limit is not a finding: Adobe's SDK ends its own
    /// session there, and the back end had closed it anyway. A gap that is itself 10 minutes
    /// without events is SES004's finding, not this one's. Downloaded sessions are not
    /// judged.
    ///
    /// ## Why it matters
    /// Adobe closes a session whose playhead has not changed for 30 minutes, typically a
    /// viewer who paused and walked away, even when the player keeps pinging. Events after
    /// that are dropped: the resumed viewing is lost unless the player starts a new session
    /// (Adobe's SDK sends sessionEnd at the limit and a new sessionStart with
    /// `media.resume: true` when playback resumes).
    ///
    /// ## Example
    /// Paused at 35 s for 36 minutes, pinging every 9 minutes, then playing on in the same
    /// session:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":35,"ts":1700000000000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":35,"ts":1700000540000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":35,"ts":1700001080000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":35,"ts":1700001620000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":35,"ts":1700002160000}}
    /// ```
    ///
    /// ## Use instead
    /// End the session at the limit and start a new one, flagged as resumed, when the viewer
    /// comes back:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":35,"ts":1700000000000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":35,"ts":1700000540000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":35,"ts":1700001080000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":35,"ts":1700001620000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionEnd","playerTime":{"playhead":35,"ts":1700001800000}}
    /// ```
    ///
    /// ## Options
    /// `--frozen-playhead-timeout SECONDS` (default 1800).
    ///
    /// ## References
    /// Adobe: mc-api-impl/mc-api-timeout.md, events/overview.md,
    /// events/player-state/overview.md (long pause); Adobe's Media SDK (ends the session
    /// after 30 minutes idle and resumes it with `media.resume`)
    pub static PLAYHEAD_FROZEN {
        code: "SES008",
        name: "playhead-frozen",
        family: Session,
        severity: Error,
        session: PlayheadFrozen::new,
    }
}

/// The rule.
pub struct PlayheadFrozen {
    frozen_ms: i64,
    idle_ms: i64,
}

impl PlayheadFrozen {
    /// With the configured limits.
    pub fn new(cfg: &Config) -> Self {
        let limits = cfg.timeouts();
        PlayheadFrozen {
            frozen_ms: limits.frozen_ms,
            idle_ms: limits.idle_ms,
        }
    }
}

impl SessionRule for PlayheadFrozen {
    fn meta(&self) -> &'static RuleMeta {
        &PLAYHEAD_FROZEN
    }

    // Any event may come after the playhead stood still too long.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if st.downloaded || st.is_closed() || ev.is(EventType::SessionEnd) {
            return;
        }
        let Some((frozen, value, since)) = st.frozen_for_ms(ev) else {
            return;
        };
        if frozen <= self.frozen_ms || st.idle_gap_ms(ev).is_some_and(|g| g >= self.idle_ms) {
            return;
        }
        let d = sink
            .report(
                &PLAYHEAD_FROZEN,
                ev,
                ev.event_type_span,
                format!(
                    "the playhead has stood at {} s for {} s ({}) before this `{}`; Adobe closes a session after {} without a playhead change, so this event and all after it in session {} are lost",
                    format_num(value),
                    format_num(frozen as f64 / 1000.0),
                    human_duration(frozen),
                    ev.name(),
                    human_duration(self.frozen_ms),
                    st.id
                ),
            )
            .label("first event after the limit")
            .help("end the session when the playhead has stood still for 30 minutes, and start a new one (with `media.resume: true`) when playback resumes");
        d.secondary_in(
            since.file,
            since.playhead_or_event(),
            format!("the playhead is at {} s from here on", format_num(value)),
        );
    }
}
