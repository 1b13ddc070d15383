//! CHAPTER family: chapters open and close in pairs and never overlap (FACTS §4.6,
//! R33-R35).

pub mod chapter_end_without_start;
pub mod chapter_gap;
pub mod chapter_playhead_outside;
pub mod chapter_spans_ad_break;
pub mod chapter_start_while_open;

pub use chapter_end_without_start::CHAPTER_END_WITHOUT_START;
pub use chapter_gap::CHAPTER_GAP;
pub use chapter_playhead_outside::CHAPTER_PLAYHEAD_OUTSIDE;
pub use chapter_spans_ad_break::CHAPTER_SPANS_AD_BREAK;
pub use chapter_start_while_open::CHAPTER_START_WHILE_OPEN;
