//! PLAYBACK family: play / pauseStart / bufferStart transitions (FACTS §4.4, R20-R25, R29).

pub mod duplicate_pause_start;
pub mod error_without_id;
pub mod error_without_recovery;
pub mod no_play_after_ad_break;
pub mod pause_while_buffering;
pub mod play_before_preroll;

pub use duplicate_pause_start::DUPLICATE_PAUSE_START;
pub use error_without_id::ERROR_WITHOUT_ID;
pub use error_without_recovery::ERROR_WITHOUT_RECOVERY;
pub use no_play_after_ad_break::NO_PLAY_AFTER_AD_BREAK;
pub use pause_while_buffering::PAUSE_WHILE_BUFFERING;
pub use play_before_preroll::PLAY_BEFORE_PREROLL;
