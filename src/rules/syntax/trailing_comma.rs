//! SYN006 `trailing-comma`, found by the lenient parser
//! ([`SyntaxKind::TrailingComma`](crate::syntax::SyntaxKind::TrailingComma)).

declare_rule! {
    /// A comma before `}` or `]`.
    ///
    /// ## What it checks
    /// A comma after the last member of an object or array.
    ///
    /// ## Why it matters
    /// Strict JSON forbids it and Adobe answers HTTP 400. Several of Adobe's own timeline examples
    /// have one.
    ///
    /// ## Example
    /// ```text
    /// {"eventType": "adStart", "params": {...},}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// {"eventType": "adStart", "params": {...}}
    /// ```
    pub static TRAILING_COMMA {
        code: "SYN006",
        name: "trailing-comma",
        family: Syntax,
        severity: Error,
    }
}
