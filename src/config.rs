//! Settings for one run. Defaults follow the positions valint takes on the contradictions in
//! Adobe's docs (FACTS §6); each position is an option, never a silent choice.

use crate::diagnostic::RuleMeta;

/// Every default of a run, in one place: [`Config`]'s accessors and the command line's
/// flags both read these. Seconds are seconds of wall-clock time (or of `ts`, epoch
/// milliseconds, divided by 1000); playhead tolerances are seconds of content.
pub mod defaults {
    /// Longest time between pings in main content, seconds (FACTS R15).
    pub const PING_INTERVAL_S: f64 = 10.0;
    /// Longest time between pings inside an ad break, seconds: what Adobe's SDK and web
    /// extension send unless granular ad tracking is on (R18), and what the MC API's
    /// sending-pings page says since 2024-01 (R17). The ping, events-overview,
    /// playback-overview and downloaded-content pages say 1 s (R15).
    pub const AD_PING_INTERVAL_S: f64 = 10.0;
    /// The ad ping interval of granular ad tracking, and of most docs pages (R15, R16).
    pub const GRANULAR_AD_PING_INTERVAL_S: f64 = 1.0;
    /// Slack added to either ping interval, seconds.
    pub const PING_TOLERANCE_S: f64 = 1.0;
    /// Longest time between pings in a downloaded session, seconds: Adobe's SDK pings
    /// every 50 s for downloaded content (R18); the downloaded-content page says 10 s.
    pub const DOWNLOADED_PING_INTERVAL_S: f64 = 50.0;
    /// When the ping timer runs: from playback, restarted by playback-state events, as
    /// Adobe's clients do (R15, R18); the timelines' sessionStart is the option (R16).
    pub const PING_TIMER: super::PingTimer = super::PingTimer::Playback;
    /// In downloaded sessions, report every ping gap, not one per session and cause.
    pub const ALL_PING_GAPS: bool = false;
    /// A backwards playhead step smaller than this is ignored (TIM001), seconds.
    pub const PLAYHEAD_TOLERANCE_S: f64 = 0.0;
    /// How far the playhead may move inside an ad break (TIM002), seconds.
    pub const AD_BREAK_PLAYHEAD_TOLERANCE_S: f64 = 0.5;
    /// How many seconds the playhead may gain on the clock between two events while
    /// playing (TIM006).
    pub const PLAYHEAD_CLOCK_TOLERANCE_S: f64 = 2.0;
    /// How much longer than its `media.ad.length` an ad may play (AD010), seconds.
    pub const AD_LENGTH_TOLERANCE_S: f64 = 1.0;
    /// Inactivity after which Adobe closes a session, seconds (R4).
    pub const IDLE_TIMEOUT_S: f64 = 600.0;
    /// Time without a playhead change after which Adobe closes a session, seconds (R4).
    pub const FROZEN_PLAYHEAD_TIMEOUT_S: f64 = 1800.0;
    /// Longest session before it must be restarted, seconds (R5: the Media Edge API's 404
    /// example and Adobe's SDK; the MC API pages do not state it).
    pub const MAX_SESSION_LENGTH_S: f64 = 86_400.0;
    /// The spelling of the full-screen player state valint expects: the MC API's table of
    /// standard states says `fullScreen`; its examples and the XDM side write `fullscreen`
    /// (FACTS §3.6).
    pub const FULLSCREEN_SPELLING: super::FullscreenSpelling =
        super::FullscreenSpelling::FullScreen;
    /// The index of the first ad in an ad break (`media.ad.podPosition`): the request-parameter
    /// table and Adobe's SDK start at 1, the ad-in-pod-position variable page and the Media
    /// Edge spec at 0 (FACTS §6); valint accepts either by default.
    pub const POD_POSITION_BASE: super::PodPositionBase = super::PodPositionBase::Either;
    /// Require `media.streamType` on sessionStart: the stream-type variable page calls it
    /// required, the request-parameter table and every sessionStart example leave it out.
    pub const REQUIRE_STREAM_TYPE: bool = false;
    /// Accept QoE keys (`media.qoe.*`) inside `params`, as the quality variable pages show
    /// them, besides `qoeData`, where the MC API's QoE page and schema sample put them.
    pub const QOE_IN_PARAMS: bool = true;
    /// Severity of two events with the same ts (TIM003) where the tie's order does not
    /// change what Adobe counts: the docs say ts "should" differ (R9), and Adobe's own SDK
    /// sends such ties, one request at a time, in order.
    pub const EQUAL_TS_SEVERITY: crate::diagnostic::Severity = crate::diagnostic::Severity::Warning;
    /// Deepest nesting of a body the parser reads (SYN021 beyond).
    pub const MAX_DEPTH: usize = 128;
    /// Largest request body checked, bytes (LIM001 beyond).
    pub const MAX_BODY_BYTES: usize = 256 << 20;
    /// Most findings listed (LIM002 beyond).
    pub const MAX_FINDINGS: usize = 100_000;
    /// Most sessions open at once (LIM003 beyond).
    pub const MAX_OPEN_SESSIONS: usize = 100_000;
}

