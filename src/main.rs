//! The `valint` command line: parses arguments, runs the library, writes the outputs, maps
//! results to exit codes.
//!
//! Exit codes: 0 nothing at or above the failure threshold; 1 findings at or above it (or
//! more warnings than `--max-warnings`); 2 usage or configuration error; 3 a capture could
//! not be read or is truncated (see [`valint::check::Report::capture_problems`]).

mod cli;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use cli::settings::{self, Origin, SettingsFile};
use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;
use valint::check::{check_with_progress, Input, Progress};
use valint::config::{defaults, Config, FullscreenSpelling, PodPositionBase};
use valint::diagnostic::Severity;
use valint::report::baseline::Baseline;
use valint::report::{self, OutputFormat, RenderOptions, Style};
use valint::rules;

/// mimalloc: valint allocates and frees a small tree per request body; glibc's malloc spent
/// a third of a run in its free lists (perf, bench/RESULTS.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit code: findings at or above the threshold.
const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad flags, bad configuration, an output that cannot be written.
const EXIT_USAGE: u8 = 2;
/// Exit code: a capture could not be read or is truncated.
const EXIT_CAPTURE: u8 = 3;

/// The exit codes, for `--help`.
const EXIT_HELP: &str = "Exit status of `valint check`: 0 nothing at or above the failure \
threshold; 1 findings at or above it (--fail-on, --max-warnings); 2 usage or configuration \
error; 3 a capture could not be read or is truncated (re-record it).";

#[derive(Parser)]
#[command(
    name = "valint",
    version,
    about = "Lint captured Adobe Media Collection API traffic: syntax, schemas and session sequencing",
    after_help = EXIT_HELP,
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check capture files (HAR, NDJSON request logs, body streams, Adobe docs pages); `-`
    /// reads stdin.
    #[command(after_help = EXIT_HELP)]
    Check(Box<CheckArgs>),
    /// Draw each session of the captures against wall time (player state, ads, chapters,
    /// player states, pings, playhead, findings) with its digest; `--svg` and `--html`
    /// write the same pictures to files.
    Timeline(Box<TimelineArgs>),
    /// Print the documentation of a rule (by code or name).
    #[command(visible_alias = "rule")]
    Explain {
        /// Rule code or name, e.g. AD001 or ad-outside-break.
        rule: String,
    },
    /// List every rule: code, name, family, default severity.
    Rules {
        /// `text` (a table) or `json`.
        #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
        output_format: RulesFormat,
        /// Print JSON (the same as `--output-format json`).
        #[arg(long, conflicts_with = "output_format")]
        json: bool,
    },
    /// Print a shell completion script (e.g. `valint completions bash > /etc/bash_completion.d/valint`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff) to stdout: valint's, or a subcommand's (`valint man
    /// check > valint-check.1`); or write every page to a folder (`--out-dir`).
    Man {
        /// The subcommand whose page to print (check, explain, rules, completions, man).
        subcommand: Option<String>,
        /// Write valint.1 and a page per subcommand (valint-check.1, ...) into DIR.
        #[arg(long, value_name = "DIR", conflicts_with = "subcommand", value_hint = clap::ValueHint::DirPath)]
        out_dir: Option<PathBuf>,
    },
}

/// How `valint rules` prints the list.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
enum RulesFormat {
    /// A table: code, name, family, default severity, summary.
    Text,
    /// A JSON array of objects with the same fields.
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
enum ColorChoice {
    /// Colour when the output goes to a terminal, unless NO_COLOR is set; CLICOLOR_FORCE
    /// forces it.
    Auto,
    /// Always colour the `full` and `concise` formats.
    Always,
    /// Never colour.
    Never,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
enum FailOn {
    /// Error findings fail the run.
    Error,
    /// Warnings and errors fail the run.
    Warning,
    /// Any finding fails the run.
    Info,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// One `--output FORMAT=PATH`.
#[derive(Clone, Debug)]
struct ExtraOutput {
    format: OutputFormat,
    path: PathBuf,
}

fn parse_output(s: &str) -> Result<ExtraOutput, String> {
    let (f, p) = s.split_once('=').ok_or_else(|| {
        format!("expected FORMAT=PATH (for example sarif=valint.sarif), got `{s}`")
    })?;
    let format = OutputFormat::from_str(f, true).map_err(|_| {
        let names: Vec<&str> = OutputFormat::value_variants()
            .iter()
            .map(|v| v.name())
            .collect();
        format!("unknown format `{f}` (one of: {})", names.join(", "))
    })?;
    if p.is_empty() {
        return Err(format!("no path after `{f}=`"));
    }
    Ok(ExtraOutput {
        format,
        path: PathBuf::from(p),
    })
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Capture files, folders (walked, .gitignore respected; captures picked by extension
    /// and content) or globs; `-` for stdin. None: the current folder.
    files: Vec<PathBuf>,

    /// Read settings from this file (a `valint.toml`, or a `pyproject.toml` with
    /// `[tool.valint]`) instead of the one found by walking up from each input.
    #[arg(long, value_name = "PATH", help_heading = "Settings")]
    config: Option<PathBuf>,
    /// Ignore every settings file: only flags and defaults.
    #[arg(long, conflicts_with = "config", help_heading = "Settings")]
    isolated: bool,
    /// Print the resolved settings and where each comes from (flag, environment, settings
    /// file and line, default), then exit.
    #[arg(long, help_heading = "Settings")]
    show_settings: bool,

    /// Leave out files and folders matching GLOB when walking folders (repeatable, or
    /// comma-separated).
    #[arg(
        long = "extend-exclude",
        value_name = "GLOB",
        value_delimiter = ',',
        help_heading = "Input"
    )]
    extend_exclude: Vec<String>,

    /// Read NDJSON record member NAME as MEANING (method, url, body, time, status, sid,
    /// headers), before the built-in names: `--ndjson-field body=requestBody`. Repeatable.
    #[arg(
        long = "ndjson-field",
        value_name = "MEANING=NAME",
        value_parser = ndjson_field,
        help_heading = "Input"
    )]
    ndjson_fields: Vec<(String, String)>,

