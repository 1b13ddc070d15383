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
    /// ```text
    /// {"eventType": "ping", "playerTime": {"playhead": 1
    /// ```
    ///
    /// ## Use instead
    /// Close every `{` and `[`; re-record the capture if it was cut.
    pub static UNEXPECTED_END {
        code: "SYN002",
        name: "unexpected-end",
        family: Syntax,
        severity: Error,
    }
}
