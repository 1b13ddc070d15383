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
    /// ## Use instead
    /// Send each key once.
    pub static DUPLICATE_KEY {
        code: "SYN016",
        name: "duplicate-key",
        family: Syntax,
        severity: Warning,
    }
}
