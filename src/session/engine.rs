//! The sequencing engine: demultiplexes events into sessions and drives the rules.
//!
//! Sessions are keyed by `sid` when the capture has one. Without sids (docs pages, bare
//! body streams) each `sessionStart` opens a new session `#N`, and other events join the
//! session their file fed last. A sessionStart without a sid is bound to the first unknown
//! sid that follows it in the same file (a body stream that logs request lines but not the
//! `Location` answers).

use super::event::{Event, EventType};
use super::state::SessionState;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::rules::{session_rules, SessionRule, Sink};
use std::collections::{BTreeMap, HashMap};

/// Counts the engine reports in the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EngineStats {
    /// Sessions seen.
    pub sessions: usize,
    /// Events fed.
    pub events: usize,
    /// Sessions finished early because too many were open at once.
    pub evicted: usize,
}

/// The engine for one run (all files of one `valint check`).
///
/// Memory holds only open sessions: when more than [`Config::max_open_sessions`] are open,
/// the one idle longest is finished early (its end-of-session checks run) and forgotten.
pub struct Engine<'c> {
    cfg: &'c Config,
    slots: HashMap<usize, Slot>,
    /// Slot id by last activity, oldest first.
    by_activity: BTreeMap<u64, usize>,
    by_sid: HashMap<String, usize>,
    current: Option<usize>,
    next_slot: usize,
    next_anon: usize,
    tick: u64,
    events: usize,
    sessions: usize,
    evicted: usize,
    diags: Vec<Diagnostic>,
}

struct Slot {
    state: SessionState,
    rules: Vec<Box<dyn SessionRule>>,
    tick: u64,
}

impl<'c> Engine<'c> {
    /// A new engine with the rules `cfg` enables.
    pub fn new(cfg: &'c Config) -> Engine<'c> {
        Engine {
            cfg,
            slots: HashMap::new(),
            by_activity: BTreeMap::new(),
            by_sid: HashMap::new(),
            current: None,
            next_slot: 0,
            next_anon: 1,
            tick: 0,
            events: 0,
            sessions: 0,
            evicted: 0,
            diags: Vec::new(),
        }
    }

    /// Call before the events of each file: sid-less events never continue another
    /// file's session.
    pub fn begin_file(&mut self) {
        self.current = None;
    }

    fn open(&mut self, id: String, has_sid: bool) -> usize {
        if self.slots.len() >= self.cfg.max_open_sessions() {
            self.evict_oldest();
        }
        let idx = self.next_slot;
        self.next_slot += 1;
        self.sessions += 1;
        self.slots.insert(
            idx,
            Slot {
                state: SessionState::new(id.clone(), has_sid),
                rules: session_rules(self.cfg),
                tick: 0,
            },
        );
        if has_sid {
            self.by_sid.insert(id, idx);
        }
        idx
    }

    /// Finishes the session idle longest and forgets it.
    fn evict_oldest(&mut self) {
        let Some((_, idx)) = self.by_activity.pop_first() else {
            return;
        };
        if let Some(slot) = self.slots.remove(&idx) {
            if slot.state.has_sid {
                self.by_sid.remove(&slot.state.id);
            }
            if self.current == Some(idx) {
                self.current = None;
            }
            self.evicted += 1;
            Self::end_session(slot, &mut self.diags);
        }
    }

    fn end_session(mut slot: Slot, diags: &mut Vec<Diagnostic>) {
        let mut sink = Sink {
            out: diags,
            session: &slot.state.id,
        };
        for rule in &mut slot.rules {
            rule.on_session_end(&slot.state, &mut sink);
        }
    }

    fn anon_id(&mut self) -> String {
        let id = format!("#{}", self.next_anon);
        self.next_anon += 1;
        id
    }

    fn route(&mut self, ev: &Event) -> usize {
        let is_start = ev.is(EventType::SessionStart);
        match &ev.sid {
            Some(sid) => {
                if let Some(&i) = self.by_sid.get(sid) {
                    return i;
                }
                if !is_start {
                    if let Some(cur) = self.current {
                        if let Some(slot) = self.slots.get_mut(&cur) {
                            let st = &mut slot.state;
                            if !st.has_sid && st.started.is_some() && st.events == 1 {
                                // Bind the sessionStart that came without its sid.
                                st.id = sid.clone();
                                st.has_sid = true;
                                self.by_sid.insert(sid.clone(), cur);
                                return cur;
                            }
                        }
                    }
                }
                self.open(sid.clone(), true)
            }
            None => {
                if !is_start {
                    if let Some(cur) = self.current.filter(|c| self.slots.contains_key(c)) {
                        return cur;
                    }
                }
                let id = self.anon_id();
                self.open(id, false)
            }
        }
    }

    /// Feeds one event (in arrival order); returns the session's display id and the event's
    /// index in it.
    pub fn feed(&mut self, mut ev: Event) -> (String, usize) {
        let i = self.route(&ev);
        self.current = Some(i);
        self.events += 1;
        self.tick += 1;
        let slot = self.slots.get_mut(&i).expect("routed to an open session");
        self.by_activity.remove(&slot.tick);
        slot.tick = self.tick;
        self.by_activity.insert(self.tick, i);
        ev.index = slot.state.events;
        let before = self.diags.len();
        {
            let mut sink = Sink {
                out: &mut self.diags,
                session: &slot.state.id,
            };
            let closed = slot.state.is_closed();
            for rule in &mut slot.rules {
                if !closed || rule.sees_closed_sessions() {
                    rule.on_event(&ev, &slot.state, &mut sink);
                }
            }
        }
        if self.diags.len() > before {
            let snap = slot.state.snapshot();
            for d in &mut self.diags[before..] {
                d.context.state = snap.clone();
            }
        }
        slot.state.apply(&ev, self.cfg.idle_timeout_ms());
        (slot.state.id.clone(), ev.index)
    }

    /// Ends the run: calls every open session's `on_session_end` (oldest activity first)
    /// and returns the findings.
    pub fn finish(mut self) -> (Vec<Diagnostic>, EngineStats) {
        let order: Vec<usize> = self.by_activity.values().copied().collect();
        for idx in order {
            if let Some(slot) = self.slots.remove(&idx) {
                Self::end_session(slot, &mut self.diags);
            }
        }
        let stats = EngineStats {
            sessions: self.sessions,
            events: self.events,
            evicted: self.evicted,
        };
        (self.diags, stats)
    }
}
