//! SES009 `session-too-long`: a session that goes on past 24 hours (R5).

use crate::config::Config;
use crate::rules::session::session_timed_out::human_duration;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// A session still sending events more than 24 hours after its sessionStart.
    ///
    /// ## What it checks
    /// The first event of a realtime session (other than a `sessionEnd`) whose time on the
    /// session's clock is more than 24 hours after the sessionStart. Downloaded sessions
    /// are not judged.
    ///
    /// ## Why it matters
    /// The Media Collection API pages state no maximum length, but Adobe's Media Edge API
    /// answers calls on a session older than 24 hours with 404 and asks for a new session,
    /// and Adobe's SDK ends its own sessions at 24 hours and continues in a new one flagged
    /// `media.resume: true`. Events past the limit are therefore likely lost. A long live
    /// stream left playing is the usual cause. The check is a warning because the limit is
    /// an inference from the Edge API and the SDK, not a statement of the MC API docs.
    ///
    /// ## Example
    /// A live stream whose session runs into its second day (other events left out):
    ///
    /// ```text
    /// # valint check --ignore PNG001,SES004
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":86401,"ts":1700086401000}}
    /// ```
    ///
    /// ## Use instead
    /// End the session at 24 hours and continue in a new one:
    ///
    /// ```text
    /// # valint check --ignore PNG001,SES004
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionEnd","playerTime":{"playhead":86400,"ts":1700086400000}}
    /// ```
    ///
    /// ## Options
    /// `--max-session-length SECONDS` (default 86400).
    ///
    /// ## References
    /// Adobe: the Media Edge API's OpenAPI spec (404 examples); Adobe's Media SDK (ends a
    /// session after 24 hours and resumes it)
    pub static SESSION_TOO_LONG {
        code: "SES009",
        name: "session-too-long",
        family: Session,
        severity: Warning,
        session: SessionTooLong::new,
    }
}

/// The rule: reports once per session.
pub struct SessionTooLong {
    limit_ms: i64,
    reported: bool,
}

impl SessionTooLong {
    /// With the configured limit.
    pub fn new(cfg: &Config) -> Self {
        SessionTooLong {
            limit_ms: (cfg.max_session_length_s * 1000.0) as i64,
            reported: false,
        }
    }
}

impl SessionRule for SessionTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &SESSION_TOO_LONG
    }

    // Any event may come past the session's limit.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if self.reported || st.downloaded || ev.is(EventType::SessionEnd) {
            return;
        }
        // The session's first clocked event stands in for a sessionStart the capture lacks.
        let Some(first) = st.started.or(st.first_clocked) else {
            return;
        };
        let (Some(from), Some(now)) = (first.clock_ms, st.clock_of(ev)) else {
            return;
        };
        const EPOCH_MS_FROM: i64 = 100_000_000_000;
        if (from < EPOCH_MS_FROM) != (now < EPOCH_MS_FROM) || now - from <= self.limit_ms {
            return;
        }
        self.reported = true;
        let d = sink
            .report(
                &SESSION_TOO_LONG,
                ev,
                ev.ts_span.unwrap_or(ev.event_type_span),
                format!(
                    "`{}` {} after the session began; sessions are limited to {} (Media Edge API, Adobe's SDK), so this event and all after it are likely lost",
                    ev.name(),
                    human_duration(now - from),
                    human_duration(self.limit_ms)
                ),
            )
            .label("past the session's limit")
            .help("end the session after 24 hours and continue in a new session with `media.resume: true`");
        d.secondary_in(first.file, first.ts_or_event(), "the session began here");
    }
}
