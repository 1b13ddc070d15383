//! Baselines, for adopting valint on a folder of existing captures (ESLint's count-based
//! suppressions file, ruff's and Biome's baselines): `valint check --write-baseline FILE`
//! records today's findings, `--baseline FILE` hides them, so that only new ones fail.
//!
//! An entry is keyed like a SARIF fingerprint, never by line numbers or sids (a re-recorded
//! capture keeps its key): the capture's path relative to the baseline file's folder (so
//! the same baseline works from any current folder), the session's
//! position among the sessions that start in that file (0-based), the rule, and the
//! event's position in its session; a finding outside any session has no session and its
//! request's ordinal in the file instead of an event. Each entry holds a count: the
//! first `count` findings with its key are baselined, one more is new (a second
//! occurrence of a rule on the same event still fails).
//!
//! The file is JSON: `{"version": 1, "entries": [{"file", "session", "event", "request",
//! "rule", "count"}, ...]}`, sorted, one entry per key.

use crate::diagnostic::Diagnostic;
use crate::model::{BaselineResult, Report};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The version of the file format.
pub const VERSION: u32 = 1;

/// The key of a finding in a baseline.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    /// The capture, relative to the baseline file's folder with `/` separators (absolute
    /// when outside it; `stdin` for stdin).
    pub file: String,
    /// The session's position among the sessions that start in `file`, 0-based.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<usize>,
    /// The event's position in its session, 0-based.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<usize>,
    /// For a finding outside any session: the request's ordinal in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<usize>,
    /// The rule's code.
    pub rule: String,
}

/// One entry: a key and how many findings it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The key.
    #[serde(flatten)]
    pub key: Key,
    /// Findings with this key that are baselined.
    pub count: usize,
}

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// [`VERSION`].
    pub version: u32,
    /// The entries, sorted by key.
    pub entries: Vec<Entry>,
}

impl Baseline {
    /// The baseline of every finding of `report` (its baselined ones included), keyed with
    /// paths relative to `root` (the baseline file's folder).
    pub fn of(report: &Report, root: &Path) -> Baseline {
        let sessions = super::SessionIndex::new(report);
        let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
        let baselined = report
            .baseline
            .iter()
            .flat_map(|b| b.unchanged.iter().cloned());
        for d in report.diagnostics.iter().chain(baselined) {
            *counts.entry(key(report, &sessions, &d, root)).or_insert(0) += 1;
        }
        Baseline {
            version: VERSION,
            entries: counts
                .into_iter()
                .map(|(key, count)| Entry { key, count })
                .collect(),
        }
    }

    /// Reads a baseline file.
    ///
    /// # Errors
    /// The file cannot be read, is not a baseline, or is of another version.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let b: Baseline = serde_json::from_slice(&text)
            .map_err(|e| format!("{} is not a valint baseline: {e}", path.display()))?;
        if b.version != VERSION {
            return Err(format!(
                "{} is a baseline of version {}; this valint reads version {VERSION}",
                path.display(),
                b.version
            ));
        }
        Ok(b)
    }

    /// The file's text: pretty JSON, one entry per key, sorted.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Takes the findings this baseline holds out of `report.diagnostics` (into
    /// `report.baseline`), and lists the entries that no longer match. Returns the
    /// baseline with only what matched (for `--prune-baseline`).
    pub fn apply(&self, report: &mut Report, root: &Path) -> Baseline {
        let mut left: BTreeMap<&Key, usize> =
            self.entries.iter().map(|e| (&e.key, e.count)).collect();
        let mut matched: BTreeMap<Key, usize> = BTreeMap::new();
        let mut kept = std::mem::take(&mut report.diagnostics);
        let sessions = super::SessionIndex::new(report);
        let unchanged = kept.split_off_where(|d| {
            let k = key(report, &sessions, d, root);
            match left.get_mut(&k) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    *matched.entry(k).or_insert(0) += 1;
                    true
                }
                _ => false,
            }
        });
        report.diagnostics = kept;
        let stale = left
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| describe(k, *n))
            .collect();
        report.baseline = Some(BaselineResult { unchanged, stale });
        Baseline {
            version: VERSION,
            entries: matched
                .into_iter()
                .map(|(key, count)| Entry { key, count })
                .collect(),
        }
    }
}

/// A stale entry in words: `captures/a.har, session 0, event 3: AD001 (1 of them)`.
fn describe(k: &Key, n: usize) -> String {
    let mut s = k.file.clone();
    if let Some(sess) = k.session {
        s.push_str(&format!(", session {sess}"));
    }
    if let Some(e) = k.event {
        s.push_str(&format!(", {}", super::event_ref(e)));
    }
    if let Some(r) = k.request {
        s.push_str(&format!(", request {r}"));
    }
    format!("{s}: {} ({n} no longer found)", k.rule)
}

/// The key of finding `d`, its path relative to `root`.
pub fn key(report: &Report, sessions: &super::SessionIndex, d: &Diagnostic, root: &Path) -> Key {
    let name = &report.sources[d.file].name;
    let file = super::relative_path(name, root).unwrap_or_else(|| {
        if name == "<stdin>" {
            "stdin".into()
        } else {
            super::absolute_path(name).to_string_lossy().into_owned()
        }
    });
    let session = sessions.position_of(d);
    Key {
        file,
        session,
        event: session.and(d.context.event_index),
        request: if session.is_none() {
            d.context.request
        } else {
            None
        },
        rule: d.rule.code.to_string(),
    }
}