/// Adobe's session timeouts (FACTS R4), in milliseconds of the session's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// No event for this long closes the session (10 minutes).
    pub idle_ms: i64,
    /// No playhead change for longer than this closes the session (30 minutes).
    pub frozen_ms: i64,
}

/// How the full-screen player state is spelled (FACTS §3.6, STA004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FullscreenSpelling {
    /// `fullScreen`, the MC API's table of standard player states.
    #[value(name = "fullScreen")]
    FullScreen,
    /// `fullscreen`, the state event examples, the variable page and the XDM side.
    #[value(name = "fullscreen")]
    Fullscreen,
}

impl FullscreenSpelling {
    /// The spelling itself.
    pub fn name(self) -> &'static str {
        match self {
            FullscreenSpelling::FullScreen => "fullScreen",
            FullscreenSpelling::Fullscreen => "fullscreen",
        }
    }
}

/// The index of the first ad in an ad break, `media.ad.podPosition` (FACTS §6, AD013).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PodPositionBase {
    /// 0 or 1: the first ad of each break is at one of them, the later ones count on.
    Either,
    /// 0, as the ad-in-pod-position variable page and the Media Edge spec say.
    #[value(name = "0")]
    Zero,
    /// 1, as the request-parameter table, the timelines and Adobe's SDK say.
    #[value(name = "1")]
    One,
}

/// When the ping timer starts and what restarts it (FACTS R15, R16, R18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PingTimer {
    /// The docs' current majority (R15): the first ping is due 10 s after playback starts,
    /// measured from the last `play` before it (Adobe's clients restart their timer on a
    /// repeated play) or from the first `adStart` of a pre-roll; after the first ping, a
    /// ping is due every interval regardless of other events.
    Playback,
    /// Adobe's Media SDK (R18): as `playback`, but every `play`, `pauseStart` or
    /// `bufferStart` restarts the timer for the whole session (the SDK pings when the
    /// playback state has not changed for an interval).
    StateChanges,
    /// The timelines' reading (R16): the timer starts at sessionStart and only pings
    /// restart it.
    SessionStart,
}

