//! AD001 `ad-outside-break`: adStart, adComplete and adSkip need an open ad break (R26).

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

/// Metadata and explain text.
pub static META: RuleMeta = RuleMeta {
    code: "AD001",
    name: "ad-outside-break",
    family: Family::Ad,
    severity: Severity::Error,
    summary: "adStart, adComplete or adSkip outside an open ad break.",
    docs: "## What it checks\nEvery `adStart`, `adComplete` and `adSkip` comes between an `adBreakStart` and its `adBreakComplete`, even for a single ad.\n\n## Why it matters\nAdobe ignores ad events outside an ad break and counts the ad's time as main content: ad reports miss the ad and content time spent is inflated.\n\n## Example\n```\nplay, adStart, adComplete, play\n```\n\n## Use instead\n```\nplay, adBreakStart, adStart, adComplete, adBreakComplete, play\n```\n\n## References\nAdobe: mc-api-ref/mc-api-events-req.md, events/ads/ad-start.md, events/overview.md",
};

/// The rule.
pub struct AdOutsideBreak;

impl SessionRule for AdOutsideBreak {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some(t) = ev.event_type else {
            return;
        };
        if !t.is_ad_event() || st.ad_break.is_some() {
            return;
        }
        let consequence = if t == EventType::AdStart {
            "Adobe ignores it and counts the ad's time as main content"
        } else {
            "Adobe ignores it"
        };
        let d = sink
            .report(
                &META,
                ev,
                ev.event_type_span,
                format!("`{}` outside an ad break; {consequence}", t.name()),
            )
            .label("no ad break is open")
            .help("send adBreakStart before the first adStart of a break, and adBreakComplete after its last ad");
        if let Some(end) = st.last_ad_break_end {
            d.secondary_in(end.file, end.span, "the last ad break closed here");
        } else if let Some(start) = st.started {
            d.secondary_in(
                start.file,
                start.span,
                "session started here; no ad break since",
            );
        }
    }
}
