//! SESSION family: the session lifecycle (FACTS §4.1, R1-R8) and downloaded content (§1).

pub mod downloaded_flag;
pub mod duplicate_session_start;
pub mod event_after_session_end;
pub mod missing_session_start;
pub mod session_timeout;

use super::RuleMeta;

/// Every SESSION rule.
pub static ALL: [&RuleMeta; 5] = [
    &missing_session_start::META,
    &duplicate_session_start::META,
    &event_after_session_end::META,
    &session_timeout::META,
    &downloaded_flag::META,
];
