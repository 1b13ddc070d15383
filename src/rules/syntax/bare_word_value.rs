//! SYN009 `bare-word-value`, found by the lenient parser
//! ([`SyntaxKind::BareWord`](crate::syntax::SyntaxKind::BareWord)).

declare_rule! {
    /// A value written as a bare word, such as `eventType:sessionStart`.
    ///
    /// ## What it checks
    /// String values written without quotes, a style found in Adobe's documentation pages and their
    /// translations.
    ///
    /// ## Why it matters
    /// The body is not JSON; Adobe answers HTTP 400. valint reads the word as a string so the rest
    /// of the checks still run.
    ///
    /// ## Example
    /// ```text
    /// { "eventType": sessionStart }
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// { "eventType": "sessionStart" }
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md
    pub static BARE_WORD {
        code: "SYN009",
        name: "bare-word-value",
        family: Syntax,
        severity: Error,
    }
}
