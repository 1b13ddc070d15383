//! Team settings: `valint.toml`, `.valint.toml`, or `[tool.valint]` in `pyproject.toml`
//! (as ruff reads them).
//!
//! The keys come from the command line's own definition of `check`, not from a list kept
//! here: a key is the long name of a `check` flag (`fail-on = "warning"`,
//! `ping-interval = 12`, `select = ["AD", "TIM"]`, `redact = true`), so a flag added to
//! `check` is a settings key without more code. Two keys are tables of their own:
//! `[severity]` (`CODE = "error" | "warning" | "info" | "off"`) and `[per-file-ignores]`
//! (`"GLOB" = ["CODE", ...]`). A few flags only make sense on the command line
//! ([`COMMAND_LINE_ONLY`]).
//!
//! A file's values are turned into the flags they stand for and parsed by clap with the
//! command line, so a value means exactly what the flag means, and a bad value gets clap's
//! own message, pointed at the value's bytes in the file. Flags (and environment
//! variables such as `VALINT_OUTPUT_FORMAT`) win over the file.
//!
//! Discovery walks up from each input file's folder; the closest file wins. Options of the
//! "Rules" group (select, ignore, the rule options) apply per file, through the settings
//! file closest to it; the other options (output, exit status, limits) are the run's: from
//! the one settings file every input shares, or else from the one found from the current
//! folder (ruff's rule).

use clap::parser::ValueSource;
use clap::{ArgAction, ArgMatches, Command};
use std::collections::HashMap;
use std::ffi::OsString;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use toml::de::{DeTable, DeValue};
use toml::Spanned;
use valint::config::PerFileIgnore;
use valint::diagnostic::Severity;

/// The names a settings file has, in the order they are looked for in each folder.
/// `pyproject.toml` counts only when it has a `[tool.valint]` table.
pub const FILE_NAMES: [&str; 3] = ["valint.toml", ".valint.toml", "pyproject.toml"];

/// `check` options a settings file cannot set: they say which settings to read, or name
/// one run's inputs.
pub const COMMAND_LINE_ONLY: &[&str] = &[
    "config",
    "isolated",
    "show-settings",
    "stdin-filename",
    "write-baseline",
    "prune-baseline",
    "help",
];

/// The `check` options that apply per file (select, ignore, the rule options): clap's
/// help heading of the flag.
const PER_FILE_HEADING: &str = "Rules";

/// A problem in a settings file: exit 2, rendered like a finding.
#[derive(Debug, Clone)]
pub struct SettingsError {
    /// Display name of the file.
    pub file: String,
    /// The file's text.
    pub text: Rc<str>,
    /// The bytes the problem is at.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// The label under the bytes.
    pub label: String,
    /// A fix ("did you mean ...").
    pub help: Option<String>,
}

/// One `check` option a settings file sets.
#[derive(Debug, Clone)]
pub struct FileOption {
    /// clap's id of the argument.
    pub id: String,
    /// The command-line words it stands for (`--fail-on=warning`).
    pub words: Vec<OsString>,
    /// 1-based line of the key.
    pub line: usize,
    /// Whether it applies per file (the "Rules" options) or to the run.
    pub per_file: bool,
}

/// A settings file, read and checked.
#[derive(Debug)]
pub struct SettingsFile {
    /// Where it is.
    pub path: PathBuf,
    /// Display name.
    pub name: String,
    /// The `check` options it sets.
    pub options: Vec<FileOption>,
    /// `[severity]`: selector, severity (`None` for `off`), line.
    pub severity: Vec<(String, Option<Severity>, usize)>,
    /// `[per-file-ignores]`: glob, selectors, line.
    pub per_file_ignores: Vec<(String, Vec<String>, usize)>,
}

