//! SES002 `duplicate-session-start`: one session, one `sessionStart` (R1); what Adobe does
//! with a second one is not documented.

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// A second sessionStart inside one session.
    ///
    /// ## What it checks
    /// A `sessionStart` sent for a session that has already started (same session id).
    ///
    /// ## Why it matters
    /// The docs open a session only with `POST /api/v1/sessions`. They do not say what Adobe does
    /// with a sessionStart on an open session's events URL; valint infers that it starts no new
    /// view and is not counted, but that is an inference, not a documented fact. (The docs do say
    /// that an app returning from the background should send `play`, not sessionStart, because a
    /// new sessionStart loses the earlier progress; that is about starting a new session.)
    ///
    /// ## Example
    /// The app came back from the background and sent sessionStart again on the open session:
    ///
    /// ```text
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{
    ///  "analytics.trackingServer":"demo.sc.omtrdc.net","analytics.reportSuite":"demovod",
    ///  "visitor.marketingCloudOrgId":"0A1B2C3D4E5F@AdobeOrg","media.id":"clip-7","media.length":90,
    ///  "media.contentType":"vod","media.playerName":"web","media.channel":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":5,"ts":1700000005000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000009500},"params":{
    ///  "analytics.trackingServer":"demo.sc.omtrdc.net","analytics.reportSuite":"demovod",
    ///  "visitor.marketingCloudOrgId":"0A1B2C3D4E5F@AdobeOrg","media.id":"clip-7","media.length":90,
    ///  "media.contentType":"vod","media.playerName":"web","media.channel":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// For a new view, POST sessionStart to `/api/v1/sessions` and use the new session id. After an
    /// interruption, send `pauseStart` and `play`:
    ///
    /// ```text
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{
    ///  "analytics.trackingServer":"demo.sc.omtrdc.net","analytics.reportSuite":"demovod",
    ///  "visitor.marketingCloudOrgId":"0A1B2C3D4E5F@AdobeOrg","media.id":"clip-7","media.length":90,
    ///  "media.contentType":"vod","media.playerName":"web","media.channel":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":5,"ts":1700000005000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":5,"ts":1700000009500}}
    /// ```
    ///
    /// ## Not checked
    /// Three session rules of Adobe's docs span more than one session, and valint, which
    /// judges each session on its own, does not check them:
    /// - after a pause longer than 30 minutes the player starts a new session and starts its
    ///   open player states again right after the new sessionStart (the long-pause example
    ///   of the player-state pages; SES008 reports the old session being closed);
    /// - a player must not start a new session when the app comes back from the background:
    ///   a capture does not record the app going to the background, so a sessionStart after
    ///   a pause cannot be told from a new viewing;
    /// - a hand-off to another device ends the session on the first device and resumes it
    ///   (`media.resume: true`) on the second: the two devices' traffic is rarely in one
    ///   capture, and nothing in the bodies links the two sessions.
    ///
    /// ## References
    /// Adobe: events/session/overview.md, mc-api-ref/mc-api-sessions-req.md
    pub static DUPLICATE_SESSION_START {
        code: "SES002",
        name: "duplicate-session-start",
        family: Session,
        severity: Error,
        session: |_cfg| DuplicateSessionStart,
    }
}

/// The rule.
pub struct DuplicateSessionStart;

impl SessionRule for DuplicateSessionStart {
    fn meta(&self) -> &'static RuleMeta {
        &DUPLICATE_SESSION_START
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::SessionStart])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::SessionStart) {
            return;
        }
        if let Some(first) = st.started {
            let d = sink
                .report(
                    &DUPLICATE_SESSION_START,
                    ev,
                    ev.event_type_span,
                    format!(
                        "second sessionStart in session {}; sessions are opened only through /api/v1/sessions, so it most likely starts no new view (Adobe does not document what it does with it)",
                        st.id
                    ),
                )
                .label("second sessionStart")
                .help(
                    "POST a new sessionStart to /api/v1/sessions and use the session id it returns",
                );
            d.secondary_in(first.file, first.span, "session started here");
        }
    }
}
