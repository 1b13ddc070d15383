//! LIMIT family: valint reached one of its resource limits. Each limit is a named option
//! with a documented default; reaching it is reported, never a crash and never silent.

pub mod body_too_large;
pub mod findings_capped;
pub mod sessions_evicted;

pub use body_too_large::BODY_TOO_LARGE;
pub use findings_capped::FINDINGS_CAPPED;
pub use sessions_evicted::SESSIONS_EVICTED;