    /// Output format of the main report (written to stdout, or to --output-file).
    #[arg(
        long = "output-format",
        visible_alias = "format",
        value_enum,
        default_value = "full",
        env = "VALINT_OUTPUT_FORMAT",
        value_name = "FORMAT",
        help_heading = "Output"
    )]
    format: OutputFormat,
    /// Write the main report to this file instead of stdout.
    #[arg(
        short = 'o',
        long = "output-file",
        value_name = "PATH",
        value_hint = clap::ValueHint::FilePath,
        help_heading = "Output"
    )]
    output_file: Option<PathBuf>,
    /// Also write the report in FORMAT to PATH (`-` is stdout); repeatable, for example
    /// `--output sarif=valint.sarif --output junit=valint.xml`. The main report is
    /// written as well.
    #[arg(
        long = "output",
        value_name = "FORMAT=PATH",
        value_parser = parse_output,
        help_heading = "Output"
    )]
    outputs: Vec<ExtraOutput>,
    /// Paths in SARIF and GitHub annotations are relative to this directory.
    #[arg(
        long,
        value_name = "DIR",
        default_value = ".",
        value_hint = clap::ValueHint::DirPath,
        help_heading = "Output"
    )]
    repo_root: PathBuf,
    /// When to use colour, decided for each output: `auto` colours a terminal only,
    /// honouring NO_COLOR (set and non-empty: no colour) and CLICOLOR_FORCE (set and not
    /// `0`: colour); NO_COLOR wins.
    #[arg(long, value_enum, default_value = "auto", help_heading = "Output")]
    color: ColorChoice,
    /// Mask visitor ids, ECIDs, customer ids, cookies and IP addresses in every output,
    /// source snippets included.
    #[arg(long, help_heading = "Output")]
    redact: bool,
    /// Print how many findings each rule produced instead of the findings (main report in
    /// full, concise, json or json-lines).
    #[arg(long, help_heading = "Output")]
    statistics: bool,
    /// Add each session's digest (content, time played, paused, buffering and in ads,
    /// completion, progress markers, ads, pings, findings) to the json and json-lines
    /// outputs, as a `sessions` array (json) or `"type": "session"` lines (json-lines).
    #[arg(long, help_heading = "Output")]
    sessions: bool,
    /// Also list the findings inline suppressions took out, with their reasons (full,
    /// concise, json, json-lines; SARIF always carries them as suppressed results).
    #[arg(long, help_heading = "Output")]
    show_suppressed: bool,
    /// After the report, print the documentation (`valint explain`) of every rule that has a
    /// finding: on stdout after a full or concise report there, else on stderr.
    #[arg(long, help_heading = "Output")]
    explain: bool,
    /// Leave out the summary after the findings (full, concise).
    #[arg(long, help_heading = "Output")]
    no_summary: bool,
    /// Print the findings only: no summary, no progress bar.
    #[arg(short, long, help_heading = "Output")]
    quiet: bool,
    /// Name to show for stdin (`-`) in every format.
    #[arg(long, value_name = "NAME", help_heading = "Output")]
    stdin_filename: Option<String>,

    /// Hide the findings this baseline file holds (written by --write-baseline): only new
    /// findings are reported and fail the run; entries no longer found are listed as stale.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath, help_heading = "Baseline")]
    baseline: Option<PathBuf>,
    /// Record every finding of this run in FILE (a baseline), and hide them.
    #[arg(long, value_name = "FILE", help_heading = "Baseline")]
    write_baseline: Option<PathBuf>,
    /// Rewrite the --baseline file without its stale entries.
    #[arg(long, requires = "baseline", help_heading = "Baseline")]
    prune_baseline: bool,

    /// Lowest severity that fails the run (exit 1).
    #[arg(
        long,
        value_enum,
        default_value = "error",
        value_name = "SEVERITY",
        help_heading = "Exit status"
    )]
    fail_on: FailOn,
    /// Exit 0 even when findings are at or above --fail-on or --max-warnings (exit 2 and 3
    /// still apply).
    #[arg(long, help_heading = "Exit status")]
    exit_zero: bool,
    /// Fail (exit 1) when there are more than N warnings.
    #[arg(long, value_name = "N", help_heading = "Exit status")]
    max_warnings: Option<usize>,

    /// Only these rules (codes, names, code prefixes or families), comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = rule_selector, help_heading = "Rules")]
    select: Vec<String>,
    /// Skip these rules (codes, names, code prefixes or families), comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = rule_selector, help_heading = "Rules")]
    ignore: Vec<String>,
    /// Also run these rules when --select (or `select` in the settings) names others.
    #[arg(long, value_delimiter = ',', value_parser = rule_selector, help_heading = "Rules")]
    extend_select: Vec<String>,
    /// Longest allowed time between pings in main content, seconds.
    #[arg(
        long,
        default_value_t = defaults::PING_INTERVAL_S,
        value_name = "SECONDS",
        value_parser = seconds,
        help_heading = "Rules"
    )]
    ping_interval: f64,
    /// Longest allowed time between pings inside ads, seconds (default: Adobe's current 10 s).
    #[arg(long, value_name = "SECONDS", value_parser = seconds, help_heading = "Rules")]
    ad_ping_interval: Option<f64>,
    /// Require pings every second inside ads (granular ad tracking, as the timelines show).
    #[arg(long, conflicts_with = "ad_ping_interval", help_heading = "Rules")]
    granular_ad_tracking: bool,
    /// Slack added to the ping intervals, seconds.
    #[arg(
        long,
        default_value_t = defaults::PING_TOLERANCE_S,
        value_name = "SECONDS",
        value_parser = seconds,
        help_heading = "Rules"
    )]
    ping_tolerance: f64,
    /// Longest allowed time between pings in downloaded sessions, seconds (Adobe's SDK: 50;
    /// the downloaded-content page: 10).
    #[arg(
        long,
        default_value_t = defaults::DOWNLOADED_PING_INTERVAL_S,
        value_name = "SECONDS",
        value_parser = seconds,
        help_heading = "Rules"
    )]
    downloaded_ping_interval: f64,
    /// When the ping timer starts and what restarts it: `playback` (first ping 10 s after the
    /// last play before it, then every interval whatever happens), `state-changes` (Adobe's
    /// SDK: every play, pauseStart or bufferStart restarts it) or `session-start` (the
    /// timelines).
    #[arg(long, value_enum, default_value_t = defaults::PING_TIMER, help_heading = "Rules")]
    ping_timer: valint::config::PingTimer,
    /// Report every ping gap of a downloaded session, not one per session and cause.
    #[arg(long, default_value_t = defaults::ALL_PING_GAPS, help_heading = "Rules")]
    all_ping_gaps: bool,
    /// Backwards playhead steps smaller than this are not reported (TIM001), seconds.
    #[arg(
        long,
        default_value_t = defaults::PLAYHEAD_TOLERANCE_S,
        value_name = "SECONDS",
        value_parser = seconds,
        help_heading = "Rules"
    )]
    playhead_tolerance: f64,
    /// How far the playhead may move inside an ad break before TIM002 reports it, seconds.
    #[arg(
        long,
        default_value_t = defaults::AD_BREAK_PLAYHEAD_TOLERANCE_S,
        value_name = "SECONDS",
        value_parser = seconds,
        help_heading = "Rules"
    )]
    ad_break_playhead_tolerance: f64,
    /// How far the playhead may gain on the clock between two events while playing before
    /// TIM006 reports it, seconds.
    #[arg(
        long,
        default_value_t = defaults::PLAYHEAD_CLOCK_TOLERANCE_S,
        value_name = "SECONDS",
        value_parser = seconds,
        help_heading = "Rules"
    )]
    playhead_clock_tolerance: f64,
    /// How much longer than its media.ad.length an ad may play before AD010 reports it, seconds.
    #[arg(
        long,
        default_value_t = defaults::AD_LENGTH_TOLERANCE_S,
        value_name = "SECONDS",
        value_parser = seconds,
        help_heading = "Rules"
    )]
    ad_length_tolerance: f64,
    /// Inactivity after which Adobe closes a session, seconds.
    #[arg(
        long,
        default_value_t = defaults::IDLE_TIMEOUT_S,
        value_name = "SECONDS",
        value_parser = seconds,
        help_heading = "Rules"
    )]
    idle_timeout: f64,
    /// Time without a playhead change after which Adobe closes a session, seconds (SES008).
    #[arg(
        long,
        default_value_t = defaults::FROZEN_PLAYHEAD_TIMEOUT_S,
        value_name = "SECONDS",
        value_parser = seconds,
        help_heading = "Rules"
    )]
    frozen_playhead_timeout: f64,
    /// Longest session before events are likely lost, seconds (SES009).
    #[arg(
        long,
        default_value_t = defaults::MAX_SESSION_LENGTH_S,
        value_name = "SECONDS",
        value_parser = seconds,
        help_heading = "Rules"
    )]
    max_session_length: f64,
    /// The full-screen player state's spelling; the other is reported (STA004).
    #[arg(
        long,
        value_enum,
        default_value_t = defaults::FULLSCREEN_SPELLING,
        help_heading = "Rules"
    )]
    fullscreen_spelling: FullscreenSpelling,
    /// media.ad.podPosition of the first ad in an ad break: 0, 1 or either (AD013).
    #[arg(
        long,
        value_enum,
        default_value_t = defaults::POD_POSITION_BASE,
        value_name = "BASE",
        help_heading = "Rules"
    )]
    pod_position_base: PodPositionBase,
    /// Require media.streamType on sessionStart (SES011).
    #[arg(long, help_heading = "Rules")]
    require_stream_type: bool,
    /// Report QoE keys inside params; by default they are accepted there as well as in
    /// qoeData (QOE003).
    #[arg(long, help_heading = "Rules")]
    qoe_data_only: bool,
    /// Severity of two events with the same ts (TIM003) whose order does not change what
    /// Adobe counts: error, warning or info.
    #[arg(
        long,
        default_value_t = defaults::EQUAL_TS_SEVERITY,
        value_parser = parse_severity,
        value_name = "SEVERITY",
        help_heading = "Rules"
    )]
    equal_ts_severity: Severity,
    /// Maximum nesting depth of a body; deeper values are skipped (SYN021).
    #[arg(long, default_value_t = defaults::MAX_DEPTH, value_name = "N", help_heading = "Limits")]
    max_depth: usize,
    /// Largest request body checked, bytes; larger ones are reported (LIM001).
    #[arg(long, default_value_t = defaults::MAX_BODY_BYTES, value_name = "BYTES", help_heading = "Limits")]
    max_body_bytes: usize,
    /// Most findings listed; the rest are counted (LIM002).
    #[arg(
        long,
        default_value_t = defaults::MAX_FINDINGS,
        value_name = "N",
        help_heading = "Limits"
    )]
    max_findings: usize,
    /// Most sessions open at once; beyond it the one idle longest is finished early (LIM003).
    #[arg(
        long,
        default_value_t = defaults::MAX_OPEN_SESSIONS,
        value_name = "N",
        help_heading = "Limits"
    )]
    max_open_sessions: usize,
    /// Worker threads for parsing and schema validation (default: every core). The output
    /// does not depend on it.
    #[arg(long, value_name = "N", help_heading = "Limits")]
    threads: Option<usize>,
}

