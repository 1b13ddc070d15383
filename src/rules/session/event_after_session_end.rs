//! SES003 `event-after-session-end`: nothing follows `sessionEnd` (R3).

use crate::diagnostic::{Label, Severity};
use crate::rules::{Family, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

/// Metadata and explain text.
pub static META: RuleMeta = RuleMeta {
    code: "SES003",
    name: "event-after-session-end",
    family: Family::Session,
    severity: Severity::Error,
    summary: "An event sent after the session's sessionEnd.",
    docs: "## What it checks\nAny event of a session after its `sessionEnd`.\n\n## Why it matters\nsessionEnd closes the session at once and for good; Adobe silently drops everything sent on it afterwards. A second sessionEnd is harmless and reported as info.\n\n## Example\n```\nsessionEnd, ping\n```\n\n## Use instead\nSend sessionEnd last. To keep tracking, open a new session with sessionStart. If playback reached the end, send sessionComplete before sessionEnd.\n\n## References\nAdobe: events/session/session-end.md, events/session/overview.md",
};

/// The rule.
pub struct EventAfterSessionEnd;

impl SessionRule for EventAfterSessionEnd {
    fn meta(&self) -> &'static RuleMeta {
        &META
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
                &META,
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
                &META,
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
