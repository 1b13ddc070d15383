//! valint: an offline linter for captured Adobe Media Collection API traffic.
//!
//! Pipeline: [`capture`] reads a file into requests → [`syntax`] parses each body leniently,
//! keeping spans → [`schema`] validates it against its event's JSON Schema → [`session`]
//! demultiplexes events into sessions and keeps one state machine each → [`rules`] report
//! sequencing problems → [`report`] renders [`diagnostic::Diagnostic`]s. [`check::check`]
//! runs the whole pipeline and returns a [`model::Report`].
//!
//! The modules form layers; a module uses only modules of lower layers (`tests/layers.rs`
//! fails on anything else), bottom to top:
//!
//! 1. [`source`] (files, spans, line index) and `keyed`;
//! 2. [`diagnostic`] (findings, severities, rule metadata) and [`wire`] (the API's event
//!    types and endpoints);
//! 3. [`config`] (settings and every default);
//! 4. [`syntax`] and [`schema`] (one body);
//! 5. [`capture`] (one file into requests);
//! 6. [`session`] (events, state machine, engine, the [`session::SessionRule`] interface;
//!    the engine gets its rules from a factory);
//! 7. [`rules`] (the catalog: one `declare_rule!` per rule, in its own file);
//! 8. [`model`] (the result of a run);
//! 9. [`check`] (orchestration and threading) and [`redact`];
//! 10. [`report`] (every output format, and baselines).
//!
//! The binary adds one more layer on top, `cli` beside `main.rs`: settings files, read
//! against the command line's own definition of `check`.

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
