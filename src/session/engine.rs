//! The sequencing engine: demultiplexes events into sessions and drives the rules.
//!
//! Sessions are keyed by `sid` when the capture has one. Without sids (docs pages, bare
//! body streams) each `sessionStart` opens a new session `#N`, and other events join the
//! session their file fed last. A sessionStart without a sid is bound to the first unknown
//! sid that follows in the same file, oldest unbound sessionStart first (a body stream that
//! logs request lines but not the `Location` answers, with sessions interleaved).
//!
//! A downloaded-content batch (a JSON array body) is a session of its own: its first
//! element opens a new session whatever its type, the other elements join it, and no later
//! request continues it.
//!
//! Rules see a session's events in the order Adobe processes them, not the order they
//! arrived in. Adobe holds each session's events in a reorder buffer for 5 seconds or at most
//! 10 events and passes them on sorted by `ts`; sessionStart is passed on at once (FACTS R10).
//! When events carry arrival times, the engine plays that buffer: an event leaves it once
//! it has waited 5 s or 10 later events have arrived, together with every held event whose
//! ts is not later. A late event that arrives while an event with a later ts is still held
//! is put back in order; one that arrives after is processed out of order, as at Adobe.
//! Events without an arrival time, and batch elements, are processed as they come.
//! [`SessionRule::on_arrival`] sees every event in arrival order, for the rule that compares
//! the two orders (TIM004).

use super::event::{Event, EventType};
use super::metrics::{Collector, MetricsOptions, SessionMetrics};
use super::rule::{EventSet, Interest, RuleFactory, SessionRule, Sink};
use super::state::SessionState;
use crate::config::{Config, SessionRecord};
use crate::diagnostic::Diagnostic;
use rustc_hash::FxHashMap as HashMap;
use std::collections::VecDeque;

/// Closed sessions kept to recognise events sent after their end: beyond this many, the
/// session closed longest ago is forgotten, and an event on it is reported as one without
/// a sessionStart. About 1.5 kB each.
const CLOSED_SESSIONS_KEPT: usize = 4096;

/// Adobe's reorder buffer: 5 seconds ...
const REORDER_WINDOW_MS: i64 = 5_000;
/// ... or at most 10 events (FACTS R10).
const REORDER_WINDOW_EVENTS: usize = 10;

struct Slot<'c> {
    state: SessionState,
    /// The session's rules, each with its index in the factory's list ([`Dispatch`]): all
    /// of them, in that order, until the session is compacted; then those that see closed
    /// sessions.
    rules: Vec<(u16, Box<dyn SessionRule>)>,
    /// Opened by a downloaded-content batch: complete in itself.
    batch: bool,
    /// Events that arrived so far (the next event's index).
    arrived: usize,
    /// Adobe's reorder buffer: held events with their sort key (the ts; for an event
    /// without a usable ts, the highest key held, so it stays behind), sorted (stable).
    held: Vec<(i64, Box<Event<'c>>)>,
    /// Last activity (the engine's event count when the session was last fed): the
    /// session's live entry in `Engine::by_activity`, and its place in the order
    /// sessions are finished at the end of the run.
    tick: u64,
    /// Order in which the session was opened.
    opened: usize,
    /// File of the session's first event.
    first_file: usize,
    /// File of the session's latest event.
    last_file: usize,
    /// Latest body `ts` among the events that arrived (epoch ms).
    latest_ts: Option<i64>,
    /// The display id the session had before a late sid was bound to it (`#N`).
    alias: Option<String>,
    /// Some finding named the session by its display id (which a late sid may replace).
    named_in_findings: bool,
    /// Closed (sessionEnd or inactivity) with nothing held: the rules that do not see
    /// closed sessions have had their end-of-session checks and are gone.
    compacted: bool,
    /// The session's metrics, when the run keeps them ([`Config::session_record`]).
    metrics: Option<Box<Collector>>,
    /// The request fingerprints this session put in `Engine::seen`, taken out with it.
    fingerprints: Vec<u64>,
}

