//! PLB003 `play-before-preroll`: a `play` before a pre-roll's adBreakStart counts a
//! content start (R29).

use crate::config::Config;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, Mark, SessionState};

declare_rule! {
    /// A `play` is sent before the pre-roll ad break starts.
    ///
    /// ## What it checks
    /// When the session's first ad break starts before any content has played (every playhead
    /// so far, the adBreakStart's included, at most 1 s), no `play` may come before that
    /// `adBreakStart`. The finding is on the early `play`.
    ///
    /// ## Why it matters
    /// Adobe's ad docs ask for pre-roll tracking to begin with `adBreakStart` and `adStart`, not
    /// with `play`: an early `play` counts a Content start for the session even if the viewer
    /// leaves during the ad and never sees the content. Send `play` after the pre-roll's
    /// `adBreakComplete`, when the content's first frame shows.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000100}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000200},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000200},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000000201},
    ///  "params":{"media.ad.id":"spot-1","media.ad.length":15,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Not checked
    /// The docs also ask for `play` when the first frame renders, not when the player
    /// opens the session. A capture holds no rendering events, so how long after
    /// sessionStart the first frame came cannot be known; a `play` in the same millisecond
    /// as sessionStart is legal (Adobe's SDK sends ties like it).
    ///
    /// ## References
    /// Adobe: events/ads/overview.md (pre-roll ads), mc-api-timelines (Actions 3, 4 and 11);
    /// FACTS R29
    pub static PLAY_BEFORE_PREROLL {
        code: "PLB003",
        name: "play-before-preroll",
        family: Playback,
        severity: Error,
        session: PlayBeforePreroll::new,
    }
}

/// Content that has played at most this long has not started, seconds.
const START_SLACK_S: f64 = 1.0;

/// The rule.
pub struct PlayBeforePreroll {
    /// The session's first play, while no ad break has started.
    first_play: Option<Mark>,
    /// An ad break has started, or content has played: nothing more to check.
    done: bool,
}

impl PlayBeforePreroll {
    /// A fresh instance.
    pub fn new(_cfg: &Config) -> Self {
        PlayBeforePreroll {
            first_play: None,
            done: false,
        }
    }
}

impl SessionRule for PlayBeforePreroll {
    fn meta(&self) -> &'static RuleMeta {
        &PLAY_BEFORE_PREROLL
    }

    // Any event's playhead past the start ends the pre-roll's window.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if self.done {
            return;
        }
        if ev.playhead.is_some_and(|p| p.value > START_SLACK_S) {
            self.done = true;
            return;
        }
        if ev.is(EventType::Play) && self.first_play.is_none() {
            self.first_play = Some(st.mark(ev));
            return;
        }
        if !ev.is(EventType::AdBreakStart) {
            return;
        }
        self.done = true;
        let Some(play) = self.first_play else {
            return;
        };
        let d = sink
            .report_mark(
                &PLAY_BEFORE_PREROLL,
                &play,
                "play before the pre-roll ad break; Adobe counts a Content start here even if the viewer leaves during the ads",
            )
            .label("play before the pre-roll")
            .help("send adBreakStart and adStart first, and play after adBreakComplete when the content starts");
        let at = ev
            .playhead
            .map(|p| {
                format!(
                    "pre-roll ad break starts at playhead {} s",
                    format_num(p.value)
                )
            })
            .unwrap_or_else(|| "pre-roll ad break starts here".into());
        d.secondary_in(ev.file, ev.playhead_span(), at);
    }
}
