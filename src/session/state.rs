//! [`SessionState`]: the one state machine per session that every sequencing rule reads.
//!
//! The engine applies each event to it *after* the rules have seen the event, so a rule
//! always compares the event with the state it arrived in. States follow Adobe's player
//! model (FACTS R20): `starting` after sessionStart, `playing` after play, `paused` after
//! pauseStart, `buffering` after bufferStart; a play ends a pause or a buffer.

use super::event::{ClockSource, Event, EventType, Rejection};
use crate::config::Timeouts;
use crate::diagnostic::StateValue;
use crate::source::Span;
use std::collections::BTreeMap;

/// Player state (FACTS R20).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// After sessionStart, before the first play.
    Starting,
    /// After play.
    Playing,
    /// After pauseStart.
    Paused,
    /// After bufferStart.
    Buffering,
}

impl Phase {
    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Starting => "starting",
            Phase::Playing => "playing",
            Phase::Paused => "paused",
            Phase::Buffering => "buffering",
        }
    }
}

/// A remembered event: where it is and what it said.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// File index.
    pub file: usize,
    /// Ordinal of the event's request within its file.
    pub request: usize,
    /// Span of the event's `eventType` value (the natural place to point at the event).
    pub span: Span,
    /// Index within the session.
    pub index: usize,
    /// The event's clock (see [`SessionState::clock_of`]), ms.
    pub clock_ms: Option<i64>,
    /// The event's playhead, seconds.
    pub playhead: Option<f64>,
    /// The event's type.
    pub event_type: Option<EventType>,
    /// Span of the event's playhead value, if it has one.
    pub playhead_span: Option<Span>,
    /// Span of the event's `ts` value, if it has one.
    pub ts_span: Option<Span>,
    /// When the request arrived (epoch ms), if the capture records it.
    pub arrival_ms: Option<i64>,
}

impl Mark {
    /// Span of the playhead, else of the event type.
    pub fn playhead_or_event(&self) -> Span {
        self.playhead_span.unwrap_or(self.span)
    }

    /// Span of the ts, else of the event type.
    pub fn ts_or_event(&self) -> Span {
        self.ts_span.unwrap_or(self.span)
    }
}

/// Per-session state kept by the engine.
#[derive(Debug, Clone)]
pub struct SessionState {
    /// Display id: the sid, or `#N`.
    pub id: String,
    /// Whether the id is a real sid from the capture.
    pub has_sid: bool,
    /// Events seen so far (before the current one).
    pub events: usize,
    /// The sessionStart that opened the session.
    pub started: Option<Mark>,
    /// The first sessionEnd (Adobe closes the session there).
    pub ended: Option<Mark>,
    /// The first sessionComplete.
    pub completed: Option<Mark>,
    /// The event after which Adobe closed the session for inactivity (R4), if any.
    pub timed_out: Option<Mark>,
    /// The last event before Adobe closed the session because its playhead stood still
    /// for the frozen-playhead limit (R4, 30 minutes), if it did.
    pub frozen_out: Option<Mark>,
    /// The event from which the playhead has had its current value (seconds): the last
    /// playhead change (R4).
    pub playhead_since: Option<(f64, Mark)>,
    /// Where the session's sessionStart gives a numeric `media.length`: (file, span). Found
    /// once here for the rules that point at it later.
    pub media_length_at: Option<(usize, Span)>,
    /// A downloaded session: a batch, or a sessionStart with `media.downloaded: true`.
    /// Adobe's inactivity limits are about realtime sessions; downloaded ones are not
    /// closed by them here.
    pub downloaded: bool,
    /// Player state.
    pub phase: Phase,
    /// The adBreakStart of the open ad break.
    pub ad_break: Option<Mark>,
    /// The last adBreakComplete.
    pub last_ad_break_end: Option<Mark>,
    /// The adStart of the open ad.
    pub ad: Option<Mark>,
    /// The chapterStart of the open chapter.
    pub chapter: Option<Mark>,
    /// Open player states by name (`media.state.name`).
    pub states: BTreeMap<String, Mark>,
    /// The first event with a clock value (see [`SessionState::clock_of`]).
    pub first_clocked: Option<Mark>,
    /// The previous event.
    pub last: Option<Mark>,
    /// The last event with a real body `ts`, and that ts (epoch ms).
    pub last_ts: Option<(i64, Mark)>,
    /// The last event with a playhead, and that playhead (s).
    pub last_playhead: Option<(f64, Mark)>,
    /// The last ping.
    pub last_ping: Option<Mark>,
    /// Where the session's clock comes from (decided by its first clocked event).
    pub clock_source: Option<ClockSource>,
    /// The last event Adobe rejected (see [`Rejection`]), and why.
    pub last_rejected: Option<(Mark, Rejection)>,
}

