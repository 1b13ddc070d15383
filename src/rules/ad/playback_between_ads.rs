//! AD007 `playback-between-ads`: play, pauseStart or bufferStart inside an ad break but
//! outside an ad (R24).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// play, pauseStart or bufferStart inside an ad break but outside an ad.
    ///
    /// ## What it checks
    /// Between `adBreakStart` and the first `adStart`, between an ad's `adComplete` or `adSkip`
    /// and the next adStart, and between the last ad's close and `adBreakComplete`, no `play`,
    /// `pauseStart` or `bufferStart` is sent.
    ///
    /// ## Why it matters
    /// Adobe's timelines say no playback events belong between adBreakStart and adStart, and
    /// Adobe's SDK drops play, pause and buffer calls made inside a break while no ad is being
    /// tracked. Such an event likely switches the back end's player state for time that
    /// belongs to the ad break, so the time between ads is credited to main content or to the
    /// wrong state.
    ///
    /// ## Example
    /// A play sent after adBreakStart, before the ad:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000001}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000000002},
    ///  "params":{"media.ad.id":"spot-1","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// Start the ad right after adBreakStart; send play after adBreakComplete:
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
    /// {"eventType":"adBreakComplete","playerTime":{"playhead":0,"ts":1700000010001}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000010002}}
    /// ```
    ///
    /// ## References
    /// Adobe: media-collection-api/mc-api-timelines/mc-api-timeline-1.md (Action 4); FACTS
    /// R24 (the SDK drops these calls)
    pub static PLAYBACK_BETWEEN_ADS {
        code: "AD007",
        name: "playback-between-ads",
        family: Ad,
        severity: Warning,
        session: |_cfg| PlaybackBetweenAds,
    }
}

/// The rule.
pub struct PlaybackBetweenAds;

impl SessionRule for PlaybackBetweenAds {
    fn meta(&self) -> &'static RuleMeta {
        &PLAYBACK_BETWEEN_ADS
    }

    fn interest(&self) -> Interest {
        Interest::types(&[
            EventType::Play,
            EventType::PauseStart,
            EventType::BufferStart,
        ])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some(t @ (EventType::Play | EventType::PauseStart | EventType::BufferStart)) =
            ev.event_type
        else {
            return;
        };
        let Some(brk) = st.ad_break else {
            return;
        };
        if st.ad.is_some() {
            return;
        }
        sink.report(
            &PLAYBACK_BETWEEN_ADS,
            ev,
            ev.event_type_span,
            format!("`{}` inside an ad break but outside an ad; Adobe's SDK drops such calls, and the back end likely credits the time to the wrong state", t.name()),
        )
        .label("no ad is open in this ad break")
        .secondary_in(brk.file, brk.span, "the ad break opened here")
        .help("send playback events inside an ad (after adStart) or after adBreakComplete");
    }
}
