//! TIME family: `playerTime.playhead` (seconds) and `playerTime.ts` (epoch ms) (FACTS §4.2).

pub mod playhead_backwards;
pub mod playhead_moved_in_ad_break;
pub mod ts_not_increasing;
pub mod ts_out_of_order;
// playback
pub mod media_length_not_positive;
pub mod playhead_differs_from_table;
pub mod playhead_faster_than_clock;
pub mod playhead_moved_while_paused;
pub mod playhead_out_of_range;

pub use playhead_backwards::PLAYHEAD_BACKWARDS;
pub use playhead_moved_in_ad_break::PLAYHEAD_MOVED_IN_AD_BREAK;
pub use ts_not_increasing::TS_NOT_INCREASING;
pub use ts_out_of_order::TS_OUT_OF_ORDER;
// playback
pub use media_length_not_positive::MEDIA_LENGTH_NOT_POSITIVE;
pub use playhead_differs_from_table::PLAYHEAD_DIFFERS_FROM_TABLE;
pub use playhead_faster_than_clock::PLAYHEAD_FASTER_THAN_CLOCK;
pub use playhead_moved_while_paused::PLAYHEAD_MOVED_WHILE_PAUSED;
pub use playhead_out_of_range::PLAYHEAD_OUT_OF_RANGE;
