//! The `valint` command line: parses arguments, runs the library, writes the outputs, maps
//! results to exit codes.
//!
//! Exit codes: 0 nothing at or above the failure threshold; 1 findings at or above it (or
//! more warnings than `--max-warnings`); 2 usage or configuration error; 3 a capture could
//! not be read or is truncated (see [`valint::check::Report::capture_problems`]).

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use valint::check::{check_with_progress, Input, Progress};
use valint::config::{defaults, Config};
use valint::diagnostic::Severity;
use valint::report::{self, OutputFormat, RenderOptions, Style};
use valint::rules;

/// mimalloc: valint allocates and frees a small tree per request body; glibc's malloc spent
/// a third of a run in its free lists (perf, bench/RESULTS.md).
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
    /// Print the documentation of a rule (by code or name).
    Explain {
        /// Rule code or name, e.g. AD001 or ad-outside-break.
        rule: String,
    },
    /// List every rule: code, name, family, default severity.
    Rules {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script (e.g. `valint completions bash > /etc/bash_completion.d/valint`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout (e.g. `valint man > valint.1`).
    Man,
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
        help_heading = "Input"
    )]
    ndjson_fields: Vec<String>,

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
    #[arg(long, value_name = "DIR", default_value = ".", help_heading = "Output")]
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
    /// Name to show for stdin (`-`) in every format.
    #[arg(long, value_name = "NAME", help_heading = "Output")]
    stdin_filename: Option<String>,

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
    #[arg(long, value_delimiter = ',', help_heading = "Rules")]
    select: Vec<String>,
    /// Skip these rules (codes, names, code prefixes or families), comma-separated.
    #[arg(long, value_delimiter = ',', help_heading = "Rules")]
    ignore: Vec<String>,
    /// Longest allowed time between pings in main content, seconds.
    #[arg(
        long,
        default_value_t = defaults::PING_INTERVAL_S,
        value_name = "SECONDS",
        help_heading = "Rules"
    )]
    ping_interval: f64,
    /// Longest allowed time between pings inside ads, seconds (default: Adobe's current 10 s).
    #[arg(long, value_name = "SECONDS", help_heading = "Rules")]
    ad_ping_interval: Option<f64>,
    /// Require pings every second inside ads (granular ad tracking, as the timelines show).
    #[arg(long, conflicts_with = "ad_ping_interval", help_heading = "Rules")]
    granular_ad_tracking: bool,
    /// Slack added to the ping intervals, seconds.
    #[arg(
        long,
        default_value_t = defaults::PING_TOLERANCE_S,
        value_name = "SECONDS",
        help_heading = "Rules"
    )]
    ping_tolerance: f64,
    /// Longest allowed time between pings in downloaded sessions, seconds (Adobe's SDK: 50;
    /// the downloaded-content page: 10).
    #[arg(
        long,
        default_value_t = defaults::DOWNLOADED_PING_INTERVAL_S,
        value_name = "SECONDS",
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
        help_heading = "Rules"
    )]
    playhead_tolerance: f64,
    /// How far the playhead may move inside an ad break before TIM002 reports it, seconds.
    #[arg(
        long,
        default_value_t = defaults::AD_BREAK_PLAYHEAD_TOLERANCE_S,
        value_name = "SECONDS",
        help_heading = "Rules"
    )]
    ad_break_playhead_tolerance: f64,
    /// How far the playhead may gain on the clock between two events while playing before
    /// TIM006 reports it, seconds.
    #[arg(
        long,
        default_value_t = defaults::PLAYHEAD_CLOCK_TOLERANCE_S,
        value_name = "SECONDS",
        help_heading = "Rules"
    )]
    playhead_clock_tolerance: f64,
    /// How much longer than its media.ad.length an ad may play before AD010 reports it, seconds.
    #[arg(
        long,
        default_value_t = defaults::AD_LENGTH_TOLERANCE_S,
        value_name = "SECONDS",
        help_heading = "Rules"
    )]
    ad_length_tolerance: f64,
    /// Inactivity after which Adobe closes a session, seconds.
    #[arg(
        long,
        default_value_t = defaults::IDLE_TIMEOUT_S,
        value_name = "SECONDS",
        help_heading = "Rules"
    )]
    idle_timeout: f64,
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

/// Writes `buf` to `path` through a temporary file in the same folder and a rename, so an
/// interrupted run never leaves a partial report where CI looks for one.
fn write_atomic(path: &std::path::Path, buf: &[u8]) -> std::io::Result<()> {
    // Devices and pipes (`-o /dev/null`, a FIFO) are written in place: never renamed over.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return std::fs::write(path, buf);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.valint-{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, buf).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// mimalloc v2's `mi_option_purge_delay` (`mimalloc.h`; the Rust bindings name no
/// constant for it). Pinned with the crate in Cargo.lock.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Hand freed memory back after 1 ms instead of 10: a check of a large capture frees as
    // it goes, and the default delay added 12 MB to the peak of a 600 MB capture (same time).
    // SAFETY: setting an option is a plain store, before any thread is started.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1) };
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => run_check(*args),
        Command::Explain { rule } => with_stdout(|out| explain(&rule, out)),
        Command::Rules { json } => with_stdout(|out| list_rules(json, out)),
        Command::Completions { shell } => with_stdout(|out| {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "valint", &mut buf);
            out.write_all(&buf)?;
            Ok(0)
        }),
        Command::Man => with_stdout(|out| {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
            out.write_all(&buf)?;
            Ok(0)
        }),
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
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn positive(name: &str, v: f64) -> Result<f64, String> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(format!("{name} must be a non-negative number of seconds"))
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

