//! AD008 `duplicate-pod-position`: two ads of one ad break with the same
//! `media.ad.podPosition`.

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, SessionState};

declare_rule! {
    /// Two ads of one ad break with the same media.ad.podPosition.
    ///
    /// ## What it checks
    /// Within one ad break, every `adStart` has its own `media.ad.podPosition`. The check does
    /// not depend on whether positions count from 0 or from 1 (Adobe's pages disagree).
    ///
    /// ## Why it matters
    /// podPosition is the ad's place in its pod: two ads cannot both be first. A repeated
    /// position is likely a counter that was not advanced, and ad reports by position merge the
    /// two ads. Adobe's timelines 1 and 3 show this mistake (Ad 2 repeats position 1).
    ///
    /// ## Example
    /// The second ad repeats position 1:
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
    ///  "params":{"media.ad.id":"spot-2","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// Count the ads of each break:
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
    /// Adobe: media-collection-api/mc-api-ref/mc-api-req-params.md,
    /// variables/ads/ad-in-pod-position.md; FACTS §5 (Timeline 1 (ii), Timeline 3 (iii)), §6
    pub static DUPLICATE_POD_POSITION {
        code: "AD008",
        name: "duplicate-pod-position",
        family: Ad,
        severity: Warning,
        session: |_cfg| DuplicatePodPosition::default(),
    }
}

const KEY: &str = "media.ad.podPosition";

/// The rule.
#[derive(Default)]
pub struct DuplicatePodPosition(super::SeenInBreak<f64>);

impl SessionRule for DuplicatePodPosition {
    fn meta(&self) -> &'static RuleMeta {
        &DUPLICATE_POD_POSITION
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::AdStart])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some((brk, Err((span, file, first)))) =
            self.0.observe(ev, st, KEY, |ev| ev.param_f64(KEY))
        else {
            return;
        };
        let pos = ev.param_f64(KEY).unwrap_or_default();
        sink.report(
            &DUPLICATE_POD_POSITION,
            ev,
            span,
            format!(
                "`{KEY}` {} repeats an earlier ad's position in the same ad break; ad reports by position likely merge the two ads",
                format_num(pos)
            ),
        )
        .label("position used twice in this break")
        .secondary_in(file, first, "the earlier ad with this position")
        .secondary_in(brk.file, brk.span, "the ad break opened here")
        .help("give each ad of a break its own position, counting up from the break's first ad");
    }
}
