//! SUP001 `suppression-without-reason`: an inline suppression says why (ESLint's
//! `-- reason`, Biome's required explanation).

use crate::diagnostic::Diagnostic;
use crate::source::Span;

declare_rule! {
    /// An inline suppression without a reason after `--`.
    ///
    /// ## What it checks
    /// Every `valint: ignore[CODE]` and `valint: ignore-session[CODE]` ends with ` -- ` and
    /// the reason the finding is accepted. The finding is still suppressed.
    ///
    /// ## Why it matters
    /// A suppression hides a finding from every later run. Without the reason, the next
    /// person cannot tell a known, accepted quirk of a player from a defect someone wanted
    /// out of the way, and SARIF's justification stays empty.
    ///
    /// ## Example
    /// An ad sent outside its break, accepted without saying why:
    ///
    /// ```text
    /// # valint: ignore[AD001]
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":15,"ts":1700000015000},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// Say why:
    ///
    /// ```text
    /// # valint: ignore[AD001] -- the test player's house ads have no ad break (ticket 1234)
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":15,"ts":1700000015000},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## References
    /// valint: README.md, "Suppressing a finding"; ESLint's `-- reason` on disable
    /// directives
    pub static SUPPRESSION_WITHOUT_REASON {
        code: "SUP001",
        name: "suppression-without-reason",
        family: Suppression,
        severity: Warning,
    }
}

/// The finding for the suppression at `span` of `file`, which gives no reason.
pub fn finding(file: usize, span: Span) -> Diagnostic {
    let mut d = Diagnostic::new(
        &SUPPRESSION_WITHOUT_REASON,
        file,
        span,
        "this suppression gives no reason",
    );
    d.label("no ` -- reason` after the codes");
    d.help("add ` -- ` and why the finding is accepted, e.g. `valint: ignore[AD001] -- the test player sends house ads without a break`");
    d
}
