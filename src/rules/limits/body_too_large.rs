//! LIM001 `body-too-large`, reported by the run when it reaches one of valint's limits.

declare_rule! {
    /// A request body larger than the body-size limit was not checked.
    ///
    /// ## What it checks
    /// Request bodies larger than `--max-body-bytes` (default 256 MiB).
    ///
    /// ## Why it matters
    /// No Media Collection event comes near that size; such a body is a corrupt capture or hostile
    /// input. valint counts it as unreadable and does not parse it, so it cannot exhaust memory.
    ///
    /// ## Options
    /// `--max-body-bytes N`
    pub static BODY_TOO_LARGE {
        code: "LIM001",
        name: "body-too-large",
        family: Limit,
        severity: Error,
    }
}
