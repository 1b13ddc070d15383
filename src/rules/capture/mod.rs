//! CAPTURE family: what valint notices about the capture files themselves, as opposed to the
//! player's traffic in them.

pub mod repeated_traffic;

pub use repeated_traffic::REPEATED_TRAFFIC;
