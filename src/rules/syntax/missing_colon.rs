//! SYN008 `missing-colon`, found by the lenient parser
//! ([`SyntaxKind::MissingColon`](crate::syntax::SyntaxKind::MissingColon)).

declare_rule! {
    /// A key with no `:` before its value.
    ///
    /// ## What it checks
    /// An object key followed directly by a value.
    ///
    /// ## Why it matters
    /// The body is not JSON; Adobe answers HTTP 400.
    ///
    /// ## Use instead
    /// Add the `:`.
    pub static MISSING_COLON {
        code: "SYN008",
        name: "missing-colon",
        family: Syntax,
        severity: Error,
    }
}
