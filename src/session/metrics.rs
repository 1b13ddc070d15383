//! Per-session metrics, computed from the events the engine processes, in Adobe's
//! processing order, the way Adobe's reporting defines them; and, for timelines, the
//! session's trace (every event and the spans of player state, ads, chapters and player
//! states).
//!
//! A [`Collector`] sees each event with the session's state *before* the event (the state
//! in effect since the previous event), so the time between two events goes to what the
//! session was doing in between. Events Adobe rejects (see [`Rejection`](super::Rejection)) and events that
//! arrive after Adobe closed the session (sessionEnd, or 10 minutes without events, FACTS
//! R3, R4) count for nothing, as for the sequencing rules; the trace still shows them.
//!
//! Where each definition comes from (the README's "Session digest" section has the table):
//!
//! * content time spent: Adobe's "Content Time Spent" sums the time in the playing state
//!   on main content (the variables table of `audio-video-parameters.md` before the 2026
//!   reference revamp; XDM `timePlayed`); ad time spent: the seconds an ad played
//!   (`ad-parameters.md`, FACTS R32);
//! * pause and buffer time and counts: "Total Pause Duration", "Pause Events", "Total
//!   Buffer Duration", "Buffer Events" (entries into the state from another one);
//! * progress markers: the playhead passes 10/25/50/75/95 % of `media.length` while
//!   playing; each counts once, and markers jumped over by a seek forward do not count;
//! * average bitrate: the average of `media.qoe.bitrate` weighted by the play time each
//!   value was in effect (`mc-api-req-params.md`, quality table);
//! * time to start: sessionStart to the first `play` (valint's own, as the issue asks; the
//!   player's own `media.qoe.timeToStart` is reported beside it when sent).
//!
//! Times are seconds on the session's clock (body `ts`, or a docs page's action-timeline
//! seconds); `None` where the session has no clock.

use super::event::{Event, EventType};
use super::state::{Phase, SessionState};

/// The progress markers Adobe reports, in percent of `media.length`.
pub const PROGRESS_MARKERS: [u8; 5] = [10, 25, 50, 75, 95];

/// What a collector needs from the run's settings.
#[derive(Debug, Clone, Copy)]
pub struct MetricsOptions {
    /// Inactivity after which Adobe closes a session, ms (R4).
    pub idle_timeout_ms: i64,
    /// How far the playhead may gain on the clock between two events and still count as
    /// played, not seeked, seconds (the TIM006 tolerance).
    pub seek_tolerance_s: f64,
    /// Keep the trace (for timelines).
    pub trace: bool,
}

/// How a session ended, as far as the capture shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    /// A sessionComplete was processed: the content was watched to its end (R2).
    Complete,
    /// A sessionEnd closed the session without a sessionComplete (abandoned, R3).
    Ended,
    /// Adobe closed the session after 10 minutes without events (R4).
    TimedOut,
    /// The capture ends while the session is open.
    CutOff,
}

impl Completion {
    /// `complete`, `ended`, `timed-out` or `cut-off`.
    pub fn name(self) -> &'static str {
        match self {
            Completion::Complete => "complete",
            Completion::Ended => "ended",
            Completion::TimedOut => "timed-out",
            Completion::CutOff => "cut-off",
        }
    }
}

/// What counts of an event for Adobe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Processed.
    Yes,
    /// Rejected by Adobe (HTTP 400/404/410 recorded, or a schema error).
    Rejected,
    /// Sent after Adobe closed the session: dropped.
    Dropped,
}

impl Counted {
    /// `yes`, `rejected` or `dropped`.
    pub fn name(self) -> &'static str {
        match self {
            Counted::Yes => "yes",
            Counted::Rejected => "rejected",
            Counted::Dropped => "dropped",
        }
    }
}

/// One event of a session's trace.
#[derive(Debug, Clone, PartialEq)]
pub struct TracePoint {
    /// Index of the event in its session (arrival order: what findings' `event_index` is).
    pub index: usize,
    /// File the event is in.
    pub file: usize,
    /// The event's type (as written when it is no known type; `event` without one).
    pub event_type: std::borrow::Cow<'static, str>,
    /// The event's clock, epoch ms (or action-timeline ms), if it has one.
    pub clock_ms: Option<i64>,
    /// The event's playhead, seconds.
    pub playhead: Option<f64>,
    /// Whether Adobe counts it.
    pub counted: Counted,
}

/// A lane of a timeline.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lane {
    /// The player state.
    Player(PhaseName),
    /// An ad break.
    AdBreak,
    /// An ad.
    Ad,
    /// A chapter.
    Chapter,
    /// A player state such as `mute` (by `media.state.name`).
    State(String),
}

