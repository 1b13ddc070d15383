//! QOE family: quality-of-experience data (FACTS §3.4, §4.8, R38).

pub mod bitrate_change_without_change;
pub mod dropped_frames_decrease;
pub mod qoe_in_params;

pub use bitrate_change_without_change::BITRATE_CHANGE_WITHOUT_CHANGE;
pub use dropped_frames_decrease::DROPPED_FRAMES_DECREASE;
pub use qoe_in_params::QOE_IN_PARAMS;
