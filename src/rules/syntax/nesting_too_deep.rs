//! SYN021 `nesting-too-deep`, found by the lenient parser
//! ([`SyntaxKind::NestingTooDeep`](crate::syntax::SyntaxKind::NestingTooDeep)).

declare_rule! {
    /// Objects or arrays nested deeper than the limit.
    ///
    /// ## What it checks
    /// Nesting deeper than the configured limit (default 128).
    ///
    /// ## Why it matters
    /// No Media Collection body nests more than four levels; deeper input is corrupt or hostile.
    /// valint skips it without recursion.
    ///
    /// ## Example
    /// With a limit of 4 levels, a player that serialised a whole object into a value:
    ///
    /// ```text
    /// # valint check --max-depth 4
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300},
    ///  "params":{"player":{"state":{"media":{"id":"clip-7"}}}}}
    /// ```
    ///
    /// ## Use instead
    /// Send flat values; bodies nest four levels at most.
    ///
    /// ```text
    /// # valint check --max-depth 4
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## Options
    /// `--max-depth N`
    ///
    /// ## References
    /// valint: README.md, "Limits, speed and robustness"
    pub static NESTING_TOO_DEEP {
        code: "SYN021",
        name: "nesting-too-deep",
        family: Syntax,
        severity: Error,
    }
}
