//! [`Diagnostics`]: a run's findings, held as compact bytes instead of as
//! [`Diagnostic`] values, and moved to an unnamed temporary file past a few megabytes.
//!
//! A finding is about a kilobyte in memory (its struct, message, help, labels, session id
//! and state snapshot) and a third of that encoded here: rule, event type and state keys
//! are numbers into tables shared by every finding of the run. (Session ids are written
//! out: most sessions have a finding or two, and a table of them cost more than it saved.) A run keeps up
//! to `--max-findings` findings (100,000 by default) until its output is written; held as
//! values they were the largest part of its memory. Encoded, the first
//! [`MEMORY_LIMIT`] bytes stay in memory, which is every finding of an ordinary run;
//! past it, they all go to a temporary file (memory keeps a block as a write buffer) the system deletes when valint exits (or, where there is
//! no temporary folder, such as WASM, stay in memory). Reading them back in report order
//! goes through a block cache: findings are mostly made in file order, and report order
//! is file order.

use super::{Diagnostic, EventContext, Label, RuleMeta, Severity, StateValue};
use crate::source::Span;
use std::collections::HashMap;
use std::fmt;
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex};

/// Encoded bytes kept in memory before the rest go to a temporary file: 1 MiB, about
/// 3,000 findings. (With 4 MiB, 10,000 findings on two threads peaked 10 MB higher: the
/// buffer's growth, and the pages it kept around.)
pub const MEMORY_LIMIT: usize = 1 << 20;

/// Bytes read from the temporary file at once; also what memory holds of the findings
/// once the file is in use (a write buffer).
const BLOCK: usize = 64 << 10;

/// Where one finding is stored, with what the run counts without reading it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Offset of the encoded finding in the store.
    at: u64,
    /// Its encoded length in bytes.
    len: u32,
    /// The finding's severity.
    pub severity: Severity,
}

/// The findings of a run, in report order, stored encoded (see the module docs).
///
/// Reading gives owned [`Diagnostic`]s, decoded on each call: [`Diagnostics::iter`],
/// [`Diagnostics::get`]. Adding: [`Diagnostics::push`], [`Diagnostics::insert`], or
/// [`Diagnostics::stash`] to store a finding and [`Diagnostics::set_order`] to list the
/// stashed findings in an order decided later (the bounded heap of `--max-findings`).
pub struct Diagnostics {
    store: Store,
    order: Vec<Entry>,
}

impl Default for Diagnostics {
    fn default() -> Diagnostics {
        Diagnostics::new()
    }
}

impl Diagnostics {
    /// No findings; spills past [`MEMORY_LIMIT`] encoded bytes.
    pub fn new() -> Diagnostics {
        Diagnostics::with_memory_limit(MEMORY_LIMIT)
    }

    /// No findings; spills to a temporary file past `limit` encoded bytes (tests use a
    /// small limit to exercise the file).
    pub fn with_memory_limit(limit: usize) -> Diagnostics {
        Diagnostics {
            store: Store::new(limit),
            order: Vec::new(),
        }
    }

    /// Number of findings listed.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether no finding is listed.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Stores `d` without listing it; returns where, for [`Diagnostics::set_order`].
    pub fn stash(&mut self, d: &Diagnostic) -> Entry {
        self.store.put(d)
    }

    /// Lists `entries` (from [`Diagnostics::stash`] on this value), in this order, instead
    /// of the findings listed so far.
    pub fn set_order(&mut self, entries: Vec<Entry>) {
        self.order = entries;
    }

    /// The stored finding at `e`.
    pub fn read(&self, e: Entry) -> Diagnostic {
        self.store.get(e)
    }

    /// Appends `d` to the list.
    pub fn push(&mut self, d: &Diagnostic) {
        let e = self.store.put(d);
        self.order.push(e);
    }

