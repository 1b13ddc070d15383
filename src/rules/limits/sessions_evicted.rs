//! LIM003 `sessions-evicted`, reported by the run when it reaches one of valint's limits.

use crate::diagnostic::Diagnostic;
use crate::source::Span;

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
    /// ## Example
    /// With a limit of 1 open session (the default is 100,000), two players recorded at once:
    ///
    /// ```text
    /// # valint check --max-open-sessions 1
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// POST /api/v1/sessions/7d3b5f18/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000400}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":9.7,"ts":1700000010000}}
    /// ```
    ///
    /// ## Use instead
    /// A limit above the number of sessions open at the same time:
    ///
    /// ```text
    /// # valint check --max-open-sessions 2
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// POST /api/v1/sessions/7d3b5f18/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000400}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":9.7,"ts":1700000010000}}
    /// ```
    ///
    /// ## Options
    /// `--max-open-sessions N`
    ///
    /// ## References
    /// valint: README.md, "Limits, speed and robustness"
    pub static SESSIONS_EVICTED {
        code: "LIM003",
        name: "sessions-evicted",
        family: Limit,
        severity: Info,
    }
}

/// The finding for `evicted` sessions finished early because more than `--max-open-sessions`
/// `max` were open at once (about the run, not a place in a file).
pub fn finding(max: usize, evicted: usize) -> Diagnostic {
    let mut d = Diagnostic::new(
        &SESSIONS_EVICTED,
        0,
        Span::new(0, 0),
        format!(
            "more than {max} sessions were open at once; {evicted} were finished early to keep memory bounded"
        ),
    );
    d.help("raise --max-open-sessions if the capture really holds that many concurrent sessions");
    d
}
