//! AD001 `ad-outside-break`: adStart, adComplete and adSkip need an open ad break (R26).

use crate::rules::{RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// adStart, adComplete or adSkip outside an open ad break.
    ///
    /// ## What it checks
    /// Every `adStart`, `adComplete` and `adSkip` comes between an `adBreakStart` and its
    /// `adBreakComplete`, even for a single ad.
    ///
    /// ## Why it matters
    /// Adobe ignores ad events outside an ad break and counts the ad's time as main content: ad
    /// reports miss the ad and content time spent is inflated.
    ///
    /// ## Example
    /// ```text
    /// play, adStart, adComplete, play
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// play, adBreakStart, adStart, adComplete, adBreakComplete, play
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-ref/mc-api-events-req.md, events/ads/ad-start.md, events/overview.md
    pub static AD_OUTSIDE_BREAK {
        code: "AD001",
        name: "ad-outside-break",
        family: Ad,
        severity: Error,
        session: |_cfg| AdOutsideBreak,
    }
}

/// The rule.
pub struct AdOutsideBreak;

impl SessionRule for AdOutsideBreak {
    fn meta(&self) -> &'static RuleMeta {
        &AD_OUTSIDE_BREAK
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
                &AD_OUTSIDE_BREAK,
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
