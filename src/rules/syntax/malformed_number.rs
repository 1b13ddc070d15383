//! SYN012 `malformed-number`, found by the lenient parser
//! ([`SyntaxKind::MalformedNumber`](crate::syntax::SyntaxKind::MalformedNumber)).

declare_rule! {
    /// Text in a number's place that is not a number, such as `8ß`.
    ///
    /// ## What it checks
    /// A token that starts like a number but is not one.
    ///
    /// ## Why it matters
    /// The body is not JSON; Adobe answers HTTP 400. valint treats the value as unknown and keeps
    /// checking the rest of the body and the session.
    ///
    /// ## Example
    /// A `ts` printed with a Java `long` suffix:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":9.8,"ts":1700000010000L}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":9.8,"ts":1700000010000}}
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md
    pub static MALFORMED_NUMBER {
        code: "SYN012",
        name: "malformed-number",
        family: Syntax,
        severity: Error,
    }
}
