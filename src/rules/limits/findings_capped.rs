//! LIM002 `findings-capped`, reported by the run when it reaches one of valint's limits.

declare_rule! {
    /// More findings than the findings limit; the rest are counted, not listed.
    ///
    /// ## What it checks
    /// Runs with more findings than `--max-findings` (default 100,000).
    ///
    /// ## Why it matters
    /// The findings beyond the limit are still counted by severity in the summary (and decide the
    /// exit code) but are not listed, so output and memory stay bounded. Raise the limit or narrow
    /// the run with `--select` to see them.
    ///
    /// ## Options
    /// `--max-findings N`
    pub static FINDINGS_CAPPED {
        code: "LIM002",
        name: "findings-capped",
        family: Limit,
        severity: Info,
    }
}
