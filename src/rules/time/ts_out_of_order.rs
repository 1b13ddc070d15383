//! TIM004 `ts-out-of-order`: an event's ts is earlier than that of an event Adobe already
//! received (R10), judged by arrival times when the capture records them.

use crate::diagnostic::Severity;
use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, SessionState};
use crate::source::Span;

/// Adobe's reorder buffer holds events for 5 seconds (R10).
const REORDER_WINDOW_MS: i64 = 5_000;
/// ... or at most 10 events (R10).
const REORDER_WINDOW_EVENTS: usize = 10;
/// Records kept per session (see `on_arrival`).
const MAX_RECORDS: usize = 4096;
/// Adobe: reordering "may fail" when out-of-order calls are more than 1 s apart (R10).
const RELIABLE_REORDER_MS: i64 = 1_000;

declare_rule! {
    /// An event's ts is earlier than that of an event Adobe already received.
    ///
    /// ## What it checks
    /// Each event's `playerTime.ts` (epoch milliseconds) against the events of its session that
    /// arrived before it.
    ///
    /// ## Why it matters
    /// Adobe holds a session's events in a buffer for 5 seconds or at most 10 events, sorts them by
    /// ts and passes them on; sessionStart is passed on at once. An event whose ts is earlier than
    /// an event already received is put back in order only if that event is still in the buffer
    /// when it arrives. Otherwise it is processed out of order: a play after its pause, an ad event
    /// outside its break.
    ///
    /// When the capture records arrival times (HAR `startedDateTime`, an NDJSON log's `timestamp`),
    /// valint judges with them: the later-ts event that arrived first is compared with the late
    /// one.
    ///
    /// - Arrived within 5 s and fewer than 10 events apart: **warning** with both differences
    ///   (events 1 ms apart often arrive swapped, because players send asynchronously). Adobe notes
    ///   that reordering may fail when the calls are more than 1 s apart, and the message says so.
    /// - Arrived later than that, or earlier than the session's sessionStart: **error**.
    ///
    /// Without arrival times, each event is compared with the one before it and the ts step stands
    /// in for the delay: more than 5 s back is an error, less is a warning.
    ///
    /// In a downloaded-content batch (one JSON array) there is no buffer to put things right: the
    /// batch must list events in the order they happened, and any step back is an error.
    ///
    /// ## Example
    /// A play queued while the session id was pending, flushed after the first ping:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":9.7,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## Use instead
    /// Send events in the order they happen, one after the other; queue them while waiting for the
    /// session id, and flush the queue in order:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":9.7,"ts":1700000010000}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-impl/mc-api-ctrl-order.md, mc-api-impl/mc-api-queuing.md,
    /// use-cases/track-downloaded-content.md
    pub static TS_OUT_OF_ORDER {
        code: "TIM004",
        name: "ts-out-of-order",
        family: Time,
        severity: Error,
        session: |_cfg| TsOutOfOrder::new(),
    }
}

/// An event that raised the session's highest ts so far: the candidates for "an event
/// with a later ts that Adobe already received".
#[derive(Debug, Clone)]
struct Record {
    ts: i64,
    ts_span: Span,
    arrival_ms: Option<i64>,
    index: usize,
    file: usize,
    request: usize,
    /// The event's name (borrowed for a known eventType: no allocation per event).
    name: std::borrow::Cow<'static, str>,
    session_start: bool,
}

/// The rule.
#[derive(Default)]
pub struct TsOutOfOrder {
    /// Strictly increasing in ts, in arrival order.
    records: Vec<Record>,
    /// The last finding judged by arrival: (record index, severity, ts of the late event).
    last_finding: Option<(usize, Severity, i64)>,
}

impl TsOutOfOrder {
    /// A rule for a new session.
    pub fn new() -> Self {
        Self::default()
    }
}

/// `1 ms`, `950 ms`, `6.5 s`.
fn duration(ms: i64) -> String {
    if ms.abs() < 1000 {
        format!("{ms} ms")
    } else {
        format!("{} s", format_num(ms as f64 / 1000.0))
    }
}

/// A `ts` that looks like seconds since 1970 (a common mistake), beside millisecond ones.
fn seconds_help(now: i64, other: i64) -> Option<String> {
    (now > 0 && now < 100_000_000_000 && other >= 100_000_000_000).then(|| {
        "send `playerTime.ts` in milliseconds since 1970 (in JavaScript, `Date.now()`)".to_string()
    })
}