/// A player state's name, orderable (see [`Phase`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PhaseName {
    /// After sessionStart, before the first play.
    Starting,
    /// Playing.
    Playing,
    /// Paused.
    Paused,
    /// Buffering.
    Buffering,
}

impl PhaseName {
    fn of(p: Phase) -> PhaseName {
        match p {
            Phase::Starting => PhaseName::Starting,
            Phase::Playing => PhaseName::Playing,
            Phase::Paused => PhaseName::Paused,
            Phase::Buffering => PhaseName::Buffering,
        }
    }

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            PhaseName::Starting => "starting",
            PhaseName::Playing => "playing",
            PhaseName::Paused => "paused",
            PhaseName::Buffering => "buffering",
        }
    }
}

/// A stretch of time on one lane, ms on the session's clock.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceSpan {
    /// The lane.
    pub lane: Lane,
    /// Start, ms.
    pub from_ms: i64,
    /// End, ms.
    pub to_ms: i64,
    /// A label: the ad's or chapter's name or id, the break's pod name.
    pub label: Option<String>,
    /// Still open when the session ended (no closing event).
    pub open: bool,
}

/// The trace of a session, for drawing its timeline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trace {
    /// Every event of the session, in processing order.
    pub events: Vec<TracePoint>,
    /// The spans, in the order they closed.
    pub spans: Vec<TraceSpan>,
}

/// A session's digest: who it is and what Adobe would count of it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionMetrics {
    /// Display id: the sid, or `#N`.
    pub id: String,
    /// Index of the file of the session's first event.
    pub file: usize,
    /// Events of the session (all of them, counted or not).
    pub events: usize,
    /// Events Adobe rejects.
    pub rejected: usize,
    /// Events sent after Adobe closed the session.
    pub dropped: usize,
    /// `media.name` of the sessionStart (the content name).
    pub content_name: Option<String>,
    /// `media.id` of the sessionStart.
    pub content_id: Option<String>,
    /// Live (`Some(true)`) or on demand, by `media.contentType`/`media.streamType`.
    pub live: Option<bool>,
    /// `media.length`, seconds.
    pub length_s: Option<f64>,
    /// The session's clock at its start (the sessionStart's, else its first event's), ms:
    /// the origin of the timeline's axis.
    pub origin_ms: Option<i64>,
    /// From the origin to the last counted event, seconds.
    pub duration_s: Option<f64>,
    /// Content time spent: time playing main content, seconds.
    pub content_time_s: Option<f64>,
    /// Ad time spent: time playing inside an open ad, seconds.
    pub ad_time_s: Option<f64>,
    /// Total pause duration, seconds.
    pub pause_time_s: Option<f64>,
    /// Pause events: entries into the paused state.
    pub pauses: usize,
    /// Total buffer duration, seconds.
    pub buffer_time_s: Option<f64>,
    /// Buffer events: entries into the buffering state.
    pub buffers: usize,
    /// From sessionStart to the first play, seconds.
    pub time_to_start_s: Option<f64>,
    /// `media.qoe.timeToStart` as the player sent it (first value), ms.
    pub qoe_time_to_start_ms: Option<f64>,
    /// How the session ended.
    pub completion: Completion,
    /// The progress markers reached (of [`PROGRESS_MARKERS`]); empty when `media.length`
    /// is unknown or the content is live.
    pub progress: Vec<u8>,
    /// Ad breaks started.
    pub ad_breaks: usize,
    /// Ads started inside a break (Adobe ignores the others, R26).
    pub ads_started: usize,
    /// Ads completed.
    pub ads_completed: usize,
    /// Ads skipped.
    pub ads_skipped: usize,
    /// Chapters started.
    pub chapters_started: usize,
    /// Chapters completed.
    pub chapters_completed: usize,
    /// Average `media.qoe.bitrate` weighted by play time (unit as the player sent it: the
    /// docs say bps on the parameters page and kbps on the variable page).
    pub avg_bitrate: Option<f64>,
    /// Pings counted.
    pub pings: usize,
    /// The longest time between two consecutive pings, seconds.
    pub largest_ping_gap_s: Option<f64>,
    /// Findings of the session by severity: error, warning, info (filled in by `check`,
    /// which sees every finding).
    pub findings: [usize; 3],
    /// The trace, when asked for.
    pub trace: Option<Trace>,
}

