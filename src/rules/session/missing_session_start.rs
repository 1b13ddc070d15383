//! SES001 `missing-session-start`: a session must begin with `sessionStart` (R1).

use crate::diagnostic::Severity;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// A session whose first event is not sessionStart.
    ///
    /// ## What it checks
    /// The first event of every session is `sessionStart`, sent to `POST /api/v1/sessions`.
    ///
    /// ## Why it matters
    /// Only the answer to sessionStart gives the session id every other event is posted under.
    /// Events without one have no session at Adobe (404) and are lost. A downloaded-content batch
    /// (a JSON array POSTed to `/api/v1/downloaded`) is a session of its own, and its first element
    /// must be sessionStart. When the capture has a session id but no sessionStart for it, the
    /// recording probably began after the session started: valint says so with a warning instead.
    ///
    /// ## Example
    /// ```text
    /// {"eventType": "play", "playerTime": {"playhead": 0, "ts": 1700000000000}}
    /// ```
    ///
    /// ## Use instead
    /// Send sessionStart first and wait for its `Location` answer; queue events until then.
    ///
    /// ```text
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{
    ///  "analytics.trackingServer":"demo.sc.omtrdc.net","analytics.reportSuite":"demovod",
    ///  "visitor.marketingCloudOrgId":"0A1B2C3D4E5F@AdobeOrg","media.id":"clip-7","media.length":90,
    ///  "media.contentType":"vod","media.playerName":"web","media.channel":"web"}}
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/session/session-start.md, mc-api-impl/mc-api-queuing.md,
    /// use-cases/track-downloaded-content.md
    pub static MISSING_SESSION_START {
        code: "SES001",
        name: "missing-session-start",
        family: Session,
        severity: Error,
        session: |_cfg| MissingSessionStart,
    }
}

/// The rule.
pub struct MissingSessionStart;

/// Session ids that are a player's bug, not an id: `undefined`, `null`, `NaN`, `[object Object]`.
fn is_bogus_sid(sid: &str) -> bool {
    [
        "undefined",
        "null",
        "nan",
        "none",
        "nil",
        "[object object]",
        "%7bsid%7d",
    ]
    .contains(&sid.to_ascii_lowercase().as_str())
}

impl SessionRule for MissingSessionStart {
    fn meta(&self) -> &'static RuleMeta {
        &MISSING_SESSION_START
    }

    // The session's first event, whatever it is.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    /// A request sent to a session id the player never got is often what Adobe answers
    /// with 404: this rule says why.
    fn sees_rejected(&self) -> bool {
        true
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if st.events > 0 || ev.is(EventType::SessionStart) {
            return;
        }
        if ev.batch.is_some() {
            sink.report(
                &MISSING_SESSION_START,
                ev,
                ev.event_type_span,
                format!(
                    "this downloaded batch begins with `{}`, not sessionStart; Adobe opens the batch's session from its first element, so these events have no session",
                    ev.name()
                ),
            )
            .label("first element of the batch")
            .help = Some("put the session's sessionStart first in the array, and keep the other events in the order they happened".into());
        } else if st.has_sid && is_bogus_sid(&st.id) {
            sink.report(
                &MISSING_SESSION_START,
                ev,
                ev.event_type_span,
                format!(
                    "`{}` is sent to session id `{}`, which is not a real id: the player did not read the sessionStart answer's Location header; Adobe answers 404 and the event is lost",
                    ev.name(),
                    st.id
                ),
            )
            .label("first event with this id")
            .help("take the session id from the Location header of the 201 answer to POST /api/v1/sessions, and queue events until it arrives");
        } else if st.has_sid {
            let d = sink.report(
                &MISSING_SESSION_START,
                ev,
                ev.event_type_span,
                format!(
                    "session {} has no sessionStart in this capture; its first event is `{}`",
                    st.id,
                    ev.name()
                ),
            );
            d.severity = Severity::Warning;
            d.primary.text = Some("first event seen for this session".into());
            d.help = Some(
                "if the recording began mid-session this is expected; otherwise the session was never opened and Adobe answers 404"
                    .into(),
            );
        } else {
            sink.report(
                &MISSING_SESSION_START,
                ev,
                ev.event_type_span,
                format!(
                    "session {} begins with `{}`, not sessionStart; Adobe has no session for these events and loses them",
                    st.id,
                    ev.name()
                ),
            )
            .label("first event of the session")
            .help = Some("send sessionStart first, then the other events with the session id it returns".into());
        }
    }
}
