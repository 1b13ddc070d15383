//! AD family: ad breaks and ads (FACTS §4.5, R26-R32).

pub mod ad_outside_break;

use super::RuleMeta;

/// Every AD rule.
pub static ALL: [&RuleMeta; 1] = [&ad_outside_break::META];
