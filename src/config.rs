//! Settings for one run. Defaults follow the positions valint takes on the contradictions in
//! Adobe's docs (FACTS §6); each position is an option, never a silent choice.

use crate::diagnostic::RuleMeta;

/// Every default of a run, in one place: [`Config`]'s accessors and the command line's
/// flags both read these. Seconds are seconds of wall-clock time (or of `ts`, epoch
/// milliseconds, divided by 1000); playhead tolerances are seconds of content.
pub mod defaults {
    /// Longest time between pings in main content, seconds (FACTS R15).
    pub const PING_INTERVAL_S: f64 = 10.0;
    /// Longest time between pings inside an ad, seconds: Adobe's current ping page and
    /// the SDK without granular ad tracking (R17, R18).
    pub const AD_PING_INTERVAL_S: f64 = 10.0;
    /// The ad ping interval of granular ad tracking, as the timelines show (R15, R16).
    pub const GRANULAR_AD_PING_INTERVAL_S: f64 = 1.0;
    /// Slack added to either ping interval, seconds.
    pub const PING_TOLERANCE_S: f64 = 1.0;
    /// A backwards playhead step smaller than this is ignored (TIM001), seconds.
    pub const PLAYHEAD_TOLERANCE_S: f64 = 0.0;
    /// How far the playhead may move inside an ad break (TIM002), seconds.
    pub const AD_BREAK_PLAYHEAD_TOLERANCE_S: f64 = 0.5;
    /// How much longer than its `media.ad.length` an ad may play (AD010), seconds.
    pub const AD_LENGTH_TOLERANCE_S: f64 = 1.0;
    /// Inactivity after which Adobe closes a session, seconds (R4).
    pub const IDLE_TIMEOUT_S: f64 = 600.0;
    /// Deepest nesting of a body the parser reads (SYN021 beyond).
    pub const MAX_DEPTH: usize = 128;
    /// Largest request body checked, bytes (LIM001 beyond).
    pub const MAX_BODY_BYTES: usize = 256 << 20;
    /// Most findings listed (LIM002 beyond).
    pub const MAX_FINDINGS: usize = 100_000;
    /// Most sessions open at once (LIM003 beyond).
    pub const MAX_OPEN_SESSIONS: usize = 100_000;
}

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
            interval_s: defaults::PING_INTERVAL_S,
            ad_interval_s: defaults::AD_PING_INTERVAL_S,
            tolerance_s: defaults::PING_TOLERANCE_S,
        }
    }
}

/// Everything that changes what `valint check` reports.
#[derive(Debug, Clone)]
pub struct Config {
    /// Ping cadence.
    pub ping: PingConfig,
    /// A backwards playhead step smaller than this (seconds of content) is ignored
    /// (TIM001). Default [`defaults::PLAYHEAD_TOLERANCE_S`].
    pub playhead_tolerance_s: f64,
    /// How far the playhead may move inside an ad break (seconds of content; TIM002).
    /// Default [`defaults::AD_BREAK_PLAYHEAD_TOLERANCE_S`].
    pub ad_break_playhead_tolerance_s: f64,
    /// How much longer than its `media.ad.length` an ad may play (seconds; AD010).
    /// Default [`defaults::AD_LENGTH_TOLERANCE_S`].
    pub ad_length_tolerance_s: f64,
    /// Rules to run, by code, name or code prefix; empty means all.
    pub select: Vec<String>,
    /// Rules not to run, by code, name or code prefix.
    pub ignore: Vec<String>,
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

impl Default for Config {
    fn default() -> Self {
        Config {
            ping: PingConfig::default(),
            playhead_tolerance_s: defaults::PLAYHEAD_TOLERANCE_S,
            ad_break_playhead_tolerance_s: defaults::AD_BREAK_PLAYHEAD_TOLERANCE_S,
            ad_length_tolerance_s: defaults::AD_LENGTH_TOLERANCE_S,
            select: Vec::new(),
            ignore: Vec::new(),
            max_depth: None,
            idle_timeout_s: None,
            max_body_bytes: None,
            max_findings: None,
            max_open_sessions: None,
            threads: None,
            omit_session_list: false,
            spanned_only: false,
        }
    }
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

    /// Largest body read, bytes.
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes.unwrap_or(defaults::MAX_BODY_BYTES)
    }

    /// Worker threads for parsing and validation (at least 1).
    pub fn threads(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }

    /// Most findings kept.
    pub fn max_findings(&self) -> usize {
        self.max_findings.unwrap_or(defaults::MAX_FINDINGS)
    }

    /// Most sessions open at once (at least 1).
    pub fn max_open_sessions(&self) -> usize {
        self.max_open_sessions
            .unwrap_or(defaults::MAX_OPEN_SESSIONS)
            .max(1)
    }

    /// Inactivity limit in milliseconds (R4).
    pub fn idle_timeout_ms(&self) -> i64 {
        (self.idle_timeout_s.unwrap_or(defaults::IDLE_TIMEOUT_S) * 1000.0) as i64
    }

    /// Deepest nesting of a body the parser reads.
    pub fn max_depth(&self) -> usize {
        self.max_depth.unwrap_or(defaults::MAX_DEPTH)
    }
}
