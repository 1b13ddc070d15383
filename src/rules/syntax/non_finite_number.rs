//! SYN014 `non-finite-number`, found by the lenient parser
//! ([`SyntaxKind::NonFiniteNumber`](crate::syntax::SyntaxKind::NonFiniteNumber)).

declare_rule! {
    /// `NaN`, `Infinity` or a number too large for a double.
    ///
    /// ## What it checks
    /// Numbers JSON cannot represent.
    ///
    /// ## Why it matters
    /// Adobe answers HTTP 400. A player that divides by zero when computing the playhead sends
    /// these.
    ///
    /// ## Example
    /// A playhead computed before the media's duration was known:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":NaN,"ts":1700000010000}}
    /// ```
    ///
    /// ## Use instead
    /// Send a finite number; guard the playhead computation.
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":0,"ts":1700000010000}}
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md
    pub static NON_FINITE {
        code: "SYN014",
        name: "non-finite-number",
        family: Syntax,
        severity: Error,
    }
}
