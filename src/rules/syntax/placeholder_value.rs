//! SYN010 `placeholder-value`, found by the lenient parser
//! ([`SyntaxKind::Placeholder`](crate::syntax::SyntaxKind::Placeholder)).

declare_rule! {
    /// A documentation placeholder such as `<timestamp>` where a real value belongs.
    ///
    /// ## What it checks
    /// Values such as `<timestamp>` or the string `"<timestamp>"` copied from Adobe's examples.
    ///
    /// ## Why it matters
    /// `<timestamp>` is not JSON; the string form has the wrong type for `ts` (an integer, epoch
    /// milliseconds). Adobe answers HTTP 400. On a docs page, valint uses the action table's
    /// seconds as the clock instead and says so.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":<timestamp>}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-timelines/mc-api-timeline-1.md (placeholders in its request bodies)
    pub static PLACEHOLDER {
        code: "SYN010",
        name: "placeholder-value",
        family: Syntax,
        severity: Error,
    }
}