    /// Inserts `d` at position `i` of the list.
    ///
    /// # Panics
    /// If `i > len`.
    pub fn insert(&mut self, i: usize, d: &Diagnostic) {
        let e = self.store.put(d);
        self.order.insert(i, e);
    }

    /// The `i`-th finding, decoded.
    ///
    /// # Panics
    /// If `i` is out of range.
    pub fn get(&self, i: usize) -> Diagnostic {
        self.store.get(self.order[i])
    }

    /// The last finding, decoded.
    pub fn last(&self) -> Option<Diagnostic> {
        self.order.last().map(|&e| self.store.get(e))
    }

    /// The listed findings' entries, in order (their severities without decoding).
    pub fn entries(&self) -> &[Entry] {
        &self.order
    }

    /// Every finding in order, each decoded as it is reached.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Diagnostic> + '_ {
        self.order.iter().map(|&e| self.store.get(e))
    }

    /// Every finding in order, decoded into one vector (for tests and small runs).
    pub fn to_vec(&self) -> Vec<Diagnostic> {
        self.iter().collect()
    }

    /// Keeps the findings `keep` says yes to, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&Diagnostic) -> bool) {
        let order = std::mem::take(&mut self.order);
        self.order = order
            .into_iter()
            .filter(|&e| keep(&self.store.get(e)))
            .collect();
    }

    /// Takes out the findings `take` says yes to, and returns them in order; the others
    /// stay, in order.
    pub fn split_off_where(
        &mut self,
        mut take: impl FnMut(&Diagnostic) -> bool,
    ) -> Vec<Diagnostic> {
        let mut taken = Vec::new();
        let order = std::mem::take(&mut self.order);
        for e in order {
            let d = self.store.get(e);
            if take(&d) {
                taken.push(d);
            } else {
                self.order.push(e);
            }
        }
        taken
    }

    /// Renames sessions: a finding whose session id is `old` reads as `new`, for each
    /// `(old, new)` (a session opened without a sid and bound to one later).
    pub fn rename_sessions(&mut self, renamed: &[(String, String)]) {
        for (old, new) in renamed {
            self.store
                .renamed
                .entry(old.clone())
                .or_insert_with(|| new.clone());
        }
    }

    /// Number of findings listed with severity `s`, without decoding them.
    pub fn count(&self, s: Severity) -> usize {
        self.order.iter().filter(|e| e.severity == s).count()
    }

    /// Bytes the encoded findings take in memory and in the temporary file.
    pub fn stored_bytes(&self) -> (usize, u64) {
        (self.store.memory.len(), self.store.spilled)
    }
}

impl fmt::Debug for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Clone for Diagnostics {
    fn clone(&self) -> Diagnostics {
        let mut out = Diagnostics::with_memory_limit(self.store.limit);
        for d in self.iter() {
            out.push(&d);
        }
        out
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = Diagnostic;
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, Entry>, Box<dyn Fn(&Entry) -> Diagnostic + 'a>>;
    fn into_iter(self) -> Self::IntoIter {
        self.order.iter().map(Box::new(move |&e| self.store.get(e)))
    }
}

/// The findings of a [`Diagnostics`] in order, owned.
pub struct IntoIter {
    store: Store,
    order: std::vec::IntoIter<Entry>,
}

impl Iterator for IntoIter {
    type Item = Diagnostic;
    fn next(&mut self) -> Option<Diagnostic> {
        self.order.next().map(|e| self.store.get(e))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.order.size_hint()
    }
}

impl ExactSizeIterator for IntoIter {}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = IntoIter;
    fn into_iter(self) -> IntoIter {
        IntoIter {
            store: self.store,
            order: self.order.into_iter(),
        }
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, it: I) {
        for d in it {
            self.push(&d);
        }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(it: I) -> Diagnostics {
        let mut out = Diagnostics::new();
        for d in it {
            out.push(&d);
        }
        out
    }
}

impl<'a> FromIterator<&'a Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = &'a Diagnostic>>(it: I) -> Diagnostics {
        let mut out = Diagnostics::new();
        for d in it {
            out.push(d);
        }
        out
    }
}

