//! TIM005 `playhead-moved-while-paused`: while paused or buffering the playhead stays put
//! (R13).

use crate::config::Config;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, Mark, Phase, SessionState};

declare_rule! {
    /// The playhead moves while the player is paused or buffering.
    ///
    /// ## What it checks
    /// From `pauseStart` or `bufferStart` until the `play` that ends it, every event carries the
    /// playhead of the event that began the pause or the buffer. Reported once per pause or
    /// buffer, on the first event that moves. The `play` that ends a pause may carry any
    /// playhead (that is how a seek is reported); the `play` that ends a buffer must not go back
    /// from where the buffer began. Moves of up to 0.5 s are ignored, and ad breaks are left to
    /// TIM002.
    /// A pause or buffer whose event was processed after a later one (TIM004) is not checked.
    ///
    /// ## Why it matters
    /// Adobe's docs state that the playhead does not advance while the player is paused or
    /// buffering, although wall-clock time does. A playhead that runs on during a pause likely
    /// puts progress markers and content position reports where the viewer never was. The MC
    /// API has no seek events: a seek is `pauseStart` at the old position and `play` at the new
    /// one, so a jump back across a buffer is most likely a seek reported without its pause.
    ///
    /// ## Example
    /// Pings that advance the playhead while paused:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":50,"ts":1700000050000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":60,"ts":1700000060000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":70,"ts":1700000070000}}
    /// ```
    ///
    /// ## Use instead
    /// Keep the position where the pause began until `play`:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":50,"ts":1700000050000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":60,"ts":1700000060000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":60,"ts":1700000070000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":60,"ts":1700000074000}}
    /// ```
    ///
    /// ## References
    /// Adobe: Media Edge examples (playhead during buffering and pausing), mc-api-timelines ("No
    /// Seek Events?"); FACTS R13, R20
    pub static PLAYHEAD_MOVED_WHILE_PAUSED {
        code: "TIM005",
        name: "playhead-moved-while-paused",
        family: Time,
        severity: Warning,
        session: PlayheadMovedWhilePaused::new,
    }
}

/// Moves this small are a player reporting its position a moment late, seconds.
const SLACK_S: f64 = 0.5;

/// Where a pause or a buffer began.
#[derive(Clone, Copy)]
struct Anchor {
    playhead: f64,
    mark: Mark,
    reported: bool,
}

/// The rule.
pub struct PlayheadMovedWhilePaused {
    anchor: Option<Anchor>,
}

impl PlayheadMovedWhilePaused {
    /// A fresh instance.
    pub fn new(_cfg: &Config) -> Self {
        PlayheadMovedWhilePaused { anchor: None }
    }
}

fn held(phase: Phase) -> bool {
    matches!(phase, Phase::Paused | Phase::Buffering)
}

impl SessionRule for PlayheadMovedWhilePaused {
    fn meta(&self) -> &'static RuleMeta {
        &PLAYHEAD_MOVED_WHILE_PAUSED
    }

    // Every event's playhead.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if ev.is(EventType::SessionStart) || !held(st.phase) {
            self.anchor = None;
            // A pause or a buffer begins: remember where.
            // One processed after a later event (TIM004's finding) does not say where the
            // player stood.
            let late = matches!((ev.ts, st.last_ts), (Some(t), Some((last, _))) if t.value < last);
            if (ev.is(EventType::PauseStart) || ev.is(EventType::BufferStart)) && !late {
                let playhead = ev
                    .playhead
                    .map(|p| p.value)
                    .or(st.last_playhead.map(|p| p.0));
                self.anchor = playhead.map(|playhead| Anchor {
                    playhead,
                    mark: st.mark(ev),
                    reported: false,
                });
            }
            return;
        }
        let (Some(now), Some(anchor)) = (ev.playhead, self.anchor) else {
            if ev.is(EventType::Play) {
                self.anchor = None;
            }
            return;
        };
        if ev.is(EventType::Play) {
            self.anchor = None;
            if st.phase == Phase::Buffering && now.value < anchor.playhead - SLACK_S {
                sink.report(
                    &PLAYHEAD_MOVED_WHILE_PAUSED,
                    ev,
                    now.span,
                    format!(
                        "playhead goes back from {} s to {} s across a buffer; the playhead does not move while buffering, so this is likely a seek reported without a pause, and Adobe's progress and position reports likely come out wrong",
                        format_num(anchor.playhead),
                        format_num(now.value)
                    ),
                )
                .label(format!("playhead {} s after the buffer", format_num(now.value)))
                .help("if this was a seek, send pauseStart before it and play after it")
                .secondary_in(
                    anchor.mark.file,
                    anchor.mark.playhead_or_event(),
                    format!("buffer began at playhead {} s", format_num(anchor.playhead)),
                );
            }
            return;
        }
        if st.ad_break.is_some()
            || anchor.reported
            || (now.value - anchor.playhead).abs() <= SLACK_S
        {
            return;
        }
        if let Some(a) = self.anchor.as_mut() {
            a.reported = true;
        }
        let state = st.phase.name();
        sink.report(
            &PLAYHEAD_MOVED_WHILE_PAUSED,
            ev,
            now.span,
            format!(
                "playhead moves from {} s to {} s while {state}; it stays put until play, so Adobe's progress and position reports likely count content the viewer did not watch",
                format_num(anchor.playhead),
                format_num(now.value)
            ),
        )
        .label(format!("playhead {} s while {state}", format_num(now.value)))
        .help(format!(
            "send playhead {} s until play; report a seek as pauseStart at the old position and play at the new one",
            format_num(anchor.playhead)
        ))
        .secondary_in(
            anchor.mark.file,
            anchor.mark.playhead_or_event(),
            format!(
                "{} at playhead {} s",
                if state == "paused" { "paused" } else { "buffering began" },
                format_num(anchor.playhead)
            ),
        );
    }
}
