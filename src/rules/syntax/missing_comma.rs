//! SYN007 `missing-comma`, found by the lenient parser
//! ([`SyntaxKind::MissingComma`](crate::syntax::SyntaxKind::MissingComma)).

declare_rule! {
    /// Two members or elements with no comma between them.
    ///
    /// ## What it checks
    /// A missing `,` between object members or array elements.
    ///
    /// ## Why it matters
    /// The body is not JSON; Adobe answers HTTP 400.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"bitrateChange" "playerTime":{"playhead":48,"ts":1700000048000},
    ///  "qoeData":{"media.qoe.bitrate":3500000}}
    /// ```
    ///
    /// ## Use instead
    /// Add the comma.
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"bitrateChange","playerTime":{"playhead":48,"ts":1700000048000},
    ///  "qoeData":{"media.qoe.bitrate":3500000}}
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md
    pub static MISSING_COMMA {
        code: "SYN007",
        name: "missing-comma",
        family: Syntax,
        severity: Error,
    }
}