/// Values numbered in order of first use.
struct Table<K: Copy + Eq + std::hash::Hash> {
    index: HashMap<K, u32>,
    values: Vec<K>,
}

impl<K: Copy + Eq + std::hash::Hash> Default for Table<K> {
    fn default() -> Table<K> {
        Table {
            index: HashMap::new(),
            values: Vec::new(),
        }
    }
}

impl<K: Copy + Eq + std::hash::Hash> Table<K> {
    fn number(&mut self, k: K) -> u32 {
        *self.index.entry(k).or_insert_with(|| {
            self.values.push(k);
            (self.values.len() - 1) as u32
        })
    }
}

/// Strings numbered in order of first use.
#[derive(Default)]
struct Names {
    index: HashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
}

impl Names {
    fn number(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let a: Arc<str> = Arc::from(s);
        self.names.push(a.clone());
        let i = (self.names.len() - 1) as u32;
        self.index.insert(a, i);
        i
    }
}

/// The encoded findings and the tables their numbers refer to.
struct Store {
    limit: usize,
    /// Rules by pointer (every rule is a `static`).
    rules: Table<RuleRef>,
    /// State keys (`'static` names from the engine's snapshot).
    keys: Table<&'static str>,
    /// Session ids bound late, `#N` to the sid ([`Diagnostics::rename_sessions`]), applied
    /// as findings are read back.
    renamed: HashMap<String, String>,
    /// Event types as the capture spelled them.
    event_types: Names,
    /// Bytes after the spilled ones: all of them until the limit is passed.
    memory: Vec<u8>,
    /// Bytes in the temporary file (they come before `memory`).
    spilled: u64,
    /// The temporary file and the last block read from it; `None` before the first spill,
    /// or for good when no temporary file could be made.
    file: Option<Mutex<Spill>>,
    /// A temporary file could not be made: everything stays in memory.
    no_file: bool,
    /// Scratch buffer for encoding.
    scratch: Vec<u8>,
}

struct Spill {
    file: std::fs::File,
    /// Offset of `block` in the file.
    block_at: u64,
    block: Vec<u8>,
}

/// A rule compared and hashed by address.
#[derive(Clone, Copy)]
struct RuleRef(&'static RuleMeta);

impl PartialEq for RuleRef {
    fn eq(&self, o: &RuleRef) -> bool {
        std::ptr::eq(self.0, o.0)
    }
}
impl Eq for RuleRef {}
impl std::hash::Hash for RuleRef {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        std::ptr::hash(self.0, h)
    }
}

impl Store {
    fn new(limit: usize) -> Store {
        Store {
            limit,
            rules: Table::default(),
            keys: Table::default(),
            renamed: HashMap::new(),
            event_types: Names::default(),
            memory: Vec::new(),
            spilled: 0,
            file: None,
            no_file: false,
            scratch: Vec::new(),
        }
    }

    fn put(&mut self, d: &Diagnostic) -> Entry {
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        self.encode(d, &mut buf);
        let at = self.spilled + self.memory.len() as u64;
        self.memory.extend_from_slice(&buf);
        let len = buf.len() as u32;
        self.scratch = buf;
        // Past the limit, and from then on whenever a block's worth has gathered.
        let limit = if self.file.is_some() {
            BLOCK
        } else {
            self.limit
        };
        if self.memory.len() > limit && !self.no_file {
            self.spill();
        }
        Entry {
            at,
            len,
            severity: d.severity,
        }
    }

