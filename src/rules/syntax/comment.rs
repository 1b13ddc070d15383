//! SYN005 `comment`, found by the lenient parser
//! ([`SyntaxKind::Comment`](crate::syntax::SyntaxKind::Comment)).

declare_rule! {
    /// A `//` or `/* */` comment inside a body.
    ///
    /// ## What it checks
    /// Comments, which JSON5 allows and JSON does not.
    ///
    /// ## Why it matters
    /// Adobe answers HTTP 400 to a body with comments.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart", // the viewer pressed pause
    ///  "playerTime":{"playhead":31.5,"ts":1700000031500}}
    /// ```
    ///
    /// ## Use instead
    /// Remove the comment.
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart",
    ///  "playerTime":{"playhead":31.5,"ts":1700000031500}}
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md
    pub static COMMENT {
        code: "SYN005",
        name: "comment",
        family: Syntax,
        severity: Error,
    }
}
