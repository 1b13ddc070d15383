//! Output formats. Each renders from the same [`Report`] and
//! [`Diagnostic`] list, one file per format.
//!
//! | format | file | for |
//! |---|---|---|
//! | `full` | [`full`] + [`summary`] | people: rustc-style snippets, then the summary |
//! | `concise` | [`concise`] | people and editors: `file:line:col: severity[CODE] message` |
//! | `json` | [`json`] | tools: one JSON document with every finding and the summary |
//! | `json-lines` | [`json_lines`] | streams: one JSON object per finding per line, then the summary |
//! | `sarif` | [`sarif`] | GitHub code scanning and other SARIF 2.1.0 consumers |
//! | `github` | [`github`] | GitHub Actions workflow-command annotations (+ step summary) |
//! | `junit` | [`junit`] | CI test reports: one testcase per session |

pub mod baseline;
pub mod concise;
pub mod full;
pub mod github;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod sarif;
pub mod statistics;
pub mod summary;
pub mod timeline;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Report;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// Every output format `valint check` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with source snippets, then a summary.
    Full,
    /// One line per finding (`file:line:col: severity[CODE] message`), then a summary line.
    Concise,
    /// One JSON document: `{"version", "findings": [...], "summary": {...}}`.
    Json,
    /// One JSON object per finding per line, then a summary object.
    JsonLines,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations (`::error file=...::`), most severe first, within
    /// GitHub's limits; the full table goes to `$GITHUB_STEP_SUMMARY` when it is set.
    Github,
    /// JUnit XML: one testcase per session, findings as failures.
    Junit,
}

impl OutputFormat {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Full => "full",
            OutputFormat::Concise => "concise",
            OutputFormat::Json => "json",
            OutputFormat::JsonLines => "json-lines",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Github => "github",
            OutputFormat::Junit => "junit",
        }
    }

    /// Whether the format can carry ANSI colour.
    pub fn colorable(self) -> bool {
        matches!(self, OutputFormat::Full | OutputFormat::Concise)
    }
}

/// How the terminal output looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Unicode box drawing (else ASCII).
    pub unicode: bool,
    /// Wrap width in columns.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            unicode: true,
            width: 100,
        }
    }
}

/// Everything a format may need besides the report.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Look of the terminal formats.
    pub style: Style,
    /// Directory that SARIF URIs and GitHub annotation paths are relative to (the current
    /// directory unless `--repo-root` says otherwise).
    pub repo_root: PathBuf,
    /// Findings at or above this severity fail the run (JUnit failures, SARIF and step
    /// summary wording).
    pub fail_on: Severity,
    /// Print per-rule counts instead of the findings (`full`, `concise`, `json`,
    /// `json-lines`).
    pub statistics: bool,
    /// SARIF `automationDetails.id`.
    pub automation_id: String,
    /// Add every session's digest to the `json` and `json-lines` outputs (`check
    /// --sessions`; the run must keep them, see [`crate::config::SessionRecord`]).
    pub sessions: bool,
    /// List the findings inline suppressions took out (`--show-suppressed`): after the
    /// others in `full`, `concise`, `json` and `json-lines` (SARIF always carries them, as
    /// suppressed results).
    pub show_suppressed: bool,
    /// End `full` and `concise` with the summary (`--no-summary`, `--quiet` turn it off).
    pub summary: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            style: Style::default(),
            repo_root: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            fail_on: Severity::Error,
            statistics: false,
            automation_id: "valint/".into(),
            sessions: false,
            show_suppressed: false,
            summary: true,
        }
    }
}

/// Writes `report` in `format` to `out`.
pub fn render(
    format: OutputFormat,
    report: &Report,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    if opts.statistics {
        match format {
            OutputFormat::Full | OutputFormat::Concise => {
                statistics::render_table(report, opts.style, out)?;
                return concise::summary_line(report, out);
            }
            OutputFormat::Json => return statistics::render_json(report, out),
            OutputFormat::JsonLines => return statistics::render_json_lines(report, out),
            _ => {}
        }
    }
    match format {
        OutputFormat::Full => {
            full::render(report, opts.style, out)?;
            if opts.show_suppressed && !report.suppressed.is_empty() {
                writeln!(out, "Suppressed inline:\n")?;
                full::render(&suppressed_view(report), opts.style, out)?;
            }
            if opts.summary {
                summary::render(report, out)?;
            }
            Ok(())
        }
        OutputFormat::Concise => {
            concise::lines(report, opts.style, out)?;
            if opts.show_suppressed {
                concise::suppressed_lines(report, opts.style, out)?;
            }
            if opts.summary {
                concise::summary_line(report, out)?;
                concise::derived_notes(report, out)?;
            }
            Ok(())
        }
        OutputFormat::Json => json::render_with(report, opts.sessions, opts.show_suppressed, out),
        OutputFormat::JsonLines => {
            json_lines::render_with(report, opts.sessions, opts.show_suppressed, out)
        }
        OutputFormat::Sarif => sarif::render(report, opts, out),
        OutputFormat::Github => github::render(report, opts, out),
        OutputFormat::Junit => junit::render(report, opts, out),
    }
}

