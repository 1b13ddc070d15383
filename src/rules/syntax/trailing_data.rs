//! SYN022 `trailing-data`, found by the lenient parser
//! ([`SyntaxKind::TrailingData`](crate::syntax::SyntaxKind::TrailingData)).

declare_rule! {
    /// Text after the end of the body.
    ///
    /// ## What it checks
    /// Non-whitespace text after the body's closing bracket where no other body may follow.
    ///
    /// ## Why it matters
    /// Adobe answers HTTP 400 to a body with trailing text.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":20,"ts":1700000020000}}}
    /// ```
    ///
    /// ## Use instead
    /// End the body at its closing bracket.
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":20,"ts":1700000020000}}
    /// ```
    ///
    /// ## References
    /// RFC 8259 (section 2, JSON text)
    pub static TRAILING_DATA {
        code: "SYN022",
        name: "trailing-data",
        family: Syntax,
        severity: Error,
    }
}
