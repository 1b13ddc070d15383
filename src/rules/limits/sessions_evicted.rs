//! LIM003 `sessions-evicted`, reported by the run when it reaches one of valint's limits.

declare_rule! {
    /// More sessions were open at once than the open-sessions limit.
    ///
    /// ## What it checks
    /// Captures with more sessions open at the same time than `--max-open-sessions` (default
    /// 100,000).
    ///
    /// ## Why it matters
    /// valint keeps only open sessions in memory. Beyond the limit it finishes the session idle
    /// longest early (its end-of-session checks run then); a later event of that session is checked
    /// as the start of a new one and may get a missing-sessionStart finding.
    ///
    /// ## Options
    /// `--max-open-sessions N`
    pub static SESSIONS_EVICTED {
        code: "LIM003",
        name: "sessions-evicted",
        family: Limit,
        severity: Info,
    }
}
