//! TIM003 `ts-not-increasing`: consecutive events should be at least 1 ms apart (R9); a tie
//! is an error only where its order decides whether an ad lies inside its break (R26).

use crate::diagnostic::Severity;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, Mark, SessionState};

declare_rule! {
    /// Two consecutive events with the same ts.
    ///
    /// ## What it checks
    /// `playerTime.ts` (epoch milliseconds) of each event against the previous event's, in the
    /// order Adobe processes them. (A ts that goes backwards is TIM004.)
    ///
    /// ## Why it matters
    /// Adobe sorts a session's events by ts in its reorder buffer, and its docs ask for ts at
    /// least 1 ms apart. A tie gives that sort nothing to go by, so two tied events keep the order
    /// they arrived in at best. That is usually harmless: Adobe's own SDK stamps `play` with the
    /// ts of the adStart or adBreakComplete before it, and chapterStart with the ts of
    /// sessionStart, and sends one request at a time, so those ties arrive in order. The severity
    /// therefore depends on the pair:
    ///
    /// - A tie with the session's sessionStart: **no finding**. Adobe passes sessionStart on at
    ///   once, without reordering, so nothing can be sorted before it.
    /// - A tie inside a downloaded-content batch: **info**. The batch is one array whose order is
    ///   the order of events; ts does not decide it.
    /// - A tie that arrived in the order that puts an ad outside its break: **error**. These are
    ///   an adStart, adComplete or adSkip followed by the adBreakStart it ties with, and an
    ///   adBreakComplete followed by the adComplete, adSkip or adStart it ties with. With equal ts
    ///   Adobe has nothing to restore the right order from, the ad event is processed outside the
    ///   break, and Adobe ignores ad events outside a break and counts their time as main content.
    /// - Any other tie: **warning** by default (the docs' "should"; set with
    ///   `--equal-ts-severity`). The message says when the pair is an ad and its break, whose
    ///   order matters should a tie ever be swapped.
    ///
    /// ## Example
    /// An adStart sent before the adBreakStart it shares a millisecond with:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":15,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":300}}
    /// ```
    ///
    /// ## Use instead
    /// Send the break's start first and stamp each event with its own time; if two happen in the
    /// same millisecond, add 1 ms to the second:
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
    /// ## Options
    /// `--equal-ts-severity error|warning|info` (default warning): the severity of a tie that
    /// is none of the cases above. The no-finding, info and error cases do not change with it.
    ///
    /// ## References
    /// Adobe: mc-api-impl/mc-api-ctrl-order.md, events/ads/overview.md,
    /// use-cases/track-downloaded-content.md
    pub static TS_NOT_INCREASING {
        code: "TIM003",
        name: "ts-not-increasing",
        family: Time,
        severity: Warning,
        session: |cfg: &crate::config::Config| TsNotIncreasing {
            tie_severity: cfg.equal_ts_severity,
        },
    }
}

/// The rule.
pub struct TsNotIncreasing {
    /// Severity of a tie whose order does not matter (`--equal-ts-severity`).
    tie_severity: Severity,
}

/// An ad event: valid only inside an ad break (R26).
fn is_ad(t: Option<EventType>) -> bool {
    matches!(
        t,
        Some(EventType::AdStart | EventType::AdComplete | EventType::AdSkip)
    )
}

/// For a tie that arrived as `first` then `second`: why that order puts an ad outside its
/// break, if it does. An ad event before its break's start, or a break's end before an ad
/// event, is processed outside the break.
fn outside_break(first: Option<EventType>, second: Option<EventType>) -> Option<&'static str> {
    match (first, second) {
        (f, Some(EventType::AdBreakStart)) if is_ad(f) => Some("before the adBreakStart"),
        (Some(EventType::AdBreakComplete), s) if is_ad(s) => Some("after the adBreakComplete"),
        _ => None,
    }
}

/// The pair is an ad event and its break's start or end, in either order.
fn ad_and_break(a: Option<EventType>, b: Option<EventType>) -> bool {
    let bookend = |t| {
        matches!(
            t,
            Some(EventType::AdBreakStart | EventType::AdBreakComplete)
        )
    };
    (is_ad(a) && bookend(b)) || (bookend(a) && is_ad(b))
}

impl SessionRule for TsNotIncreasing {
    fn meta(&self) -> &'static RuleMeta {
        &TS_NOT_INCREASING
    }

    // Every event's ts.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let (Some(now), Some((prev, mark))) = (ev.ts, st.last_ts) else {
            return;
        };
        if now.value != prev {
            return;
        }
        // Adobe passes sessionStart on at once: nothing is ever sorted before it (R10).
        if mark.event_type == Some(EventType::SessionStart) {
            return;
        }
        let (severity, message) = self.judge(ev, &mark);
        let d = sink
            .report(&TS_NOT_INCREASING, ev, now.span, message)
            .label("same ts")
            .help("stamp events at least 1 ms apart: add 1 ms to the later one");
        d.severity = severity;
        d.secondary_in(mark.file, mark.ts_or_event(), "previous event's ts");
    }
}

impl TsNotIncreasing {
    /// The severity and message of a tie between `mark` (processed first) and `ev`.
    fn judge(&self, ev: &Event, mark: &Mark) -> (Severity, String) {
        let prev = mark.event_type.map_or("the event before it", |t| t.name());
        let name = ev.name();
        if ev.batch.is_some() {
            return (
                Severity::Info,
                format!(
                    "`{name}` has the same ts as `{prev}` before it; in a downloaded batch the array order decides, so this is harmless, but the docs ask for ts at least 1 ms apart"
                ),
            );
        }
        if let Some(place) = outside_break(mark.event_type, ev.event_type) {
            let ad = if is_ad(ev.event_type) { name } else { prev };
            return (
                Severity::Error,
                format!(
                    "`{name}` has the same ts as `{prev}`, which was sent before it; with equal ts Adobe has nothing to put them back in order, so `{ad}` is processed {place}, outside its break, and Adobe ignores it"
                ),
            );
        }
        let mut message = format!(
            "`{name}` has the same ts as `{prev}` before it; Adobe sorts events by ts, so their order rests on arrival order alone"
        );
        if ad_and_break(mark.event_type, ev.event_type) {
            message.push_str(
                " (here it matters: swapped, the ad would fall outside its break and be ignored)",
            );
        }
        (self.tie_severity, message)
    }
}
