//! SUP002 `unused-suppression`: an inline suppression that suppresses nothing (ruff's
//! RUF100, ESLint's unused disable directives).

use crate::diagnostic::Diagnostic;
use crate::source::Span;

declare_rule! {
    /// An inline suppression that suppresses nothing.
    ///
    /// ## What it checks
    /// Every code of a `valint: ignore[...]` suppresses a finding of the request after it
    /// (or, in a HAR comment, of its entry), and every code of a
    /// `valint: ignore-session[...]` on a sessionStart a finding of that session.
    ///
    /// ## Why it matters
    /// A suppression left behind after the player was fixed would hide the same defect when
    /// it comes back. One before a request it does not concern, or with a mistyped code,
    /// hides nothing while the team believes it does.
    ///
    /// ## Example
    /// The ad is inside its break, so there is nothing to suppress:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":15,"ts":1700000014999},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":15}}
    /// # valint: ignore[AD001] -- house ads had no break before release 2.3
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":15,"ts":1700000015000},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// Remove the suppression:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":15,"ts":1700000014999},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":15}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":15,"ts":1700000015000},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## References
    /// valint: README.md, "Suppressing a finding"; ruff RUF100 (unused-noqa)
    pub static UNUSED_SUPPRESSION {
        code: "SUP002",
        name: "unused-suppression",
        family: Suppression,
        severity: Warning,
    }
}

/// The finding for `code` at `span` of `file`, which suppressed nothing, and `why`.
pub fn finding(file: usize, span: Span, code: &str, why: &str) -> Diagnostic {
    let mut d = Diagnostic::new(
        &UNUSED_SUPPRESSION,
        file,
        span,
        format!("`{code}` suppresses nothing: {why}"),
    );
    d.label("suppresses nothing");
    d.help("remove the code from the suppression (or the suppression)");
    d
}