/// Which rules the engine calls for what, read once per run from the rules' declarations
/// ([`SessionRule::interest`], [`SessionRule::sees_closed_sessions`],
/// [`SessionRule::sees_rejected`]) of one call of the factory. Rules are named by their
/// index in the factory's list.
struct Dispatch {
    /// For each kind of event ([`EventSet::key`]) without `qoeData`, then each kind with
    /// it (`EventSet::KINDS` on), the rules whose `on_event` wants it, in the factory's
    /// order.
    on_event: [Vec<u16>; 2 * EventSet::KINDS],
    /// The rules that want `on_arrival`, in the factory's order.
    on_arrival: Vec<u16>,
    /// Each rule's declarations, by index.
    rules: Vec<Wants>,
}

/// One rule's declarations, as the engine reads them once per run.
#[derive(Clone, Copy)]
struct Wants {
    interest: Interest,
    closed: bool,
    rejected: bool,
}

impl Dispatch {
    /// The table for the rules `rules` (one call of the factory); with `everything`, every
    /// rule is called for every event whatever it declares
    /// ([`Config::every_rule_on_every_event`]).
    fn new(rules: &[Box<dyn SessionRule>], everything: bool) -> Dispatch {
        assert!(
            rules.len() <= usize::from(u16::MAX),
            "too many session rules"
        );
        let wants: Vec<Wants> = rules
            .iter()
            .map(|r| Wants {
                interest: if everything {
                    Interest::EVERYTHING
                } else {
                    r.interest()
                },
                closed: r.sees_closed_sessions(),
                rejected: r.sees_rejected(),
            })
            .collect();
        let indices = |keep: &dyn Fn(&Wants) -> bool| -> Vec<u16> {
            (0..wants.len())
                .filter(|&i| keep(&wants[i]))
                .map(|i| i as u16)
                .collect()
        };
        let on_event: [Vec<u16>; 2 * EventSet::KINDS] = std::array::from_fn(|key| {
            let t = EventType::ALL.get(key % EventSet::KINDS).copied();
            let qoe_data = key >= EventSet::KINDS;
            indices(&|w| w.interest.wants_event(t, qoe_data))
        });
        Dispatch {
            on_event,
            on_arrival: indices(&|w| w.interest.arrival),
            rules: wants,
        }
    }

    /// Whether rule `r` is called for an event of type `t` whose body has (`qoe_data`) or
    /// lacks `qoeData` (on arrival, or in processing order).
    fn wants(&self, r: u16, t: Option<EventType>, qoe_data: bool, arrival: bool) -> bool {
        let i = self.rules[usize::from(r)].interest;
        if arrival {
            i.arrival
        } else {
            i.wants_event(t, qoe_data)
        }
    }
}

/// One session of the run, in the order sessions were opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// Display id: the sid, or `#N` when the capture has none.
    pub id: String,
    /// Whether `id` is a real sid from the capture.
    pub has_sid: bool,
    /// Index of the file that holds the session's first event.
    pub file: usize,
    /// Events fed to the session.
    pub events: usize,
}

/// A finished session: when it was opened, what the report lists about it, its
/// `(#N, sid)` rename if a late sid was bound to it, and its metrics if kept.
struct Finished(
    usize,
    Option<SessionInfo>,
    Option<(String, String)>,
    Option<SessionMetrics>,
);

/// What [`Engine::feed`] tells about the event it was given.
#[derive(Debug, Clone)]
pub struct Fed {
    /// The session's display id, if asked for (`want_state`; empty otherwise).
    pub session: String,
    /// The event's 0-based index within the session (in arrival order).
    pub index: usize,
    /// The session's state when the event arrived (see [`SessionState::snapshot`]), if
    /// asked for.
    pub state: Vec<(&'static str, crate::diagnostic::StateValue)>,
}

/// Requests of one file that repeat requests of an earlier file of the run exactly (the
/// same sid and body bytes, so the same `ts`): the same traffic recorded twice. Such
/// requests never continue the earlier file's session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    /// Index of the file that holds the repeats.
    pub file: usize,
    /// Index of the earlier file whose requests they repeat.
    pub of: usize,
    /// Requests repeated.
    pub requests: usize,
    /// File span of the first repeated request's body.
    pub first: crate::source::Span,
}

