//! SES003 `event-after-session-end`: nothing follows `sessionEnd` (R3).

use crate::diagnostic::{Label, Severity};
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// An event sent after the session's sessionEnd.
    ///
    /// ## What it checks
    /// Any event of a session after its `sessionEnd`.
    ///
    /// ## Why it matters
    /// sessionEnd closes the session at once and for good; Adobe silently drops everything sent on
    /// it afterwards. A second sessionEnd is harmless and reported as info.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionEnd","playerTime":{"playhead":64,"ts":1700000064000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":64,"ts":1700000070000}}
    /// ```
    ///
    /// ## Use instead
    /// Send sessionEnd last. To keep tracking, open a new session with sessionStart. If playback
    /// reached the end, send sessionComplete before sessionEnd:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionComplete","playerTime":{"playhead":90,"ts":1700000090000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionEnd","playerTime":{"playhead":90,"ts":1700000090100}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/session/session-end.md, events/session/overview.md
    pub static EVENT_AFTER_SESSION_END {
        code: "SES003",
        name: "event-after-session-end",
        family: Session,
        severity: Error,
        session: |_cfg| EventAfterSessionEnd,
    }
}

/// The rule.
pub struct EventAfterSessionEnd;

impl SessionRule for EventAfterSessionEnd {
    fn meta(&self) -> &'static RuleMeta {
        &EVENT_AFTER_SESSION_END
    }

    // Any event after sessionEnd.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn sees_closed_sessions(&self) -> bool {
        true
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some(end) = st.ended else {
            return;
        };
        let same_file = end.file == ev.file;
        let d = if ev.is(EventType::SessionEnd) {
            let d = sink.report(
                &EVENT_AFTER_SESSION_END,
                ev,
                ev.event_type_span,
                format!(
                    "second sessionEnd in session {}; Adobe drops it (harmless)",
                    st.id
                ),
            );
            d.severity = Severity::Info;
            d
        } else {
            sink.report(
                &EVENT_AFTER_SESSION_END,
                ev,
                ev.event_type_span,
                format!(
                    "`{}` arrives after sessionEnd; Adobe has closed session {} and drops it",
                    ev.name(),
                    st.id
                ),
            )
            .help("send sessionEnd last; to keep tracking, start a new session")
        };
        d.primary.text = Some("dropped by Adobe".into());
        if same_file {
            d.secondary.push(Label::new(end.span, "session ended here"));
        }
    }
}
