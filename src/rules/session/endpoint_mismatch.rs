//! SES007 `endpoint-mismatch`: sessionStart goes to `/api/v1/sessions`, every other event to
//! `/api/v1/sessions/{sid}/events` (R1).

use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};
use crate::wire::Endpoint;

declare_rule! {
    /// An event sent to the wrong endpoint.
    ///
    /// ## What it checks
    /// A `sessionStart` is posted to `/api/v1/sessions`, and every other event to
    /// `/api/v1/sessions/{sid}/events`. Requests whose endpoint the capture does not record
    /// (bare bodies) and downloaded-content batches are not judged.
    ///
    /// ## Why it matters
    /// The sessions endpoint opens a session from a sessionStart body and answers with its
    /// sid; the events endpoint takes the events of a session that exists. An event on the
    /// other endpoint likely fails that endpoint's validation (HTTP 400) or opens nothing:
    /// Adobe documents no other use, so the event is likely lost.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-ref/mc-api-sessions-req.md, mc-api-ref/mc-api-events-req.md,
    /// events/session/session-start.md
    pub static ENDPOINT_MISMATCH {
        code: "SES007",
        name: "endpoint-mismatch",
        family: Session,
        severity: Warning,
        session: |_cfg| EndpointMismatch,
    }
}

/// The rule.
pub struct EndpointMismatch;

impl SessionRule for EndpointMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &ENDPOINT_MISMATCH
    }

    // Any event of a known type may go to the wrong endpoint.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::TYPED)
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        let Some(t) = ev.event_type else {
            return;
        };
        if ev.batch.is_some() {
            return;
        }
        let start = t == EventType::SessionStart;
        let (sent, belongs) = match ev.endpoint {
            Endpoint::Sessions if !start => ("/api/v1/sessions", "/api/v1/sessions/{sid}/events"),
            Endpoint::Events if start => ("/api/v1/sessions/{sid}/events", "/api/v1/sessions"),
            _ => return,
        };
        sink.report(
            &ENDPOINT_MISMATCH,
            ev,
            ev.event_type_span,
            format!("`{}` sent to {sent}, which takes {}; the event is likely lost (rejected, or opening nothing)", t.name(), if start { "the events of an open session" } else { "sessionStart only" }),
        )
        .label(format!("sent to {sent}"))
        .help(format!("post {} to {belongs}", t.name()));
    }
}
