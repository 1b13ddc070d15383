//! The run's findings under `--max-findings` and `--select`/`--ignore`.

use crate::config::Config;
use crate::diagnostic::store::{Diagnostics, Entry};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules;
use crate::source::SourceFile;

use super::suppress::Suppressions;

/// The run's findings as they are made: severity overrides and `--select`/`--ignore`
/// applied, and only the first `--max-findings` in report order kept (a max-heap on the
/// report order; the others are counted by severity), so memory does not grow with a
/// capture's findings; the findings themselves are stored encoded ([`Diagnostics`]), the
/// heap holds only their sort keys and places. Ties keep the order the findings were made in: request findings
/// before sequencing findings, each in order.
pub(super) struct Findings<'c> {
    cfg: &'c Config,
    /// Per file: the last byte that is not whitespace (a cut-off finding reaches past it).
    last_text: Vec<Option<usize>>,
    /// Per file: the `per-file-ignores` selectors that apply to it.
    file_ignores: Vec<Vec<String>>,
    /// Per file: a cut-off (SYN002 past the last text) was found, whatever is shown.
    pub(super) cut_off: Vec<bool>,
    heap: std::collections::BinaryHeap<Ranked>,
    /// The findings in the heap (and those it dropped, whose bytes are not reclaimed).
    store: Diagnostics,
    /// Next tie-break number for request findings and for sequencing findings.
    seq: [u64; 2],
    /// Findings beyond the cap: error, warning, info.
    pub(super) omitted: [usize; 3],
    /// The inline suppressions of the run's files; the findings they suppress.
    pub(super) sup: Suppressions,
    /// Findings suppressed in all (the list in `sup` stops at the cap).
    pub(super) suppressed_total: usize,
}

/// A stored finding with its place in the report order: its sort key, then a tie-break
/// number.
type Ranked = crate::keyed::Keyed<((usize, u32, u32, &'static str), u64), Entry>;

impl<'c> Findings<'c> {
    pub(super) fn new(cfg: &'c Config, sources: &[SourceFile]) -> Findings<'c> {
        Findings {
            cfg,
            last_text: sources
                .iter()
                .map(|s| s.bytes.iter().rposition(|b| !b.is_ascii_whitespace()))
                .collect(),
            file_ignores: sources
                .iter()
                .map(|s| match &s.path {
                    Some(p) => cfg.ignored_in(p),
                    // stdin, by its --stdin-filename
                    None => cfg.ignored_in(std::path::Path::new(&s.name)),
                })
                .collect(),
            cut_off: vec![false; sources.len()],
            // Reserved whole (at most a million places): the pages are touched only as
            // findings come, and the heap never doubles, which held a copy of the old
            // places beside the new ones (11 MB at 100,000 findings).
            heap: std::collections::BinaryHeap::with_capacity(cfg.max_findings().min(1 << 20) + 1),
            store: Diagnostics::with_memory_limit(
                cfg.findings_memory_limit
                    .unwrap_or(crate::diagnostic::store::MEMORY_LIMIT),
            ),
            seq: [0, 1 << 62],
            omitted: [0; 3],
            sup: Suppressions::new(sources.len()),
            suppressed_total: 0,
        }
    }

    /// Adds findings, made by the engine (`sequencing`) or about requests.
    pub(super) fn add(&mut self, found: impl IntoIterator<Item = Diagnostic>, sequencing: bool) {
        let cap = self.cfg.max_findings();
        for mut d in found {
            // Before `--ignore`: a cut-off file is cut off whatever is shown.
            if std::ptr::eq(d.rule, &rules::syntax::UNEXPECTED_END)
                && self.last_text[d.file].is_some_and(|l| d.primary.span.end as usize > l)
            {
                self.cut_off[d.file] = true;
            }
            if !self.cfg.enabled(d.rule)
                || self.file_ignores[d.file]
                    .iter()
                    .any(|s| crate::config::selects(s, d.rule))
            {
                continue;
            }
            if let Some(Some(severity)) = self.cfg.severity_of(d.rule) {
                d.severity = severity;
            }
            let kept = self.sup.suppressed.len();
            let Some(d) = self.sup.filter(d) else {
                self.suppressed_total += 1;
                if kept >= cap {
                    self.sup.suppressed.pop();
                }
                continue;
            };
            let seq = &mut self.seq[usize::from(sequencing)];
            *seq += 1;
            let at = self.store.stash(&d);
            self.heap
                .push(crate::keyed::Keyed((d.sort_key(), *seq), at));
            if self.heap.len() > cap {
                if let Some(crate::keyed::Keyed(_, out)) = self.heap.pop() {
                    self.omitted[match out.severity {
                        Severity::Error => 0,
                        Severity::Warning => 1,
                        Severity::Info => 2,
                    }] += 1;
                }
            }
        }
    }

    /// Applies session-wide suppressions again to the findings kept, once the sessions'
    /// late sids are known (`renamed`: `#N` to sid), for findings that named the session
    /// by its sid while its suppression knew it as `#N`.
    pub(super) fn resuppress(&mut self, renamed: &[(String, String)]) {
        if !self.sup.rename_bound(renamed) {
            return;
        }
        let heap = std::mem::take(&mut self.heap);
        for crate::keyed::Keyed(k, at) in heap.into_vec() {
            match self.sup.filter(self.store.read(at)) {
                Some(_) => self.heap.push(crate::keyed::Keyed(k, at)),
                None => self.suppressed_total += 1,
            }
        }
    }

    /// The kept findings in report order.
    pub(super) fn into_sorted(self) -> Diagnostics {
        let mut store = self.store;
        store.set_order(
            self.heap
                .into_sorted_vec()
                .into_iter()
                .map(|r| r.1)
                .collect(),
        );
        store
    }
}
