//! AD012 `gap-between-ads`: 250 ms or more between an adComplete and the next adStart of
//! the same ad break (R30).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, Mark, SessionState};

declare_rule! {
    /// 250 ms or more between an adComplete and the next adStart of the same ad break.
    ///
    /// ## What it checks
    /// Inside an ad break, the `adStart` of the next ad follows the previous ad's `adComplete`
    /// (or `adSkip`) within 250 ms of `ts`.
    ///
    /// ## Why it matters
    /// Adobe's ads overview names this gap as the cause of main-content calls between ads: past
    /// 250 ms, Adobe's Media SDK falls back to main content tracking between the two ads, which
    /// can set Content starts early in a pre-roll. That is the SDK's behaviour; for a client of
    /// the API the gap likely means main-content time accrues between the ads. This is advice:
    /// send the next adStart right after the previous ad closes.
    ///
    /// ## Example
    /// Two seconds between the ads:
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
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000012000},
    ///  "params":{"media.ad.id":"spot-2","media.ad.length":10,"media.ad.podPosition":2,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// The next adStart at once:
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
    /// Adobe: events/ads/overview.md (Common issues); FACTS R30
    pub static GAP_BETWEEN_ADS {
        code: "AD012",
        name: "gap-between-ads",
        family: Ad,
        severity: Info,
        session: |_cfg| GapBetweenAds::default(),
    }
}

/// The gap at which Adobe's Media SDK falls back to main content (R30), ms.
const GAP_MS: i64 = 250;

/// The rule.
#[derive(Default)]
pub struct GapBetweenAds {
    /// The adComplete or adSkip that closed the last ad of the open break.
    closed: Option<Mark>,
}

impl SessionRule for GapBetweenAds {
    fn meta(&self) -> &'static RuleMeta {
        &GAP_BETWEEN_ADS
    }

    fn interest(&self) -> Interest {
        Interest::types(&[
            EventType::AdBreakStart,
            EventType::AdStart,
            EventType::AdComplete,
            EventType::AdSkip,
            EventType::AdBreakComplete,
        ])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        match ev.event_type {
            Some(EventType::AdComplete | EventType::AdSkip)
                if st.ad_break.is_some() && st.ad.is_some() =>
            {
                self.closed = Some(st.mark(ev));
            }
            Some(EventType::AdStart) => {
                let Some(closed) = self.closed.take() else {
                    return;
                };
                if st.ad_break.is_none() {
                    return;
                }
                let (Some(then), Some(now)) = (closed.clock_ms, st.clock_of(ev)) else {
                    return;
                };
                let gap = now - then;
                if gap < GAP_MS {
                    return;
                }
                let first = closed.event_type.map_or("event", |t| t.name());
                sink.report(
                    &GAP_BETWEEN_ADS,
                    ev,
                    ev.ts_span.unwrap_or(ev.event_type_span),
                    format!(
                        "{} s between `{first}` and the next `adStart`; past 250 ms Adobe's Media SDK tracks main content between the ads, and the API likely credits the gap to main content",
                        format_num(gap as f64 / 1000.0)
                    ),
                )
                .label("the next ad starts here")
                .secondary_in(closed.file, closed.ts_or_event(), "the previous ad closed here")
                .help("send the next adStart right after the previous ad's adComplete or adSkip");
            }
            Some(EventType::AdBreakStart | EventType::AdBreakComplete) => self.closed = None,
            _ => {}
        }
    }
}