/// Collects one session's metrics (and trace) as the engine processes its events.
#[derive(Debug, Clone)]
pub struct Collector {
    opts: MetricsOptions,
    m: SessionMetrics,
    /// Clock of the last counted event, ms.
    last_clock: Option<i64>,
    /// Closed by Adobe (sessionEnd or inactivity): later events are dropped.
    closed: Option<Completion>,
    completed: bool,
    content_ms: i64,
    ad_ms: i64,
    pause_ms: i64,
    buffer_ms: i64,
    any_clock: bool,
    bitrate: Option<f64>,
    bitrate_weighted: f64,
    bitrate_ms: i64,
    last_ping: Option<i64>,
    largest_ping_gap_ms: Option<i64>,
    reached: [bool; 5],
    /// Open spans for the trace: player phase, ad break, ad, chapter, states by name.
    phase_from: Option<(PhaseName, i64)>,
    open: Vec<(Lane, i64, Option<String>)>,
    trace: Option<Trace>,
}

impl Collector {
    /// A collector for a new session `id` whose first event is in `file`.
    pub fn new(id: String, file: usize, opts: MetricsOptions) -> Collector {
        Collector {
            opts,
            m: SessionMetrics {
                id,
                file,
                events: 0,
                rejected: 0,
                dropped: 0,
                content_name: None,
                content_id: None,
                live: None,
                length_s: None,
                origin_ms: None,
                duration_s: None,
                content_time_s: None,
                ad_time_s: None,
                pause_time_s: None,
                pauses: 0,
                buffer_time_s: None,
                buffers: 0,
                time_to_start_s: None,
                qoe_time_to_start_ms: None,
                completion: Completion::CutOff,
                progress: Vec::new(),
                ad_breaks: 0,
                ads_started: 0,
                ads_completed: 0,
                ads_skipped: 0,
                chapters_started: 0,
                chapters_completed: 0,
                avg_bitrate: None,
                pings: 0,
                largest_ping_gap_s: None,
                findings: [0; 3],
                trace: None,
            },
            last_clock: None,
            closed: None,
            completed: false,
            content_ms: 0,
            ad_ms: 0,
            pause_ms: 0,
            buffer_ms: 0,
            any_clock: false,
            bitrate: None,
            bitrate_weighted: 0.0,
            bitrate_ms: 0,
            last_ping: None,
            largest_ping_gap_ms: None,
            reached: [false; 5],
            phase_from: None,
            open: Vec::new(),
            trace: opts.trace.then(Trace::default),
        }
    }

    /// Takes `ev` into account; `st` is the session's state before it (the engine calls
    /// this before applying the event).
    pub fn on_event(&mut self, ev: &Event, st: &SessionState) {
        self.m.events += 1;
        let clock = st.clock_of(ev);
        let counted = if ev.rejected.is_some() && !ev.is(EventType::SessionStart) {
            Counted::Rejected
        } else if self.closed.is_some() || st.is_closed() {
            Counted::Dropped
        } else if st
            .idle_gap_ms(ev)
            .is_some_and(|g| g >= self.opts.idle_timeout_ms)
        {
            // Adobe closed the session after the previous event (R4): this one is late.
            self.close(Completion::TimedOut);
            Counted::Dropped
        } else {
            Counted::Yes
        };
        if let Some(t) = &mut self.trace {
            t.events.push(TracePoint {
                index: ev.index,
                file: ev.file,
                event_type: match ev.event_type {
                    Some(t) => std::borrow::Cow::Borrowed(t.name()),
                    None => std::borrow::Cow::Owned(ev.name().to_string()),
                },
                clock_ms: clock,
                playhead: ev.playhead.map(|p| p.value),
                counted,
            });
        }
        match counted {
            Counted::Rejected => {
                self.m.rejected += 1;
                return;
            }
            Counted::Dropped => {
                self.m.dropped += 1;
                return;
            }
            Counted::Yes => {}
        }
        if self.m.origin_ms.is_none() {
            self.m.origin_ms = clock;
        }
        // The time since the previous counted event goes to what the session was doing.
        if let (Some(prev), Some(now)) = (self.last_clock, clock) {
            let dt = (now - prev).max(0);
            self.any_clock = true;
            self.attribute(st, prev, dt);
            self.progress(st, ev, dt);
        }
        if let Some(now) = clock {
            self.last_clock = Some(self.last_clock.map_or(now, |l| l.max(now)));
        }
        self.apply(ev, st, clock);
    }