impl SettingsFile {
    /// The `per-file-ignores` entries, with globs relative to this file's folder.
    pub fn per_file_ignores(&self) -> Vec<PerFileIgnore> {
        let base = self
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        self.per_file_ignores
            .iter()
            .filter_map(|(glob, rules, _)| {
                Some(PerFileIgnore {
                    pattern: glob.clone(),
                    matcher: globset::Glob::new(glob).ok()?.compile_matcher(),
                    base: base.clone(),
                    rules: rules.clone(),
                })
            })
            .collect()
    }

    /// The `[severity]` overrides, for [`valint::config::Config::severity`].
    pub fn severity(&self) -> Vec<(String, Option<Severity>)> {
        self.severity
            .iter()
            .map(|(s, v, _)| (s.clone(), *v))
            .collect()
    }
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// The closest candidate to `word` among `candidates`, if one is close enough to be a
/// likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let norm = |s: &str| s.to_ascii_lowercase().replace('_', "-");
    let w = norm(word);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&w, &norm(c)), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Whether `sel` names at least one rule (`select`, `ignore`, `[severity]` ...).
pub fn is_rule_selector(sel: &str) -> bool {
    valint::rules::registry()
        .iter()
        .any(|r| valint::config::selects(sel, r))
}

/// Every rule code, name and family, for suggestions.
fn selector_words() -> Vec<&'static str> {
    let mut v = Vec::new();
    for r in valint::rules::registry() {
        v.push(r.code);
        v.push(r.name);
        v.push(r.family.name());
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Reads the settings file at `path` against `cmd` (the whole command line, with its
/// `check` subcommand). `Ok(None)`: a `pyproject.toml` without `[tool.valint]`.
///
/// # Errors
/// Every problem of the file: unreadable, not TOML, an unknown key, a bad value.
pub fn load(path: &Path, cmd: &Command) -> Result<Option<SettingsFile>, Vec<SettingsError>> {
    let name = display_name(path);
    let text: Rc<str> = match std::fs::read_to_string(path) {
        Ok(t) => t.into(),
        Err(e) => {
            return Err(vec![SettingsError {
                file: name.clone(),
                text: "".into(),
                span: 0..0,
                message: format!("cannot read the settings file {name}: {e}"),
                label: String::new(),
                help: None,
            }])
        }
    };
    let err =
        |span: Range<usize>, message: String, label: &str, help: Option<String>| SettingsError {
            file: name.clone(),
            text: text.clone(),
            span,
            message,
            label: label.to_string(),
            help,
        };
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let doc = match DeTable::parse(&text) {
        Ok(d) => d,
        // Another tool's broken pyproject.toml is not valint's business.
        Err(_) if is_pyproject && !text.contains("tool.valint") => return Ok(None),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            return Err(vec![err(
                span,
                format!("{name} is not valid TOML: {}", e.message().trim()),
                "invalid TOML",
                None,
            )]);
        }
    };
    let table: &DeTable = if is_pyproject {
        let tool = doc
            .get_ref()
            .iter()
            .find(|(k, _)| k.get_ref() == "tool")
            .and_then(|(_, v)| v.get_ref().as_table());
        match tool
            .and_then(|t| t.iter().find(|(k, _)| k.get_ref() == "valint"))
            .map(|(_, v)| v)
        {
            None => return Ok(None),
            Some(v) => match v.get_ref().as_table() {
                Some(t) => t,
                None => {
                    return Err(vec![err(
                        v.span(),
                        "`tool.valint` must be a table".into(),
                        "not a table",
                        None,
                    )])
                }
            },
        }
    } else {
        doc.get_ref()
    };
    let check = cmd
        .find_subcommand("check")
        .expect("the command line has `check`");
    let mut file = SettingsFile {
        path: path.to_path_buf(),
        name: name.clone(),
        options: Vec::new(),
        severity: Vec::new(),
        per_file_ignores: Vec::new(),
    };
    let mut errors = Vec::new();
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    for (k, v) in entries {
        let key = k.get_ref().as_ref();
        let line = line_of(&text, k.span().start);
        match key {
            "severity" => read_severity(v, &text, &mut file, &mut errors, &err),
            "per-file-ignores" => read_per_file_ignores(v, &text, &mut file, &mut errors, &err),
            _ => {
                let arg = check.get_arguments().find(|a| {
                    a.get_long() == Some(key)
                        || a.get_all_aliases().is_some_and(|al| al.contains(&key))
                });
                let Some(arg) = arg.filter(|a| !a.is_positional()) else {
                    let mut words: Vec<&str> = check
                        .get_arguments()
                        .filter_map(|a| a.get_long())
                        .filter(|l| !COMMAND_LINE_ONLY.contains(l))
                        .collect();
                    words.extend(["severity", "per-file-ignores"]);
                    errors.push(err(
                        k.span(),
                        format!("unknown settings key `{key}`"),
                        "unknown key",
                        Some(match did_you_mean(key, words) {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => "the keys are the long names of `valint check`'s flags (`valint check --help`), plus [severity] and [per-file-ignores]".into(),
                        }),
                    ));
                    continue;
                };
                let long = arg.get_long().unwrap_or(key);
                if COMMAND_LINE_ONLY.contains(&long) {
                    errors.push(err(
                        k.span(),
                        format!("`{key}` can only be given on the command line (`--{long}`)"),
                        "not a settings key",
                        None,
                    ));
                    continue;
                }
                // A path in a settings file is relative to the file's folder.
                let base = matches!(
                    arg.get_value_hint(),
                    clap::ValueHint::FilePath | clap::ValueHint::DirPath | clap::ValueHint::AnyPath
                )
                .then(|| path.parent())
                .flatten();
                let words = match words_for(long, arg.get_action(), v, base) {
                    Ok(w) => w,
                    Err((span, msg)) => {
                        errors.push(err(span, msg, "bad value", None));
                        continue;
                    }
                };
                // The value means what the flag means: clap parses it, each item of a list
                // on its own, so that a bad one is pointed at.
                let mut bad = false;
                for (word, span) in &words {
                    let argv: Vec<OsString> = vec![
                        "valint".into(),
                        "check".into(),
                        word.clone(),
                        "capture".into(),
                    ];
                    if let Err(e) = cmd.clone().try_get_matches_from(argv) {
                        errors.push(err(
                            span.clone(),
                            format!("bad value for `{key}`: {}", clap_message(&e)),
                            "bad value",
                            Some(format!(
                                "the value means what `--{long}` means in `valint check --help`"
                            )),
                        ));
                        bad = true;
                    }
                }
                if bad {
                    continue;
                }
                let words = words.into_iter().map(|w| w.0).collect();
                file.options.push(FileOption {
                    id: arg.get_id().to_string(),
                    words,
                    line,
                    per_file: arg.get_help_heading() == Some(PER_FILE_HEADING),
                });
            }
        }
    }
    // Options that exclude each other (`granular-ad-tracking` and `ad-ping-interval`).
    if errors.is_empty() {
        let mut argv: Vec<OsString> = vec!["valint".into(), "check".into()];
        for o in &file.options {
            argv.extend(o.words.iter().cloned());
        }
        argv.push("capture".into());
        if let Err(e) = cmd.clone().try_get_matches_from(argv) {
            let msg = clap_message(&e);
            // The last key the message names.
            let at = table
                .iter()
                .filter(|(k, _)| msg.contains(&format!("--{}", k.get_ref())))
                .map(|(k, _)| k.span())
                .max_by_key(|s| s.start)
                .unwrap_or(0..0);
            errors.push(err(at, msg, "conflicting options", None));
        }
    }
    if errors.is_empty() {
        Ok(Some(file))
    } else {
        Err(errors)
    }
}

/// clap's message for a bad value, without its `error: ` and usage lines.
fn clap_message(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    rendered
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
        })
        .map(|l| l.trim_start_matches("error: "))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Where a settings value is bad, and why.
