//! SYN018 `invalid-escape`, found by the lenient parser
//! ([`SyntaxKind::InvalidEscape`](crate::syntax::SyntaxKind::InvalidEscape)).

declare_rule! {
    /// A backslash escape that is not valid, or a lone UTF-16 surrogate.
    ///
    /// ## What it checks
    /// Escapes such as `\q`, `\u12` or a `\ud83d` without its low surrogate.
    ///
    /// ## Why it matters
    /// Strict parsers reject the whole body. valint replaces a lone surrogate with U+FFFD and goes
    /// on.
    ///
    /// ## Use instead
    /// Escape characters correctly, pairing surrogates.
    pub static INVALID_ESCAPE {
        code: "SYN018",
        name: "invalid-escape",
        family: Syntax,
        severity: Error,
    }
}
