//! SYN017 `invalid-utf8`, found by the lenient parser
//! ([`SyntaxKind::InvalidUtf8`](crate::syntax::SyntaxKind::InvalidUtf8)).

declare_rule! {
    /// Bytes that are not UTF-8.
    ///
    /// ## What it checks
    /// Byte sequences that are not valid UTF-8.
    ///
    /// ## Why it matters
    /// JSON text must be UTF-8; Adobe answers HTTP 400 or stores garbled metadata.
    ///
    /// ## Use instead
    /// Encode metadata as UTF-8.
    pub static INVALID_UTF8 {
        code: "SYN017",
        name: "invalid-utf8",
        family: Syntax,
        severity: Error,
    }
}