type BadValue = (Range<usize>, String);

/// The command-line words a settings value stands for, or where and why it cannot be one.
/// A path (an option whose value hint is a path) is taken relative to `base`, the
/// settings file's folder.
fn words_for(
    long: &str,
    action: &ArgAction,
    v: &Spanned<DeValue>,
    base: Option<&Path>,
) -> Result<Vec<(OsString, Range<usize>)>, BadValue> {
    let scalar = |v: &Spanned<DeValue>| -> Result<String, BadValue> {
        match v.get_ref() {
            DeValue::String(s) => Ok(match base {
                Some(b) if Path::new(s.as_ref()).is_relative() => {
                    b.join(s.as_ref()).display().to_string()
                }
                _ => s.to_string(),
            }),
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .map(|n| n.to_string())
                .map_err(|_| (v.span(), "integer out of range".to_string())),
            DeValue::Float(f) => Ok(f.as_str().to_string()),
            DeValue::Boolean(b) => Ok(b.to_string()),
            other => Err((
                v.span(),
                format!(
                    "expected a string, number or boolean for `{long}`, found {}",
                    other.type_str()
                ),
            )),
        }
    };
    match action {
        ArgAction::SetTrue | ArgAction::SetFalse => match v.get_ref() {
            DeValue::Boolean(true) => Ok(vec![(format!("--{long}").into(), v.span())]),
            DeValue::Boolean(false) => Ok(Vec::new()),
            other => Err((
                v.span(),
                format!(
                    "expected true or false for `{long}`, found {}",
                    other.type_str()
                ),
            )),
        },
        ArgAction::Append => {
            let items: Vec<&Spanned<DeValue>> = match v.get_ref() {
                DeValue::Array(a) => a.iter().collect(),
                _ => vec![v],
            };
            items
                .into_iter()
                .map(|i| scalar(i).map(|s| (format!("--{long}={s}").into(), i.span())))
                .collect()
        }
        _ => match v.get_ref() {
            DeValue::Array(_) => Err((v.span(), format!("`{long}` takes one value, not a list"))),
            _ => Ok(vec![(format!("--{long}={}", scalar(v)?).into(), v.span())]),
        },
    }
}

