//! SYN019 `json5-escape`, found by the lenient parser
//! ([`SyntaxKind::Json5Escape`](crate::syntax::SyntaxKind::Json5Escape)).

declare_rule! {
    /// A JSON5-only escape such as `\'`, `\x41`, `\v` or a line continuation.
    ///
    /// ## What it checks
    /// Escapes JSON5 accepts and JSON does not.
    ///
    /// ## Why it matters
    /// Adobe answers HTTP 400.
    ///
    /// ## Use instead
    /// Use `\uXXXX` or the character itself.
    pub static JSON5_ESCAPE {
        code: "SYN019",
        name: "json5-escape",
        family: Syntax,
        severity: Error,
    }
}
