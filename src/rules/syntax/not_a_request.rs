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
    /// ## Use instead
    /// Keep captures to request lines and JSON bodies, or export them as HAR or NDJSON.
    pub static NOT_A_REQUEST {
        code: "SYN023",
        name: "not-a-request",
        family: Syntax,
        severity: Error,
    }
}