impl SessionState {
    /// A fresh session.
    pub fn new(id: String, has_sid: bool) -> SessionState {
        SessionState {
            id,
            has_sid,
            events: 0,
            started: None,
            ended: None,
            completed: None,
            timed_out: None,
            frozen_out: None,
            playhead_since: None,
            downloaded: false,
            media_length_at: None,
            phase: Phase::Starting,
            ad_break: None,
            last_ad_break_end: None,
            ad: None,
            chapter: None,
            states: BTreeMap::new(),
            first_clocked: None,
            last: None,
            last_ts: None,
            last_playhead: None,
            last_ping: None,
            clock_source: None,
            last_rejected: None,
        }
    }

    /// The clock value of `ev` in ms on this session's clock: its body `ts`, or for docs
    /// pages whose `ts` is a placeholder, the action-timeline seconds × 1000.
    pub fn clock_of(&self, ev: &Event) -> Option<i64> {
        let source = self.clock_source.or_else(|| source_of(ev))?;
        match source {
            ClockSource::Body => ev.ts.map(|t| t.value),
            ClockSource::ActionTable => ev.action_time_s.map(|s| (s * 1000.0).round() as i64),
        }
    }

    /// A mark for `ev`.
    pub fn mark(&self, ev: &Event) -> Mark {
        Mark {
            file: ev.file,
            request: ev.request,
            span: ev.event_type_span,
            index: ev.index,
            clock_ms: self.clock_of(ev),
            playhead: ev.playhead.map(|p| p.value),
            event_type: ev.event_type,
            playhead_span: ev.playhead.map(|p| p.span),
            ts_span: ev.ts_span,
            arrival_ms: ev.arrival_ms,
        }
    }

    /// How long Adobe went without an event of this session before `ev` (R4: a session
    /// that receives no events for 10 minutes is closed): by arrival times when both events
    /// have one, else on the session's clock. `None` when that cannot be told: no previous
    /// event, or one `ts` in seconds and the other in milliseconds (a unit error TIM004
    /// reports, which must not read as decades without events).
    pub fn idle_gap_ms(&self, ev: &Event) -> Option<i64> {
        let last = self.last?;
        if let (Some(prev), Some(now)) = (last.arrival_ms, ev.arrival_ms) {
            return Some(now - prev);
        }
        let (prev, now) = (last.clock_ms?, self.clock_of(ev)?);
        const EPOCH_MS_FROM: i64 = 100_000_000_000;
        ((prev < EPOCH_MS_FROM) == (now < EPOCH_MS_FROM)).then_some(now - prev)
    }

    /// True once Adobe has closed the session (sessionEnd, or inactivity): later events
    /// are dropped by the back end.
    pub fn is_closed(&self) -> bool {
        self.ended.is_some() || self.timed_out.is_some() || self.frozen_out.is_some()
    }

    /// How long the playhead has stood at its current value when `ev` arrives, on the
    /// session's clock (ms), with the event where it got that value. `None` without a
    /// playhead yet, without clocks, or when `ev` itself moves the playhead.
    pub fn frozen_for_ms(&self, ev: &Event) -> Option<(i64, f64, Mark)> {
        let (value, since) = self.playhead_since?;
        if ev.playhead.is_some_and(|p| p.value != value) {
            return None;
        }
        let (from, now) = (since.clock_ms?, self.clock_of(ev)?);
        const EPOCH_MS_FROM: i64 = 100_000_000_000;
        ((from < EPOCH_MS_FROM) == (now < EPOCH_MS_FROM)).then_some((now - from, value, since))
    }

