//! PING family: ping cadence (FACTS §4.3, R15-R19).

pub mod ping_interval_exceeded;

pub use ping_interval_exceeded::PING_INTERVAL_EXCEEDED;