#[derive(clap::Args)]
struct TimelineArgs {
    /// Capture files; `-` for stdin.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Width of the terminal picture in columns (default: the terminal's, else 100).
    #[arg(long, value_name = "COLUMNS")]
    width: Option<usize>,
    /// Start of the window, seconds from each session's start.
    #[arg(long, value_name = "SECONDS")]
    from: Option<f64>,
    /// End of the window, seconds from each session's start.
    #[arg(long, value_name = "SECONDS")]
    to: Option<f64>,
    /// When to use colour: as `valint check --color` (auto: a terminal only, NO_COLOR and
    /// CLICOLOR_FORCE honoured).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Also write the pictures as SVG to this file (one per session, stacked).
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Also write a self-contained HTML report to this file (sessions table with digests,
    /// timelines drawn on demand, findings with snippets, filters; no network request).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Mask visitor ids, ECIDs, customer ids, cookies and IP addresses in every output, as
    /// `valint check --redact` does (the HTML report's snippets included).
    #[arg(long)]
    redact: bool,
    /// Only this session (its sid, or `#N` for captures without sids); repeatable.
    #[arg(long, value_name = "ID")]
    session: Vec<String>,
    /// Do not draw the terminal pictures (with --svg or --html).
    #[arg(long)]
    quiet: bool,
    /// Name to show for stdin (`-`).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Only these rules' findings (codes, names, code prefixes or families),
    /// comma-separated, as `valint check --select`.
    #[arg(long, value_delimiter = ',', value_parser = rule_selector, help_heading = "Rules")]
    select: Vec<String>,
    /// Not these rules' findings, comma-separated, as `valint check --ignore`.
    #[arg(long, value_delimiter = ',', value_parser = rule_selector, help_heading = "Rules")]
    ignore: Vec<String>,
    /// Read settings from this file instead of the one found by walking up from the first
    /// capture (the rules, their options and severities, as `valint check` reads them).
    #[arg(long, value_name = "PATH", help_heading = "Settings")]
    config: Option<PathBuf>,
    /// Ignore every settings file: only flags and defaults.
    #[arg(long, conflicts_with = "config", help_heading = "Settings")]
    isolated: bool,
}

/// Writes `buf` to `path` through a temporary file in the same folder and a rename, so an
/// interrupted run never leaves a partial report where CI looks for one.
/// Writes `buf` to `path` atomically (see [`stream_atomic`]).
fn write_atomic(path: &std::path::Path, buf: &[u8]) -> std::io::Result<()> {
    stream_atomic(path, |w| w.write_all(buf))
}

/// Writes `path` through `write`, atomically: into a temporary file beside it, renamed over
/// it when complete, so a reader never sees half a report.
fn stream_atomic(
    path: &std::path::Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let through = |file: std::fs::File,
                   write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>| {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut w)?;
        w.flush()
    };
    let mut write = Some(write);
    let mut once = |w: &mut dyn Write| (write.take().expect("written once"))(w);
    // Devices and pipes (`-o /dev/null`, a FIFO) are written in place: never renamed over.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let file = std::fs::OpenOptions::new().write(true).open(path)?;
        return through(file, &mut once);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.valint-{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|f| through(f, &mut once))
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The folder a file is in (`.` for a bare name): baseline keys are relative to it.
fn folder_of(path: &std::path::Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(feature = "mimalloc")]
/// mimalloc v2's `mi_option_purge_delay` (`mimalloc.h`; the Rust bindings name no
/// constant for it). Pinned with the crate in Cargo.lock.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Hand freed memory back after 1 ms instead of 10: a check of a large capture frees as
    // it goes, and the default delay added 12 MB to the peak of a 600 MB capture (same time).
    // SAFETY: setting an option is a plain store, before any thread is started.
    #[cfg(feature = "mimalloc")]
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1)
    };
    let cmd = Cli::command();
    let matches = cmd.clone().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let result = match cli.command {
        Command::Check(args) => match matches.subcommand_matches("check") {
            Some(m) => run_check_with_settings(*args, m, &cmd),
            None => usage("no `check` arguments"),
        },
        Command::Timeline(args) => run_timeline(*args, &cmd),
        Command::Explain { rule } => with_stdout(|out| explain(&rule, out)),
        Command::Rules {
            output_format,
            json,
        } => with_stdout(|out| list_rules(json || output_format == RulesFormat::Json, out)),
        Command::Completions { shell } => with_stdout(|out| {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "valint", &mut buf);
            out.write_all(&buf)?;
            Ok(0)
        }),
        Command::Man {
            subcommand,
            out_dir,
        } => man(subcommand.as_deref(), out_dir.as_deref()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Runs `f` on a buffer and writes the buffer to stdout; a closed stdout (`| head`) is not
/// an error.
fn with_stdout(f: impl FnOnce(&mut dyn Write) -> std::io::Result<u8>) -> std::io::Result<u8> {
    let mut buf = Vec::new();
    let code = f(&mut buf)?;
    write_stdout(&buf)?;
    Ok(code)
}

fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    stream_stdout(|w| w.write_all(bytes))
}