/// Counts the engine reports in the summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EngineStats {
    /// Sessions seen.
    pub sessions: usize,
    /// Events fed.
    pub events: usize,
    /// Sessions finished early because too many were open at once.
    pub evicted: usize,
    /// Most sessions held in memory at once (open, and closed ones kept to recognise late
    /// events): what bounds the engine's memory.
    pub peak_in_memory: usize,
    /// Every session, in the order it was opened.
    pub list: Vec<SessionInfo>,
    /// `(#N, sid)` for sessions that were opened without a sid and later bound to one;
    /// findings made before the binding carry the old id.
    pub renamed: Vec<(String, String)>,
    /// Every session's metrics, in the order sessions were opened, when the run keeps them
    /// ([`Config::session_record`]).
    pub metrics: Vec<SessionMetrics>,
}

/// The engine for one run (all files of one `valint check`).
///
/// Memory holds only open sessions: when more than [`Config::max_open_sessions`] are open,
/// the one idle longest is finished early (its end-of-session checks run) and forgotten.
pub struct Engine<'c> {
    cfg: &'c Config,
    /// Makes the rules of a new session.
    rules: RuleFactory<'c>,
    /// Which of them to call for what.
    dispatch: Dispatch,
    /// (Fx hashing: sids are long, and nothing here is keyed by untrusted input that could
    /// be made to collide on purpose more cheaply than by sending that many sessions.)
    /// Boxed: a slot is over a kilobyte, and the table doubles as sessions open (an inline
    /// table of 8,192 slots held 12 MB, twice that while it grew).
    slots: HashMap<usize, Box<Slot<'c>>>,
    /// `(tick, slot)` for every event fed, oldest first, to find the open session idle
    /// longest: a session's live entry is the one with its latest tick (`Slot::tick`)
    /// while it is open (see [`Engine::is_live`]); the others are left behind and
    /// skipped (a queue, not a map searched and rebalanced on every event).
    by_activity: VecDeque<(u64, usize)>,
    by_sid: HashMap<String, usize>,
    current: Option<usize>,
    /// Sessions of the current file opened by a sessionStart without a sid, oldest first.
    unbound_starts: VecDeque<usize>,
    next_slot: usize,
    next_anon: usize,
    tick: u64,
    events: usize,
    sessions: usize,
    evicted: usize,
    /// Sessions already finished, in the order they finished.
    finished: Vec<Finished>,
    /// `(arrival ms, slot, tick)` of buffered events in arrival order: a session whose
    /// last event is older than the idle timeout gets its buffer passed on (see `sweep`).
    sweep: VecDeque<(i64, usize, u64)>,
    /// Compacted sessions, closed longest ago first (may name forgotten ones).
    closed: VecDeque<usize>,
    /// Compacted sessions still in `slots`.
    compacted: usize,
    /// Most sessions in `slots` at once.
    peak_in_memory: usize,
    diags: Vec<Diagnostic>,
    /// Whether later files follow, so that request fingerprints are worth remembering.
    remember: bool,
    /// File in which each request fingerprint was first seen (see [`Event::fingerprint`]),
    /// for the requests of sessions still in memory: a repeat matters only while the
    /// session it would continue is there, and a run of many large files would otherwise
    /// hold an entry per request (100 MB for a 1 GB capture followed by another).
    seen: HashMap<u64, usize>,
    /// Repeats found so far (see [`Engine::take_repeats`]).
    repeats: Vec<Repeat>,
}

