//! AD006 `ad-end-without-ad`: adComplete or adSkip inside an ad break with no open ad, such
//! as an ad closed by both (R28, R31).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, Mark, SessionState};

declare_rule! {
    /// adComplete or adSkip with no open ad, such as an ad closed by both.
    ///
    /// ## What it checks
    /// Inside an ad break, every `adComplete` and `adSkip` closes the ad the last `adStart`
    /// opened, and each ad is closed once: by adComplete or by adSkip, not both. (Outside an
    /// ad break they are AD001's.)
    ///
    /// ## Why it matters
    /// An ad ends either played to the end or skipped. A second close is likely counted
    /// against the wrong ad, or as both a completion and a skip of the same ad. Adobe's SDK
    /// refuses an adComplete or adSkip when no ad is open.
    ///
    /// ## Example
    /// The player sends adSkip after the ad completed:
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
    /// {"eventType":"adSkip","playerTime":{"playhead":0,"ts":1700000010001}}
    /// ```
    ///
    /// ## Use instead
    /// Close the ad once:
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
    /// ```
    ///
    /// ## References
    /// Adobe: events/overview.md, events/ads/ad-complete.md, events/ads/ad-skip.md; FACTS R28,
    /// R31
    pub static AD_END_WITHOUT_AD {
        code: "AD006",
        name: "ad-end-without-ad",
        family: Ad,
        severity: Warning,
        session: |_cfg| AdEndWithoutAd::default(),
    }
}

/// The rule.
#[derive(Default)]
pub struct AdEndWithoutAd {
    /// The adComplete or adSkip that closed the last ad of the open break.
    closed: Option<Mark>,
}

impl SessionRule for AdEndWithoutAd {
    fn meta(&self) -> &'static RuleMeta {
        &AD_END_WITHOUT_AD
    }

    fn interest(&self) -> Interest {
        Interest::types(&[
            EventType::AdBreakStart,
            EventType::AdBreakComplete,
            EventType::AdStart,
            EventType::AdComplete,
            EventType::AdSkip,
        ])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some(t) = ev.event_type else {
            return;
        };
        match t {
            EventType::AdBreakStart | EventType::AdBreakComplete | EventType::AdStart => {
                self.closed = None;
            }
            EventType::AdComplete | EventType::AdSkip if st.ad_break.is_some() => {
                if st.ad.is_some() {
                    self.closed = Some(st.mark(ev));
                    return;
                }
                let message = match self.closed {
                    Some(c) => {
                        let first = c.event_type.map_or("event", |e| e.name());
                        if c.event_type == ev.event_type {
                            format!("a second `{}` for the same ad", t.name())
                        } else {
                            format!("`{}` for an ad already closed by `{first}`; an ad ends with one of them, not both", t.name())
                        }
                    }
                    None => format!("`{}` with no open ad in this ad break", t.name()),
                };
                let d = sink
                    .report(&AD_END_WITHOUT_AD, ev, ev.event_type_span, message)
                    .label("no ad is open")
                    .help("send one adComplete or one adSkip for each adStart");
                if let Some(c) = self.closed {
                    d.secondary_in(c.file, c.span, "the ad was closed here");
                } else if let Some(b) = st.ad_break {
                    d.secondary_in(b.file, b.span, "the ad break opened here; no adStart since");
                }
            }
            _ => {}
        }
    }
}
