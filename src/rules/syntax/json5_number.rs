//! SYN013 `json5-number`, found by the lenient parser
//! ([`SyntaxKind::Json5Number`](crate::syntax::SyntaxKind::Json5Number)).

declare_rule! {
    /// A JSON5-only number form: hex, leading `+`, `.5` or `5.`.
    ///
    /// ## What it checks
    /// Numbers JSON5 accepts and JSON does not.
    ///
    /// ## Why it matters
    /// Adobe answers HTTP 400.
    ///
    /// ## Example
    /// ```text
    /// "playhead": .5
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "playhead": 0.5
    /// ```
    pub static JSON5_NUMBER {
        code: "SYN013",
        name: "json5-number",
        family: Syntax,
        severity: Error,
    }
}