/// Writes stdout through `write`, buffered; a reader that went away (`| head`) is no error.
fn stream_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// A rule selector (`--select`, `--ignore`, `--extend-select`): a code, code prefix, name,
/// family or `ALL` that names at least one rule.
fn rule_selector(s: &str) -> Result<String, String> {
    if settings::is_rule_selector(s) {
        return Ok(s.to_string());
    }
    let hint = settings::did_you_mean(
        s,
        rules::registry()
            .iter()
            .flat_map(|r| [r.code, r.name, r.family.name()]),
    )
    .map(|m| format!("; did you mean `{m}`?"))
    .unwrap_or_default();
    Err(format!(
        "unknown rule selector `{s}` (see `valint rules`){hint}"
    ))
}

/// A duration option: a finite, non-negative number of seconds.
/// The inputs of a run: each path as it is, and `-` as stdin's bytes under `stdin_name`
/// (`<stdin>` without one). `Err` when `-` is given twice.
fn read_inputs(
    files: &[PathBuf],
    stdin_name: &Option<String>,
) -> std::io::Result<Result<Vec<Input>, &'static str>> {
    let mut inputs = Vec::with_capacity(files.len());
    let mut stdin_used = false;
    for f in files {
        if f.as_os_str() == "-" {
            if stdin_used {
                return Ok(Err("`-` (stdin) given more than once"));
            }
            stdin_used = true;
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf)?;
            let name = stdin_name.clone().unwrap_or_else(|| "<stdin>".into());
            inputs.push(Input::Bytes(name, buf));
        } else {
            inputs.push(Input::Path(f.clone()));
        }
    }
    Ok(Ok(inputs))
}

/// `--ndjson-field MEANING=NAME`: the meaning's name and the member name.
fn ndjson_field(s: &str) -> Result<(String, String), String> {
    valint::capture::ndjson::Fields::parse(s).map(|(field, name)| (field.name().to_string(), name))
}

fn seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err("expected a non-negative number of seconds".to_string()),
    }
}

/// `NO_COLOR` set and non-empty.
fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// `CLICOLOR_FORCE` set, non-empty and not `0`.
fn clicolor_force_env() -> bool {
    std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Whether an output going to a terminal (`is_tty`) or not gets colour.
fn use_color(choice: ColorChoice, is_tty: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if no_color_env() {
                false
            } else {
                clicolor_force_env() || is_tty
            }
        }
    }
}

/// Where an output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    Stdout,
    File(PathBuf),
}

/// `--equal-ts-severity`: `error`, `warning` or `info`.
fn parse_severity(s: &str) -> Result<Severity, String> {
    match s {
        "error" => Ok(Severity::Error),
        "warning" => Ok(Severity::Warning),
        "info" => Ok(Severity::Info),
        _ => Err("expected `error`, `warning` or `info`".to_string()),
    }
}

fn usage(msg: impl std::fmt::Display) -> std::io::Result<u8> {
    eprintln!("error: {msg}");
    Ok(EXIT_USAGE)
}

/// Files or bytes past which a progress bar is worth drawing.
const PROGRESS_FILES: usize = 20;
const PROGRESS_BYTES: u64 = 32 * 1024 * 1024;

/// The run's [`Config`] from `check`'s arguments (the rule options, selection and limits).
fn config_of(args: &CheckArgs) -> Config {
    let mut cfg = Config::default();
    cfg.ping.interval_s = args.ping_interval;
    cfg.ping.tolerance_s = args.ping_tolerance;
    cfg.ping.downloaded_interval_s = args.downloaded_ping_interval;
    cfg.ping.timer = args.ping_timer;
    cfg.ping.all_gaps = args.all_ping_gaps;
    cfg.ping.ad_interval_s = if args.granular_ad_tracking {
        defaults::GRANULAR_AD_PING_INTERVAL_S
    } else {
        args.ad_ping_interval
            .unwrap_or(defaults::AD_PING_INTERVAL_S)
    };
    cfg.playhead_tolerance_s = args.playhead_tolerance;
    cfg.ad_break_playhead_tolerance_s = args.ad_break_playhead_tolerance;
    cfg.playhead_clock_tolerance_s = args.playhead_clock_tolerance;
    cfg.ad_length_tolerance_s = args.ad_length_tolerance;
    cfg.idle_timeout_s = Some(args.idle_timeout);
    cfg.frozen_playhead_timeout_s = args.frozen_playhead_timeout;
    cfg.max_session_length_s = args.max_session_length;
    cfg.fullscreen_spelling = args.fullscreen_spelling;
    cfg.pod_position_base = args.pod_position_base;
    cfg.require_stream_type = args.require_stream_type;
    cfg.qoe_in_params = !args.qoe_data_only;
    cfg.equal_ts_severity = args.equal_ts_severity;
    cfg.select = args.select.clone();
    cfg.ignore = args.ignore.clone();
    cfg.extend_select = args.extend_select.clone();
    cfg.ndjson_fields = args.ndjson_fields.clone();
    cfg.max_depth = Some(args.max_depth);
    cfg.max_body_bytes = Some(args.max_body_bytes);
    cfg.max_findings = Some(args.max_findings);
    cfg.max_open_sessions = Some(args.max_open_sessions.max(1));
    cfg.threads = args.threads.map(|n| n.max(1));
    cfg
}

