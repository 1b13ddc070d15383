//! The result of a run, as `check` produces it and every output format reads it: the
//! findings, the files with their request counts, and the sessions.

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::session::{SessionInfo, SessionMetrics};
use crate::source::SourceFile;

/// Counts for one file, for the summary. Every request the reader found is either
/// `checked` or `unreadable`; `skipped` are parts of the file that hold no request on purpose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSummary {
    /// Display name.
    pub name: String,
    /// Detected format.
    pub format: String,
    /// Requests whose body was parsed and checked (possibly with syntax findings).
    pub checked: usize,
    /// Requests or regions that could not be read as a request.
    pub unreadable: usize,
    /// Regions skipped on purpose (code blocks without a body, other hosts ...).
    pub skipped: usize,
    /// Events checked (a downloaded batch holds several per request).
    pub events: usize,
    /// Whether `ts` placeholders were replaced by the page's action timeline.
    pub clock_from_action_table: bool,
    /// The file ends in the middle of a request body, an NDJSON record or the HAR document:
    /// an unexpected-end (SYN002) finding reaches its last non-blank byte. The recording
    /// was cut off.
    pub truncated: bool,
    /// The file is no capture valint reads (another tool's session file, a binary file,
    /// JSON without the API's shape): what it is and how to get a HAR instead. It was not
    /// read. Exit code 3.
    pub refused: Option<String>,
    /// Legacy Media Analytics heartbeats (GETs to `*.hb.omtrdc.net` with `s:event:type`),
    /// counted among the skipped requests: not checked. A capture of only them is a
    /// capture problem (exit 3), not a clean capture.
    pub legacy_heartbeats: usize,
}

impl FileSummary {
    /// Requests read: checked + unreadable.
    pub fn requests(&self) -> usize {
        self.checked + self.unreadable
    }

    /// The reader found nothing it could check, only content it could not read (a HAR
    /// file without `log.entries`, a file that holds no request at all).
    pub fn unreadable_whole(&self) -> bool {
        self.checked == 0 && self.unreadable > 0
    }
}

/// A file valint could not open at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The path as given.
    pub name: String,
    /// Why.
    pub reason: String,
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct Report {
    /// The files read, in the order given (diagnostics index into this).
    pub sources: Vec<SourceFile>,
    /// Per-file counts, parallel to `sources`.
    pub files: Vec<FileSummary>,
    /// Files that could not be read.
    pub input_errors: Vec<InputError>,
    /// All findings, sorted by file, then position, then code; stored encoded, and read
    /// back one at a time ([`Diagnostics::iter`]).
    pub diagnostics: Diagnostics,
    /// Sessions seen.
    pub sessions: usize,
    /// Events checked.
    pub events: usize,
    /// Findings beyond `--max-findings`, counted but not listed, by severity
    /// (error, warning, info).
    pub omitted: [usize; 3],
    /// Most sessions held in memory at once (see [`crate::session::EngineStats`]).
    pub sessions_peak_in_memory: usize,
    /// Every session, in the order it was opened (their ids are the `session` of findings).
    pub session_list: Vec<SessionInfo>,
    /// Every session's digest (and trace), in the order sessions were opened, when the run
    /// keeps them ([`crate::config::Config::session_record`]); their `findings` count the
    /// listed findings of the session.
    pub session_metrics: Vec<SessionMetrics>,
    /// Findings an inline suppression (`valint: ignore[CODE] -- reason`) took out of
    /// `diagnostics`, sorted like them. They count for nothing (exit code, summary counts
    /// by severity); the summary counts them, `--show-suppressed` lists them, and SARIF
    /// carries them as suppressed results.
    pub suppressed: Vec<Suppressed>,
    /// Findings suppressed in all: `suppressed` lists the first `--max-findings` of them.
    pub suppressed_total: usize,
    /// What a baseline (`--baseline FILE`) did to the findings, when one was given.
    pub baseline: Option<BaselineResult>,
}

/// What a baseline did to a run's findings.
#[derive(Debug, Clone, Default)]
pub struct BaselineResult {
    /// Findings the baseline holds: taken out of [`Report::diagnostics`]; SARIF lists them
    /// with `baselineState: unchanged`.
    pub unchanged: Vec<Diagnostic>,
    /// Entries of the baseline that matched no finding any more, in words.
    pub stale: Vec<String>,
}