    /// Moves the bytes in memory to the end of the temporary file.
    fn spill(&mut self) {
        if self.file.is_none() {
            match tempfile::tempfile() {
                Ok(file) => {
                    self.file = Some(Mutex::new(Spill {
                        file,
                        block_at: 0,
                        block: Vec::new(),
                    }))
                }
                Err(_) => {
                    self.no_file = true;
                    return;
                }
            }
        }
        let spill = self.file.as_mut().expect("made above").get_mut();
        let spill = spill.unwrap_or_else(|e| e.into_inner());
        let ok =
            spill.file.seek(SeekFrom::End(0)).is_ok() && spill.file.write_all(&self.memory).is_ok();
        if ok {
            self.spilled += self.memory.len() as u64;
            self.memory = Vec::with_capacity(2 * BLOCK);
        } else {
            // A full disk: keep the rest in memory (what is in the file stays readable).
            self.no_file = true;
        }
    }

    fn get(&self, e: Entry) -> Diagnostic {
        let len = e.len as usize;
        if e.at >= self.spilled {
            let from = (e.at - self.spilled) as usize;
            return self.decode(&self.memory[from..from + len]);
        }
        let mut spill = self
            .file
            .as_ref()
            .expect("spilled bytes are in the file")
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let spill = &mut *spill;
        let cached = e.at >= spill.block_at
            && e.at + len as u64 <= spill.block_at + spill.block.len() as u64;
        if !cached {
            let want = BLOCK.max(len).min((self.spilled - e.at) as usize);
            spill.block.resize(want, 0);
            let read = spill
                .file
                .seek(SeekFrom::Start(e.at))
                .and_then(|_| spill.file.read_exact(&mut spill.block));
            if let Err(err) = read {
                // The file valint wrote a moment ago cannot be read back: nothing sensible
                // can be reported in the finding's place.
                panic!("reading findings back from the temporary file: {err}");
            }
            spill.block_at = e.at;
        }
        let from = (e.at - spill.block_at) as usize;
        self.decode(&spill.block[from..from + len])
    }

    fn encode(&mut self, d: &Diagnostic, out: &mut Vec<u8>) {
        put_uint(out, u64::from(self.rules.number(RuleRef(d.rule))));
        out.push(severity_byte(d.severity));
        put_str(out, &d.message);
        put_uint(out, d.file as u64);
        put_label(out, &d.primary);
        put_uint(out, d.secondary.len() as u64);
        for l in &d.secondary {
            put_label(out, l);
        }
        put_opt_str(out, d.help.as_deref());
        put_opt_str(out, d.note.as_deref());
        let c = &d.context;
        put_opt_str(out, c.session.as_deref());
        put_opt_uint(out, c.event_index.map(|i| i as u64));
        put_opt_uint(
            out,
            c.event_type
                .as_deref()
                .map(|s| u64::from(self.event_types.number(s))),
        );
        put_opt_str(out, c.request_label.as_deref());
        put_opt_uint(out, c.request.map(|i| i as u64));
        put_uint(out, c.state.len() as u64);
        for (k, v) in &c.state {
            put_uint(out, u64::from(self.keys.number(k)));
            match v {
                StateValue::Bool(b) => out.push(u8::from(*b)),
                StateValue::Number(n) => {
                    out.push(2);
                    out.extend_from_slice(&n.to_bits().to_le_bytes());
                }
                StateValue::Text(t) => {
                    out.push(3);
                    put_str(out, t);
                }
            }
        }
    }

    fn decode(&self, bytes: &[u8]) -> Diagnostic {
        let mut r = Reader(bytes);
        let rule = self.rules.values[r.uint() as usize].0;
        let severity = byte_severity(r.byte());
        let message = r.string();
        let file = r.uint() as usize;
        let primary = r.label();
        let secondary = (0..r.uint()).map(|_| r.label()).collect();
        let help = r.opt_string();
        let note = r.opt_string();
        let session = r
            .opt_string()
            .map(|s| self.renamed.get(&s).cloned().unwrap_or(s));
        let event_index = r.opt_uint().map(|i| i as usize);
        let event_type = r
            .opt_uint()
            .map(|i| self.event_types.names[i as usize].to_string());
        let request_label = r.opt_string();
        let request = r.opt_uint().map(|i| i as usize);
        let state = (0..r.uint())
            .map(|_| {
                let k = self.keys.values[r.uint() as usize];
                let v = match r.byte() {
                    0 => StateValue::Bool(false),
                    1 => StateValue::Bool(true),
                    2 => StateValue::Number(f64::from_bits(r.u64_le())),
                    _ => StateValue::Text(r.string()),
                };
                (k, v)
            })
            .collect();
        Diagnostic {
            rule,
            severity,
            message,
            file,
            primary,
            secondary,
            help,
            note,
            context: EventContext {
                session,
                event_index,
                event_type,
                request_label,
                request,
                state,
            },
        }
    }
}

