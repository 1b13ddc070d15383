//! HTTP001 `request-rejected`, from the answer the capture recorded (see [`super::finding`]).

declare_rule! {
    /// Adobe answered 400 Bad Request: the event was rejected.
    ///
    /// ## What it checks
    /// Requests whose recorded answer is `400 Bad Request`.
    ///
    /// ## Why it matters
    /// Adobe validates every body against its event's JSON Schema and rejects what fails: the event
    /// is lost. For a downloaded-content batch, the whole batch is discarded. The SYNTAX and SCHEMA
    /// findings on the same body usually say why.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":"0","ts":1700000000300}}
    /// HTTP/1.1 400 Bad Request
    /// ```
    ///
    /// ## Use instead
    /// Fix the body so it passes its schema (`valint explain SCH001` ...):
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// HTTP/1.1 204 No Content
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-ref/mc-api-events-req.md, mc-api-impl/mc-api-validate-reqs.md
    pub static REJECTED {
        code: "HTTP001",
        name: "request-rejected",
        family: Http,
        severity: Error,
    }
}