impl<'c> Engine<'c> {
    /// A new engine for the run `cfg` configures, with `rules` making each new session's rules
    /// (`rules::session_rules` gives the enabled ones).
    pub fn new(cfg: &'c Config, rules: RuleFactory<'c>) -> Engine<'c> {
        let dispatch = Dispatch::new(&rules(), cfg.every_rule_on_every_event);
        Engine {
            cfg,
            rules,
            dispatch,
            slots: HashMap::default(),
            by_activity: VecDeque::new(),
            by_sid: HashMap::default(),
            current: None,
            unbound_starts: VecDeque::new(),
            next_slot: 0,
            next_anon: 1,
            tick: 0,
            events: 0,
            sessions: 0,
            evicted: 0,
            finished: Vec::new(),
            sweep: VecDeque::new(),
            closed: VecDeque::new(),
            compacted: 0,
            peak_in_memory: 0,
            diags: Vec::new(),
            remember: false,
            seen: HashMap::default(),
            repeats: Vec::new(),
        }
    }

    /// Whether files follow the one about to be fed: only then are the fingerprints of its
    /// requests remembered, to recognise the same traffic recorded again in a later file.
    pub fn more_files_follow(&mut self, more: bool) {
        self.remember = more;
    }

    /// Takes the repeats found so far: for each file and earlier file, how many of its
    /// requests repeat that file's exactly (see [`Repeat`]).
    pub fn take_repeats(&mut self) -> Vec<Repeat> {
        std::mem::take(&mut self.repeats)
    }

    /// The earlier file that `ev` repeats a request of, if any (a request of a session
    /// still in memory; see `seen`).
    fn repeat_of(&mut self, ev: &Event) -> Option<usize> {
        let key = ev.fingerprint?;
        let of = self.seen.get(&key).copied().filter(|&f| f != ev.file)?;
        match self.repeats.last_mut() {
            Some(r) if r.file == ev.file && r.of == of => r.requests += 1,
            _ => match self
                .repeats
                .iter_mut()
                .find(|r| r.file == ev.file && r.of == of)
            {
                Some(r) => r.requests += 1,
                None => self.repeats.push(Repeat {
                    file: ev.file,
                    of,
                    requests: 1,
                    first: ev.body_span,
                }),
            },
        }
        Some(of)
    }

    /// Call before the events of each file: sid-less events never continue another
    /// file's session.
    pub fn begin_file(&mut self) {
        self.current = None;
        self.unbound_starts.clear();
    }

    fn open(&mut self, id: String, has_sid: bool, batch: bool, file: usize) -> usize {
        if self.slots.len() - self.compacted >= self.cfg.max_open_sessions() {
            self.evict_oldest();
        }
        let idx = self.next_slot;
        self.next_slot += 1;
        self.sessions += 1;
        let rules = (self.rules)();
        assert_eq!(
            rules.len(),
            self.dispatch.rules.len(),
            "the rule factory makes the same rules for every session"
        );
        self.slots.insert(
            idx,
            Box::new(Slot {
                state: SessionState::new(id.clone(), has_sid),
                rules: (0..).zip(rules).collect(),
                batch,
                arrived: 0,
                held: Vec::new(),
                tick: 0,
                opened: idx,
                first_file: file,
                last_file: file,
                latest_ts: None,
                alias: None,
                named_in_findings: false,
                compacted: false,
                metrics: self
                    .metrics_options()
                    .map(|o| Box::new(Collector::new(id.clone(), file, o))),
                fingerprints: Vec::new(),
            }),
        );
        if has_sid {
            self.by_sid.insert(id, idx);
        }
        self.peak_in_memory = self.peak_in_memory.max(self.slots.len());
        idx
    }

    /// What each session's metrics collector needs, when the run keeps metrics.
    fn metrics_options(&self) -> Option<MetricsOptions> {
        let trace = match self.cfg.session_record {
            SessionRecord::None => return None,
            SessionRecord::Digest => false,
            SessionRecord::Timeline => true,
        };
        Some(MetricsOptions {
            idle_timeout_ms: self.cfg.idle_timeout_ms(),
            seek_tolerance_s: self.cfg.playhead_clock_tolerance_s,
            trace,
        })
    }

    /// Whether `(tick, slot)` is the live entry of an open (not compacted) session in
    /// `by_activity`: the queue serves eviction, which finishes open sessions only, so a
    /// compacted session's entry is dropped at the next sweep of the queue (thousands of
    /// closed sessions are kept, and checking their entries again and again cost two
    /// look-ups of a cold slot per event on a run of many sessions).
    fn is_live(&self, (tick, idx): (u64, usize)) -> bool {
        self.slots
            .get(&idx)
            .is_some_and(|s| s.tick == tick && !s.compacted)
    }

    /// Every session in memory (open, and closed ones kept), by last activity, oldest
    /// first.
    fn sessions_by_activity(&self) -> Vec<usize> {
        let mut order: Vec<(u64, usize)> = self.slots.iter().map(|(&i, s)| (s.tick, i)).collect();
        order.sort_unstable();
        order.into_iter().map(|(_, i)| i).collect()
    }

    /// Records activity on session `i` (fed an event): its new tick.
    fn touch(&mut self, i: usize) {
        self.tick += 1;
        let tick = self.tick;
        if let Some(slot) = self.slots.get_mut(&i) {
            slot.tick = tick;
        }
        self.by_activity.push_back((tick, i));
        // Entries left behind are dropped once they outnumber the sessions: each pass
        // keeps at most one entry per session, so it comes after as many events again.
        if self.by_activity.len() > 2 * (self.slots.len() - self.compacted) + 64 {
            let mut q = std::mem::take(&mut self.by_activity);
            q.retain(|&e| self.is_live(e));
            self.by_activity = q;
        }
        while let Some(&front) = self.by_activity.front() {
            if self.is_live(front) {
                break;
            }
            self.by_activity.pop_front();
        }
    }

    /// Finishes the open (not compacted) session idle longest and forgets it.
    fn evict_oldest(&mut self) {
        let oldest = self
            .by_activity
            .iter()
            .find(|&&e| self.is_live(e))
            .map(|&(_, idx)| idx);
        let Some(idx) = oldest else {
            return;
        };
        self.release(idx, None, usize::MAX);
        if self.forget(idx) {
            self.evicted += 1;
        }
    }

    /// Finishes session `idx` (its remaining end-of-session checks) and drops it from
    /// memory; false if it was not there.
    fn forget(&mut self, idx: usize) -> bool {
        let Some(mut slot) = self.slots.remove(&idx) else {
            return false;
        };
        if slot.state.has_sid && self.by_sid.get(&slot.state.id) == Some(&idx) {
            self.by_sid.remove(&slot.state.id);
        }
        if self.current == Some(idx) {
            self.current = None;
        }
        if slot.compacted {
            self.compacted -= 1;
        }
        for key in std::mem::take(&mut slot.fingerprints) {
            self.seen.remove(&key);
        }
        self.end_session(&mut slot);
        true
    }

    /// Once session `i` is closed and holds no event, runs the end-of-session checks of
    /// the rules that do not look at closed sessions (their verdict cannot change: they
    /// see no more events) and drops them, so that a closed session costs little. Past
    /// [`CLOSED_SESSIONS_KEPT`], the session closed longest ago is forgotten.
    fn compact(&mut self, i: usize) {
        let Some(slot) = self.slots.get_mut(&i) else {
            return;
        };
        if slot.compacted || !slot.state.is_closed() || !slot.held.is_empty() {
            return;
        }
        let before = self.diags.len();
        let mut sink = Sink {
            out: &mut self.diags,
            session: &slot.state.id,
        };
        let st = &slot.state;
        slot.rules.retain_mut(|(_, rule)| {
            if rule.sees_closed_sessions() {
                return true;
            }
            rule.on_session_end(st, &mut sink);
            false
        });
        note_rejection(&slot.state, &mut self.diags[before..]);
        slot.rules.shrink_to_fit();
        slot.held = Vec::new();
        slot.compacted = true;
        self.compacted += 1;
        self.closed.push_back(i);
        while self.compacted > CLOSED_SESSIONS_KEPT {
            let Some(old) = self.closed.pop_front() else {
                break;
            };
            if self.slots.get(&old).is_some_and(|s| s.compacted) {
                self.forget(old);
            }
        }
    }

    /// Passes on the buffers of sessions that have had no event for longer than the idle
    /// timeout at time `now` (epoch ms): Adobe has long processed those events (and, past
    /// the timeout, closed the session). Any later event of such a session would have
    /// passed them on itself, so rules see the same order; the sweep only frees memory
    /// (a sessionEnd waiting in a buffer is processed, and the session compacted).
    fn sweep(&mut self, now: i64) {
        let horizon = self.cfg.idle_timeout_ms().max(REORDER_WINDOW_MS);
        while let Some(&(at, idx, tick)) = self.sweep.front() {
            // Either way: the next file of a run may be a recording that starts earlier.
            if now.abs_diff(at) <= horizon.unsigned_abs() {
                break;
            }
            self.sweep.pop_front();
            if self.slots.get(&idx).is_some_and(|s| s.tick == tick) {
                self.release(idx, None, usize::MAX);
                self.compact(idx);
            }
        }
    }

    fn end_session(&mut self, slot: &mut Slot<'c>) {
        let before = self.diags.len();
        let mut sink = Sink {
            out: &mut self.diags,
            session: &slot.state.id,
        };
        for (_, rule) in &mut slot.rules {
            rule.on_session_end(&slot.state, &mut sink);
        }
        note_rejection(&slot.state, &mut self.diags[before..]);
        let info = (!self.cfg.omit_session_list).then(|| SessionInfo {
            id: slot.state.id.clone(),
            has_sid: slot.state.has_sid,
            file: slot.first_file,
            events: slot.arrived,
        });
        // Only a session that findings name by its old id needs its rename remembered.
        let rename = slot
            .alias
            .clone()
            .filter(|_| slot.named_in_findings)
            .map(|a| (a, slot.state.id.clone()));
        let metrics = slot.metrics.take().map(|m| {
            let mut m = m.finish();
            m.id.clone_from(&slot.state.id);
            m
        });
        if info.is_some() || rename.is_some() || metrics.is_some() {
            self.finished
                .push(Finished(slot.opened, info, rename, metrics));
        }
    }

    fn anon_id(&mut self) -> String {
        let id = format!("#{}", self.next_anon);
        self.next_anon += 1;
        id
    }

    /// Whether `ev`, whose sid names session `i`, continues it: it is in the file the
    /// session was last fed from, or it continues that session in a later file (a capture
    /// split across files when a proxy restarted): it is no sessionStart (`starts`), no
    /// exact repeat of an earlier file's request (`repeat`), and its `ts` comes after every
    /// `ts` the session has had (when both have one).
    fn continues(&self, i: usize, ev: &Event, starts: bool, repeat: bool) -> bool {
        let Some(slot) = self.slots.get(&i) else {
            return false;
        };
        if slot.last_file == ev.file {
            return true;
        }
        if starts || repeat {
            return false;
        }
        match (ev.ts, slot.latest_ts) {
            (Some(t), Some(latest)) => t.value > latest,
            _ => true,
        }
    }

    fn route(&mut self, ev: &Event) -> usize {
        let repeat = self.repeat_of(ev).is_some();
        let is_start = ev.is(EventType::SessionStart);
        let batch_start = ev.batch == Some(0);
        match &ev.sid {
            Some(sid) => {
                // A sid of an earlier file that this file does not continue (a copied
                // fixture, the same traffic exported twice) names a session of this file's
                // own, so that a file's findings never depend on the other files of the run.
                if let Some(&i) = self.by_sid.get(sid.as_ref()) {
                    if self.continues(i, ev, is_start || batch_start, repeat) {
                        return i;
                    }
                }
                if !is_start && !batch_start {
                    // Bind the oldest sessionStart of this file that came without its sid
                    // (a log of request lines without the `Location` answers): sessions
                    // start in order, and each one's first event names its sid.
                    while let Some(cand) = self.unbound_starts.pop_front() {
                        let Some(slot) = self.slots.get_mut(&cand) else {
                            continue;
                        };
                        let st = &mut slot.state;
                        if st.has_sid || slot.batch {
                            continue;
                        }
                        slot.alias = Some(std::mem::replace(&mut st.id, sid.to_string()));
                        st.has_sid = true;
                        self.by_sid.insert(sid.to_string(), cand);
                        return cand;
                    }
                }
                self.open(sid.to_string(), true, batch_start, ev.file)
            }
            None => {
                // The session fed last, unless it was a batch and this event is not part
                // of it.
                let current = self
                    .current
                    .filter(|c| self.slots.contains_key(c))
                    .filter(|c| !self.slots[c].batch || ev.batch.is_some_and(|p| p > 0));
                if !is_start && !batch_start {
                    if let Some(cur) = current {
                        return cur;
                    }
                }
                let id = self.anon_id();
                let i = self.open(id, false, batch_start, ev.file);
                if is_start && !batch_start {
                    self.unbound_starts.push_back(i);
                }
                i
            }
        }
    }

    /// Feeds one event (in arrival order); returns the session's display id and the event's
    /// index in it (its position in arrival order).
    ///
    /// `want_state` asks for the session's state in [`Fed::state`] (it costs a few
    /// allocations, so callers ask only when they have findings to file).
    pub fn feed(&mut self, ev: impl Into<Box<Event<'c>>>, want_state: bool) -> Fed {
        // Boxed: an event is a few hundred bytes, and it may wait in the reorder buffer.
        let mut ev: Box<Event<'c>> = ev.into();
        let i = self.route(&ev);
        self.current = Some(i);
        self.events += 1;
        self.touch(i);
        let slot = self.slots.get_mut(&i).expect("routed to an open session");
        // Remembered when later files follow, to recognise the same traffic recorded again.
        if let (true, Some(key)) = (self.remember, ev.fingerprint) {
            if let std::collections::hash_map::Entry::Vacant(v) = self.seen.entry(key) {
                v.insert(ev.file);
                slot.fingerprints.push(key);
            }
        }
        slot.last_file = ev.file;
        if let Some(t) = ev.ts {
            slot.latest_ts = Some(slot.latest_ts.map_or(t.value, |l| l.max(t.value)));
        }
        // The caller files findings under the id returned when it asks for the state.
        slot.named_in_findings |= want_state;
        ev.index = slot.arrived;
        slot.arrived += 1;
        let (id, state) = if want_state {
            (slot.state.id.clone(), slot.state.snapshot())
        } else {
            (String::new(), Vec::new())
        };
        let arrival = ev.arrival_ms;
        let buffered = arrival.is_some() && ev.batch.is_none() && !ev.is(EventType::SessionStart);
        if buffered {
            self.run(i, &ev, true);
            self.release(i, ev.arrival_ms, ev.index);
            let held = &mut self.slots.get_mut(&i).expect("open").held;
            let k = ev
                .ts
                .map(|t| t.value)
                .or_else(|| held.last().map(|h| h.0))
                .unwrap_or(i64::MIN);
            let at = held.partition_point(|h| h.0 <= k);
            held.insert(at, (k, ev));
        } else {
            // sessionStart is passed on at once; other events without an arrival time, and
            // batch elements, after everything held.
            if !ev.is(EventType::SessionStart) {
                self.release(i, None, usize::MAX);
            }
            self.run(i, &ev, true);
            self.process(i, &ev);
        }
        let index = self.slots[&i].arrived - 1;
        if let Some(t) = arrival {
            self.sweep.push_back((t, i, self.tick));
            self.sweep(t);
        }
        self.compact(i);
        Fed {
            session: id,
            index,
            state,
        }
    }

    /// Passes on the held events of session `i` that have left Adobe's buffer by the time
    /// an event arrives at `now` as the `index`-th of its session (all of them for `None`
    /// with `usize::MAX`), with every held event whose ts is not later.
    fn release(&mut self, i: usize, now: Option<i64>, index: usize) {
        let Some(slot) = self.slots.get(&i) else {
            return;
        };
        let held = &slot.held;
        let expired = |h: &(i64, Box<Event<'c>>)| match (now, h.1.arrival_ms) {
            _ if index == usize::MAX => true,
            (Some(t), Some(a)) => {
                t - a > REORDER_WINDOW_MS || index - h.1.index >= REORDER_WINDOW_EVENTS
            }
            _ => true,
        };
        let Some(last) = held.iter().rposition(expired) else {
            return;
        };
        // Taken out while its events are processed (processing does not hold events).
        let mut held = std::mem::take(&mut self.slots.get_mut(&i).expect("open").held);
        for (_, ev) in held.drain(..=last) {
            self.process(i, &ev);
        }
        self.slots.get_mut(&i).expect("open").held = held;
    }

    /// Runs the rules on `ev` (arrival hooks, or processing) with the session's state. An
    /// event Adobe rejects is not part of the sequence Adobe sees: only the rules that
    /// explain a rejection judge it (its own problem is its HTTP or schema finding), and it
    /// changes no state (see [`Engine::process`]).
    fn run(&mut self, i: usize, ev: &Event, arrival: bool) {
        let rejected = ev.rejected.is_some() && !ev.is(EventType::SessionStart);
        let slot = &mut **self.slots.get_mut(&i).expect("open");
        let before = self.diags.len();
        {
            let Slot {
                state,
                rules,
                compacted,
                ..
            } = slot;
            let state = &*state;
            let mut sink = Sink {
                out: &mut self.diags,
                session: &state.id,
            };
            let closed = state.is_closed();
            let dispatch = &self.dispatch;
            let t = ev.event_type;
            let qoe_data = !arrival && ev.has_qoe_data();
            let mut call = |r: u16, rule: &mut Box<dyn SessionRule>| {
                let wants = &dispatch.rules[usize::from(r)];
                if (rejected && !wants.rejected) || (closed && !wants.closed) {
                    return;
                }
                if arrival {
                    rule.on_arrival(ev, state, &mut sink);
                } else {
                    rule.on_event(ev, state, &mut sink);
                }
            };
            if *compacted {
                // The few rules left, each asked.
                for (r, rule) in rules.iter_mut() {
                    if dispatch.wants(*r, t, qoe_data, arrival) {
                        call(*r, rule);
                    }
                }
            } else {
                // Every rule is there, at its index: only those that want the event.
                let list = if arrival {
                    &dispatch.on_arrival
                } else {
                    &dispatch.on_event[EventSet::key(t) + usize::from(qoe_data) * EventSet::KINDS]
                };
                match (rejected || closed, arrival) {
                    // The usual case, an accepted event of an open session: each rule in
                    // the list, without asking what it declared again.
                    (false, true) => {
                        for &r in list {
                            rules[usize::from(r)].1.on_arrival(ev, state, &mut sink);
                        }
                    }
                    (false, false) => {
                        for &r in list {
                            rules[usize::from(r)].1.on_event(ev, state, &mut sink);
                        }
                    }
                    (true, _) => {
                        for &r in list {
                            call(r, &mut rules[usize::from(r)].1);
                        }
                    }
                }
            }
        }
        if self.diags.len() > before {
            slot.named_in_findings = true;
            let snap = slot.state.snapshot();
            for d in &mut self.diags[before..] {
                d.context.state = snap.clone();
            }
            note_rejection(&slot.state, &mut self.diags[before..]);
        }
    }

    /// Processes `ev` the way Adobe does after its reorder buffer: rules, then state. An
    /// event Adobe rejects changes no state (but a sessionStart, which valint needs to
    /// know the session by, still opens it).
    fn process(&mut self, i: usize, ev: &Event) {
        if self.cfg.session_record != SessionRecord::None {
            let slot = self.slots.get_mut(&i).expect("open");
            if let Some(m) = &mut slot.metrics {
                m.on_event(ev, &slot.state);
            }
        }
        self.run(i, ev, false);
        let limits = self.cfg.timeouts();
        let state = &mut self.slots.get_mut(&i).expect("open").state;
        match ev.rejected {
            Some(why) if !ev.is(EventType::SessionStart) => state.apply_rejected(ev, why),
            _ => state.apply(ev, limits),
        }
    }

    /// Takes the findings made so far (the run's findings are collected as it goes, so
    /// that memory holds only those within `--max-findings`).
    pub fn take_findings(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diags)
    }

    /// Ends the run: passes on every held event, calls every open session's
    /// `on_session_end` (oldest activity first) and returns the findings.
    pub fn finish(mut self) -> (Vec<Diagnostic>, EngineStats) {
        let order = self.sessions_by_activity();
        for idx in order {
            self.release(idx, None, usize::MAX);
            if let Some(mut slot) = self.slots.remove(&idx) {
                self.end_session(&mut slot);
            }
        }
        self.finished.sort_by_key(|f| f.0);
        let list = self.finished.iter().filter_map(|f| f.1.clone()).collect();
        let renamed = self.finished.iter().filter_map(|f| f.2.clone()).collect();
        let metrics = self
            .finished
            .iter_mut()
            .filter_map(|f| f.3.take())
            .collect();
        let stats = EngineStats {
            sessions: self.sessions,
            events: self.events,
            evicted: self.evicted,
            peak_in_memory: self.peak_in_memory,
            list,
            renamed,
            metrics,
        };
        (self.diags, stats)
    }
}

/// Adds to `found`, findings a session's rules just made, a note naming the last event of
/// the session that Adobe rejected, if any: the sequence Adobe saw lacks that event.
fn note_rejection(state: &SessionState, found: &mut [Diagnostic]) {
    let Some((m, why)) = state.last_rejected else {
        return;
    };
    let what = m.event_type.map_or("event", |t| t.name());
    let note = format!(
        "Adobe rejected the {what} at event #{} ({}), so it counts for nothing in this sequence",
        m.index,
        why.why()
    );
    for d in found {
        d.note = Some(match d.note.take() {
            Some(n) => format!("{n}; {note}"),
            None => note.clone(),
        });
    }
}
