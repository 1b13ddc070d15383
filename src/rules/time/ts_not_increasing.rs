//! TIM003 `ts-not-increasing`: consecutive events are at least 1 ms apart (R9).

use crate::rules::{RuleMeta, SessionRule, Sink};
use crate::session::{Event, SessionState};

declare_rule! {
    /// Two consecutive events with the same ts.
    ///
    /// ## What it checks
    /// `playerTime.ts` (epoch milliseconds) of each event differs from the previous event's by at
    /// least 1 ms. (A ts that goes backwards is TIM004.)
    ///
    /// ## Why it matters
    /// Adobe orders a session's events by ts. Two events with the same ts have no defined order: an
    /// adStart may be processed before its adBreakStart and be ignored, a play before its
    /// pauseStart.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":15,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// Stamp each event with its own time; if two happen in the same millisecond, add 1 ms to the
    /// second:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":300,"ts":1700000300001},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":15,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-impl/mc-api-ctrl-order.md
    pub static TS_NOT_INCREASING {
        code: "TIM003",
        name: "ts-not-increasing",
        family: Time,
        severity: Error,
        session: |_cfg| TsNotIncreasing,
    }
}

/// The rule.
pub struct TsNotIncreasing;

impl SessionRule for TsNotIncreasing {
    fn meta(&self) -> &'static RuleMeta {
        &TS_NOT_INCREASING
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let (Some(now), Some((prev, mark))) = (ev.ts, st.last_ts) else {
            return;
        };
        if now.value != prev {
            return;
        }
        let d = sink
            .report(
                &TS_NOT_INCREASING,
                ev,
                now.span,
                format!(
                    "`{}` has the same ts as the event before it; Adobe orders events by ts, so their order is undefined",
                    ev.name()
                ),
            )
            .label("same ts")
            .help("events must be at least 1 ms apart: add 1 ms to the later one");
        d.secondary_in(mark.file, mark.ts_or_event(), "previous event's ts");
    }
}
