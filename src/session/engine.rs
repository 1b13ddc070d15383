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
use std::collections::HashMap;

struct Slot {
    state: SessionState,
    rules: Vec<Box<dyn SessionRule>>,
    /// File of the session's first event.
    first_file: usize,
    /// The display id the session had before a late sid was bound to it (`#N`).
    alias: Option<String>,
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

/// Counts the engine reports in the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EngineStats {
    /// Sessions seen.
    pub sessions: usize,
    /// Events fed.
    pub events: usize,
    /// Every session, in the order it was opened.
    pub list: Vec<SessionInfo>,
    /// `(#N, sid)` for sessions that were opened without a sid and later bound to one;
    /// findings made before the binding carry the old id.
    pub renamed: Vec<(String, String)>,
}

/// What [`Engine::feed`] tells about the event it was given.
#[derive(Debug, Clone)]
pub struct Fed {
    /// The session's display id.
    pub session: String,
    /// The event's 0-based index within the session.
    pub index: usize,
    /// The session's state before the event (see [`SessionState::snapshot`]).
    pub state: Vec<(&'static str, String)>,
}

/// The engine for one run (all files of one `valint check`).
pub struct Engine<'c> {
    cfg: &'c Config,
    slots: Vec<Slot>,
    by_sid: HashMap<String, usize>,
    current: Option<usize>,
    next_anon: usize,
    events: usize,
    diags: Vec<Diagnostic>,
}

impl<'c> Engine<'c> {
    /// A new engine with the rules `cfg` enables.
    pub fn new(cfg: &'c Config) -> Engine<'c> {
        Engine {
            cfg,
            slots: Vec::new(),
            by_sid: HashMap::new(),
            current: None,
            next_anon: 1,
            events: 0,
            diags: Vec::new(),
        }
    }

    /// Call before the events of each file: sid-less events never continue another
    /// file's session.
    pub fn begin_file(&mut self) {
        self.current = None;
    }

    fn open(&mut self, id: String, has_sid: bool, file: usize) -> usize {
        let idx = self.slots.len();
        self.slots.push(Slot {
            state: SessionState::new(id.clone(), has_sid),
            rules: session_rules(self.cfg),
            first_file: file,
            alias: None,
        });
        if has_sid {
            self.by_sid.insert(id, idx);
        }
        idx
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
                        let slot = &mut self.slots[cur];
                        let st = &mut slot.state;
                        if !st.has_sid && st.started.is_some() && st.events == 1 {
                            // Bind the sessionStart that came without its sid.
                            slot.alias = Some(std::mem::replace(&mut st.id, sid.clone()));
                            st.has_sid = true;
                            self.by_sid.insert(sid.clone(), cur);
                            return cur;
                        }
                    }
                }
                self.open(sid.clone(), true, ev.file)
            }
            None => {
                if !is_start {
                    if let Some(cur) = self.current {
                        return cur;
                    }
                }
                let id = self.anon_id();
                self.open(id, false, ev.file)
            }
        }
    }

    /// Feeds one event (in arrival order); returns the session's display id, the event's
    /// index in it and the session's state before the event.
    pub fn feed(&mut self, mut ev: Event) -> Fed {
        let i = self.route(&ev);
        self.current = Some(i);
        self.events += 1;
        let slot = &mut self.slots[i];
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
        let snap = slot.state.snapshot();
        for d in &mut self.diags[before..] {
            d.context.state = snap.clone();
        }
        slot.state.apply(&ev, self.cfg.idle_timeout_ms());
        Fed {
            session: slot.state.id.clone(),
            index: ev.index,
            state: snap,
        }
    }

    /// Ends the run: calls every rule's `on_session_end` and returns the findings.
    pub fn finish(mut self) -> (Vec<Diagnostic>, EngineStats) {
        for slot in &mut self.slots {
            let mut sink = Sink {
                out: &mut self.diags,
                session: &slot.state.id,
            };
            for rule in &mut slot.rules {
                rule.on_session_end(&slot.state, &mut sink);
            }
        }
        let stats = EngineStats {
            sessions: self.slots.len(),
            events: self.events,
            list: self
                .slots
                .iter()
                .map(|s| SessionInfo {
                    id: s.state.id.clone(),
                    has_sid: s.state.has_sid,
                    file: s.first_file,
                    events: s.state.events,
                })
                .collect(),
            renamed: self
                .slots
                .iter()
                .filter_map(|s| Some((s.alias.clone()?, s.state.id.clone())))
                .collect(),
        };
        (self.diags, stats)
    }
}
