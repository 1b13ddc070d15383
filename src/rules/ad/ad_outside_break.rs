//! AD001 `ad-outside-break`: adStart, adComplete and adSkip need an open ad break (R26).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
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
    /// A single mid-roll sent without its ad break:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":15,"ts":1700000015000},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adComplete","playerTime":{"playhead":15,"ts":1700000025000}}
    /// ```
    ///
    /// ## Use instead
    /// Wrap every ad, even a single one, in adBreakStart and adBreakComplete:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":15,"ts":1700000014999},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":15}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":15,"ts":1700000015000},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adComplete","playerTime":{"playhead":15,"ts":1700000025000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakComplete","playerTime":{"playhead":15,"ts":1700000025001}}
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

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::AdStart, EventType::AdComplete, EventType::AdSkip])
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
