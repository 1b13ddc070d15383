//! SYN004 `single-quoted-string`, found by the lenient parser
//! ([`SyntaxKind::SingleQuotedString`](crate::syntax::SyntaxKind::SingleQuotedString)).

declare_rule! {
    /// A string in single quotes.
    ///
    /// ## What it checks
    /// Strings delimited by `'`.
    ///
    /// ## Why it matters
    /// JSON strings use double quotes only; Adobe answers HTTP 400.
    ///
    /// ## Example
    /// ```text
    /// {"eventType": 'play'}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// {"eventType": "play"}
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md
    pub static SINGLE_QUOTED {
        code: "SYN004",
        name: "single-quoted-string",
        family: Syntax,
        severity: Error,
    }
}
