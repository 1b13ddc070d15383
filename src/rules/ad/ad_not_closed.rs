//! AD005 `ad-not-closed`: an ad that neither adComplete nor adSkip closed before the next
//! adStart or its break's adBreakComplete (R28, R31).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// An ad not closed by adComplete or adSkip before the next adStart or adBreakComplete.
    ///
    /// ## What it checks
    /// Every ad ends with `adComplete` (played to the end) or `adSkip` (skipped) before the
    /// next `adStart` or its break's `adBreakComplete`. An ad still open when the session ends
    /// is reported by AD004 with its break.
    ///
    /// ## Why it matters
    /// Adobe counts an ad as completed only from its adComplete; an ad left open is likely
    /// neither a completion nor a skip in ad reports. Adobe's SDK never leaves one open: a new
    /// adStart or an adBreakComplete makes it send adSkip for the open ad first.
    ///
    /// ## Example
    /// The first ad of the break is never closed:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000000001},
    ///  "params":{"media.ad.id":"spot-1","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000010000},
    ///  "params":{"media.ad.id":"spot-2","media.ad.length":10,"media.ad.podPosition":2,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// Close each ad with adComplete, or adSkip if the viewer skipped it:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000000001},
    ///  "params":{"media.ad.id":"spot-1","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adComplete","playerTime":{"playhead":0,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000010001},
    ///  "params":{"media.ad.id":"spot-2","media.ad.length":10,"media.ad.podPosition":2,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/overview.md, events/ads/ad-complete.md, events/ads/ad-skip.md; FACTS R28,
    /// R31 (the SDK's implicit adSkip)
    pub static AD_NOT_CLOSED {
        code: "AD005",
        name: "ad-not-closed",
        family: Ad,
        severity: Warning,
        session: |_cfg| AdNotClosed,
    }
}

/// The rule.
pub struct AdNotClosed;

impl SessionRule for AdNotClosed {
    fn meta(&self) -> &'static RuleMeta {
        &AD_NOT_CLOSED
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::AdStart, EventType::AdBreakComplete])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some(ad) = st.ad else {
            return;
        };
        let Some(t @ (EventType::AdStart | EventType::AdBreakComplete)) = ev.event_type else {
            return;
        };
        let after = if t == EventType::AdStart {
            "a new ad starts"
        } else {
            "its ad break closes"
        };
        sink.report(
            &AD_NOT_CLOSED,
            ev,
            ev.event_type_span,
            format!("`{}` while an ad is open: {after} without adComplete or adSkip for the open ad; it is likely counted neither as completed nor as skipped", t.name()),
        )
        .label("the open ad was not closed before this")
        .secondary_in(ad.file, ad.span, "this ad has no adComplete or adSkip")
        .help("send adComplete when the ad played to its end, or adSkip when it was skipped");
    }
}
