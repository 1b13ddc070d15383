//! TIM003 `ts-not-increasing`: consecutive events are at least 1 ms apart (R9).

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, SessionRule, Sink};
use crate::session::{Event, SessionState};

/// Metadata and explain text.
pub static META: RuleMeta = RuleMeta {
    code: "TIM003",
    name: "ts-not-increasing",
    family: Family::Time,
    severity: Severity::Error,
    summary: "Two consecutive events with the same ts.",
    docs: "## What it checks\n`playerTime.ts` (epoch milliseconds) of each event differs from the previous event's by at least 1 ms. (A ts that goes backwards is TIM004.)\n\n## Why it matters\nAdobe orders a session's events by ts. Two events with the same ts have no defined order: an adStart may be processed before its adBreakStart and be ignored, a play before its pauseStart.\n\n## Example\n```\nadBreakStart ts 1700000000000, adStart ts 1700000000000\n```\n\n## Use instead\nStamp each event with its own time; if two happen in the same millisecond, add 1 ms to the second.\n\n## References\nAdobe: mc-api-impl/mc-api-ctrl-order.md",
};

/// The rule.
pub struct TsNotIncreasing;

impl SessionRule for TsNotIncreasing {
    fn meta(&self) -> &'static RuleMeta {
        &META
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
                &META,
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
