//! SYN006 `trailing-comma`, found by the lenient parser
//! ([`SyntaxKind::TrailingComma`](crate::syntax::SyntaxKind::TrailingComma)).

declare_rule! {
    /// A comma before `}` or `]`.
    ///
    /// ## What it checks
    /// A comma after the last member of an object or array.
    ///
    /// ## Why it matters
    /// Strict JSON forbids it and Adobe answers HTTP 400. Several of Adobe's own timeline examples
    /// have one.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":300,},}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":300}}
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md
    pub static TRAILING_COMMA {
        code: "SYN006",
        name: "trailing-comma",
        family: Syntax,
        severity: Error,
    }
}