type ErrFn<'a> = dyn Fn(Range<usize>, String, &str, Option<String>) -> SettingsError + 'a;

fn unknown_selector(sel: &str) -> Option<String> {
    Some(match did_you_mean(sel, selector_words()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "`valint rules` lists the codes and names".into(),
    })
}

fn read_severity(
    v: &Spanned<DeValue>,
    text: &str,
    file: &mut SettingsFile,
    errors: &mut Vec<SettingsError>,
    err: &ErrFn,
) {
    let Some(t) = v.get_ref().as_table() else {
        errors.push(err(
            v.span(),
            "`severity` must be a table: `[severity]` with `CODE = \"error\" | \"warning\" | \"info\" | \"off\"`".into(),
            "not a table",
            None,
        ));
        return;
    };
    let mut entries: Vec<_> = t.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    for (k, lvl) in entries {
        let sel = k.get_ref().as_ref();
        if !is_rule_selector(sel) {
            errors.push(err(
                k.span(),
                format!("no rule `{sel}`"),
                "unknown rule",
                unknown_selector(sel),
            ));
            continue;
        }
        let level = match lvl.get_ref().as_str() {
            Some("error") => Some(Severity::Error),
            Some("warning") => Some(Severity::Warning),
            Some("info") => Some(Severity::Info),
            Some("off") => None,
            other => {
                let help = other
                    .and_then(|o| did_you_mean(o, ["error", "warning", "info", "off"]))
                    .map(|s| format!("did you mean `\"{s}\"`?"));
                errors.push(err(
                    lvl.span(),
                    format!(
                        "bad severity for `{sel}`: expected \"error\", \"warning\", \"info\" or \"off\""
                    ),
                    "bad value",
                    help,
                ));
                continue;
            }
        };
        file.severity
            .push((sel.to_string(), level, line_of(text, k.span().start)));
    }
}