/// A finding an inline suppression took out of the report.
#[derive(Debug, Clone)]
pub struct Suppressed {
    /// The finding.
    pub finding: Diagnostic,
    /// The suppression's reason (empty when it gave none, which is itself a SUP001 finding).
    pub reason: String,
    /// The file of the suppression (index into [`Report::sources`]).
    pub directive_file: usize,
    /// The suppression's text in that file.
    pub directive: crate::source::Span,
}

/// Why a capture counts as unreadable for the exit code (3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureProblem {
    /// Display name of the file.
    pub name: String,
    /// What is wrong, in a few words.
    pub reason: String,
}

impl Report {
    /// The session a finding belongs to, as an index into [`Report::session_metrics`]:
    /// the last session with the finding's session id opened in the finding's file or an
    /// earlier one (two files may use one sid for unrelated sessions; a session continued
    /// in a later file keeps its first file). `None` for a finding outside any session.
    pub fn metrics_of(&self, d: &Diagnostic) -> Option<usize> {
        let id = d.context.session.as_deref()?;
        self.session_metrics
            .iter()
            .rposition(|s| s.id == id && s.file <= d.file)
    }

    /// Number of findings with severity `s`.
    pub fn count(&self, s: Severity) -> usize {
        let omitted = match s {
            Severity::Error => self.omitted[0],
            Severity::Warning => self.omitted[1],
            Severity::Info => self.omitted[2],
        };
        self.diagnostics.count(s) + omitted
    }

    /// Captures that could not be read or are cut off: every [`InputError`], every file
    /// that is [`FileSummary::truncated`], and every file that is
    /// [`FileSummary::unreadable_whole`]. Any of them makes `valint check` exit with 3.
    pub fn capture_problems(&self) -> Vec<CaptureProblem> {
        let mut v: Vec<CaptureProblem> = self
            .input_errors
            .iter()
            .map(|e| CaptureProblem {
                name: e.name.clone(),
                reason: e.reason.clone(),
            })
            .collect();
        for f in &self.files {
            if let Some(why) = &f.refused {
                v.push(CaptureProblem {
                    name: f.name.clone(),
                    reason: why.clone(),
                });
            } else if f.legacy_heartbeats > 0 && f.checked == 0 && f.unreadable == 0 {
                v.push(CaptureProblem {
                    name: f.name.clone(),
                    reason: format!(
                        "holds only legacy Media Analytics heartbeats ({} GETs to *.hb.omtrdc.net with s:event:type), which valint does not check; it checks Media Collection API traffic (POSTs to /api/v1/sessions)",
                        f.legacy_heartbeats
                    ),
                });
            } else if f.truncated {
                v.push(CaptureProblem {
                    name: f.name.clone(),
                    reason: "the capture is truncated (it ends inside a request)".into(),
                });
            } else if f.unreadable_whole() {
                v.push(CaptureProblem {
                    name: f.name.clone(),
                    reason: format!(
                        "no request in it could be read (it was read as: {})",
                        f.format
                    ),
                });
            }
        }
        v
    }
}

impl Report {
    /// Adds the result of another run after this one's (inputs checked apart, under other
    /// settings): its files come after this report's files, its sessions after these.
    pub fn append(&mut self, other: Report) {
        let offset = self.sources.len();
        self.sources.extend(other.sources);
        self.files.extend(other.files);
        self.input_errors.extend(other.input_errors);
        self.diagnostics
            .extend(other.diagnostics.into_iter().map(|mut d| {
                d.file += offset;
                d
            }));
        self.sessions += other.sessions;
        self.events += other.events;
        for (a, b) in self.omitted.iter_mut().zip(other.omitted) {
            *a += b;
        }
        self.sessions_peak_in_memory = self
            .sessions_peak_in_memory
            .max(other.sessions_peak_in_memory);
        self.session_list
            .extend(other.session_list.into_iter().map(|mut s| {
                s.file += offset;
                s
            }));
        self.session_metrics
            .extend(other.session_metrics.into_iter().map(|mut m| {
                m.file += offset;
                if let Some(t) = &mut m.trace {
                    for e in &mut t.events {
                        e.file += offset;
                    }
                }
                m
            }));
        self.suppressed_total += other.suppressed_total;
        if let Some(b) = other.baseline {
            let mine = self.baseline.get_or_insert_with(BaselineResult::default);
            mine.unchanged.extend(b.unchanged.into_iter().map(|mut d| {
                d.file += offset;
                d
            }));
            mine.stale.extend(b.stale);
        }
        self.suppressed
            .extend(other.suppressed.into_iter().map(|mut s| {
                s.finding.file += offset;
                s.directive_file += offset;
                s
            }));
    }
}
