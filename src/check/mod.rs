//! The `check` pipeline: capture → lenient parse → schema → sessions → rules → [`Report`].
//!
//! By stage: this file runs a check over its files and pieces and owns the threading;
//! `piece` checks one piece of a file's capture; `prepare` reads one request into
//! events with their syntax and schema findings (on any thread); `findings` keeps the
//! run's findings under `--max-findings`. Rule wording is in `rules`.

pub mod discover;
mod findings;
mod piece;
mod prepare;
mod suppress;

use crate::capture;
use crate::config::Config;
use crate::rules;
use crate::schema::SchemaSet;
use crate::session::Engine;
use crate::source::{FileBytes, LineCounter, SourceFile};
use findings::Findings;
use piece::check_piece;

pub use crate::model::{CaptureProblem, FileSummary, InputError, Report};

/// Progress of a run, for a progress bar: called once before the files are checked and
/// after each file.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Files checked so far.
    pub files_done: usize,
    /// Files to check.
    pub files_total: usize,
    /// Bytes of the files checked so far.
    pub bytes_done: u64,
    /// Bytes of all files.
    pub bytes_total: u64,
}

/// An input to check: a path, or bytes already read (stdin) with a display name.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file on disk.
    Path(std::path::PathBuf),
    /// Bytes with a display name (stdin).
    Bytes(String, Vec<u8>),
}

/// Checks `inputs` with `cfg`. Unreadable files become [`InputError`]s; the others are
/// checked in order; a session continues in a later file only when that file continues it
/// (see [`Engine`]), and a file that repeats an earlier file's requests gets a CAP001
/// finding.
pub fn check(inputs: &[Input], cfg: &Config) -> Report {
    check_with_progress(inputs, cfg, &mut |_| {})
}

/// [`check`], calling `progress` before the first file and after every file.
pub fn check_with_progress(
    inputs: &[Input],
    cfg: &Config,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Report {
    match cfg.threads {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(|| check_inner(inputs, cfg, progress)),
            Err(_) => check_inner(inputs, cfg, progress),
        },
        _ => check_inner(inputs, cfg, progress),
    }
}

