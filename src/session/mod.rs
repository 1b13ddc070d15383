//! Sessions: the typed [`Event`] view of a body, the per-session [`SessionState`] machine and
//! the [`Engine`] that demultiplexes events into sessions and drives the sequencing rules.

pub mod engine;
pub mod event;
pub mod metrics;
pub mod rule;
pub mod state;

pub use engine::{Engine, EngineStats, Fed, Repeat, SessionInfo};
pub use event::{ClockSource, Event, EventType, Place, Rejection, Spanned};
pub use metrics::{Collector, SessionMetrics};
pub use rule::{EventSet, Interest, RuleFactory, SessionRule, Sink};
pub use state::{format_num, Mark, Phase, SessionState};
