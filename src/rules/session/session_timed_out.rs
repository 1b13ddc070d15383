//! SES004 `session-timed-out`: 10 minutes without any event close the session (R4).

use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, SessionState};

declare_rule! {
    /// No event for 10 minutes: Adobe has closed the session.
    ///
    /// ## What it checks
    /// A gap between two consecutive events of a session of at least the inactivity limit (10
    /// minutes). Adobe closes a session that does not *receive* events for that long, so the gap
    /// is measured between the requests' arrival times when the capture records them (HAR
    /// `startedDateTime`, an NDJSON log's `timestamp`), and between the bodies' `ts` otherwise.
    /// A `ts` in seconds beside millisecond ones (TIM004) is not taken for a gap of decades: a
    /// pair of events whose `ts` differ in unit is not judged.
    ///
    /// ## Why it matters
    /// Adobe closes a session after 10 minutes without events; calls on it afterwards are dropped.
    /// The player must notice and open a new session. This differs from a ping gap (PNG001), which
    /// loses accuracy but not the session.
    ///
    /// ## Example
    /// A player that stops pinging while paused; the viewer comes back after 12 minutes:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":35,"ts":1700000035000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":35,"ts":1700000755000}}
    /// ```
    ///
    /// ## Use instead
    /// Keep pinging every 10 s, paused or not, so that no gap reaches the limit; when one does,
    /// open a new session:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":35,"ts":1700000035000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":35,"ts":1700000045000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":35,"ts":1700000052000}}
    /// ```
    ///
    /// ## Options
    /// `--idle-timeout SECONDS` (default 600).
    ///
    /// ## References
    /// Adobe: mc-api-impl/mc-api-timeout.md, events/overview.md
    pub static SESSION_TIMED_OUT {
        code: "SES004",
        name: "session-timed-out",
        family: Session,
        severity: Error,
        session: SessionTimeout::new,
    }
}

/// `720 s` reads better as `12 min`; `3725 s` as `1 h 2 min 5 s`.
pub(crate) fn human_duration(ms: i64) -> String {
    let s = ms / 1000;
    if s < 120 {
        return format!("{} s", format_num(ms as f64 / 1000.0));
    }
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if sec > 0 {
        parts.push(format!("{sec} s"));
    }
    parts.join(" ")
}

/// The rule.
pub struct SessionTimeout {
    idle_ms: i64,
}

impl SessionTimeout {
    /// With the configured inactivity limit.
    pub fn new(cfg: &crate::config::Config) -> Self {
        SessionTimeout {
            idle_ms: cfg.idle_timeout_ms(),
        }
    }
}

impl SessionRule for SessionTimeout {
    fn meta(&self) -> &'static RuleMeta {
        &SESSION_TIMED_OUT
    }

    // Any event may come after the idle timeout.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let (Some(last), Some(gap)) = (st.last, st.idle_gap_ms(ev)) else {
            return;
        };
        let arrived = last.arrival_ms.is_some() && ev.arrival_ms.is_some();
        // The engine marks the session closed when it applies this event; detect it here.
        if gap < self.idle_ms || st.is_closed() {
            return;
        }
        let d = sink
            .report(
                &SESSION_TIMED_OUT,
                ev,
                ev.event_type_span,
                format!(
                    "{} without any event {}before this `{}`; Adobe closed session {} for inactivity, so this event and all after it are lost",
                    human_duration(gap),
                    if arrived { "arriving " } else { "" },
                    ev.name(),
                    st.id
                ),
            )
            .label("first event after the timeout")
            .help("keep pinging every 10 s, also while paused; after a long pause, start a new session");
        d.secondary_in(last.file, last.span, "last event before the gap");
    }
}
