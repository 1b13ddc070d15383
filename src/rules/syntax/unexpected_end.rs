//! SYN002 `unexpected-end`, found by the lenient parser
//! ([`SyntaxKind::UnexpectedEnd`](crate::syntax::SyntaxKind::UnexpectedEnd)).

declare_rule! {
    /// The body ends inside an object, array, string or comment.
    ///
    /// ## What it checks
    /// An object, array, string or comment that is never closed.
    ///
    /// ## Why it matters
    /// A truncated body is not JSON; Adobe answers HTTP 400. In a capture it often means the
    /// recording was cut off.
    ///
    /// ## Example
    /// A request log whose proxy kept only the first bytes of each body (here as a JSON string):
    ///
    /// ```text
    /// {"method":"POST","url":"/api/v1/sessions/4e2a91c0/events","body":"{\"eventType\":\"ping\",\"playerTime\":{\"playhead\":20"}
    /// ```
    ///
    /// ## Use instead
    /// Close every `{` and `[`; re-record the capture if it was cut.
    ///
    /// ```text
    /// {"method":"POST","url":"/api/v1/sessions/4e2a91c0/events","body":"{\"eventType\":\"ping\",\"playerTime\":{\"playhead\":20,\"ts\":1700000020000}}"}
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md
    pub static UNEXPECTED_END {
        code: "SYN002",
        name: "unexpected-end",
        family: Syntax,
        severity: Error,
    }
}
