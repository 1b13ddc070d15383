//! QOE001 `bitrate-change-without-change`: a bitrateChange without the new bitrate, or with
//! the bitrate it had (R38).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, SessionState};

declare_rule! {
    /// A bitrateChange that does not say the new bitrate, or repeats the old one.
    ///
    /// ## What it checks
    /// Every `bitrateChange` carries `qoeData."media.qoe.bitrate"`, and it differs from the
    /// last bitrate the session reported (on any event's QoE data).
    ///
    /// ## Why it matters
    /// Adobe asks for a bitrateChange whenever the adaptive bitrate changes, with the new
    /// bitrate in its QoE data. Without the bitrate the event says nothing the QoE reports can
    /// use; with an unchanged one it likely counts a bitrate switch that did not happen.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300},"qoeData":{"media.qoe.bitrate":2500000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"bitrateChange","playerTime":{"playhead":6,"ts":1700000006000}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300},"qoeData":{"media.qoe.bitrate":2500000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"bitrateChange","playerTime":{"playhead":6,"ts":1700000006000},"qoeData":{"media.qoe.bitrate":4500000}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/playback/bitrate-change.md, mc-api-impl/mc-api-sending-qoe.md
    pub static BITRATE_CHANGE_WITHOUT_CHANGE {
        code: "QOE001",
        name: "bitrate-change-without-change",
        family: Qoe,
        severity: Warning,
        session: |_cfg| BitrateChangeWithoutChange { last: None },
    }
}

/// The rule: remembers the last bitrate reported.
pub struct BitrateChangeWithoutChange {
    last: Option<f64>,
}

impl SessionRule for BitrateChangeWithoutChange {
    fn meta(&self) -> &'static RuleMeta {
        &BITRATE_CHANGE_WITHOUT_CHANGE
    }

    // Any event's qoeData may carry the bitrate; a bitrateChange without it is a finding.
    fn interest(&self) -> Interest {
        Interest::types_and_qoe_data(&[EventType::BitrateChange])
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        let bitrate = ev.qoe_f64("media.qoe.bitrate");
        if ev.is(EventType::BitrateChange) {
            match (bitrate, self.last) {
                (None, _) => {
                    sink.report(
                        &BITRATE_CHANGE_WITHOUT_CHANGE,
                        ev,
                        ev.event_type_span,
                        "`bitrateChange` without `media.qoe.bitrate`; the QoE reports learn nothing from it",
                    )
                    .label("no new bitrate")
                    .help("send the new bitrate (bits per second) in qoeData.\"media.qoe.bitrate\"");
                }
                (Some(now), Some(before)) if now == before => {
                    sink.report(
                        &BITRATE_CHANGE_WITHOUT_CHANGE,
                        ev,
                        ev.event_type_span,
                        format!("`bitrateChange` to {}, the bitrate the session already had; a switch that did not happen is likely counted", format_num(now)),
                    )
                    .label("same bitrate")
                    .help("send bitrateChange only when the bitrate changes");
                }
                _ => {}
            }
        }
        if bitrate.is_some() {
            self.last = bitrate;
        }
    }
}
