//! AD002 `ad-break-already-open`: an adBreakStart while an ad break is open (R27, R31).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// adBreakStart while an ad break is still open.
    ///
    /// ## What it checks
    /// An `adBreakStart` comes only when no ad break is open: the previous break was closed
    /// by its `adBreakComplete` first.
    ///
    /// ## Why it matters
    /// Every ad break needs its own adBreakComplete. Adobe's SDK never sends two breaks in a
    /// row: it closes the open one itself (adSkip for an open ad, then adBreakComplete) before
    /// it starts the next. The Media Collection API documents no such repair, so the first
    /// break and its ads are likely never closed, and ad break reports miscount them.
    ///
    /// ## Example
    /// A second break starts while the first is open:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000001},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// ```
    ///
    /// ## Use instead
    /// Close each break before the next one starts:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakComplete","playerTime":{"playhead":0,"ts":1700000000001}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000002},
    ///  "params":{"media.ad.podIndex":2,"media.ad.podSecond":0}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/ads/ad-break-start.md, events/ads/ad-break-complete.md; FACTS R27, R31
    /// (the SDK's implicit close)
    pub static AD_BREAK_ALREADY_OPEN {
        code: "AD002",
        name: "ad-break-already-open",
        family: Ad,
        severity: Warning,
        session: |_cfg| AdBreakAlreadyOpen,
    }
}

/// The rule.
pub struct AdBreakAlreadyOpen;

impl SessionRule for AdBreakAlreadyOpen {
    fn meta(&self) -> &'static RuleMeta {
        &AD_BREAK_ALREADY_OPEN
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::AdBreakStart])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::AdBreakStart) {
            return;
        }
        let Some(open) = st.ad_break else {
            return;
        };
        sink.report(
            &AD_BREAK_ALREADY_OPEN,
            ev,
            ev.event_type_span,
            "`adBreakStart` while an ad break is open; the open break likely stays unclosed in Adobe's ad reports",
        )
        .label("a second ad break starts here")
        .secondary_in(open.file, open.span, "this ad break has no adBreakComplete")
        .help("send adBreakComplete (after adComplete or adSkip for an open ad) before the next adBreakStart");
    }
}
