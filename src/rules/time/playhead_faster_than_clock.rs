//! TIM006 `playhead-faster-than-clock`: while playing, the playhead cannot run ahead of
//! the wall clock.

use crate::config::Config;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, Mark, Phase, SessionState};

declare_rule! {
    /// The playhead runs faster than the wall clock while the player is playing.
    ///
    /// ## What it checks
    /// Between two events while the session is playing (outside ad breaks), the playhead may
    /// advance by at most the time between their `playerTime.ts` values plus a tolerance. The
    /// comparison starts again at every `play` and ad break, and a step back (TIM001's finding)
    /// does not move the starting point. Reported once per session, at the first event that runs
    /// ahead.
    ///
    /// ## Why it matters
    /// At normal speed content cannot play faster than time passes. Adobe measures time spent
    /// from the device timestamps but progress markers and content position from the playhead,
    /// so a playhead that runs ahead (a forward seek reported without `pauseStart` and `play`, a
    /// wrong unit, a stale `ts`) likely reaches progress markers the viewer never reached. Players
    /// with a faster playback rate need a larger tolerance.
    ///
    /// ## Example
    /// A forward seek from 20 s to 80 s within 10 s, reported as plain playback:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":10,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":20,"ts":1700000020000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":80,"ts":1700000030000}}
    /// ```
    ///
    /// ## Use instead
    /// Report the seek as `pauseStart` at the old position and `play` at the new one:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":10,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":20,"ts":1700000020000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":21,"ts":1700000021000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":75,"ts":1700000021300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":83.7,"ts":1700000030000}}
    /// ```
    ///
    /// ## Options
    /// `--playhead-clock-tolerance S` (default 2; `playhead-clock-tolerance` in `valint.toml`):
    /// how many seconds the playhead may gain on the clock between two events.
    ///
    /// ## References
    /// Adobe: mc-api-timelines ("No Seek Events?": time spent comes from device timestamps),
    /// mc-api-ref/mc-api-sessions-req.md (playhead, ts); FACTS R13
    pub static PLAYHEAD_FASTER_THAN_CLOCK {
        code: "TIM006",
        name: "playhead-faster-than-clock",
        family: Time,
        severity: Warning,
        session: PlayheadFasterThanClock::new,
    }
}

/// The rule.
pub struct PlayheadFasterThanClock {
    tolerance: f64,
    /// The playhead (s) and clock (ms) the next playing event is compared with.
    from: Option<(f64, i64, Mark)>,
    reported: bool,
}

impl PlayheadFasterThanClock {
    /// With the configured tolerance.
    pub fn new(cfg: &Config) -> Self {
        PlayheadFasterThanClock {
            tolerance: cfg.playhead_clock_tolerance_s,
            from: None,
            reported: false,
        }
    }
}

impl SessionRule for PlayheadFasterThanClock {
    fn meta(&self) -> &'static RuleMeta {
        &PLAYHEAD_FASTER_THAN_CLOCK
    }

    // Every event's playhead and clock.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let here = match (ev.playhead, st.clock_of(ev)) {
            (Some(p), Some(c)) => Some((p.value, c, st.mark(ev))),
            _ => None,
        };
        let playing =
            st.phase == Phase::Playing && st.ad_break.is_none() && !ev.is(EventType::SessionStart);
        let (Some((ph, clock, _)), Some((from_ph, from_clock, from_mark)), true) =
            (here, self.from, playing)
        else {
            // Not playing (a play after a pause or buffer carries the new position), or
            // nothing to compare: start again here.
            if here.is_some() {
                self.from = here;
            }
            return;
        };
        if clock < from_clock {
            // Processed out of order (TIM004): not comparable.
            return;
        }
        if ph < from_ph {
            // A step back is TIM001's; keep comparing with the last good position.
            return;
        }
        self.from = here;
        let wall_s = (clock - from_clock) as f64 / 1000.0;
        let gained = ph - from_ph;
        if self.reported || gained <= wall_s + self.tolerance {
            return;
        }
        self.reported = true;
        let Some(now) = ev.playhead else {
            return;
        };
        sink.report(
            &PLAYHEAD_FASTER_THAN_CLOCK,
            ev,
            now.span,
            format!(
                "playhead advances {} s in {} s of wall-clock time while playing; Adobe likely places progress markers and content position past what the viewer watched",
                format_num(round3(gained)),
                format_num(round3(wall_s))
            ),
        )
        .label(format!("playhead {} s", format_num(ph)))
        .help("report a forward seek as pauseStart at the old position and play at the new one; raise --playhead-clock-tolerance for faster playback rates")
        .secondary_in(
            from_mark.file,
            from_mark.playhead_or_event(),
            format!("playhead {} s here", format_num(from_ph)),
        );
    }
}

/// Rounds to milliseconds, for messages.
fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}