fn check_inner(
    inputs: &[Input],
    cfg: &Config,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Report {
    let mut report = Report::default();
    let mut sources = Vec::new();
    for input in inputs {
        match input {
            Input::Path(p) => match SourceFile::open(p) {
                Ok(src) => sources.push(src),
                Err(e) => report.input_errors.push(InputError {
                    name: p.display().to_string(),
                    reason: io_reason(&e),
                }),
            },
            Input::Bytes(name, bytes) => {
                sources.push(SourceFile::new(name.clone(), None, bytes.clone()))
            }
        }
    }
    // Binary captures are read through a text of their own (see `capture::derive`); one
    // that cannot be read is not checked.
    let mut not_derived: Vec<Option<String>> = vec![None; sources.len()];
    let mut derived_format: Vec<Option<&'static str>> = vec![None; sources.len()];
    for (i, src) in sources.iter_mut().enumerate() {
        match capture::derive(&src.name, &src.bytes) {
            Some(Ok(d)) => {
                let mut text = SourceFile::new(src.name.clone(), src.path.as_deref(), d.text);
                text.derived_from = Some(d.what.to_string());
                text.arrivals = d.arrivals;
                derived_format[i] = Some(d.format);
                *src = text;
            }
            Some(Err(why)) => not_derived[i] = Some(why),
            None => {}
        }
    }
    let schemas = if cfg.jsonschema_only {
        SchemaSet::global_jsonschema_only()
    } else {
        SchemaSet::global()
    };
    // Requests are fingerprinted only when another file could repeat them (CAP001).
    let several_files = sources.len() > 1;
    let mut fields = capture::ndjson::Fields::default();
    for (meaning, name) in &cfg.ndjson_fields {
        // (The command line checked the meanings; an unknown one reads nothing.)
        if let Some(f) = capture::ndjson::Field::ALL
            .into_iter()
            .find(|f| f.name() == meaning)
        {
            fields.add(f, name.clone());
        }
    }
    let threads = cfg.threads() > 1;
    let factories = rules::session_factories(cfg);
    let mut engine = Engine::new(cfg, Box::new(|| rules::make_session_rules(&factories, cfg)));
    let mut diags = Vec::new();
    let mut findings = Findings::new(cfg, &sources);
    let mut at = Progress {
        files_done: 0,
        files_total: sources.len(),
        bytes_done: 0,
        bytes_total: sources.iter().map(|s| s.bytes.len() as u64).sum(),
    };
    progress(at);
    for (file_idx, src) in sources.iter().enumerate() {
        let format = capture::detect(src);
        let refused = match not_derived[file_idx].take() {
            Some(why) => Some(why),
            None if src.derived_from.is_some() => None,
            None => capture::foreign::refuse(&src.name, &src.bytes, format).map(|r| r.message()),
        };
        if let Some(refused) = refused {
            report.files.push(FileSummary {
                name: src.name.clone(),
                format: "not read".to_string(),
                refused: Some(refused),
                ..FileSummary::default()
            });
            at.files_done += 1;
            at.bytes_done += src.bytes.len() as u64;
            progress(at);
            continue;
        }
        engine.begin_file();
        engine.more_files_follow(file_idx + 1 < sources.len());
        let mut summary = FileSummary {
            name: src.name.clone(),
            format: derived_format[file_idx]
                .unwrap_or(format.name())
                .to_string(),
            ..FileSummary::default()
        };
        let mut released = 0;
        let mut pieces = capture::read_pieces(
            src,
            format,
            cfg.spanned_only || src.derived_from.is_some(),
            &fields,
        );
        // Line breaks are counted as the file is read (for rendering findings later).
        let mut lines = LineCounter::default();
        let mut read = || {
            let piece = pieces.next();
            if let Some(p) = &piece {
                lines.advance(&src.bytes, p.read_to);
            }
            piece
        };
        let mut next = read();
        while let Some(piece) = next {
            let read_to = piece.read_to;
            // Everything but reading the next piece, so that the other thread is never
            // left waiting on work between two pieces.
            let check = || {
                findings.sup.scan(file_idx, &src.bytes, read_to);
                check_piece(
                    file_idx,
                    src,
                    piece,
                    cfg,
                    schemas,
                    &mut engine,
                    &mut diags,
                    &mut summary,
                    &mut findings.sup,
                    several_files,
                );
                // Handed back a stretch at a time (each call interrupts the other core to
                // flush its TLB); the page holding `read_to` goes with the next. From the
                // file's start each time: an event held in Adobe's reorder buffer borrows
                // its body's text from the file, and a finding on it may read that text
                // again after its pages were handed back (cheap: nothing else is mapped).
                let to = read_to / FileBytes::PAGE * FileBytes::PAGE;
                if to - released >= RELEASE_BYTES {
                    src.bytes.release(0, to);
                    released = to;
                }
                findings.add(diags.drain(..), false);
                findings.add(engine.take_findings(), true);
            };
            // With threads to spare, the next piece is read while this one is checked.
            next = if threads {
                rayon::join(&mut read, check).0
            } else {
                check();
                read()
            };
        }
        // Suppressions after the last request apply to none (SUP002 says so).
        findings.sup.scan(file_idx, &src.bytes, src.bytes.len());
        // The same traffic recorded again: one finding per earlier file it repeats.
        let repeats = engine.take_repeats().into_iter().map(|r| {
            rules::capture::repeated_traffic::finding(
                r.file,
                r.first,
                r.requests,
                &sources[r.of].name,
            )
        });
        findings.add(repeats, false);
        src.bytes.release(0, src.bytes.len());
        src.lines().set_counted(lines);
        summary.truncated |= findings.cut_off[file_idx];
        report.files.push(summary);
        at.files_done += 1;
        at.bytes_done += src.bytes.len() as u64;
        progress(at);
    }
    let (seq, stats) = engine.finish();
    findings.add(seq, true);
    findings.resuppress(&stats.renamed);
    let about_suppressions = findings.sup.findings(cfg);
    findings.add(about_suppressions, false);
    findings.sup.rename(&stats.renamed);
    let mut suppressed = std::mem::take(&mut findings.sup.suppressed);
    suppressed.sort_by(|a, b| a.finding.sort_key().cmp(&b.finding.sort_key()));
    report.suppressed = suppressed;
    report.suppressed_total = findings.suppressed_total;
    for (i, cut) in findings.cut_off.iter().enumerate() {
        report.files[i].truncated |= cut;
    }
    report.omitted = findings.omitted;
    let capped = findings.omitted.iter().sum::<usize>();
    let mut diags = findings.into_sorted();
    diags.rename_sessions(&stats.renamed);
    if stats.evicted > 0 {
        diags.insert(
            0,
            &rules::limits::sessions_evicted::finding(cfg.max_open_sessions(), stats.evicted),
        );
    }
    if capped > 0 {
        let last_file = diags.last().map_or(0, |d| d.file);
        diags.push(&rules::limits::findings_capped::finding(
            last_file,
            capped,
            cfg.max_findings(),
        ));
    }
    report.diagnostics = diags;
    report.session_metrics = stats.metrics;
    count_session_findings(&mut report);
    report.sessions = stats.sessions;
    report.sessions_peak_in_memory = stats.peak_in_memory;
    report.events = stats.events;
    report.session_list = stats.list;
    report.sources = sources;
    report
}

/// Counts each session's findings by severity into its metrics (the session of a finding
/// as [`Report::metrics_of`] tells, without a scan of every session per finding).
fn count_session_findings(report: &mut Report) {
    if report.session_metrics.is_empty() {
        return;
    }
    let mut by_id: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    for (i, m) in report.session_metrics.iter().enumerate() {
        by_id.entry(m.id.as_str()).or_default().push(i);
    }
    let mut counts = vec![[0usize; 3]; report.session_metrics.len()];
    for d in report.diagnostics.iter() {
        let Some(sessions) = d.context.session.as_deref().and_then(|id| by_id.get(id)) else {
            continue;
        };
        let metrics = &report.session_metrics;
        if let Some(&s) = sessions.iter().rev().find(|&&s| metrics[s].file <= d.file) {
            counts[s][match d.severity {
                crate::diagnostic::Severity::Error => 0,
                crate::diagnostic::Severity::Warning => 1,
                crate::diagnostic::Severity::Info => 2,
            }] += 1;
        }
    }
    for (m, c) in report.session_metrics.iter_mut().zip(counts) {
        m.findings = c;
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Bytes of a mapped file handed back to the kernel at a time, once checked (see
/// [`FileBytes::release`]).
const RELEASE_BYTES: usize = 1024 * 1024;
