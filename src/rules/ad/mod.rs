//! AD family: ad breaks and ads (FACTS §4.5, R26-R32).

pub mod ad_outside_break;

pub use ad_outside_break::AD_OUTSIDE_BREAK;