fn read_per_file_ignores(
    v: &Spanned<DeValue>,
    text: &str,
    file: &mut SettingsFile,
    errors: &mut Vec<SettingsError>,
    err: &ErrFn,
) {
    let Some(t) = v.get_ref().as_table() else {
        errors.push(err(
            v.span(),
            "`per-file-ignores` must be a table: `\"GLOB\" = [\"CODE\", ...]`".into(),
            "not a table",
            None,
        ));
        return;
    };
    let mut entries: Vec<_> = t.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    for (k, list) in entries {
        let glob = k.get_ref().as_ref();
        if let Err(e) = globset::Glob::new(glob) {
            errors.push(err(
                k.span(),
                format!("bad glob `{glob}`: {}", e.kind()),
                "bad glob",
                None,
            ));
            continue;
        }
        let items: Vec<&Spanned<DeValue>> = match list.get_ref() {
            DeValue::Array(a) => a.iter().collect(),
            DeValue::String(_) => vec![list],
            other => {
                errors.push(err(
                    list.span(),
                    format!("expected a list of rule codes, found {}", other.type_str()),
                    "bad value",
                    None,
                ));
                continue;
            }
        };
        let mut rules = Vec::new();
        for i in items {
            match i.get_ref().as_str() {
                Some(s) if is_rule_selector(s) => rules.push(s.to_string()),
                Some(s) => errors.push(err(
                    i.span(),
                    format!("no rule `{s}`"),
                    "unknown rule",
                    unknown_selector(s),
                )),
                None => errors.push(err(
                    i.span(),
                    "expected a rule code or name (a string)".into(),
                    "bad value",
                    None,
                )),
            }
        }
        file.per_file_ignores
            .push((glob.to_string(), rules, line_of(text, k.span().start)));
    }
}

/// Finds the settings file for a folder: the closest folder, walking up, that holds one.
/// Results are cached per folder.
pub struct Finder<'c> {
    cmd: &'c Command,
    /// Folder → the settings file that applies to it.
    by_dir: HashMap<PathBuf, Option<Rc<SettingsFile>>>,
    /// Files read, by path.
    files: HashMap<PathBuf, Rc<SettingsFile>>,
    /// Problems found in the files read.
    pub errors: Vec<SettingsError>,
}

impl<'c> Finder<'c> {
    /// A finder over the command line `cmd`.
    pub fn new(cmd: &'c Command) -> Finder<'c> {
        Finder {
            cmd,
            by_dir: HashMap::new(),
            files: HashMap::new(),
            errors: Vec::new(),
        }
    }

    /// Reads the file at `path` (once); `None` if it is no valint settings file or has
    /// problems (they are kept in [`Finder::errors`]).
    pub fn read(&mut self, path: &Path) -> Option<Rc<SettingsFile>> {
        if let Some(f) = self.files.get(path) {
            return Some(f.clone());
        }
        match load(path, self.cmd) {
            Ok(Some(f)) => {
                let f = Rc::new(f);
                self.files.insert(path.to_path_buf(), f.clone());
                Some(f)
            }
            Ok(None) => None,
            Err(e) => {
                self.errors.extend(e);
                None
            }
        }
    }

    /// The settings file closest to `dir` (itself or a folder above).
    pub fn for_dir(&mut self, dir: &Path) -> Option<Rc<SettingsFile>> {
        if let Some(f) = self.by_dir.get(dir) {
            return f.clone();
        }
        let mut found = None;
        let mut stop = false;
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if !candidate.is_file() {
                continue;
            }
            let before = self.errors.len();
            found = self.read(&candidate);
            // A broken file stops the walk too: it was meant for this folder. A
            // pyproject.toml without [tool.valint] does not.
            if found.is_some() || self.errors.len() > before {
                stop = true;
                break;
            }
        }
        if !stop {
            if let Some(parent) = dir.parent() {
                found = self.for_dir(parent);
            }
        }
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }
}

