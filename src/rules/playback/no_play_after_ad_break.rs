//! PLB004 `no-play-after-ad-break`: content resumes after an ad break without `play` (R22).

use crate::config::Config;
use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, Mark, SessionState};

declare_rule! {
    /// Content pings advance the playhead after an ad break without a `play`.
    ///
    /// ## What it checks
    /// After `adBreakComplete`, the player announces the return to main content with `play`
    /// (or `pauseStart`/`bufferStart` if it does not resume at once). A `ping` whose playhead
    /// is more than 1 s past the break's playhead before any of those is reported, once per
    /// break.
    ///
    /// ## Why it matters
    /// Adobe's timelines send `play` after the pre-roll's `adBreakComplete` to put the player
    /// back into playing. Without it the back end is left in the state the last ad put it in,
    /// and how it counts the content that follows is not documented, so main-content time after
    /// the break is likely attributed inconsistently. Adobe's own timelines 1 and 3 miss this
    /// `play` after their mid-roll.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":2,"media.ad.podSecond":300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":300,"ts":1700000300001},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":15,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adComplete","playerTime":{"playhead":300,"ts":1700000315000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakComplete","playerTime":{"playhead":300,"ts":1700000315001}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":305,"ts":1700000320000}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":2,"media.ad.podSecond":300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":300,"ts":1700000300001},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":15,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adComplete","playerTime":{"playhead":300,"ts":1700000315000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakComplete","playerTime":{"playhead":300,"ts":1700000315001}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":300,"ts":1700000315002}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":305,"ts":1700000320000}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-timelines 1 and 3 (Action 11; the mid-roll breaks lack it); FACTS R22, R25
    pub static NO_PLAY_AFTER_AD_BREAK {
        code: "PLB004",
        name: "no-play-after-ad-break",
        family: Playback,
        severity: Warning,
        session: NoPlayAfterAdBreak::new,
    }
}

/// Playhead movement after the break that is still the break's position, seconds.
const SLACK_S: f64 = 1.0;

/// The rule.
pub struct NoPlayAfterAdBreak {
    /// The adBreakComplete not yet followed by play, pauseStart or bufferStart.
    pending: Option<Mark>,
}

impl NoPlayAfterAdBreak {
    /// A fresh instance.
    pub fn new(_cfg: &Config) -> Self {
        NoPlayAfterAdBreak { pending: None }
    }
}

impl SessionRule for NoPlayAfterAdBreak {
    fn meta(&self) -> &'static RuleMeta {
        &NO_PLAY_AFTER_AD_BREAK
    }

    // Pings show the content playing on after the break.
    fn interest(&self) -> Interest {
        Interest::types(&[
            EventType::SessionStart,
            EventType::Play,
            EventType::Ping,
            EventType::PauseStart,
            EventType::BufferStart,
            EventType::AdBreakStart,
            EventType::AdBreakComplete,
        ])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        match ev.event_type {
            Some(EventType::AdBreakComplete) => {
                self.pending = st.ad_break.map(|_| st.mark(ev));
                return;
            }
            Some(
                EventType::Play
                | EventType::PauseStart
                | EventType::BufferStart
                | EventType::AdBreakStart
                | EventType::SessionStart,
            ) => {
                self.pending = None;
                return;
            }
            Some(EventType::Ping) => {}
            _ => return,
        }
        let (Some(brk), Some(now)) = (self.pending, ev.playhead) else {
            return;
        };
        let Some(at) = brk.playhead else {
            self.pending = None;
            return;
        };
        if now.value <= at + SLACK_S {
            return;
        }
        self.pending = None;
        sink.report(
            &NO_PLAY_AFTER_AD_BREAK,
            ev,
            now.span,
            format!(
                "content plays on from {} s to {} s after the ad break without a play; how Adobe counts this content time without play is undocumented, so it is likely attributed inconsistently",
                format_num(at),
                format_num(now.value)
            ),
        )
        .label(format!("playhead {} s, no play since the break", format_num(now.value)))
        .help("send play right after adBreakComplete when the content resumes")
        .secondary_in(brk.file, brk.span, "ad break completed here");
    }
}