    /// Applies `ev` (after the rules have seen it), with Adobe's timeouts (R4): a session
    /// that receives no event for `limits.idle_ms` is closed, and so is one whose playhead
    /// stands still for longer than `limits.frozen_ms` (a sessionEnd past that limit is
    /// what Adobe's SDK sends there, and closes nothing more).
    pub fn apply(&mut self, ev: &Event, limits: Timeouts) {
        if self.clock_source.is_none() {
            self.clock_source = source_of(ev);
        }
        let m = self.mark(ev);
        if let (Some(last), Some(gap)) = (self.last, self.idle_gap_ms(ev)) {
            if gap >= limits.idle_ms && !self.is_closed() {
                self.timed_out = Some(last);
            }
        }
        if !self.downloaded && !self.is_closed() && !ev.is(EventType::SessionEnd) {
            if let Some((frozen, _, _)) = self.frozen_for_ms(ev) {
                if frozen > limits.frozen_ms {
                    self.frozen_out = self.last;
                }
            }
        }
        match ev.event_type {
            Some(EventType::SessionStart) => {
                if self.started.is_none() {
                    self.started = Some(m);
                    self.downloaded =
                        ev.batch.is_some() || ev.param_is_true("media.downloaded") == Some(true);
                    self.media_length_at = ev
                        .param_f64("media.length")
                        .map(|_| (ev.file, ev.param_span("media.length")));
                }
            }
            Some(EventType::SessionEnd) => {
                if self.ended.is_none() {
                    self.ended = Some(m);
                }
            }
            Some(EventType::SessionComplete) => {
                if self.completed.is_none() {
                    self.completed = Some(m);
                }
            }
            Some(EventType::Play) => self.phase = Phase::Playing,
            Some(EventType::PauseStart) => self.phase = Phase::Paused,
            Some(EventType::BufferStart) => self.phase = Phase::Buffering,
            Some(EventType::Ping) => self.last_ping = Some(m),
            Some(EventType::AdBreakStart) => {
                self.ad_break = Some(m);
                self.ad = None;
            }
            Some(EventType::AdBreakComplete) => {
                self.ad_break = None;
                self.ad = None;
                self.last_ad_break_end = Some(m);
            }
            Some(EventType::AdStart) => {
                // Adobe ignores an adStart outside a break (R26): it opens nothing.
                if self.ad_break.is_some() {
                    self.ad = Some(m);
                    // The back end switches to playing after adStart (R25).
                    self.phase = Phase::Playing;
                }
            }
            Some(EventType::AdComplete | EventType::AdSkip) => self.ad = None,
            Some(EventType::ChapterStart) => self.chapter = Some(m),
            Some(EventType::ChapterComplete | EventType::ChapterSkip) => self.chapter = None,
            Some(EventType::StateStart) => {
                if let Some(name) = ev.param_str("media.state.name") {
                    self.states.insert(name.to_string(), m);
                }
            }
            Some(EventType::StateEnd) => {
                if let Some(name) = ev.param_str("media.state.name") {
                    self.states.remove(name);
                }
            }
            Some(EventType::StatesUpdate) => {
                for (list, start) in [("statesEnd", false), ("statesStart", true)] {
                    for name in ev.param_list_strs(list, "media.state.name") {
                        if start {
                            self.states.insert(name.to_string(), m);
                        } else {
                            self.states.remove(name);
                        }
                    }
                }
            }
            Some(EventType::BitrateChange | EventType::Error) | None => {}
        }
        if let Some(t) = ev.ts {
            self.last_ts = Some((t.value, m));
        }
        if let Some(p) = ev.playhead {
            self.last_playhead = Some((p.value, m));
            if self.playhead_since.is_none_or(|(v, _)| v != p.value) {
                self.playhead_since = Some((p.value, m));
            }
        }
        if self.first_clocked.is_none() && m.clock_ms.is_some() {
            self.first_clocked = Some(m);
        }
        self.last = Some(m);
        self.events += 1;
    }

    /// Takes note of `ev`, which Adobe rejects (`why`): it is counted, and nothing else
    /// changes (it opens no break, satisfies no ping timer, moves no playhead and closes
    /// nothing).
    pub fn apply_rejected(&mut self, ev: &Event, why: Rejection) {
        self.last_rejected = Some((self.mark(ev), why));
        self.events += 1;
    }

    /// State as `key=value` pairs for machine outputs.
    pub fn snapshot(&self) -> Vec<(&'static str, StateValue)> {
        let mut v = vec![("phase", StateValue::Text(self.phase.name().to_string()))];
        v.push(("in_ad_break", StateValue::Bool(self.ad_break.is_some())));
        v.push(("in_ad", StateValue::Bool(self.ad.is_some())));
        v.push(("in_chapter", StateValue::Bool(self.chapter.is_some())));
        if let Some((ph, _)) = self.last_playhead {
            v.push(("last_playhead", StateValue::Number(ph)));
        }
        if let Some((ts, _)) = self.last_ts {
            v.push(("last_ts", StateValue::Number(ts as f64)));
        }
        v
    }
}

fn source_of(ev: &Event) -> Option<ClockSource> {
    if ev.ts.is_some() {
        Some(ClockSource::Body)
    } else if ev.action_time_s.is_some() {
        Some(ClockSource::ActionTable)
    } else {
        None
    }
}

/// Formats seconds without a trailing `.0` (`20`, `20.5`).
pub fn format_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
