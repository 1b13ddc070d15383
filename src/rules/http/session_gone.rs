//! HTTP003 `session-gone`, from the answer the capture recorded (see [`super::finding`]).

declare_rule! {
    /// Adobe answered 410: the session can no longer be reported on.
    ///
    /// ## What it checks
    /// Events requests whose recorded answer is `410 Gone`.
    ///
    /// ## Why it matters
    /// Adobe's answer means it found the session but no longer takes activity on it: the event is
    /// lost, and the player must open a new session. The docs do not say what puts a session in
    /// that state, nor when Adobe answers 410 rather than 404; that it follows a sessionEnd or an
    /// inactivity timeout is valint's guess, not a documented fact.
    ///
    /// ## Example
    /// A ping Adobe answered with 410:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":35,"ts":1700000800000}}
    /// HTTP/1.1 410 Gone
    /// ```
    ///
    /// ## Use instead
    /// Open a new session with sessionStart and send the events on its id:
    ///
    /// ```text
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000800000},"params":{
    ///  "analytics.trackingServer":"demo.sc.omtrdc.net","analytics.reportSuite":"demovod",
    ///  "visitor.marketingCloudOrgId":"0A1B2C3D4E5F@AdobeOrg","media.id":"clip-7","media.length":90,
    ///  "media.contentType":"vod","media.playerName":"web","media.channel":"web"}}
    /// HTTP/1.1 201 Created
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-ref/mc-api-events-req.md
    pub static GONE {
        code: "HTTP003",
        name: "session-gone",
        family: Http,
        severity: Error,
    }
}
