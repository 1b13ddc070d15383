//! HTTP002 `session-not-found`, from the answer the capture recorded (see [`super::finding`]).

declare_rule! {
    /// Adobe answered 404: the session id is unknown.
    ///
    /// ## What it checks
    /// Events requests whose recorded answer is `404 Not Found`.
    ///
    /// ## Why it matters
    /// The back end does not know the session id (never created, mistyped, or expired): the event
    /// is lost. The player must open a new session with sessionStart and track on it.
    ///
    /// ## Example
    /// Events posted under a session id the player never got:
    ///
    /// ```text
    /// POST /api/v1/sessions/undefined/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// HTTP/1.1 404 Not Found
    /// ```
    ///
    /// ## Use instead
    /// Post events under the session id in the `Location` of sessionStart's answer:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// HTTP/1.1 204 No Content
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-ref/mc-api-events-req.md
    pub static NOT_FOUND {
        code: "HTTP002",
        name: "session-not-found",
        family: Http,
        severity: Error,
    }
}
