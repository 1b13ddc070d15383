//! TIM004 `ts-out-of-order`: ts goes backwards in arrival order (R10).

use crate::diagnostic::{Label, Severity};
use crate::rules::{Family, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, SessionState};

/// Adobe's reorder buffer holds events for 5 seconds (R10).
const REORDER_WINDOW_MS: i64 = 5_000;

/// Metadata and explain text.
pub static META: RuleMeta = RuleMeta {
    code: "TIM004",
    name: "ts-out-of-order",
    family: Family::Time,
    severity: Severity::Error,
    summary: "An event's ts is earlier than the event that arrived before it.",
    docs: "## What it checks\nIn arrival order, `playerTime.ts` (epoch milliseconds) of each event is later than the previous event's.\n\n## Why it matters\nAdobe buffers a session's events for 5 seconds (or 10 events), sorts them by ts and passes them on. An event that is more than 5 s older than one already received falls outside that window and is processed out of order (error). A smaller step back is put right by the buffer only if the two arrive close together, so it is a warning.\n\n## Example\n```\nping ts 1700000010000 arrives, then play ts 1700000002000\n```\n\n## Use instead\nSend events in the order they happen; queue them while waiting for the session id, and flush the queue in order.\n\n## References\nAdobe: mc-api-impl/mc-api-ctrl-order.md, mc-api-impl/mc-api-queuing.md",
};

/// The rule.
pub struct TsOutOfOrder;

impl SessionRule for TsOutOfOrder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let (Some(now), Some((prev, mark))) = (ev.ts, st.last_ts) else {
            return;
        };
        if now.value >= prev {
            return;
        }
        let back = prev - now.value;
        let beyond = back > REORDER_WINDOW_MS;
        let msg = if beyond {
            format!(
                "ts goes back {} s from the event before; beyond Adobe's 5 s reorder window, so `{}` is processed out of order",
                format_num(back as f64 / 1000.0),
                ev.name()
            )
        } else {
            format!(
                "ts goes back {} ms from the event before; Adobe puts this right only if both arrive within its 5 s reorder window",
                back
            )
        };
        let d = sink
            .report(&META, ev, now.span, msg)
            .label("earlier than the previous event")
            .help("send events in the order they happen");
        if !beyond {
            d.severity = Severity::Warning;
        }
        if mark.file == ev.file {
            d.secondary
                .push(Label::new(mark.ts_or_event(), "previous event's ts"));
        }
    }
}
