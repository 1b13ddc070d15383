//! TIM001 `playhead-backwards`: the playhead must not go backwards during playback.

use crate::config::Config;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, Phase, SessionState};

declare_rule! {
    /// The playhead goes backwards while the player is playing.
    ///
    /// ## What it checks
    /// While the session is in the playing state (after `play`, outside ad breaks), each event's
    /// `playerTime.playhead` (seconds of content) must not be smaller than the previous event's. An
    /// `error` does not change the state (R23), so the playhead after an error must continue from
    /// where it was.
    ///
    /// ## Why it matters
    /// The MC API has no seek events. A seek is reported as `pauseStart` at the old position and
    /// `play` at the new one; the first event after a pause or a buffer may jump anywhere. A
    /// backwards jump in plain playback is a player bug: Adobe's progress markers, chapter and
    /// content-position reports use the playhead and come out wrong.
    ///
    /// ## Example
    /// A seek back reported without a pause:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":10,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":20,"ts":1700000020000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":12,"ts":1700000030000}}
    /// ```
    ///
    /// ## Use instead
    /// Report the position the player really shows; for a seek back, send `pauseStart` before the
    /// jump and `play` after it:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":10,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":20,"ts":1700000020000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":21,"ts":1700000021000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":12,"ts":1700000021400}}
    /// ```
    ///
    /// ## Options
    /// `--playhead-tolerance SECONDS` (default 0): smaller steps back are ignored.
    ///
    /// ## References
    /// Adobe: mc-api-ref/mc-api-sessions-req.md (playhead), events/error.md, mc-api-timelines ("No
    /// Seek Events?")
    pub static PLAYHEAD_BACKWARDS {
        code: "TIM001",
        name: "playhead-backwards",
        family: Time,
        severity: Warning,
        session: PlayheadBackwards::new,
    }
}

/// The rule.
pub struct PlayheadBackwards {
    tolerance: f64,
}

impl PlayheadBackwards {
    /// With the configured tolerance.
    pub fn new(cfg: &Config) -> Self {
        PlayheadBackwards {
            tolerance: cfg.playhead_tolerance_s,
        }
    }
}

impl SessionRule for PlayheadBackwards {
    fn meta(&self) -> &'static RuleMeta {
        &PLAYHEAD_BACKWARDS
    }

    // Every event's playhead.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if st.phase != Phase::Playing || st.ad_break.is_some() || ev.is(EventType::SessionStart) {
            return;
        }
        let (Some(now), Some((prev, mark))) = (ev.playhead, st.last_playhead) else {
            return;
        };
        if now.value >= prev - self.tolerance {
            return;
        }
        // An event that arrived after a later one (TIM004) is compared with the wrong event.
        if let (Some(ts), Some((last_ts, _))) = (ev.ts, st.last_ts) {
            if ts.value < last_ts {
                return;
            }
        }
        let after_error = mark.event_type == Some(EventType::Error);
        let d = sink
            .report(
                &PLAYHEAD_BACKWARDS,
                ev,
                now.span,
                format!(
                    "playhead goes back from {} s to {} s while playing; Adobe's progress and position reports come out wrong",
                    format_num(prev),
                    format_num(now.value)
                ),
            )
            .label(format!("playhead {} s here", format_num(now.value)))
            .help("report the position the player shows; for a seek back, send pauseStart before the jump and play after it");
        if after_error {
            d.note = Some("an error does not change the player state: playback continues from the error's playhead".into());
        }
        d.secondary_in(
            mark.file,
            mark.playhead_or_event(),
            format!("previous playhead {} s", format_num(prev)),
        );
    }
}
