//! HTTP003 `session-gone`, from the answer the capture recorded (see [`super::for_status`]).

declare_rule! {
    /// Adobe answered 410: the session can no longer be reported on.
    ///
    /// ## What it checks
    /// Events requests whose recorded answer is `410 Gone`.
    ///
    /// ## Why it matters
    /// The session exists but is closed for reporting (for example after sessionEnd or a timeout):
    /// the event is lost. The player must open a new session.
    ///
    /// ## References
    /// Adobe: mc-api-ref/mc-api-events-req.md, events/session/session-end.md
    pub static GONE {
        code: "HTTP003",
        name: "session-gone",
        family: Http,
        severity: Error,
    }
}