/// Ping cadence options (FACTS R15-R18).
#[derive(Debug, Clone, PartialEq)]
pub struct PingConfig {
    /// Longest allowed time between pings in main content, seconds. Default 10 (R15).
    pub interval_s: f64,
    /// Longest allowed time between pings inside an ad break, seconds. Default 10: Adobe's
    /// SDK and web extension send 10 s in ads unless granular ad tracking is on (R18), and
    /// the MC API's sending-pings page agrees since 2024-01 (R17). Set 1 for granular ad
    /// tracking, as the ping, overview and downloaded-content pages and the timelines say
    /// (R15, R16). Only the part of a gap inside a break is held to it.
    pub ad_interval_s: f64,
    /// Slack added to either interval, seconds. Default 1.
    pub tolerance_s: f64,
    /// Longest allowed time between pings in a downloaded session (a batch, or
    /// `media.downloaded: true`), in content and in ads, seconds. Default 50, Adobe's SDK
    /// (R18); the downloaded-content page says 10.
    pub downloaded_interval_s: f64,
    /// When the ping timer starts and what restarts it. Default [`PingTimer::Playback`].
    pub timer: PingTimer,
    /// In a downloaded session, report every ping gap; by default one finding per session
    /// and cause (content, ad break, end of session).
    pub all_gaps: bool,
}

