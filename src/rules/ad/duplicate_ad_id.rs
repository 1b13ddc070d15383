//! AD009 `duplicate-ad-id`: two ads of one ad break with the same `media.ad.id`.

use crate::rules::{RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};
use crate::source::Span;

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
pub struct DuplicateAdId {
    /// The break the ids belong to (its adBreakStart's index).
    brk: Option<usize>,
    /// Ids seen in that break, with where each was written.
    seen: Vec<(String, usize, Span)>,
}

impl SessionRule for DuplicateAdId {
    fn meta(&self) -> &'static RuleMeta {
        &DUPLICATE_AD_ID
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::AdStart) {
            return;
        }
        let Some(brk) = st.ad_break else {
            return;
        };
        if self.brk != Some(brk.index) {
            self.brk = Some(brk.index);
            self.seen.clear();
        }
        let Some(id) = ev.param_str(KEY) else {
            return;
        };
        let span = ev.span_of(&format!("/params/{KEY}"));
        if let Some((_, file, first)) = self.seen.iter().find(|s| s.0 == id) {
            sink.report(
                &DUPLICATE_AD_ID,
                ev,
                span,
                format!("`{KEY}` \"{id}\" repeats an earlier ad's id in the same ad break; likely metadata copied from that adStart"),
            )
            .label("id used twice in this break")
            .secondary_in(*file, *first, "the earlier ad with this id")
            .help("send each ad's own id with its adStart");
        } else {
            self.seen.push((id.to_string(), ev.file, span));
        }
    }
}
