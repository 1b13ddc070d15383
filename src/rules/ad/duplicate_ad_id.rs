//! AD009 `duplicate-ad-id`: two ads of one ad break with the same `media.ad.id`.

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// Two ads of one ad break with the same media.ad.id.
    ///
    /// ## What it checks
    /// Within one ad break, no two `adStart`s carry the same `media.ad.id`.
    ///
    /// ## Why it matters
    /// An ad server rarely plays the same creative twice in one pod, so a repeated id is more
    /// likely metadata copied from the previous adStart than a real repeat: ad reports by id
    /// would then credit one ad with the other's views. This is advice; if the pod really
    /// played the ad twice, the finding can be ignored.
    ///
    /// ## Example
    /// The second ad carries the first one's id:
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
    ///  "params":{"media.ad.id":"spot-1","media.ad.length":10,"media.ad.podPosition":2,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// Each ad's own id:
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
    /// Adobe: media-collection-api/mc-api-ref/mc-api-req-params.md, variables/ads/ad-id.md;
    /// FACTS §5 (Timeline 2 (iii) repeats an id across two breaks, which this rule allows)
    pub static DUPLICATE_AD_ID {
        code: "AD009",
        name: "duplicate-ad-id",
        family: Ad,
        severity: Info,
        session: |_cfg| DuplicateAdId::default(),
    }
}

const KEY: &str = "media.ad.id";

/// The rule.
#[derive(Default)]
pub struct DuplicateAdId(super::SeenInBreak<String>);

impl SessionRule for DuplicateAdId {
    fn meta(&self) -> &'static RuleMeta {
        &DUPLICATE_AD_ID
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::AdStart])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some((_, Err((span, file, first)))) = self
            .0
            .observe(ev, st, KEY, |ev| ev.param_str(KEY).map(str::to_string))
        else {
            return;
        };
        let id = ev.param_str(KEY).unwrap_or_default();
        sink.report(
            &DUPLICATE_AD_ID,
            ev,
            span,
            format!("`{KEY}` \"{id}\" repeats an earlier ad's id in the same ad break; likely metadata copied from that adStart"),
        )
        .label("id used twice in this break")
        .secondary_in(file, first, "the earlier ad with this id")
        .help("send each ad's own id with its adStart");
    }
}