/// The inputs that share one settings file, with the `check` arguments that result.
struct Group {
    /// The settings file that applies (per file) to these inputs.
    file: Option<Rc<SettingsFile>>,
    /// Indices into the command line's files.
    inputs: Vec<usize>,
    /// The arguments, settings merged in.
    args: CheckArgs,
    /// The merged matches (for `--show-settings`).
    matches: clap::ArgMatches,
    /// Settings-file origins of the arguments, by id.
    origins: std::collections::HashMap<String, Origin>,
}

/// `valint check`: settings files found and merged with the flags, then the check.
fn run_check_with_settings(
    mut args: CheckArgs,
    cli_matches: &clap::ArgMatches,
    cmd: &clap::Command,
) -> std::io::Result<u8> {
    // Folders are walked and globs expanded first: settings are found from each capture.
    let given = if args.files.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.files.clone()
    };
    let found = match valint::check::discover::discover(&given, &args.extend_exclude) {
        Ok(found) => found,
        Err(msg) => return usage(msg),
    };
    for w in &found.warnings {
        eprintln!("warning: {w}");
    }
    // Paths that are not there are checked as they are: each is an input that cannot be read.
    args.files = found.files.into_iter().chain(found.unmatched).collect();
    let argv: Vec<OsString> = std::env::args_os().collect();
    let mut finder = settings::Finder::new(cmd);
    let explicit = match &args.config {
        Some(p) if !args.isolated => match named_settings(&mut finder, p) {
            Ok(f) => f,
            Err(msg) => return usage(msg),
        },
        _ => None,
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let per_input: Vec<Option<Rc<SettingsFile>>> = args
        .files
        .iter()
        .map(|f| {
            if args.isolated {
                None
            } else if args.config.is_some() {
                explicit.clone()
            } else if f.as_os_str() == "-" {
                let dir = args
                    .stdin_filename
                    .as_ref()
                    .map(|n| settings::start_dir(std::path::Path::new(n)))
                    .unwrap_or_else(|| cwd.clone());
                finder.for_dir(&dir)
            } else {
                finder.for_dir(&settings::start_dir(f))
            }
        })
        .collect();
    let same = |a: &Option<Rc<SettingsFile>>, b: &Option<Rc<SettingsFile>>| match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    };
    let run_file = if args.isolated {
        None
    } else if args.config.is_some() {
        explicit.clone()
    } else if per_input.windows(2).all(|w| same(&w[0], &w[1])) {
        per_input.first().cloned().flatten()
    } else {
        finder.for_dir(&cwd)
    };
    if !finder.errors.is_empty() {
        let color = use_color(args.color, std::io::stderr().is_terminal());
        eprint!("{}", settings::render_errors(&finder.errors, color));
        let n = finder.errors.len();
        eprintln!(
            "error: {n} problem{} in the settings; nothing was checked",
            if n == 1 { "" } else { "s" }
        );
        return Ok(EXIT_USAGE);
    }
    let mut groups: Vec<Group> = Vec::new();
    // A run whose folders hold no capture is still a run (of no files, with a warning).
    let entries: Vec<(Option<usize>, Option<Rc<SettingsFile>>)> = if per_input.is_empty() {
        vec![(None, run_file.clone())]
    } else {
        per_input
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, f)| (Some(i), f))
            .collect()
    };
    for (i, file) in &entries {
        let (i, file) = (*i, file);
        if let Some(g) = groups.iter_mut().find(|g| same(&g.file, file)) {
            g.inputs.extend(i);
            continue;
        }
        let (words, origins) = settings::merge(
            &argv,
            cli_matches,
            cmd,
            run_file.as_deref(),
            file.as_deref(),
        );
        let matches = match cmd.clone().try_get_matches_from(&words) {
            Ok(m) => m,
            Err(e) => return usage(e.render().to_string().trim_start_matches("error: ")),
        };
        let Some(check) = matches.subcommand_matches("check") else {
            return usage("settings changed the subcommand");
        };
        let group_args = match CheckArgs::from_arg_matches(check) {
            Ok(a) => a,
            Err(e) => return usage(e),
        };
        let mut group_args = group_args;
        // The inputs found by walking folders, not the command line's paths.
        group_args.files = args.files.clone();
        groups.push(Group {
            file: file.clone(),
            inputs: i.into_iter().collect(),
            args: group_args,
            matches: check.clone(),
            origins,
        });
    }
    if args.show_settings {
        return with_stdout(|out| show_settings(&groups, &args, cli_matches, cmd, out));
    }
    run_check(groups)
}

