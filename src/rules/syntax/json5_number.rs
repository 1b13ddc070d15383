//! SYN013 `json5-number`, found by the lenient parser
//! ([`SyntaxKind::Json5Number`](crate::syntax::SyntaxKind::Json5Number)).

declare_rule! {
    /// A JSON5-only number form: hex, leading `+`, `.5` or `5.`.
    ///
    /// ## What it checks
    /// Numbers JSON5 accepts and JSON does not.
    ///
    /// ## Why it matters
    /// Adobe answers HTTP 400.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":.5,"ts":1700000000500}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":0.5,"ts":1700000000500}}
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md
    pub static JSON5_NUMBER {
        code: "SYN013",
        name: "json5-number",
        family: Syntax,
        severity: Error,
    }
}
