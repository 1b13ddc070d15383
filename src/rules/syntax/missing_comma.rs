//! SYN007 `missing-comma`, found by the lenient parser
//! ([`SyntaxKind::MissingComma`](crate::syntax::SyntaxKind::MissingComma)).

declare_rule! {
    /// Two members or elements with no comma between them.
    ///
    /// ## What it checks
    /// A missing `,` between object members or array elements.
    ///
    /// ## Why it matters
    /// The body is not JSON; Adobe answers HTTP 400.
    ///
    /// ## Use instead
    /// Add the comma.
    pub static MISSING_COMMA {
        code: "SYN007",
        name: "missing-comma",
        family: Syntax,
        severity: Error,
    }
}
