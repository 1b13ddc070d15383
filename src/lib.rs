//! valint: an offline linter for captured Adobe Media Collection API traffic.
//!
//! Pipeline: [`capture`] reads a file into requests → [`syntax`] parses each body leniently,
//! keeping spans → [`schema`] validates it against its event's JSON Schema → [`session`]
//! demultiplexes events into sessions and keeps one state machine each → [`rules`] report
//! sequencing problems → [`report`] renders [`diagnostic::Diagnostic`]s. [`check::check`]
//! runs the whole pipeline.

pub mod capture;
pub mod check;
pub mod config;
pub mod diagnostic;
mod keyed;
pub mod model;
pub mod redact;
pub mod report;
pub mod rules;
pub mod schema;
pub mod session;
pub mod source;
pub mod syntax;
pub mod wire;
