//! QOE002 `dropped-frames-decrease`: `media.qoe.droppedFrames` going down within a session
//! (R38; the count is cumulative).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, SessionState};

declare_rule! {
    /// The dropped-frames count goes down.
    ///
    /// ## What it checks
    /// `qoeData."media.qoe.droppedFrames"` never decreases within a session: it is the count
    /// of frames dropped since the session started.
    ///
    /// ## Why it matters
    /// A count that goes down was reset (per segment, per rendition) or mixed up with another
    /// measure, so the dropped-frames figure in Adobe's QoE reports is likely understated.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":10,"ts":1700000010000},"qoeData":{"media.qoe.droppedFrames":12}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":20,"ts":1700000020000},"qoeData":{"media.qoe.droppedFrames":3}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":10,"ts":1700000010000},"qoeData":{"media.qoe.droppedFrames":12}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":20,"ts":1700000020000},"qoeData":{"media.qoe.droppedFrames":15}}
    /// ```
    ///
    /// ## References
    /// Adobe: variables/quality/dropped-frames.md, mc-api-impl/mc-api-sending-qoe.md
    pub static DROPPED_FRAMES_DECREASE {
        code: "QOE002",
        name: "dropped-frames-decrease",
        family: Qoe,
        severity: Warning,
        session: |_cfg| DroppedFramesDecrease { last: None, reported: false },
    }
}

/// The rule: remembers the last count; reports once per session.
pub struct DroppedFramesDecrease {
    last: Option<f64>,
    reported: bool,
}

impl SessionRule for DroppedFramesDecrease {
    fn meta(&self) -> &'static RuleMeta {
        &DROPPED_FRAMES_DECREASE
    }

    // Any event's qoeData may carry the count; an event without qoeData has none.
    fn interest(&self) -> Interest {
        Interest::types_and_qoe_data(&[])
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        let Some(now) = ev.qoe_f64("media.qoe.droppedFrames") else {
            return;
        };
        if let Some(before) = self.last {
            if now < before && !self.reported {
                self.reported = true;
                sink.report(
                    &DROPPED_FRAMES_DECREASE,
                    ev,
                    ev.event_type_span,
                    format!("dropped frames go down from {} to {}; the count is cumulative, so the QoE reports likely understate it", format_num(before), format_num(now)),
                )
                .label("count went down")
                .help("report the frames dropped since the session started, never a per-segment count");
            }
        }
        self.last = Some(now);
    }
}
