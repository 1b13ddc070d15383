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
    /// ## Options
    /// `--max-depth N`
    pub static NESTING_TOO_DEEP {
        code: "SYN021",
        name: "nesting-too-deep",
        family: Syntax,
        severity: Error,
    }
}
