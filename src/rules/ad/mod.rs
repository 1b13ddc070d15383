//! AD family: ad breaks and ads (FACTS §4.5, R26-R32).

pub mod ad_break_already_open;
pub mod ad_break_end_without_break;
pub mod ad_break_open_at_session_end;
pub mod ad_end_without_ad;
pub mod ad_longer_than_length;
pub mod ad_not_closed;
pub mod ad_outside_break;
pub mod duplicate_ad_id;
pub mod duplicate_pod_position;
pub mod gap_between_ads;
pub mod playback_between_ads;
pub mod pod_name_mismatch;

pub use ad_break_already_open::AD_BREAK_ALREADY_OPEN;
pub use ad_break_end_without_break::AD_BREAK_END_WITHOUT_BREAK;
pub use ad_break_open_at_session_end::AD_BREAK_OPEN_AT_SESSION_END;
pub use ad_end_without_ad::AD_END_WITHOUT_AD;
pub use ad_longer_than_length::AD_LONGER_THAN_LENGTH;
pub use ad_not_closed::AD_NOT_CLOSED;
pub use ad_outside_break::AD_OUTSIDE_BREAK;
pub use duplicate_ad_id::DUPLICATE_AD_ID;
pub use duplicate_pod_position::DUPLICATE_POD_POSITION;
pub use gap_between_ads::GAP_BETWEEN_ADS;
pub use playback_between_ads::PLAYBACK_BETWEEN_ADS;
pub use pod_name_mismatch::POD_NAME_MISMATCH;