impl Default for PingConfig {
    fn default() -> Self {
        PingConfig {
            interval_s: defaults::PING_INTERVAL_S,
            ad_interval_s: defaults::AD_PING_INTERVAL_S,
            tolerance_s: defaults::PING_TOLERANCE_S,
            downloaded_interval_s: defaults::DOWNLOADED_PING_INTERVAL_S,
            timer: defaults::PING_TIMER,
            all_gaps: defaults::ALL_PING_GAPS,
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
    /// How many seconds the playhead may gain on the clock between two events while playing
    /// (TIM006). Default [`defaults::PLAYHEAD_CLOCK_TOLERANCE_S`].
    pub playhead_clock_tolerance_s: f64,
    /// How much longer than its `media.ad.length` an ad may play (seconds; AD010).
    /// Default [`defaults::AD_LENGTH_TOLERANCE_S`].
    pub ad_length_tolerance_s: f64,
    /// Rules to run, by code, name or code prefix; empty means all.
    pub select: Vec<String>,
    /// Rules not to run, by code, name or code prefix.
    pub ignore: Vec<String>,
    /// Rules added to `select` (ruff's `extend-select`): with an empty `select` every rule
    /// runs anyway; with one, these run too.
    pub extend_select: Vec<String>,
    /// Severity overrides (`[severity]` in `valint.toml`): a selector (code, name, code
    /// prefix or family, as `select` takes) and the severity its rules report with, `None`
    /// for `off` (the rule does not run). Where several selectors match a rule, the most
    /// specific wins (see [`Config::severity_of`]).
    pub severity: Vec<(String, Option<crate::diagnostic::Severity>)>,
    /// Rules not reported in the files a glob matches (`per-file-ignores`).
    pub per_file_ignores: Vec<PerFileIgnore>,
    /// Maximum nesting depth of a body.
    pub max_depth: Option<usize>,
    /// Inactivity after which Adobe closes a session, seconds. Default 600 (R4).
    pub idle_timeout_s: Option<f64>,
    /// Time without a playhead change after which Adobe closes a session, seconds.
    /// Default [`defaults::FROZEN_PLAYHEAD_TIMEOUT_S`] (R4).
    pub frozen_playhead_timeout_s: f64,
    /// Longest session, seconds. Default [`defaults::MAX_SESSION_LENGTH_S`] (R5).
    pub max_session_length_s: f64,
    /// The full-screen state's expected spelling (STA004). Default
    /// [`defaults::FULLSCREEN_SPELLING`].
    pub fullscreen_spelling: FullscreenSpelling,
    /// The first ad's `media.ad.podPosition` in a break (AD013). Default
    /// [`defaults::POD_POSITION_BASE`].
    pub pod_position_base: PodPositionBase,
    /// Require `media.streamType` on sessionStart (SES011). Default
    /// [`defaults::REQUIRE_STREAM_TYPE`].
    pub require_stream_type: bool,
    /// Accept QoE keys inside `params` (QOE003 when not). Default
    /// [`defaults::QOE_IN_PARAMS`].
    pub qoe_in_params: bool,
    /// Severity of a TIM003 tie whose order does not change what Adobe counts. Default
    /// [`defaults::EQUAL_TS_SEVERITY`].
    pub equal_ts_severity: crate::diagnostic::Severity,
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
    /// Encoded findings kept in memory before the rest wait for the output in a temporary
    /// file, bytes; `None` is [`crate::diagnostic::store::MEMORY_LIMIT`] (1 MiB). Output
    /// never depends on it; tests set it low to check that.
    pub findings_memory_limit: Option<usize>,
    /// Call every sequencing rule for every event, whatever it declares it wants
    /// ([`crate::session::SessionRule::interest`]). Findings are the same either way
    /// (`tests/dispatch.rs` checks it); this exists for that test and for measuring the
    /// dispatch.
    pub every_rule_on_every_event: bool,
    /// Validate every body with `jsonschema`, without the acceptor that proves most valid
    /// bodies valid first (`schema::accept`). Findings are the same either way
    /// (`tests/schema_acceptor.rs` checks it); this exists for that test and for measuring
    /// the acceptor.
    pub jsonschema_only: bool,
    /// More NDJSON record member names, as `(meaning, name)` pairs such as
    /// `("body", "requestBody")` (`--ndjson-field body=requestBody`): read before the
    /// built-in names of that meaning (`capture::ndjson::Field` lists the meanings).
    pub ndjson_fields: Vec<(String, String)>,
    /// What to keep about each session besides its findings: nothing (the default, so
    /// that memory does not grow with the capture), its digest (`check --sessions`), or
    /// its digest and the trace a timeline is drawn from (`valint timeline`). See
    /// `session::metrics`.
    pub session_record: SessionRecord,
}

/// What a run keeps about each session besides its findings (see [`Config::session_record`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SessionRecord {
    /// Nothing.
    #[default]
    None,
    /// The session's digest: identity and metrics (a few hundred bytes a session).
    Digest,
    /// The digest and the session's trace (every event, the player-state, ad, chapter and
    /// player-state spans), for drawing its timeline: grows with the events.
    Timeline,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ping: PingConfig::default(),
            playhead_tolerance_s: defaults::PLAYHEAD_TOLERANCE_S,
            ad_break_playhead_tolerance_s: defaults::AD_BREAK_PLAYHEAD_TOLERANCE_S,
            playhead_clock_tolerance_s: defaults::PLAYHEAD_CLOCK_TOLERANCE_S,
            ad_length_tolerance_s: defaults::AD_LENGTH_TOLERANCE_S,
            select: Vec::new(),
            ignore: Vec::new(),
            extend_select: Vec::new(),
            severity: Vec::new(),
            per_file_ignores: Vec::new(),
            max_depth: None,
            idle_timeout_s: None,
            frozen_playhead_timeout_s: defaults::FROZEN_PLAYHEAD_TIMEOUT_S,
            max_session_length_s: defaults::MAX_SESSION_LENGTH_S,
            fullscreen_spelling: defaults::FULLSCREEN_SPELLING,
            pod_position_base: defaults::POD_POSITION_BASE,
            require_stream_type: defaults::REQUIRE_STREAM_TYPE,
            qoe_in_params: defaults::QOE_IN_PARAMS,
            equal_ts_severity: defaults::EQUAL_TS_SEVERITY,
            max_body_bytes: None,
            max_findings: None,
            max_open_sessions: None,
            threads: None,
            omit_session_list: false,
            spanned_only: false,
            findings_memory_limit: None,
            every_rule_on_every_event: false,
            jsonschema_only: false,
            session_record: SessionRecord::None,
            ndjson_fields: Vec::new(),
        }
    }
}

/// Whether the selector `sel` names `rule`: `ALL`, its name, its family, or a prefix of its
/// code (case-insensitive), as `--select`, `--ignore`, `[severity]` and suppressions take them.
pub fn selects(sel: &str, rule: &RuleMeta) -> bool {
    specificity(sel, rule).is_some()
}

