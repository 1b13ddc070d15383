//! STATE family: player states such as mute and full screen (FACTS §3.6, §4.7, R36-R37).

pub mod state_already_open;
pub mod state_end_not_open;
pub mod state_name_spelling;
pub mod too_many_states;

pub use state_already_open::STATE_ALREADY_OPEN;
pub use state_end_not_open::STATE_END_NOT_OPEN;
pub use state_name_spelling::STATE_NAME_SPELLING;
pub use too_many_states::TOO_MANY_STATES;
