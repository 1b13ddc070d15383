//! TIME family: `playerTime.playhead` (seconds) and `playerTime.ts` (epoch ms) (FACTS §4.2).

pub mod playhead_backwards;
pub mod playhead_moved_in_ad_break;
pub mod ts_not_increasing;
pub mod ts_out_of_order;

use super::RuleMeta;

/// Every TIME rule.
pub static ALL: [&RuleMeta; 4] = [
    &playhead_backwards::META,
    &playhead_moved_in_ad_break::META,
    &ts_not_increasing::META,
    &ts_out_of_order::META,
];