/// `--show-settings`: every option of `check` with its value and origin, per group of
/// inputs that share a settings file.
fn show_settings(
    groups: &[Group],
    args: &CheckArgs,
    cli_matches: &clap::ArgMatches,
    cmd: &clap::Command,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(check) = cmd.find_subcommand("check") else {
        return Ok(EXIT_USAGE);
    };
    for g in groups {
        let names: Vec<String> = g
            .inputs
            .iter()
            .map(|&i| args.files[i].display().to_string())
            .collect();
        writeln!(out, "# {}", names.join(" "))?;
        match &g.file {
            Some(f) => writeln!(out, "# settings file: {}", f.name)?,
            None => writeln!(out, "# settings file: none")?,
        }
        let mut rows: Vec<(String, String)> = Vec::new();
        for arg in check.get_arguments() {
            let Some(long) = arg.get_long() else {
                continue;
            };
            if settings::COMMAND_LINE_ONLY.contains(&long) || long == "version" {
                continue;
            }
            let id = arg.get_id().as_str();
            let value = match g.matches.get_raw(id) {
                Some(vals) => {
                    let v: Vec<String> = vals
                        .map(|v| {
                            let v = v.to_string_lossy();
                            // Numbers as TOML numbers, everything else as a TOML string.
                            if v.parse::<f64>().is_ok_and(f64::is_finite) {
                                v.into_owned()
                            } else {
                                format!("{v:?}")
                            }
                        })
                        .collect();
                    if matches!(arg.get_action(), clap::ArgAction::Append) {
                        format!("[{}]", v.join(", "))
                    } else if matches!(
                        arg.get_action(),
                        clap::ArgAction::SetTrue | clap::ArgAction::SetFalse
                    ) {
                        v.join("").trim_matches('"').to_string()
                    } else {
                        v.join(", ")
                    }
                }
                None if matches!(arg.get_action(), clap::ArgAction::Append) => "[]".into(),
                None => "(not set)".into(),
            };
            let origin = match g.origins.get(id) {
                Some(o) => o.clone(),
                None => match cli_matches.value_source(id) {
                    Some(clap::parser::ValueSource::CommandLine) => Origin::CommandLine,
                    Some(clap::parser::ValueSource::EnvVariable) => Origin::Environment(
                        arg.get_env()
                            .map(|e| e.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                    ),
                    _ => Origin::Default,
                },
            };
            rows.push((format!("{long} = {value}"), origin.to_string()));
        }
        if let Some(f) = &g.file {
            if !f.severity.is_empty() {
                rows.push(("[severity]".into(), String::new()));
                for (sel, level, line) in &f.severity {
                    let level = level.map_or("off", |l| l.as_str());
                    rows.push((
                        format!("{sel} = \"{level}\""),
                        Origin::File(f.name.clone(), *line).to_string(),
                    ));
                }
            }
            if !f.per_file_ignores.is_empty() {
                rows.push(("[per-file-ignores]".into(), String::new()));
                for (glob, sels, line) in &f.per_file_ignores {
                    let sels: Vec<String> = sels.iter().map(|s| format!("{s:?}")).collect();
                    rows.push((
                        format!("{glob:?} = [{}]", sels.join(", ")),
                        Origin::File(f.name.clone(), *line).to_string(),
                    ));
                }
            }
        }
        let width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
        for (setting, origin) in rows {
            if origin.is_empty() {
                writeln!(out, "{setting}")?;
            } else {
                writeln!(out, "{setting:<width$}  # {origin}")?;
            }
        }
        writeln!(out)?;
    }
    Ok(0)
}

fn run_check(groups: Vec<Group>) -> std::io::Result<u8> {
    // The run's own options (outputs, exit status, limits) are the same in every group.
    let Some(first) = groups.first() else {
        return usage("no input");
    };
    let args = &first.args;
    let mut configs = Vec::new();
    for g in &groups {
        let mut cfg = config_of(&g.args);
        if let Some(f) = &g.file {
            cfg.severity = f.severity();
            cfg.per_file_ignores = f.per_file_ignores();
        }
        configs.push(cfg);
    }

    // The outputs: the main report, then every --output.
    let main_target = match &args.output_file {
        Some(p) if p.as_os_str() != "-" => Target::File(p.clone()),
        _ => Target::Stdout,
    };
    let mut outputs: Vec<(OutputFormat, Target)> = vec![(args.format, main_target)];
    for o in &args.outputs {
        let t = if o.path.as_os_str() == "-" {
            Target::Stdout
        } else {
            Target::File(o.path.clone())
        };
        outputs.push((o.format, t));
    }
    for (i, (_, t)) in outputs.iter().enumerate() {
        if outputs[..i].iter().any(|(_, u)| u == t) {
            return usage(match t {
                Target::Stdout => "two outputs write to stdout; give one of them a file (`--output FORMAT=PATH`, `-o PATH`)".to_string(),
                Target::File(p) => format!("two outputs write to {}", p.display()),
            });
        }
    }
    if args.statistics
        && matches!(
            args.format,
            OutputFormat::Sarif | OutputFormat::Github | OutputFormat::Junit
        )
    {
        return usage(format!(
            "--statistics works with the full, concise, json and json-lines formats, not {}",
            args.format.name()
        ));
    }

    if args.sessions {
        if !outputs
            .iter()
            .any(|(f, _)| matches!(f, OutputFormat::Json | OutputFormat::JsonLines))
        {
            return usage(
                "--sessions adds session digests to the json and json-lines outputs, and none is asked for (`--output-format json`, `--output json=PATH`)",
            );
        }
        for cfg in &mut configs {
            cfg.session_record = valint::config::SessionRecord::Digest;
        }
    }

    let mut inputs: Vec<Option<Input>> = match read_inputs(&args.files, &args.stdin_filename)? {
        Ok(inputs) => inputs.into_iter().map(Some).collect(),
        Err(msg) => return usage(msg),
    };

    // A progress bar on long runs, on a terminal only (never in pipes or CI logs).
    let quiet = args.quiet;
    let mut bar: Option<indicatif::ProgressBar> = None;
    let mut progress = |p: Progress| {
        if p.files_done == 0 {
            let long = p.files_total >= PROGRESS_FILES || p.bytes_total >= PROGRESS_BYTES;
            if long && !quiet && std::io::stderr().is_terminal() {
                let b = indicatif::ProgressBar::with_draw_target(
                    Some(p.bytes_total),
                    indicatif::ProgressDrawTarget::stderr(),
                );
                if let Ok(style) = indicatif::ProgressStyle::with_template(
                    "{spinner} checking {msg} {wide_bar} {bytes}/{total_bytes}",
                ) {
                    b.set_style(style);
                }
                b.enable_steady_tick(std::time::Duration::from_millis(120));
                bar = Some(b);
            }
        }
        if let Some(b) = &bar {
            b.set_position(p.bytes_done);
            b.set_message(format!("{}/{} files", p.files_done, p.files_total));
        }
    };
    // Only JUnit (a test case per session) and SARIF (session ordinals in fingerprints)
    // read the list of every session; without them it is not kept, so memory stays flat.
    let omit_session_list = args.baseline.is_none()
        && args.write_baseline.is_none()
        && !outputs
            .iter()
            .any(|(f, _)| matches!(f, OutputFormat::Junit | OutputFormat::Sarif));
    let baseline = match &args.baseline {
        Some(p) => match Baseline::read(p) {
            Ok(b) => Some(b),
            Err(e) => return usage(e),
        },
        None => None,
    };
    // Inputs under different settings files are checked apart (each with its own rule
    // options), one after the other, into one report.
    let mut report: Option<valint::model::Report> = None;
    for (g, mut cfg) in groups.iter().zip(configs) {
        cfg.omit_session_list = omit_session_list;
        let group_inputs: Vec<Input> = g.inputs.iter().filter_map(|&i| inputs[i].take()).collect();
        let part = check_with_progress(&group_inputs, &cfg, &mut progress);
        match &mut report {
            None => report = Some(part),
            Some(r) => r.append(part),
        }
    }
    let mut report = report.unwrap_or_default();
    if let Some(b) = bar.take() {
        b.finish_and_clear();
    }
    if let (Some(b), Some(path)) = (&baseline, &args.baseline) {
        let matched = b.apply(&mut report, &folder_of(path));
        if args.prune_baseline {
            let dropped = b.entries.len() - matched.entries.len();
            if let Err(e) = stream_atomic(path, |w| w.write_all(matched.to_json().as_bytes())) {
                return usage(format!("cannot write {}: {e}", path.display()));
            }
            if !args.quiet {
                eprintln!(
                    "pruned {dropped} stale entr{} from {}",
                    if dropped == 1 { "y" } else { "ies" },
                    path.display()
                );
            }
        } else if !args.quiet {
            let stale = report.baseline.as_ref().map_or(&[][..], |b| &b.stale[..]);
            for s in stale.iter().take(20) {
                eprintln!("note: stale baseline entry: {s}");
            }
            if stale.len() > 20 {
                eprintln!("note: and {} more stale baseline entries", stale.len() - 20);
            }
        }
    }
    if let Some(path) = &args.write_baseline {
        let b = Baseline::of(&report, &folder_of(path));
        if let Err(e) = stream_atomic(path, |w| w.write_all(b.to_json().as_bytes())) {
            return usage(format!("cannot write {}: {e}", path.display()));
        }
        let total: usize = b.entries.iter().map(|e| e.count).sum();
        if !args.quiet {
            eprintln!(
                "wrote {total} finding{} ({} entr{}) to {}",
                if total == 1 { "" } else { "s" },
                b.entries.len(),
                if b.entries.len() == 1 { "y" } else { "ies" },
                path.display()
            );
        }
        // Everything is in the baseline now.
        let now = report
            .baseline
            .get_or_insert_with(valint::model::BaselineResult::default);
        now.unchanged
            .extend(std::mem::take(&mut report.diagnostics));
        now.stale.clear();
    }
    let report = if args.redact {
        valint::redact::redact_report(&report)
    } else {
        report
    };

    let fail_on = args.fail_on.severity();
    let base = RenderOptions {
        style: Style::default(),
        repo_root: args.repo_root.clone(),
        fail_on,
        statistics: false,
        automation_id: "valint/".into(),
        sessions: args.sessions,
        show_suppressed: args.show_suppressed,
        summary: !(args.no_summary || args.quiet),
    };
    let mut write_failed = false;
    for (i, (format, target)) in outputs.iter().enumerate() {
        let is_tty = *target == Target::Stdout && std::io::stdout().is_terminal();
        let mut opts = base.clone();
        opts.style.color = format.colorable() && use_color(args.color, is_tty);
        opts.statistics = i == 0 && args.statistics;
        // Streamed to its target, never held whole: 100,000 findings are tens of MB.
        let render = |w: &mut dyn Write| report::render(*format, &report, &opts, w);
        let written = match target {
            Target::Stdout => stream_stdout(render),
            Target::File(p) => stream_atomic(p, render),
        };
        if let Err(e) = written {
            let name = match target {
                Target::Stdout => "stdout".to_string(),
                Target::File(p) => p.display().to_string(),
            };
            eprintln!("error: cannot write {name}: {e}");
            write_failed = true;
        }
        if *format == OutputFormat::Github {
            if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|v| !v.is_empty()) {
                let md = report::github::step_summary(&report, &opts);
                let appended = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)
                    .and_then(|mut f| f.write_all(md.as_bytes()));
                if let Err(e) = appended {
                    eprintln!(
                        "warning: cannot append to GITHUB_STEP_SUMMARY ({}): {e}",
                        PathBuf::from(path).display()
                    );
                }
            }
        }
    }
    if write_failed {
        return Ok(EXIT_USAGE);
    }
    if args.explain {
        let mut codes: Vec<&'static valint::diagnostic::RuleMeta> =
            report.diagnostics.iter().map(|d| d.rule).collect();
        let registry = rules::registry();
        codes.sort_by_key(|r| registry.iter().position(|x| std::ptr::eq(*x, *r)));
        codes.dedup_by(|a, b| std::ptr::eq(*a, *b));
        let mut text = String::new();
        for r in codes {
            text.push('\n');
            text.push_str(&rules::explain_text(r));
        }
        let to_stdout = outputs[0].1 == Target::Stdout && args.format.colorable();
        if to_stdout {
            write_stdout(text.as_bytes())?;
        } else {
            eprint!("{text}");
        }
    }

    for e in &report.input_errors {
        eprintln!("error: cannot read {}: {}", e.name, e.reason);
    }
    let problems = report.capture_problems();
    // The summary of a human format on the terminal has just listed them, on the same
    // screen: stderr repeats them only where it may be read apart from stdout.
    let listed_on_screen = base.summary
        && outputs
            .iter()
            .any(|(f, t)| f.colorable() && *t == Target::Stdout)
        && std::io::stdout().is_terminal()
        && std::io::stderr().is_terminal();
    for p in problems
        .iter()
        .skip(report.input_errors.len())
        .filter(|_| !listed_on_screen)
    {
        eprintln!("error: {}: {}", p.name, p.reason);
    }
    if !problems.is_empty() {
        return Ok(EXIT_CAPTURE);
    }
    if args.exit_zero {
        return Ok(0);
    }
    let failing = report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= fail_on)
        .count();
    if failing > 0 {
        return Ok(EXIT_FINDINGS);
    }
    if let Some(max) = args.max_warnings {
        let warnings = report.count(Severity::Warning);
        if warnings > max {
            eprintln!("error: {warnings} warnings, more than --max-warnings {max}");
            return Ok(EXIT_FINDINGS);
        }
    }
    Ok(0)
}

