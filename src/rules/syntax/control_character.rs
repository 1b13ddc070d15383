//! SYN020 `control-character`, found by the lenient parser
//! ([`SyntaxKind::ControlCharacter`](crate::syntax::SyntaxKind::ControlCharacter)).

declare_rule! {
    /// A raw control character inside a string.
    ///
    /// ## What it checks
    /// Characters below U+0020 (tab, NUL ...) written raw inside a string.
    ///
    /// ## Why it matters
    /// JSON requires them escaped; Adobe answers HTTP 400.
    ///
    /// ## Example
    /// A request log that stores each body as a JSON string; once the body is decoded, its `\t` is
    /// a raw tab inside the error id:
    ///
    /// ```text
    /// {"method":"POST","url":"/api/v1/sessions/4e2a91c0/events","body":"{\"eventType\":\"error\",\"playerTime\":{\"playhead\":5,\"ts\":1700000005000},\"params\":{\"media.errorId\":\"E42\tDECODE\"}}"}
    /// ```
    ///
    /// ## Use instead
    /// Escape them (`\t`, `\u0000`): in the decoded body the tab is written `\t`.
    ///
    /// ```text
    /// {"method":"POST","url":"/api/v1/sessions/4e2a91c0/events","body":"{\"eventType\":\"error\",\"playerTime\":{\"playhead\":5,\"ts\":1700000005000},\"params\":{\"media.errorId\":\"E42\\tDECODE\"}}"}
    /// ```
    ///
    /// ## References
    /// RFC 8259 (section 7, strings)
    pub static CONTROL_CHARACTER {
        code: "SYN020",
        name: "control-character",
        family: Syntax,
        severity: Error,
    }
}
