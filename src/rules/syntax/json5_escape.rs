//! SYN019 `json5-escape`, found by the lenient parser
//! ([`SyntaxKind::Json5Escape`](crate::syntax::SyntaxKind::Json5Escape)).

declare_rule! {
    /// A JSON5-only escape such as `\'`, `\x41`, `\v` or a line continuation.
    ///
    /// ## What it checks
    /// Escapes JSON5 accepts and JSON does not.
    ///
    /// ## Why it matters
    /// Adobe answers HTTP 400.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"error","playerTime":{"playhead":5,"ts":1700000005000},
    ///  "params":{"media.errorId":"can\'t decode","media.errorSource":"player"}}
    /// ```
    ///
    /// ## Use instead
    /// Use `\uXXXX` or the character itself.
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"error","playerTime":{"playhead":5,"ts":1700000005000},
    ///  "params":{"media.errorId":"can't decode","media.errorSource":"player"}}
    /// ```
    ///
    /// ## References
    /// RFC 8259 (section 7, strings)
    pub static JSON5_ESCAPE {
        code: "SYN019",
        name: "json5-escape",
        family: Syntax,
        severity: Error,
    }
}
