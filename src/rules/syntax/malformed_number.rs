//! SYN012 `malformed-number`, found by the lenient parser
//! ([`SyntaxKind::MalformedNumber`](crate::syntax::SyntaxKind::MalformedNumber)).

declare_rule! {
    /// Text in a number's place that is not a number, such as `8ß`.
    ///
    /// ## What it checks
    /// A token that starts like a number but is not one.
    ///
    /// ## Why it matters
    /// The body is not JSON; Adobe answers HTTP 400. valint treats the value as unknown and keeps
    /// checking the rest of the body and the session.
    ///
    /// ## Example
    /// ```text
    /// "playhead": 8ß,
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "playhead": 8,
    /// ```
    pub static MALFORMED_NUMBER {
        code: "SYN012",
        name: "malformed-number",
        family: Syntax,
        severity: Error,
    }
}
