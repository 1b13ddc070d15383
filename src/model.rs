//! The result of a run, as `check` produces it and every output format reads it: the
//! findings, the files with their request counts, and the sessions.

use crate::diagnostic::{Diagnostic, Severity};
use crate::session::SessionInfo;
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
    /// All findings, sorted by file, then position, then code.
    pub diagnostics: Vec<Diagnostic>,
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
    /// Number of findings with severity `s`.
    pub fn count(&self, s: Severity) -> usize {
        let omitted = match s {
            Severity::Error => self.omitted[0],
            Severity::Warning => self.omitted[1],
            Severity::Info => self.omitted[2],
        };
        self.diagnostics.iter().filter(|d| d.severity == s).count() + omitted
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
                    reason: format!("no request in it could be read as a {}", f.format),
                });
            }
        }
        v
    }
}