fn run_check(args: CheckArgs) -> std::io::Result<u8> {
    let mut cfg = Config::default();
    let checked = (|| -> Result<(), String> {
        cfg.ping.interval_s = positive("--ping-interval", args.ping_interval)?;
        cfg.ping.tolerance_s = positive("--ping-tolerance", args.ping_tolerance)?;
        cfg.ping.downloaded_interval_s =
            positive("--downloaded-ping-interval", args.downloaded_ping_interval)?;
        cfg.ping.timer = args.ping_timer;
        cfg.ping.all_gaps = args.all_ping_gaps;
        cfg.ping.ad_interval_s = if args.granular_ad_tracking {
            defaults::GRANULAR_AD_PING_INTERVAL_S
        } else {
            positive(
                "--ad-ping-interval",
                args.ad_ping_interval
                    .unwrap_or(defaults::AD_PING_INTERVAL_S),
            )?
        };
        cfg.playhead_tolerance_s = positive("--playhead-tolerance", args.playhead_tolerance)?;
        cfg.ad_break_playhead_tolerance_s = positive(
            "--ad-break-playhead-tolerance",
            args.ad_break_playhead_tolerance,
        )?;
        cfg.playhead_clock_tolerance_s =
            positive("--playhead-clock-tolerance", args.playhead_clock_tolerance)?;
        cfg.ad_length_tolerance_s = positive("--ad-length-tolerance", args.ad_length_tolerance)?;
        cfg.idle_timeout_s = Some(positive("--idle-timeout", args.idle_timeout)?);
        cfg.equal_ts_severity = args.equal_ts_severity;
        for sel in args.select.iter().chain(&args.ignore) {
            let known = rules::registry().iter().any(|r| {
                r.name == sel
                    || r.family.name() == sel
                    || sel.eq_ignore_ascii_case("ALL")
                    || r.code
                        .to_ascii_uppercase()
                        .starts_with(&sel.to_ascii_uppercase())
            });
            if !known {
                return Err(format!(
                    "unknown rule selector `{sel}` (see `valint rules`)"
                ));
            }
        }
        Ok(())
    })();
    if let Err(msg) = checked {
        return usage(msg);
    }
    for mapping in &args.ndjson_fields {
        match valint::capture::ndjson::Fields::parse(mapping) {
            Ok((field, name)) => cfg.ndjson_fields.push((field.name().to_string(), name)),
            Err(msg) => return usage(format!("--ndjson-field {msg}")),
        }
    }
    cfg.select = args.select;
    cfg.ignore = args.ignore;
    cfg.max_depth = Some(args.max_depth);
    cfg.max_body_bytes = Some(args.max_body_bytes);
    cfg.max_findings = Some(args.max_findings);
    cfg.max_open_sessions = Some(args.max_open_sessions.max(1));
    cfg.threads = args.threads.map(|n| n.max(1));

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
    let mut inputs = Vec::new();
    let mut stdin_used = false;
    for f in found.files.iter().chain(&found.unmatched) {
        if f.as_os_str() == "-" {
            if stdin_used {
                return usage("`-` (stdin) given more than once");
            }
            stdin_used = true;
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf)?;
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".into());
            inputs.push(Input::Bytes(name, buf));
        } else {
            inputs.push(Input::Path(f.clone()));
        }
    }

    // A progress bar on long runs, on a terminal only (never in pipes or CI logs).
    let mut bar: Option<indicatif::ProgressBar> = None;
    let mut progress = |p: Progress| {
        if p.files_done == 0 {
            let long = p.files_total >= PROGRESS_FILES || p.bytes_total >= PROGRESS_BYTES;
            if long && std::io::stderr().is_terminal() {
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
    cfg.omit_session_list = !outputs
        .iter()
        .any(|(f, _)| matches!(f, OutputFormat::Junit | OutputFormat::Sarif));
    let report = check_with_progress(&inputs, &cfg, &mut progress);
    if let Some(b) = bar.take() {
        b.finish_and_clear();
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
    };
    let mut write_failed = false;
    for (i, (format, target)) in outputs.iter().enumerate() {
        let is_tty = *target == Target::Stdout && std::io::stdout().is_terminal();
        let mut opts = base.clone();
        opts.style.color = format.colorable() && use_color(args.color, is_tty);
        opts.statistics = i == 0 && args.statistics;
        let mut buf = Vec::new();
        report::render(*format, &report, &opts, &mut buf)?;
        let written = match target {
            Target::Stdout => write_stdout(&buf),
            Target::File(p) => write_atomic(p, &buf),
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

    for e in &report.input_errors {
        eprintln!("error: cannot read {}: {}", e.name, e.reason);
    }
    let problems = report.capture_problems();
    for p in problems.iter().skip(report.input_errors.len()) {
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
