//! PING family: ping cadence (FACTS §4.3, R15-R19).

pub mod ping_interval;

use super::RuleMeta;

/// Every PING rule.
pub static ALL: [&RuleMeta; 1] = [&ping_interval::META];
