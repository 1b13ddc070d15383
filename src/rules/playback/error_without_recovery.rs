//! PLB005 `error-without-recovery`: an error after which the session neither plays again
//! nor ends (R23).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, Mark, SessionState};

declare_rule! {
    /// An error followed by neither a recovery nor sessionEnd.
    ///
    /// ## What it checks
    /// After an `error`, the session either plays again (a `play`) or ends (`sessionEnd`,
    /// or `sessionComplete`). Reported once, when the session ends without either.
    ///
    /// ## Why it matters
    /// An error does not change the player's state or close the session: Adobe keeps
    /// counting it as playing or paused. When playback cannot recover, the docs ask for a
    /// `sessionEnd` right after the error; without it the session stays open until it times
    /// out, and its time spent likely includes the time after the failure.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"error","playerTime":{"playhead":4,"ts":1700000004000},"params":{"media.errorId":"decode-failed","media.errorSource":"player"}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"error","playerTime":{"playhead":4,"ts":1700000004000},"params":{"media.errorId":"decode-failed","media.errorSource":"player"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionEnd","playerTime":{"playhead":4,"ts":1700000004100}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/error.md, events/overview.md
    pub static ERROR_WITHOUT_RECOVERY {
        code: "PLB005",
        name: "error-without-recovery",
        family: Playback,
        severity: Info,
        session: |_cfg| ErrorWithoutRecovery { pending: None },
    }
}

/// The rule: remembers the last error not yet followed by a play or an end.
pub struct ErrorWithoutRecovery {
    pending: Option<Mark>,
}

impl SessionRule for ErrorWithoutRecovery {
    fn meta(&self) -> &'static RuleMeta {
        &ERROR_WITHOUT_RECOVERY
    }

    fn interest(&self) -> Interest {
        Interest::types(&[
            EventType::Error,
            EventType::Play,
            EventType::SessionEnd,
            EventType::SessionComplete,
        ])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, _sink: &mut Sink) {
        match ev.event_type {
            Some(EventType::Error) => self.pending = Some(st.mark(ev)),
            Some(EventType::Play | EventType::SessionEnd | EventType::SessionComplete) => {
                self.pending = None
            }
            _ => {}
        }
    }

    fn on_session_end(&mut self, _st: &SessionState, sink: &mut Sink) {
        let Some(error) = self.pending.take() else {
            return;
        };
        sink.report_mark(
            &ERROR_WITHOUT_RECOVERY,
            &error,
            "the session's last error is followed by neither a play nor sessionEnd; Adobe keeps the session open, so its time spent likely runs on past the failure",
        )
        .label("no recovery after this error")
        .help("send play when playback recovers, or sessionEnd right after an error it cannot recover from");
    }
}