/// `valint timeline`: checks the captures with the default settings, keeping every
/// session's trace, and draws them. Exit code 0, or 2 (usage, an output that cannot be
/// written) or 3 (a capture that cannot be read), as for `check`.
/// The settings file `--config PATH` names: `None` when it could not be read (the problem
/// is among `finder.errors`, to be rendered with the others).
///
/// # Errors
/// A file that reads but has no `[tool.valint]` table (a usage error).
fn named_settings(
    finder: &mut settings::Finder,
    path: &std::path::Path,
) -> Result<Option<Rc<SettingsFile>>, String> {
    let before = finder.errors.len();
    match finder.read(path) {
        Some(f) => Ok(Some(f)),
        None if finder.errors.len() > before => Ok(None),
        None => Err(format!("{} has no [tool.valint] table", path.display())),
    }
}

/// The configuration `valint check` would use on `files` with `timeline`'s `--select`,
/// `--ignore`, `--config` and `--isolated`: the settings file of the first capture (or of
/// the current folder), its rule options, `[severity]` and `per-file-ignores`.
///
/// # Errors
/// `Ok(Err(text))`: the settings' problems, rendered as `check` renders them; `Err`: a
/// usage message.
fn timeline_config(
    args: &TimelineArgs,
    files: &[PathBuf],
    cmd: &clap::Command,
) -> Result<Result<Config, String>, String> {
    let mut finder = settings::Finder::new(cmd);
    let file = if args.isolated {
        None
    } else if let Some(p) = &args.config {
        named_settings(&mut finder, p)?
    } else {
        let dir = match files.first() {
            Some(f) if f.as_os_str() != "-" => settings::start_dir(f),
            _ => std::env::current_dir().unwrap_or_default(),
        };
        finder.for_dir(&dir)
    };
    if !finder.errors.is_empty() {
        let color = use_color(args.color, std::io::stderr().is_terminal());
        return Ok(Err(settings::render_errors(&finder.errors, color)));
    }
    // `valint check` with timeline's rule flags, then the settings file merged in as
    // `check` merges it (flags win).
    let mut words: Vec<OsString> = vec!["valint".into(), "check".into()];
    for (flag, values) in [("--select", &args.select), ("--ignore", &args.ignore)] {
        if !values.is_empty() {
            words.push(flag.into());
            words.push(values.join(",").into());
        }
    }
    let parse = |words: &[OsString]| -> Result<CheckArgs, String> {
        let m = cmd
            .clone()
            .try_get_matches_from(words)
            .map_err(|e| e.render().to_string())?;
        let check = m
            .subcommand_matches("check")
            .ok_or("settings changed the subcommand")?;
        CheckArgs::from_arg_matches(check).map_err(|e| e.to_string())
    };
    let cli = cmd
        .clone()
        .try_get_matches_from(&words)
        .map_err(|e| e.render().to_string())?;
    let cli = cli
        .subcommand_matches("check")
        .ok_or("no `check` arguments")?;
    let (merged, _) = settings::merge(&words, cli, cmd, file.as_deref(), file.as_deref());
    let mut cfg = config_of(&parse(&merged)?);
    if let Some(f) = &file {
        cfg.severity = f.severity();
        cfg.per_file_ignores = f.per_file_ignores();
    }
    Ok(Ok(cfg))
}