/// `path` relative to the current folder when it is below it, as given otherwise.
pub fn display_name(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|d| path.strip_prefix(d).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// Absolute form of `p` (against the current folder), without touching the disk.
pub fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The folder discovery starts from for an input: a folder itself, or a file's folder.
pub fn start_dir(input: &Path) -> PathBuf {
    let abs = absolute(input);
    if abs.is_dir() {
        abs
    } else {
        abs.parent().map(Path::to_path_buf).unwrap_or(abs)
    }
}

/// Where a resolved setting came from, for `--show-settings`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A flag.
    CommandLine,
    /// An environment variable.
    Environment(String),
    /// A settings file, at a line.
    File(String, usize),
    /// valint's default.
    Default,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::CommandLine => f.write_str("command line"),
            Origin::Environment(v) => write!(f, "environment ({v})"),
            Origin::File(name, line) => write!(f, "{name}:{line}"),
            Origin::Default => f.write_str("default"),
        }
    }
}

/// The command line with a settings file's options merged in: `argv` (the process's own,
/// `valint check ...`) with the options of `run` that apply to the run and those of
/// `per_file` that apply per file inserted after `check`, except where a flag or an
/// environment variable already gives the option (or one it excludes). Returns the
/// merged words and, per argument id, the file and line that set it.
pub fn merge(
    argv: &[OsString],
    cli: &ArgMatches,
    cmd: &Command,
    run: Option<&SettingsFile>,
    per_file: Option<&SettingsFile>,
) -> (Vec<OsString>, HashMap<String, Origin>) {
    let check = cmd
        .find_subcommand("check")
        .expect("the command line has `check`");
    let given = |id: &str| {
        matches!(
            cli.value_source(id),
            Some(ValueSource::CommandLine | ValueSource::EnvVariable)
        )
    };
    let mut words = Vec::new();
    let mut origins = HashMap::new();
    let picked = run
        .into_iter()
        .flat_map(|f| {
            f.options
                .iter()
                .filter(|o| !o.per_file)
                .map(move |o| (f, o))
        })
        .chain(
            per_file
                .into_iter()
                .flat_map(|f| f.options.iter().filter(|o| o.per_file).map(move |o| (f, o))),
        );
    for (f, o) in picked {
        if given(&o.id) {
            continue;
        }
        // A flag that excludes this option wins too.
        let excluded = check
            .get_arguments()
            .find(|a| a.get_id() == o.id.as_str())
            .is_some_and(|a| {
                check
                    .get_arg_conflicts_with(a)
                    .iter()
                    .any(|c| given(c.get_id().as_str()))
            });
        if excluded {
            continue;
        }
        words.extend(o.words.iter().cloned());
        origins.insert(o.id.clone(), Origin::File(f.name.clone(), o.line));
    }
    let mut out: Vec<OsString> = argv.iter().take(2).cloned().collect();
    out.extend(words);
    out.extend(argv.iter().skip(2).cloned());
    (out, origins)
}

/// Renders settings problems as findings (miette, with the file's snippet).
pub fn render_errors(errors: &[SettingsError], color: bool) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic};
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    let mut out = String::new();
    for e in errors {
        let mut d = MietteDiagnostic::new(e.message.clone())
            .with_code(format!(
                "error[settings]: {}",
                if e.label.is_empty() {
                    "unreadable".to_string()
                } else {
                    e.label.replace(' ', "-").to_ascii_lowercase()
                }
            ))
            .with_severity(miette::Severity::Error);
        if !e.text.is_empty() {
            d = d.with_label(LabeledSpan::at(e.span.clone(), e.label.clone()));
        }
        if let Some(h) = &e.help {
            d = d.with_help(h.clone());
        }
        let report = miette::Report::new(d)
            .with_source_code(miette::NamedSource::new(e.file.clone(), e.text.to_string()));
        let _ = handler.render_report(&mut out, report.as_ref());
        out.push('\n');
    }
    out
}
