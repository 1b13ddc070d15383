//! SYN001 `unexpected-token`, found by the lenient parser
//! ([`SyntaxKind::UnexpectedToken`](crate::syntax::SyntaxKind::UnexpectedToken)).

declare_rule! {
    /// A token that cannot stand at this place in a JSON body.
    ///
    /// ## What it checks
    /// A character or word where the JSON grammar allows none (for example `{` right after a value,
    /// or `@`).
    ///
    /// ## Why it matters
    /// The body is not JSON; Adobe answers HTTP 400 and the event is lost. valint skips to the next
    /// `,` `}` `]` or line end and keeps checking.
    ///
    /// ## Example
    /// A template engine that left its placeholder in the body:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":{{position}},"ts":1700000020000}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":20,"ts":1700000020000}}
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md
    pub static UNEXPECTED_TOKEN {
        code: "SYN001",
        name: "unexpected-token",
        family: Syntax,
        severity: Error,
    }
}
