//! The `valint` command line: parses arguments, runs the library, maps results to exit codes.
//!
//! Exit codes: 0 no error-severity finding; 1 error findings; 2 usage error or an input that
//! could not be read.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use valint::check::{check, Input};
use valint::config::Config;
use valint::diagnostic::Severity;
use valint::report::{self, Style};
use valint::rules;

#[derive(Parser)]
#[command(
    name = "valint",
    version,
    about = "Lint captured Adobe Media Collection API traffic: syntax, schemas and session sequencing",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check capture files (body streams, Adobe docs pages); `-` reads stdin.
    Check(CheckArgs),
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
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutputFormat {
    /// rustc-style diagnostics with source snippets, then a summary.
    Full,
    /// One JSON object per finding per line, then a summary object.
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Capture files; `-` for stdin.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(
        long = "output-format",
        visible_alias = "format",
        value_enum,
        default_value = "full",
        env = "VALINT_OUTPUT_FORMAT"
    )]
    format: OutputFormat,
    /// When to use colour (NO_COLOR is honoured under `auto`).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Name to show for stdin.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Only these rules (codes, names, code prefixes or families), comma-separated.
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules (codes, names, code prefixes or families), comma-separated.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Longest allowed time between pings in main content, seconds.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    ping_interval: f64,
    /// Longest allowed time between pings inside ads, seconds (default: Adobe's current 10 s).
    #[arg(long, value_name = "SECONDS")]
    ad_ping_interval: Option<f64>,
    /// Require pings every second inside ads (granular ad tracking, as the timelines show).
    #[arg(long, conflicts_with = "ad_ping_interval")]
    granular_ad_tracking: bool,
    /// Slack added to the ping intervals, seconds.
    #[arg(long, default_value_t = 1.0, value_name = "SECONDS")]
    ping_tolerance: f64,
    /// Inactivity after which Adobe closes a session, seconds.
    #[arg(long, default_value_t = 600.0, value_name = "SECONDS")]
    idle_timeout: f64,
    /// Maximum nesting depth of a body.
    #[arg(long, default_value_t = 128, value_name = "N")]
    max_depth: usize,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Check(args) => run_check(args, &mut stdout),
        Command::Explain { rule } => explain(&rule, &mut stdout),
        Command::Rules { json } => list_rules(json, &mut stdout),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn positive(name: &str, v: f64) -> Result<f64, String> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(format!("{name} must be a non-negative number of seconds"))
    }
}

fn run_check(args: CheckArgs, out: &mut dyn Write) -> std::io::Result<u8> {
    let mut cfg = Config::default();
    let checked = (|| -> Result<(), String> {
        cfg.ping.interval_s = positive("--ping-interval", args.ping_interval)?;
        cfg.ping.tolerance_s = positive("--ping-tolerance", args.ping_tolerance)?;
        cfg.ping.ad_interval_s = if args.granular_ad_tracking {
            1.0
        } else {
            positive("--ad-ping-interval", args.ad_ping_interval.unwrap_or(10.0))?
        };
        cfg.idle_timeout_s = Some(positive("--idle-timeout", args.idle_timeout)?);
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
        eprintln!("error: {msg}");
        return Ok(2);
    }
    cfg.select = args.select;
    cfg.ignore = args.ignore;
    cfg.max_depth = Some(args.max_depth);

    let mut inputs = Vec::new();
    let mut stdin_used = false;
    for f in &args.files {
        if f.as_os_str() == "-" {
            if stdin_used {
                eprintln!("error: `-` (stdin) given more than once");
                return Ok(2);
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
    let report = check(&inputs, &cfg);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    match args.format {
        OutputFormat::Full => {
            let style = Style {
                color,
                unicode: true,
                width: 100,
            };
            report::full::render(&report, style, out)?;
            report::summary::render(&report, out)?;
        }
        OutputFormat::Json => report::json::render(&report, out)?,
    }
    out.flush()?;
    if !report.input_errors.is_empty() {
        for e in &report.input_errors {
            eprintln!("error: cannot read {}: {}", e.name, e.reason);
        }
        return Ok(2);
    }
    Ok(u8::from(report.count(Severity::Error) > 0))
}

fn explain(rule: &str, out: &mut dyn Write) -> std::io::Result<u8> {
    match rules::find(rule) {
        Some(r) => {
            writeln!(
                out,
                "{} {} ({}, default {})\n",
                r.code,
                r.name,
                r.family.name(),
                r.severity
            )?;
            writeln!(out, "{}\n", r.summary)?;
            writeln!(out, "{}", r.docs)?;
            Ok(0)
        }
        None => {
            eprintln!("error: no rule `{rule}` (see `valint rules`)");
            Ok(2)
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
        for r in all {
            writeln!(
                out,
                "{:<7} {:<28} {:<8} {:<8} {}",
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
