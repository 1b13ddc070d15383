//! SYN003 `unquoted-key`, found by the lenient parser
//! ([`SyntaxKind::UnquotedKey`](crate::syntax::SyntaxKind::UnquotedKey)).

declare_rule! {
    /// An object key without double quotes (JSON5 / JavaScript style).
    ///
    /// ## What it checks
    /// Keys written without quotes, such as `playerTime:`.
    ///
    /// ## Why it matters
    /// Strict JSON requires every key in double quotes. Adobe's docs show such bodies, but the
    /// server answers HTTP 400.
    ///
    /// ## Example
    /// ```text
    /// { playerTime: { playhead: 0, ts: 1700000000000 }, eventType: "play" }
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// { "playerTime": { "playhead": 0, "ts": 1700000000000 }, "eventType": "play" }
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md
    pub static UNQUOTED_KEY {
        code: "SYN003",
        name: "unquoted-key",
        family: Syntax,
        severity: Error,
    }
}