fn severity_byte(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

fn byte_severity(b: u8) -> Severity {
    match b {
        0 => Severity::Info,
        1 => Severity::Warning,
        _ => Severity::Error,
    }
}

/// LEB128.
fn put_uint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_opt_uint(out: &mut Vec<u8>, v: Option<u64>) {
    match v {
        None => out.push(0),
        Some(v) => {
            out.push(1);
            put_uint(out, v);
        }
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_uint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn put_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

fn put_label(out: &mut Vec<u8>, l: &Label) {
    put_uint(out, u64::from(l.span.start));
    put_uint(out, u64::from(l.span.end));
    put_opt_str(out, l.text.as_deref());
}

/// Reads what the `put_` functions wrote (the bytes are valint's own, written in this
/// run: a malformed encoding is a bug, and panics).
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.0[0];
        self.0 = &self.0[1..];
        b
    }

    fn uint(&mut self) -> u64 {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte();
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return v;
            }
            shift += 7;
        }
    }

    fn opt_uint(&mut self) -> Option<u64> {
        (self.byte() == 1).then(|| self.uint())
    }

    fn u64_le(&mut self) -> u64 {
        let (b, rest) = self.0.split_at(8);
        self.0 = rest;
        u64::from_le_bytes(b.try_into().expect("8 bytes"))
    }

    fn string(&mut self) -> String {
        let n = self.uint() as usize;
        let (s, rest) = self.0.split_at(n);
        self.0 = rest;
        String::from_utf8(s.to_vec()).expect("valint wrote UTF-8")
    }

    fn opt_string(&mut self) -> Option<String> {
        (self.byte() == 1).then(|| self.string())
    }

    fn label(&mut self) -> Label {
        let start = self.uint() as u32;
        let end = self.uint() as u32;
        Label {
            span: Span { start, end },
            text: self.opt_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Family;

    static RULE_A: RuleMeta = RuleMeta {
        code: "AD001",
        name: "test-rule-a",
        family: Family::Ad,
        severity: Severity::Error,
        summary: "",
        docs: "",
    };
    static RULE_B: RuleMeta = RuleMeta {
        code: "PNG001",
        name: "test-rule-b",
        family: Family::Ping,
        severity: Severity::Warning,
        summary: "",
        docs: "",
    };

    /// A finding with every field set, varied by `i`.
    fn finding(i: usize) -> Diagnostic {
        let rule = if i % 3 == 0 { &RULE_B } else { &RULE_A };
        let mut d = Diagnostic::new(
            rule,
            i % 4,
            Span::new(i * 7, i * 7 + 3 + i % 5),
            format!("message {i} – ünïcode"),
        );
        if i % 2 == 0 {
            d.label(format!("label {i}"));
            d.help("the same help for many findings");
        }
        if i % 5 == 0 {
            d.note(format!("note {i}"));
        }
        for k in 0..i % 3 {
            d.secondary(Span::new(k, k + 1), format!("secondary {k}"));
        }
        d.severity = [Severity::Info, Severity::Warning, Severity::Error][i % 3];
        d.context = EventContext {
            session: (i % 7 != 0).then(|| format!("session-{}", i % 11)),
            event_index: Some(i * 1000),
            event_type: (i % 2 == 1).then(|| "adStart".to_string()),
            request_label: (i % 4 == 1).then(|| format!("Action {i}")),
            request: (i % 6 != 0).then_some(usize::MAX - i),
            state: vec![
                ("phase", StateValue::Text("playing".into())),
                ("in_ad", StateValue::Bool(i % 2 == 0)),
                ("in_ad_break", StateValue::Bool(i % 2 == 1)),
                ("last_playhead", StateValue::Number(i as f64 * 0.1 - 3.0)),
                ("last_ts", StateValue::Number(f64::NAN)),
            ][..i % 6]
                .to_vec(),
        };
        d
    }

    fn same(a: &Diagnostic, b: &Diagnostic) -> bool {
        // Debug shows every field (NaN as "NaN", so equal NaNs compare equal here).
        format!("{a:?}") == format!("{b:?}")
    }

    #[test]
    fn findings_read_back_as_they_were_stored() {
        let all: Vec<Diagnostic> = (0..500).map(finding).collect();
        let store: Diagnostics = all.iter().collect();
        assert_eq!(store.len(), all.len());
        assert_eq!(store.stored_bytes().1, 0, "500 findings stay in memory");
        for (i, d) in store.iter().enumerate() {
            assert!(same(&d, &all[i]), "finding {i}: {d:?} != {:?}", all[i]);
        }
        for s in [Severity::Info, Severity::Warning, Severity::Error] {
            let n = all.iter().filter(|d| d.severity == s).count();
            assert_eq!(store.count(s), n);
        }
    }

    #[test]
    fn findings_past_the_memory_limit_go_to_a_file_and_read_back_in_any_order() {
        let all: Vec<Diagnostic> = (0..3000).map(finding).collect();
        let mut store = Diagnostics::with_memory_limit(4096);
        let entries: Vec<Entry> = all.iter().map(|d| store.stash(d)).collect();
        let (memory, file) = store.stored_bytes();
        assert!(file > 100_000, "spilled {file} bytes");
        assert!(memory <= BLOCK + 1000, "{memory} bytes kept in memory");
        // Listed backwards and interleaved: every read misses the block read before.
        let mut order: Vec<usize> = (0..all.len()).rev().collect();
        order.sort_by_key(|i| (i % 13, std::cmp::Reverse(*i)));
        store.set_order(order.iter().map(|&i| entries[i]).collect());
        for (k, d) in store.iter().enumerate() {
            assert!(same(&d, &all[order[k]]), "position {k}");
        }
        assert!(same(&store.get(0), &all[order[0]]));
        assert!(same(&store.last().unwrap(), &all[*order.last().unwrap()]));
    }

    #[test]
    fn renames_split_and_inserts_keep_the_others_intact() {
        let all: Vec<Diagnostic> = (0..200).map(finding).collect();
        let mut store = Diagnostics::with_memory_limit(2048);
        for d in &all {
            store.push(d);
        }
        store.rename_sessions(&[("session-3".into(), "sid-three".into())]);
        let taken = store.split_off_where(|d| d.rule.code == "PNG001");
        assert_eq!(
            taken.len(),
            all.iter().filter(|d| d.rule.code == "PNG001").count()
        );
        store.insert(0, &all[5]);
        let kept: Vec<Diagnostic> = store.iter().collect();
        assert!(same(&kept[0], &all[5]));
        let expected: Vec<&Diagnostic> = all.iter().filter(|d| d.rule.code != "PNG001").collect();
        assert_eq!(kept.len() - 1, expected.len());
        for (d, e) in kept[1..].iter().zip(expected) {
            let mut e = e.clone();
            if e.context.session.as_deref() == Some("session-3") {
                e.context.session = Some("sid-three".into());
            }
            assert!(same(d, &e));
        }
        assert!(kept
            .iter()
            .all(|d| d.context.session.as_deref() != Some("session-3")));
        assert!(kept
            .iter()
            .any(|d| d.context.session.as_deref() == Some("sid-three")));
    }
}
