//! SUP003 `invalid-suppression`: an inline suppression valint cannot read, or one naming
//! no rule (ruff's invalid-rule-code).

use crate::diagnostic::Diagnostic;
use crate::source::Span;

declare_rule! {
    /// An inline suppression that cannot be read or names no rule.
    ///
    /// ## What it checks
    /// A `valint:` comment is `valint: ignore[CODE, ...] -- reason` or
    /// `valint: ignore-session[CODE, ...] -- reason`, and each CODE is a rule's code, name,
    /// code prefix or family, as `--select` takes them.
    ///
    /// ## Why it matters
    /// A suppression valint cannot read suppresses nothing: the finding it was meant for is
    /// still reported, or, worse, the team believes a code is covered that no rule has.
    ///
    /// ## Example
    /// A misspelt code:
    ///
    /// ```text
    /// # valint: ignore[AD01X] -- house ads have no break
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":15,"ts":1700000015000},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// A code `valint rules` lists:
    ///
    /// ```text
    /// # valint: ignore[AD001] -- house ads have no break
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":15,"ts":1700000015000},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## References
    /// valint: README.md, "Suppressing a finding"; ruff RUF102 (invalid-rule-code)
    pub static INVALID_SUPPRESSION {
        code: "SUP003",
        name: "invalid-suppression",
        family: Suppression,
        severity: Warning,
    }
}

/// The finding for the suppression (or code) at `span` of `file`, with what is wrong.
pub fn finding(file: usize, span: Span, why: &str) -> Diagnostic {
    let mut d = Diagnostic::new(
        &INVALID_SUPPRESSION,
        file,
        span,
        format!("this suppression cannot be used: {why}"),
    );
    d.label("not a suppression valint can read");
    d.help("write `valint: ignore[CODE] -- reason` (or `ignore-session[CODE]` on a sessionStart); `valint rules` lists the codes");
    d
}
