//! Settings for one run. Defaults follow the positions valint takes on the contradictions in
//! Adobe's docs (FACTS §6); each position is an option, never a silent choice.

use crate::diagnostic::{RuleMeta, Severity};
use std::collections::HashMap;

/// Ping cadence options (FACTS R15-R18).
#[derive(Debug, Clone, PartialEq)]
pub struct PingConfig {
    /// Longest allowed time between pings in main content, seconds. Default 10 (R15).
    pub interval_s: f64,
    /// Longest allowed time between pings inside an ad, seconds. Default 10: Adobe's
    /// current ping page and the SDK without granular ad tracking (R17, R18). Set 1 for
    /// granular ad tracking, as the timelines show (R15, R16).
    pub ad_interval_s: f64,
    /// Slack added to either interval, seconds. Default 1.
    pub tolerance_s: f64,
}

impl Default for PingConfig {
    fn default() -> Self {
        PingConfig {
            interval_s: 10.0,
            ad_interval_s: 10.0,
            tolerance_s: 1.0,
        }
    }
}

/// Everything that changes what `valint check` reports.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Ping cadence.
    pub ping: PingConfig,
    /// A backwards playhead smaller than this (seconds) is ignored. Default 0.
    pub playhead_tolerance_s: f64,
    /// How far the playhead may move inside an ad break (seconds). Default 0.5.
    pub ad_break_playhead_tolerance_s: Option<f64>,
    /// Rules to run, by code, name or code prefix; empty means all.
    pub select: Vec<String>,
    /// Rules not to run, by code, name or code prefix.
    pub ignore: Vec<String>,
    /// Severity overrides by rule code.
    pub severity: HashMap<String, Severity>,
    /// Maximum nesting depth of a body.
    pub max_depth: Option<usize>,
    /// Inactivity after which Adobe closes a session, seconds. Default 600 (R4).
    pub idle_timeout_s: Option<f64>,
    /// Largest request body read, bytes. Default 256 MiB; a larger one is a LIM001 finding.
    pub max_body_bytes: Option<usize>,
    /// Most findings kept; the rest are counted. Default 100,000 (LIM002).
    pub max_findings: Option<usize>,
    /// Most sessions open at once; beyond it the one idle longest is finished early.
    /// Default 100,000 (LIM003).
    pub max_open_sessions: Option<usize>,
    /// Worker threads for parsing and schema validation; `None` uses every core, 1 runs
    /// everything on the calling thread. Output never depends on it.
    pub threads: Option<usize>,
    /// Do not keep [`crate::model::Report::session_list`] (one entry per session of the
    /// run): it grows with the capture, and only outputs that list sessions (JUnit, SARIF
    /// fingerprints) read it. The command line sets this when no such output is asked for.
    pub omit_session_list: bool,
    /// Read every body with the spanned parser, never with the fast path of
    /// [`crate::syntax::strict`]. Findings are the same either way (`tests/fast_path.rs`
    /// checks it); this exists for that test and for measuring the fast path.
    pub spanned_only: bool,
}

fn matches(sel: &str, rule: &RuleMeta) -> bool {
    sel.eq_ignore_ascii_case("ALL")
        || rule.name == sel
        || rule.family.name() == sel
        || rule
            .code
            .to_ascii_uppercase()
            .starts_with(&sel.to_ascii_uppercase())
}

impl Config {
    /// Whether `rule` runs under `--select` / `--ignore`.
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        let selected = self.select.is_empty() || self.select.iter().any(|s| matches(s, rule));
        selected && !self.ignore.iter().any(|s| matches(s, rule))
    }

    /// The severity `rule` reports with.
    pub fn severity_of(&self, rule: &RuleMeta) -> Severity {
        self.severity
            .get(rule.code)
            .copied()
            .unwrap_or(rule.severity)
    }

    /// Largest body read, bytes.
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes.unwrap_or(256 << 20)
    }

    /// Worker threads for parsing and validation (at least 1).
    pub fn threads(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }

    /// Most findings kept.
    pub fn max_findings(&self) -> usize {
        self.max_findings.unwrap_or(100_000)
    }

    /// Most sessions open at once (at least 1).
    pub fn max_open_sessions(&self) -> usize {
        self.max_open_sessions.unwrap_or(100_000).max(1)
    }

    /// Inactivity limit in milliseconds (R4).
    pub fn idle_timeout_ms(&self) -> i64 {
        (self.idle_timeout_s.unwrap_or(600.0) * 1000.0) as i64
    }

    /// Tolerance for playhead movement inside an ad break, seconds.
    pub fn ad_break_tolerance(&self) -> f64 {
        self.ad_break_playhead_tolerance_s.unwrap_or(0.5)
    }
}