/// The suppressed findings of `report` as a report of their own, each with its reason in
/// the note, for rendering them like findings.
fn suppressed_view(report: &Report) -> Report {
    Report {
        sources: report.sources.clone(),
        diagnostics: report
            .suppressed
            .iter()
            .map(|s| {
                let mut d = s.finding.clone();
                let why = if s.reason.is_empty() {
                    "suppressed inline, without a reason".to_string()
                } else {
                    format!("suppressed inline: {}", s.reason)
                };
                d.note = Some(match d.note.take() {
                    Some(n) => format!("{why}\n{n}"),
                    None => why,
                });
                d
            })
            .collect(),
        ..Report::default()
    }
}

/// Text of a file for rendering, with every invalid UTF-8 byte replaced by `?` so byte
/// offsets stay the same as in the file.
pub fn render_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            let mut rest = bytes;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let (good, bad) = rest.split_at(e.valid_up_to());
                        out.push_str(std::str::from_utf8(good).unwrap_or_default());
                        let n = e.error_len().unwrap_or(bad.len()).max(1);
                        for _ in 0..n {
                            out.push('?');
                        }
                        rest = &bad[n..];
                    }
                }
            }
            out
        }
    }
}

/// Removes `.` and resolves `..` without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The display name of a file (a path as given, or `--stdin-filename`) relative to
/// `root`, with `/` separators: `Some("captures/a.har")`. `None` when the file lies outside
/// `root` (or is stdin without a name).
pub fn relative_path(name: &str, root: &Path) -> Option<String> {
    if name == "<stdin>" {
        return None;
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let abs = normalize(&cwd.join(name));
    let root = normalize(&cwd.join(root));
    // Compare canonical forms when both exist (symlinked checkouts, /tmp on macOS).
    let (abs_c, root_c) = (
        abs.canonicalize().unwrap_or_else(|_| abs.clone()),
        root.canonicalize().unwrap_or_else(|_| root.clone()),
    );
    let rel = abs_c
        .strip_prefix(&root_c)
        .or_else(|_| abs.strip_prefix(&root))
        .ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The absolute path of a file's display name, for files outside the repository root.
pub fn absolute_path(name: &str) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    normalize(&cwd.join(name))
}

/// Where a finding is, as the one-line formats print it: `file:line:col`; for a binary
/// capture (read through a derived text, see `SourceFile::derived_from`), whose lines mean
/// nothing in the file, `file:` and the transaction's label (`session.chls: transaction 5
/// (POST host/path)`).
pub fn place(report: &Report, d: &Diagnostic) -> String {
    let src = &report.sources[d.file];
    if src.derived_from.is_some() {
        let what = d.context.request_label.as_deref().unwrap_or("the session");
        return format!("{}: {what}", src.name);
    }
    let (line, col) = src.line_col(d.primary.span.start);
    format!("{}:{line}:{col}", src.name)
}

/// A line for the summaries of the terminal formats about each binary capture: how its
/// findings are located.
pub fn derived_notes(report: &Report) -> Vec<String> {
    report
        .sources
        .iter()
        .filter_map(|s| {
            let what = s.derived_from.as_deref()?;
            Some(format!(
                "note: {} is a binary file: valint read it as {what}; each finding names its transaction or request, and the line:col of a snippet are in that text",
                s.name
            ))
        })
        .collect()
}

/// How every format names an event of a session: `event #N`, 0-based as the JSON field
/// `event_index` is, so a finding reads the same in every output.
pub fn event_ref(index: usize) -> String {
    format!("event #{index}")
}

/// The sessions of a report's findings, looked up by id (built once per output: a scan of
/// every session for every finding was quadratic).
pub struct SessionIndex<'a> {
    report: &'a Report,
    by_id: rustc_hash::FxHashMap<&'a str, Vec<usize>>,
    /// Each session's ordinal among the sessions opened in its file (0-based).
    positions: Vec<usize>,
}

impl<'a> SessionIndex<'a> {
    /// The index of `report`'s [`Report::session_list`] (empty when the list was not kept).
    pub fn new(report: &'a Report) -> SessionIndex<'a> {
        let mut by_id: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
        let mut per_file: std::collections::HashMap<usize, usize> = Default::default();
        let mut positions = Vec::with_capacity(report.session_list.len());
        for (i, s) in report.session_list.iter().enumerate() {
            by_id.entry(s.id.as_str()).or_default().push(i);
            let n = per_file.entry(s.file).or_insert(0);
            positions.push(*n);
            *n += 1;
        }
        SessionIndex {
            report,
            by_id,
            positions,
        }
    }

    /// The session a finding belongs to, as an index into [`Report::session_list`]: the
    /// last session with the finding's session id opened in the finding's file or an
    /// earlier one (two files may use one sid for unrelated sessions; a session continued
    /// in a later file keeps its first file). `None` for a finding outside any session, or
    /// when the list was not kept.
    pub fn of(&self, d: &Diagnostic) -> Option<usize> {
        let id = d.context.session.as_deref()?;
        let list = &self.report.session_list;
        self.by_id
            .get(id)?
            .iter()
            .rev()
            .find(|&&i| list[i].file <= d.file)
            .copied()
    }

    /// The finding's session as its ordinal among the sessions opened in that session's
    /// file: what baselines and SARIF fingerprints name a session by, so that adding a
    /// capture to a run does not renumber the sessions of the others.
    pub fn position_of(&self, d: &Diagnostic) -> Option<usize> {
        self.of(d).map(|i| self.positions[i])
    }
}