    /// Adds `dt` ms (from `prev` on) to the state `st` was in.
    fn attribute(&mut self, st: &SessionState, prev: i64, dt: i64) {
        let playing = st.phase == Phase::Playing;
        match st.phase {
            Phase::Playing if st.ad.is_some() => self.ad_ms += dt,
            // Between the ads of a break: neither content nor ad (R30 is unverified).
            Phase::Playing if st.ad_break.is_some() => {}
            Phase::Playing => self.content_ms += dt,
            Phase::Paused => self.pause_ms += dt,
            Phase::Buffering => self.buffer_ms += dt,
            Phase::Starting => {}
        }
        if playing && (st.ad.is_some() || st.ad_break.is_none()) {
            if let Some(b) = self.bitrate {
                self.bitrate_weighted += b * dt as f64;
                self.bitrate_ms += dt;
            }
        }
        if self.trace.is_some() {
            let phase = PhaseName::of(st.phase);
            match self.phase_from {
                Some((p, _)) if p == phase => {}
                Some((p, from)) => {
                    self.push_span(Lane::Player(p), from, prev, None, false);
                    self.phase_from = Some((phase, prev));
                }
                None => self.phase_from = Some((phase, prev)),
            }
        }
    }

    /// Progress markers passed between the previous playhead and this event's, while
    /// playing main content, unless the playhead moved faster than the clock (a seek).
    fn progress(&mut self, st: &SessionState, ev: &Event, dt: i64) {
        let (Some(len), Some(now)) = (self.m.length_s, ev.playhead.map(|p| p.value)) else {
            return;
        };
        if len <= 0.0 || self.m.live == Some(true) {
            return;
        }
        if st.phase != Phase::Playing || st.ad_break.is_some() {
            return;
        }
        let Some((prev, at)) = st.last_playhead else {
            return;
        };
        // Measured from the event that gave the previous playhead: an event between them
        // without a readable playhead must not make the advance look like a seek.
        let dt = match (at.clock_ms, st.clock_of(ev)) {
            (Some(then), Some(now)) => now - then,
            _ => dt,
        };
        let advance = now - prev;
        if advance <= 0.0 || advance > dt as f64 / 1000.0 + self.opts.seek_tolerance_s {
            return;
        }
        for (i, pct) in PROGRESS_MARKERS.iter().enumerate() {
            let mark = len * f64::from(*pct) / 100.0;
            if prev < mark && mark <= now {
                self.reached[i] = true;
            }
        }
    }

    fn close(&mut self, how: Completion) {
        if self.closed.is_none() {
            self.closed = Some(how);
        }
    }

    fn push_span(&mut self, lane: Lane, from: i64, to: i64, label: Option<String>, open: bool) {
        if let Some(t) = &mut self.trace {
            t.spans.push(TraceSpan {
                lane,
                from_ms: from,
                to_ms: to.max(from),
                label,
                open,
            });
        }
    }

    fn open_span(&mut self, lane: Lane, at: Option<i64>, label: Option<String>) {
        if let (true, Some(at)) = (self.trace.is_some(), at) {
            self.end_span(&lane, Some(at), true);
            self.open.push((lane, at, label));
        }
    }

    fn end_span(&mut self, lane: &Lane, at: Option<i64>, open: bool) {
        let Some(at) = at else { return };
        if let Some(i) = self.open.iter().position(|(l, _, _)| l == lane) {
            let (l, from, label) = self.open.remove(i);
            self.push_span(l, from, at, label, open);
        }
    }

