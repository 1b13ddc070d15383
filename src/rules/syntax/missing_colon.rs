//! SYN008 `missing-colon`, found by the lenient parser
//! ([`SyntaxKind::MissingColon`](crate::syntax::SyntaxKind::MissingColon)).

declare_rule! {
    /// A key with no `:` before its value.
    ///
    /// ## What it checks
    /// An object key followed directly by a value.
    ///
    /// ## Why it matters
    /// The body is not JSON; Adobe answers HTTP 400.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime"{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## Use instead
    /// Add the `:`.
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md
    pub static MISSING_COLON {
        code: "SYN008",
        name: "missing-colon",
        family: Syntax,
        severity: Error,
    }
}
