//! LIM002 `findings-capped`, reported by the run when it reaches one of valint's limits.

use crate::diagnostic::Diagnostic;
use crate::source::Span;

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
    /// ## Example
    /// With a limit of 1 finding (the default is 100,000), a capture with more:
    ///
    /// ```text
    /// # valint check --max-findings 1
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300},}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":9.7,"ts":1700000010000},}
    /// ```
    ///
    /// ## Use instead
    /// Raise the limit, or narrow the run with `--select`:
    ///
    /// ```text
    /// # valint check --max-findings 10
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300},}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":9.7,"ts":1700000010000},}
    /// ```
    ///
    /// ## Options
    /// `--max-findings N`
    ///
    /// ## References
    /// valint: README.md, "Limits, speed and robustness"
    pub static FINDINGS_CAPPED {
        code: "LIM002",
        name: "findings-capped",
        family: Limit,
        severity: Info,
    }
}

/// The finding for `capped` findings beyond `--max-findings` `cap`, placed at the start of
/// `file` (the file of the last finding listed).
pub fn finding(file: usize, capped: usize, cap: usize) -> Diagnostic {
    let mut d = Diagnostic::new(
        &FINDINGS_CAPPED,
        file,
        Span::new(0, 0),
        format!("{capped} more findings beyond --max-findings {cap} are counted in the summary but not listed"),
    );
    d.help("raise --max-findings, or narrow the run with --select");
    d
}
