//! STATE family: player states such as mute and full screen (FACTS §3.6, §4.7, R36-R37).

pub mod state_already_open;
pub mod state_end_not_open;

pub use state_already_open::STATE_ALREADY_OPEN;
pub use state_end_not_open::STATE_END_NOT_OPEN;
