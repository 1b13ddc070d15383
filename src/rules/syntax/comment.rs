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
    /// ## Use instead
    /// Remove the comment.
    pub static COMMENT {
        code: "SYN005",
        name: "comment",
        family: Syntax,
        severity: Error,
    }
}
