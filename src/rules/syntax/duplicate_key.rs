//! SYN016 `duplicate-key`, found by the lenient parser
//! ([`SyntaxKind::DuplicateKey`](crate::syntax::SyntaxKind::DuplicateKey)).

declare_rule! {
    /// A key repeated in one object.
    ///
    /// ## What it checks
    /// The same key twice in one object.
    ///
    /// ## Why it matters
    /// JSON leaves the meaning open; most parsers, Adobe's presumably too, keep the last value, so
    /// the first is silently lost.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":42,"ts":1700000042000},"eventType":"ping"}
    /// ```
    ///
    /// ## Use instead
    /// Send each key once.
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":42,"ts":1700000042000}}
    /// ```
    ///
    /// ## References
    /// RFC 8259 (section 4, unique names)
    pub static DUPLICATE_KEY {
        code: "SYN016",
        name: "duplicate-key",
        family: Syntax,
        severity: Warning,
    }
}
