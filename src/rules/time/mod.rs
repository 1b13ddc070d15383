//! TIME family: `playerTime.playhead` (seconds) and `playerTime.ts` (epoch ms) (FACTS §4.2).

pub mod playhead_backwards;
pub mod playhead_moved_in_ad_break;
pub mod ts_not_increasing;
pub mod ts_out_of_order;

pub use playhead_backwards::PLAYHEAD_BACKWARDS;
pub use playhead_moved_in_ad_break::PLAYHEAD_MOVED_IN_AD_BREAK;
pub use ts_not_increasing::TS_NOT_INCREASING;
pub use ts_out_of_order::TS_OUT_OF_ORDER;
