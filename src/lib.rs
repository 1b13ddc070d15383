//! valint: an offline linter for captured Adobe Media Collection API traffic.
pub mod schema;
pub mod source;
pub mod syntax;