fn run_timeline(args: TimelineArgs, cmd: &clap::Command) -> std::io::Result<u8> {
    for (name, v) in [("--from", args.from), ("--to", args.to)] {
        if let Some(v) = v {
            if let Err(e) = seconds(&v.to_string()) {
                return usage(format!("{name}: {e}"));
            }
        }
    }
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from >= to {
            return usage(format!("--from {from} is not before --to {to}"));
        }
    }
    // Folders and globs as `check` reads them.
    let found = match valint::check::discover::discover(&args.files, &[]) {
        Ok(found) => found,
        Err(msg) => return usage(msg),
    };
    for w in &found.warnings {
        eprintln!("warning: {w}");
    }
    let files: Vec<PathBuf> = found.files.into_iter().chain(found.unmatched).collect();
    let cfg = match timeline_config(&args, &files, cmd) {
        Ok(Ok(cfg)) => Config {
            session_record: valint::config::SessionRecord::Timeline,
            omit_session_list: true,
            ..cfg
        },
        Ok(Err(rendered)) => {
            eprint!("{rendered}");
            eprintln!("error: problems in the settings; nothing was drawn");
            return Ok(EXIT_USAGE);
        }
        Err(msg) => return usage(msg.trim_start_matches("error: ").trim_end()),
    };
    let inputs = match read_inputs(&files, &args.stdin_filename)? {
        Ok(inputs) => inputs,
        Err(msg) => return usage(msg),
    };
    let mut report = valint::check::check(&inputs, &cfg);
    if args.redact {
        report = valint::redact::redact_report(&report);
    }
    if !args.session.is_empty() {
        for id in &args.session {
            if !report.session_metrics.iter().any(|m| &m.id == id) {
                return usage(format!("no session `{id}` in the captures"));
            }
        }
        let wanted = |id: &str| args.session.iter().any(|s| s == id);
        report.session_metrics.retain(|m| wanted(&m.id));
        report
            .diagnostics
            .retain(|d| d.context.session.as_deref().is_some_and(wanted));
    }
    let mut code = 0;
    if !args.quiet {
        let is_tty = std::io::stdout().is_terminal();
        let width = args.width.unwrap_or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout())
                .map_or(100, |(w, _)| usize::from(w.0))
        });
        let opts = report::timeline::terminal::TerminalOptions {
            width,
            from_s: args.from,
            to_s: args.to,
            color: use_color(args.color, is_tty),
        };
        let mut buf = Vec::new();
        report::timeline::terminal::render(&report, &opts, &mut buf)?;
        write_stdout(&buf)?;
    }
    if let Some(path) = &args.svg {
        let mut buf = Vec::new();
        report::timeline::svg::render(&report, (args.from, args.to), &mut buf)?;
        if let Err(e) = write_atomic(path, &buf) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return Ok(EXIT_USAGE);
        }
    }
    if let Some(path) = &args.html {
        let mut buf = Vec::new();
        report::timeline::html::render(&report, (args.from, args.to), &mut buf)?;
        if let Err(e) = write_atomic(path, &buf) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return Ok(EXIT_USAGE);
        }
    }
    for e in &report.input_errors {
        eprintln!("error: cannot read {}: {}", e.name, e.reason);
    }
    let problems = report.capture_problems();
    for p in problems.iter().skip(report.input_errors.len()) {
        eprintln!("error: {}: {}", p.name, p.reason);
    }
    if !problems.is_empty() {
        code = EXIT_CAPTURE;
    }
    Ok(code)
}

/// `valint man`: the page of valint or of one subcommand to stdout, or every page into a
/// folder.
fn man(subcommand: Option<&str>, out_dir: Option<&std::path::Path>) -> std::io::Result<u8> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir)?;
        clap_mangen::generate_to(cmd, dir)?;
        return Ok(0);
    }
    let page = match subcommand {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                return usage(format!(
                    "no subcommand `{name}` (one of: {})",
                    names.join(", ")
                ));
            }
        },
    };
    with_stdout(|out| {
        let mut buf = Vec::new();
        clap_mangen::Man::new(page).render(&mut buf)?;
        out.write_all(&buf)?;
        Ok(0)
    })
}

fn explain(rule: &str, out: &mut dyn Write) -> std::io::Result<u8> {
    match rules::find(rule) {
        Some(r) => {
            out.write_all(rules::explain_text(r).as_bytes())?;
            Ok(0)
        }
        None => {
            eprintln!("error: no rule `{rule}` (see `valint rules`)");
            Ok(EXIT_USAGE)
        }
    }
}

fn list_rules(json: bool, out: &mut dyn Write) -> std::io::Result<u8> {
    let all = rules::registry();
    if json {
        let v: Vec<_> = all
            .iter()
            .map(|r| {
                serde_json::json!({"code": r.code, "name": r.name, "family": r.family.name(),
                    "severity": r.severity.as_str(), "summary": r.summary})
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
    } else {
        // Columns as wide as their longest entry, so that a new rule never breaks them.
        let width = |f: &dyn Fn(&valint::diagnostic::RuleMeta) -> usize| {
            all.iter().map(|r| f(r)).max().unwrap_or(0)
        };
        let (wc, wn, wf) = (
            width(&|r| r.code.len()),
            width(&|r| r.name.len()),
            width(&|r| r.family.name().len()),
        );
        for r in &all {
            writeln!(
                out,
                "{:<wc$} {:<wn$} {:<wf$} {:<7} {}",
                r.code,
                r.name,
                r.family.name(),
                r.severity.as_str(),
                r.summary
            )?;
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn output_pairs_parse() {
        let o = parse_output("sarif=out/valint.sarif").unwrap();
        assert_eq!(o.format, OutputFormat::Sarif);
        assert_eq!(o.path, PathBuf::from("out/valint.sarif"));
        assert_eq!(
            parse_output("json-lines=-").unwrap().format,
            OutputFormat::JsonLines
        );
        assert!(parse_output("sarif").is_err());
        assert!(parse_output("xml=a").is_err());
        assert!(parse_output("sarif=").is_err());
    }
}