    /// What a counted event changes.
    fn apply(&mut self, ev: &Event, st: &SessionState, clock: Option<i64>) {
        if let Some(b) = ev.qoe_f64("media.qoe.bitrate") {
            self.bitrate = Some(b);
        }
        if self.m.qoe_time_to_start_ms.is_none() {
            self.m.qoe_time_to_start_ms = ev
                .qoe_f64("media.qoe.timeToStart")
                .or_else(|| ev.param_f64("media.qoe.timeToStart"));
        }
        let Some(t) = ev.event_type else { return };
        match t {
            EventType::SessionStart if st.started.is_none() => {
                self.m.content_name = ev.param_str("media.name").map(str::to_string);
                self.m.content_id = ev.param_str("media.id").map(str::to_string);
                self.m.live = ev.content_is_live();
                self.m.length_s = ev.param_f64("media.length");
                if clock.is_some() {
                    self.m.origin_ms = clock;
                }
            }
            EventType::Play if self.m.time_to_start_s.is_none() => {
                if let (Some(o), Some(c)) = (self.m.origin_ms, clock) {
                    self.m.time_to_start_s = Some((c - o) as f64 / 1000.0);
                }
            }
            EventType::PauseStart if st.phase != Phase::Paused => self.m.pauses += 1,
            EventType::BufferStart if st.phase != Phase::Buffering => self.m.buffers += 1,
            EventType::Ping => {
                self.m.pings += 1;
                if let Some(c) = clock {
                    if let Some(p) = self.last_ping {
                        let gap = c - p;
                        self.largest_ping_gap_ms =
                            Some(self.largest_ping_gap_ms.map_or(gap, |g| g.max(gap)));
                    }
                    self.last_ping = Some(c);
                }
            }
            EventType::AdBreakStart => {
                self.m.ad_breaks += 1;
                self.end_span(&Lane::Ad, clock, true);
                let label = ev.param_str("media.ad.podFriendlyName").map(str::to_string);
                self.open_span(Lane::AdBreak, clock, label);
            }
            EventType::AdBreakComplete => {
                self.end_span(&Lane::Ad, clock, true);
                self.end_span(&Lane::AdBreak, clock, false);
            }
            EventType::AdStart if st.ad_break.is_some() => {
                self.m.ads_started += 1;
                let label = ev
                    .param_str("media.ad.name")
                    .or_else(|| ev.param_str("media.ad.id"))
                    .map(str::to_string);
                self.open_span(Lane::Ad, clock, label);
            }
            EventType::AdComplete if st.ad.is_some() => {
                self.m.ads_completed += 1;
                self.end_span(&Lane::Ad, clock, false);
            }
            EventType::AdSkip if st.ad.is_some() => {
                self.m.ads_skipped += 1;
                self.end_span(&Lane::Ad, clock, false);
            }
            EventType::ChapterStart => {
                self.m.chapters_started += 1;
                let label = ev
                    .param_str("media.chapter.friendlyName")
                    .map(str::to_string)
                    .or_else(|| ev.param_f64("media.chapter.index").map(|i| format!("#{i}")));
                self.open_span(Lane::Chapter, clock, label);
            }
            EventType::ChapterComplete if st.chapter.is_some() => {
                self.m.chapters_completed += 1;
                self.end_span(&Lane::Chapter, clock, false);
            }
            EventType::ChapterSkip if st.chapter.is_some() => {
                self.end_span(&Lane::Chapter, clock, false);
            }
            EventType::StateStart => {
                if let Some(name) = ev.param_str("media.state.name") {
                    self.open_span(Lane::State(name.to_string()), clock, None);
                }
            }
            EventType::StateEnd => {
                if let Some(name) = ev.param_str("media.state.name") {
                    self.end_span(&Lane::State(name.to_string()), clock, false);
                }
            }
            EventType::StatesUpdate => {
                for name in ev.param_list_strs("statesEnd", "media.state.name") {
                    self.end_span(&Lane::State(name.to_string()), clock, false);
                }
                for name in ev.param_list_strs("statesStart", "media.state.name") {
                    self.open_span(Lane::State(name.to_string()), clock, None);
                }
            }
            EventType::SessionComplete => self.completed = true,
            EventType::SessionEnd => self.close(Completion::Ended),
            _ => {}
        }
    }

    /// The digest, once the session is over.
    pub fn finish(mut self) -> SessionMetrics {
        let end = self.last_clock;
        if let (Some((p, from)), Some(end)) = (self.phase_from.take(), end) {
            self.push_span(Lane::Player(p), from, end, None, false);
        }
        for (lane, from, label) in std::mem::take(&mut self.open) {
            self.push_span(lane, from, end.unwrap_or(from), label, true);
        }
        let secs = |ms: i64| ms as f64 / 1000.0;
        let timed = self.any_clock;
        let m = &mut self.m;
        m.content_time_s = timed.then(|| secs(self.content_ms));
        m.ad_time_s = timed.then(|| secs(self.ad_ms));
        m.pause_time_s = timed.then(|| secs(self.pause_ms));
        m.buffer_time_s = timed.then(|| secs(self.buffer_ms));
        m.duration_s = match (m.origin_ms, end) {
            (Some(o), Some(e)) => Some(secs(e - o)),
            _ => None,
        };
        m.completion = if self.completed {
            Completion::Complete
        } else {
            self.closed.unwrap_or(Completion::CutOff)
        };
        m.progress = PROGRESS_MARKERS
            .iter()
            .zip(self.reached)
            .filter(|(_, r)| *r)
            .map(|(p, _)| *p)
            .collect();
        m.avg_bitrate =
            (self.bitrate_ms > 0).then(|| self.bitrate_weighted / self.bitrate_ms as f64);
        m.largest_ping_gap_s = self.largest_ping_gap_ms.map(secs);
        m.trace = self.trace;
        self.m
    }
}
