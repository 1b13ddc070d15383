//! PLB001 `pause-while-buffering`: pauseStart or bufferStart while buffering (R24).

use crate::config::Config;
use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, Mark, Phase, SessionState};

declare_rule! {
    /// A `pauseStart` or `bufferStart` arrives while the player is buffering.
    ///
    /// ## What it checks
    /// After `bufferStart`, the next playback event is `play` (which ends the buffer). A
    /// `pauseStart` or another `bufferStart` before it is reported.
    ///
    /// ## Why it matters
    /// The MC API documents `play` as the event that ends a buffer. Adobe's Media SDK does not
    /// accept a pause or a buffer call while it is buffering. A second `bufferStart` changes
    /// nothing; after a `pauseStart` it is not documented how much of the buffer Adobe counts as
    /// buffering and how much as pause, so buffering time may be reported short. Advice, not a
    /// documented rule: hence info.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":10,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"bufferStart","playerTime":{"playhead":12,"ts":1700000012000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":12,"ts":1700000014000}}
    /// ```
    ///
    /// ## Use instead
    /// End the buffer with `play`, then pause:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":10,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"bufferStart","playerTime":{"playhead":12,"ts":1700000012000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":12,"ts":1700000013900}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":12,"ts":1700000014000}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/playback/buffer-start.md, events/playback/play.md; Adobe's Media SDK (iOS)
    /// rule engine; FACTS R20, R24
    pub static PAUSE_WHILE_BUFFERING {
        code: "PLB001",
        name: "pause-while-buffering",
        family: Playback,
        severity: Info,
        session: PauseWhileBuffering::new,
    }
}

/// The rule.
pub struct PauseWhileBuffering {
    /// The bufferStart that began the current buffer.
    buffer: Option<Mark>,
}

impl PauseWhileBuffering {
    /// A fresh instance.
    pub fn new(_cfg: &Config) -> Self {
        PauseWhileBuffering { buffer: None }
    }
}

impl SessionRule for PauseWhileBuffering {
    fn meta(&self) -> &'static RuleMeta {
        &PAUSE_WHILE_BUFFERING
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::PauseStart, EventType::BufferStart])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let pause = ev.is(EventType::PauseStart);
        if !pause && !ev.is(EventType::BufferStart) {
            return;
        }
        if st.phase != Phase::Buffering {
            self.buffer = (!pause).then(|| st.mark(ev));
            return;
        }
        let (message, help) = if pause {
            (
                "pauseStart while buffering; the MC API ends a buffer with play, Adobe's SDK refuses a pause while buffering, and how Adobe splits this time between buffering and pause is undocumented",
                "send play when the buffer ends; if the viewer paused meanwhile, send pauseStart after it",
            )
        } else {
            (
                "bufferStart while already buffering; it changes nothing",
                "send one bufferStart per buffer, and play when it ends",
            )
        };
        let d = sink
            .report(&PAUSE_WHILE_BUFFERING, ev, ev.event_type_span, message)
            .label(format!("{} while buffering", ev.name()))
            .help(help);
        if let Some(b) = self.buffer {
            d.secondary_in(b.file, b.span, "buffering since here");
        }
        if pause {
            self.buffer = None;
        }
    }
}