impl SessionRule for TsOutOfOrder {
    fn meta(&self) -> &'static RuleMeta {
        &TS_OUT_OF_ORDER
    }

    // Judges the arrival order only.
    fn interest(&self) -> Interest {
        Interest::ARRIVAL_ONLY
    }

    fn on_event(&mut self, _ev: &Event, _st: &SessionState, _sink: &mut Sink) {}

    fn on_arrival(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some(now) = ev.ts else {
            return;
        };
        // The earliest-arrived event with a later ts: if Adobe passed it on before this one
        // arrived, this one is out of order.
        let first_later = self.records.partition_point(|r| r.ts <= now.value);
        let prev = st.last_ts;
        if let Some(p) = self.records.get(first_later).cloned() {
            if let Some(help) = seconds_help(now.value, p.ts) {
                // Milliseconds' worth of difference would only hide the real mistake.
                let d = sink
                    .report(
                        &TS_OUT_OF_ORDER,
                        ev,
                        now.span,
                        format!(
                            "`ts` {} is in seconds, not milliseconds: Adobe reads it as a time in January 1970, before the events it already has, so `{}` is processed out of order",
                            now.value,
                            ev.name()
                        ),
                    )
                    .label("seconds since 1970")
                    .help(help);
                d.secondary_in(
                    p.file,
                    p.ts_span,
                    format!("`{}` ts, in milliseconds", p.name),
                );
                return;
            }
            let same_batch = ev.batch.is_some() && p.file == ev.file && p.request == ev.request;
            if same_batch {
                self.batch_finding(ev, now.value, now.span, &p, sink);
            } else if p.session_start {
                self.before_start(ev, now.value, now.span, &p, sink);
            } else if let (Some(a), Some(pa)) = (ev.arrival_ms, p.arrival_ms) {
                self.by_arrival(ev, now.value, now.span, a - pa, first_later, &p, sink);
            } else if let Some((prev_ts, mark)) = prev.filter(|(t, _)| now.value < *t) {
                // No arrival times: compare with the event before, the ts step standing in
                // for the delay.
                let back = prev_ts - now.value;
                let beyond = back > REORDER_WINDOW_MS;
                let msg = if beyond {
                    format!(
                        "ts goes back {} from the event before; beyond Adobe's 5 s reorder window, so `{}` is processed out of order",
                        duration(back),
                        ev.name()
                    )
                } else {
                    format!(
                        "ts goes back {back} ms from the event before; Adobe puts this right only if both arrive within its 5 s reorder window"
                    )
                };
                let d = sink
                    .report(&TS_OUT_OF_ORDER, ev, now.span, msg)
                    .label("earlier than the previous event")
                    .help("send events in the order they happen");
                if !beyond {
                    d.severity = Severity::Warning;
                }
                d.secondary_in(mark.file, mark.ts_or_event(), "previous event's ts");
            }
        }
        if self.records.len() >= MAX_RECORDS {
            // Keep memory bounded on endless sessions: a very late event is then compared
            // with a later-arriving event of later ts, which gives the same verdict.
            self.records.drain(..MAX_RECORDS / 2);
            self.last_finding = None;
        }
        if self.records.last().is_none_or(|r| r.ts < now.value) {
            self.records.push(Record {
                ts: now.value,
                ts_span: now.span,
                arrival_ms: ev.arrival_ms,
                index: ev.index,
                file: ev.file,
                request: ev.request,
                name: match ev.event_type {
                    Some(t) => t.name().into(),
                    None => ev.name().to_string().into(),
                },
                session_start: ev.is(EventType::SessionStart),
            });
        }
    }
}

impl TsOutOfOrder {
    fn batch_finding(&mut self, ev: &Event, now: i64, span: Span, p: &Record, sink: &mut Sink) {
        let d = sink
            .report(
                &TS_OUT_OF_ORDER,
                ev,
                span,
                format!(
                    "in this downloaded batch `{}` comes after `{}` but its ts is {} earlier; a batch must list events in the order they happened",
                    ev.name(),
                    p.name,
                    duration(p.ts - now)
                ),
            )
            .label("earlier than an event before it in the batch")
            .help("store the events in the order they happen");
        d.secondary_in(p.file, p.ts_span, format!("`{}` ts", p.name));
    }

    fn before_start(&mut self, ev: &Event, now: i64, span: Span, p: &Record, sink: &mut Sink) {
        let d = sink
            .report(
                &TS_OUT_OF_ORDER,
                ev,
                span,
                format!(
                    "ts is {} earlier than the session's sessionStart; Adobe passes sessionStart on at once, without reordering, so `{}` is processed out of order",
                    duration(p.ts - now),
                    ev.name()
                ),
            )
            .label("earlier than sessionStart")
            .help("stamp events with the time they happen, after sessionStart");
        d.secondary_in(p.file, p.ts_span, "sessionStart's ts");
    }

    #[allow(clippy::too_many_arguments)]
    fn by_arrival(
        &mut self,
        ev: &Event,
        now: i64,
        span: Span,
        gap: i64,
        record: usize,
        p: &Record,
        sink: &mut Sink,
    ) {
        if gap < 0 {
            // It reached Adobe first: ts order and arrival order agree.
            return;
        }
        let between = ev.index.saturating_sub(p.index);
        let in_time = gap <= REORDER_WINDOW_MS;
        let in_count = between < REORDER_WINDOW_EVENTS;
        let severity = if in_time && in_count {
            Severity::Warning
        } else {
            Severity::Error
        };
        // Events after a late one that keep their order against the same earlier event
        // repeat the same story: report the first.
        if let Some((r, s, t)) = self.last_finding {
            if r == record && s == severity && now > t {
                self.last_finding = Some((r, s, now));
                return;
            }
        }
        self.last_finding = Some((record, severity, now));
        let back = duration(p.ts - now);
        let msg = if severity == Severity::Warning {
            let mut m = format!(
                "`{}` has a ts {back} earlier than `{}`, which arrived {} before it; Adobe's reorder buffer (5 s or 10 events) puts them back in order",
                ev.name(),
                p.name,
                duration(gap)
            );
            if gap > RELIABLE_REORDER_MS {
                m.push_str(
                    ", though Adobe warns this may fail when the calls are more than 1 s apart",
                );
            }
            m
        } else if !in_time {
            format!(
                "`{}` arrived {} after `{}` but has a ts {back} earlier; beyond Adobe's 5 s reorder window, so it is processed out of order",
                ev.name(),
                duration(gap),
                p.name
            )
        } else {
            format!(
                "`{}` arrived {between} events after `{}` but has a ts {back} earlier; beyond Adobe's 10-event reorder buffer, so it is processed out of order",
                ev.name(),
                p.name
            )
        };
        let d = sink
            .report(&TS_OUT_OF_ORDER, ev, span, msg)
            .label(format!("{back} earlier, arrived {} later", duration(gap)))
            .help("send events in the order they happen, one after the other");
        d.severity = severity;
        d.secondary_in(p.file, p.ts_span, format!("`{}` ts, arrived first", p.name));
    }
}
