//! SESSION family: the session lifecycle (FACTS §4.1, R1-R8) and downloaded content (§1).

pub mod downloaded_flag;
pub mod duplicate_session_start;
pub mod end_without_complete;
pub mod endpoint_mismatch;
pub mod event_after_session_end;
pub mod missing_session_start;
pub mod playhead_frozen;
pub mod session_complete_early;
pub mod session_timed_out;
pub mod session_too_long;
pub mod stream_type_missing;

pub use downloaded_flag::DOWNLOADED_FLAG;
pub use duplicate_session_start::DUPLICATE_SESSION_START;
pub use end_without_complete::END_WITHOUT_COMPLETE;
pub use endpoint_mismatch::ENDPOINT_MISMATCH;
pub use event_after_session_end::EVENT_AFTER_SESSION_END;
pub use missing_session_start::MISSING_SESSION_START;
pub use playhead_frozen::PLAYHEAD_FROZEN;
pub use session_complete_early::SESSION_COMPLETE_EARLY;
pub use session_timed_out::SESSION_TIMED_OUT;
pub use session_too_long::SESSION_TOO_LONG;
pub use stream_type_missing::STREAM_TYPE_MISSING;