/// How closely `sel` names `rule`, when it does: `ALL` least, then the family, then a code
/// prefix by its length, then the full code or the name.
fn specificity(sel: &str, rule: &RuleMeta) -> Option<usize> {
    if rule.name == sel || rule.code.eq_ignore_ascii_case(sel) {
        Some(usize::MAX)
    } else if rule
        .code
        .to_ascii_uppercase()
        .starts_with(&sel.to_ascii_uppercase())
        && !sel.is_empty()
    {
        Some(1 + sel.len())
    } else if rule.family.name() == sel {
        Some(1)
    } else if sel.eq_ignore_ascii_case("ALL") {
        Some(0)
    } else {
        None
    }
}

/// One `per-file-ignores` entry: rules not reported in the files its glob matches.
#[derive(Debug, Clone)]
pub struct PerFileIgnore {
    /// The glob as written.
    pub pattern: String,
    /// The compiled glob.
    pub matcher: globset::GlobMatcher,
    /// The folder the glob is relative to (the settings file's folder).
    pub base: std::path::PathBuf,
    /// Selectors of the rules not reported.
    pub rules: Vec<String>,
}

impl PerFileIgnore {
    /// Whether the glob matches `path`: the path relative to [`PerFileIgnore::base`] (both
    /// made absolute against the current directory), or, for a glob without a `/`, the
    /// file name alone.
    pub fn matches(&self, path: &std::path::Path) -> bool {
        let abs = |p: &std::path::Path| {
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                std::env::current_dir().map_or_else(|_| p.to_path_buf(), |d| d.join(p))
            }
        };
        let (file, base) = (abs(path), abs(&self.base));
        let rel = file.strip_prefix(&base).unwrap_or(path);
        self.matcher.is_match(rel)
            || (!self.pattern.contains('/')
                && path.file_name().is_some_and(|n| self.matcher.is_match(n)))
    }
}

impl Config {
    /// Whether `rule` runs under `select` / `extend-select` / `ignore` and is not turned
    /// `off` in `[severity]`.
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        let selected = self.select.is_empty()
            || self
                .select
                .iter()
                .chain(&self.extend_select)
                .any(|s| selects(s, rule));
        selected
            && !self.ignore.iter().any(|s| selects(s, rule))
            && self.severity_of(rule) != Some(None)
    }

    /// The `[severity]` override for `rule`, if any: `Some(None)` is `off`. Of several
    /// matching selectors the most specific wins (the code or name, then the longest code
    /// prefix, then the family, then `ALL`); of two equal ones, the later.
    pub fn severity_of(&self, rule: &RuleMeta) -> Option<Option<crate::diagnostic::Severity>> {
        let mut best: Option<(usize, Option<crate::diagnostic::Severity>)> = None;
        for (sel, sev) in &self.severity {
            if let Some(k) = specificity(sel, rule) {
                if best.is_none_or(|(b, _)| k >= b) {
                    best = Some((k, *sev));
                }
            }
        }
        best.map(|(_, s)| s)
    }

    /// The per-file-ignores selectors that apply to the file at `path`.
    pub fn ignored_in(&self, path: &std::path::Path) -> Vec<String> {
        self.per_file_ignores
            .iter()
            .filter(|p| p.matches(path))
            .flat_map(|p| p.rules.iter().cloned())
            .collect()
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

    /// Adobe's session timeouts (R4) in milliseconds: inactivity and frozen playhead.
    pub fn timeouts(&self) -> Timeouts {
        Timeouts {
            idle_ms: self.idle_timeout_ms(),
            frozen_ms: (self.frozen_playhead_timeout_s * 1000.0) as i64,
        }
    }

    /// Deepest nesting of a body the parser reads.
    pub fn max_depth(&self) -> usize {
        self.max_depth.unwrap_or(defaults::MAX_DEPTH)
    }
}
