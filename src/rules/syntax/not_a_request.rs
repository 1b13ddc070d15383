//! SYN023 `not-a-request`, reported by the capture readers for text they cannot read as
//! a request.

declare_rule! {
    /// Text in a capture that is neither a request body nor a request line.
    ///
    /// ## What it checks
    /// Lines of a body stream that valint cannot read as a request.
    ///
    /// ## Why it matters
    /// Every request in a capture is either checked or reported: this one could not be read, so any
    /// problem in it goes unchecked.
    ///
    /// ## Example
    /// A header line copied with its request:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// Content-Type: application/json
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## Use instead
    /// Keep captures to request lines and JSON bodies, or export them as HAR or NDJSON.
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## References
    /// valint: README.md, "Run it on a real example" (the capture formats)
    pub static NOT_A_REQUEST {
        code: "SYN023",
        name: "not-a-request",
        family: Syntax,
        severity: Error,
    }
}
