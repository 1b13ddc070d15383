//! NDJSON request logs: one JSON object per line, either a bare request body or a record
//! describing the request.
//!
//! A line is read one of two ways: the fast path (`fast_line`: the usual record by hand,
//! `plain`, any other strict-JSON line by serde_json; members borrowed from the line, the
//! body read to the borrowed values of [`crate::syntax::lite`] that schema validation
//! takes) for the common strict-JSON line, else the lenient parser's tree (`read_line`). Which
//! members of a record mean what (method, URL, body, time, status, session id), under which
//! names, and what makes a record other traffic or leaves it without a body is written once,
//! in `ndjson/record.rs`, for both.

mod plain;
mod record;

use super::common::{literal_map, skip_blank_and_comments};
use super::{ArrivalOrder, CaptureRead, Request, Unreadable};
use crate::source::{SourceFile, SourceMap, Span};
use crate::syntax::strict::{value_after_key, BodySeed, Member, StrictBody};
use crate::syntax::{parse_value_at, Node, NodeKind, ParseOptions};
use rayon::prelude::*;
pub use record::{Field, Fields};
use record::{Meaning, Reading, BODY, BODY_MEMBERS, BUILTIN};
use serde::de::DeserializeSeed as _;
use std::borrow::Cow;

/// True when one of the first lines (each a JSON object) is a request record.
pub fn sniff(bytes: &[u8]) -> bool {
    // A log may open with bare bodies and carry records further down (or the reverse): any
    // record among the first lines makes it a request log, whose reader takes both.
    let mut pos = 0;
    for _ in 0..32 {
        pos = skip_blank_and_comments(bytes, pos);
        if pos >= bytes.len() || bytes[pos] != b'{' {
            return false;
        }
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        let p = parse_value_at(&bytes[..end], pos, ParseOptions::default());
        if record::is_record(&p.root, &BUILTIN) {
            return true;
        }
        pos = end;
    }
    false
}

/// Reads a whole NDJSON request log at once (the pieces of [`Stream`], joined).
pub fn read(file: &SourceFile) -> CaptureRead<'_> {
    let mut out = CaptureRead::default();
    Stream::new(file).for_each(|piece| out.append(piece));
    out
}

/// Reads an NDJSON request log a window of lines at a time: a window is cut at line breaks
/// into stretches whose lines are read in parallel (one record per line is what makes
/// NDJSON splittable), and the requests go through an [`ArrivalOrder`]: a log may be written as
/// answers come back, so requests are passed on in the order they were sent. Memory holds
/// one window and the reorder window, however large the file.
pub struct Stream<'a> {
    src: &'a [u8],
    pos: usize,
    order: ArrivalOrder<'a>,
    done: bool,
    /// Read every line with the spanned parser (see [`Stream::spanned_only`]).
    spanned_only: bool,
    /// Record member names (see [`Stream::with_fields`]).
    fields: &'a Fields,
}

/// Bytes of lines read per window when the check runs on one thread (a window always
/// holds at least one line): about 800 records. Small, so that a window's requests are
/// still in the CPU's caches when they are checked (1 MB windows cost a third more
/// last-level cache misses than 32 KB ones, measured with cachegrind).
const WINDOW_BYTES: usize = 256 * 1024;

/// Bytes of lines per window when other threads share the work (about 1,600 records):
/// one thread reads the next window while another checks this one, and each window ends
/// where both wait for each other. Since reading got cheaper than sequencing, 256 KB
/// windows left a thread idle at each of those ends: four 256 MB files took 3.6-4.1 s on
/// two threads with 256 KB windows, 3.4-3.6 s with 512 KB or 1 MB ones (5.4-5.8 s on
/// one). Peak RSS grows with the window (55-58, 59-61 and 62-64 MB): 512 KB.
const WINDOW_BYTES_THREADS: usize = 512 * 1024;

/// Bytes of a window read as one parallel task (about 50 records): enough to pay for
/// handing a task to the other thread, small enough to share a window out evenly.
const SPLIT_BYTES: usize = 16 * 1024;

impl<'a> Stream<'a> {
    /// A stream over `file`, from its start.
    pub fn new(file: &'a SourceFile) -> Stream<'a> {
        Stream {
            src: &file.bytes,
            pos: 0,
            order: ArrivalOrder::default(),
            done: false,
            spanned_only: false,
            fields: &BUILTIN,
        }
    }

    /// A stream that reads every line with the spanned parser, never with the fast path
    /// of `fast_line`: the requests are the same, but clean bodies come with their tree.
    pub fn spanned_only(file: &'a SourceFile) -> Stream<'a> {
        Stream {
            spanned_only: true,
            ..Stream::new(file)
        }
    }

    /// A stream that reads record members under `fields`' names too
    /// (`--ndjson-field body=requestBody`). With added names every line is read by the
    /// spanned parser: the fast path knows only the built-in names.
    pub fn with_fields(file: &'a SourceFile, fields: &'a Fields, spanned_only: bool) -> Stream<'a> {
        Stream {
            spanned_only: spanned_only || !fields.is_empty(),
            fields,
            ..Stream::new(file)
        }
    }
}

impl<'a> Iterator for Stream<'a> {
    type Item = CaptureRead<'a>;

    fn next(&mut self) -> Option<CaptureRead<'a>> {
        if self.done {
            return None;
        }
        let src = self.src;
        let start = skip_blank_and_comments(src, self.pos);
        // The window: whole lines from `start` to the first line break `window` bytes on
        // (the pool this runs in says how many threads share the work).
        let window = if rayon::current_num_threads() > 1 {
            WINDOW_BYTES_THREADS
        } else {
            WINDOW_BYTES
        };
        let end = match src.get(start + window..) {
            Some(rest) => memchr::memchr(b'\n', rest).map_or(src.len(), |i| start + window + i + 1),
            None => src.len(),
        };
        let pos = skip_blank_and_comments(src, end);
        self.pos = pos;
        let at_end = pos >= src.len();
        let fast = !self.spanned_only;
        let fields = self.fields;
        // Stretches of about SPLIT_BYTES, each ending after a line break, are read in
        // parallel, each finding its own lines: no serial pass over the window first.
        let mut bounds = vec![start];
        let mut at = start;
        while let Some(rest) = src.get(at + SPLIT_BYTES..end) {
            match memchr::memchr(b'\n', rest) {
                Some(i) if at + SPLIT_BYTES + i + 1 < end => at += SPLIT_BYTES + i + 1,
                _ => break,
            }
            bounds.push(at);
        }
        bounds.push(end);
        // A line's one request (the fast path), or what the spanned reader finds in it:
        // no allocation per line for the common case.
        let parsed: Vec<Vec<Result<LineOut, Vec<LineOut>>>> = bounds
            .par_windows(2)
            .map(|w| {
                let mut outs = Vec::with_capacity((w[1] - w[0]) / 256);
                let mut members = Vec::with_capacity(8);
                let mut pos = w[0];
                loop {
                    pos = skip_blank_and_comments(src, pos);
                    if pos >= w[1] {
                        break;
                    }
                    // (A stretch ends after a line break, or at the end of the file.)
                    let line_end = memchr::memchr(b'\n', &src[pos..w[1]]).map_or(w[1], |i| pos + i);
                    outs.push(
                        match fast
                            .then(|| fast_line_in(src, pos, line_end, &mut members))
                            .flatten()
                        {
                            Some(out) => Ok(out),
                            None => Err(read_line_with(src, pos, line_end, fields)),
                        },
                    );
                    pos = line_end;
                }
                outs
            })
            .collect();
        let mut out = CaptureRead {
            read_to: pos,
            requests: Vec::with_capacity(parsed.iter().map(Vec::len).sum()),
            ..CaptureRead::default()
        };
        for outs in parsed.into_iter().flatten() {
            let (one, many) = match outs {
                Ok(one) => (Some(one), Vec::new()),
                Err(many) => (None, many),
            };
            for o in one.into_iter().chain(many) {
                match o {
                    LineOut::Request(r) => self.order.push_boxed(r, &mut out.requests),
                    LineOut::Unreadable(u) => out.unreadable.push(u),
                    LineOut::Skipped(span, why) => out.skipped.push((span, why)),
                }
            }
        }
        if at_end {
            self.order.flush(&mut out.requests);
            self.done = true;
        }
        Some(out)
    }
}

/// What one line of the log holds.
enum LineOut<'a> {
    Request(Box<Request<'a>>),
    Unreadable(Unreadable),
    Skipped(Span, String),
}

/// The fast path for a line that is one strict JSON object (the common case by far):
/// the record is read in one pass, by hand when it is written plainly ([`plain`]), else
/// by serde_json ([`LineSeed`]): the members around the body (URL, time, status, headers)
/// to strings and `Value`s read like [`read_record`] reads them, and the body by
/// [`crate::syntax::strict`] to the borrowed values schema validation takes; what the
/// members mean is [`record::read`]'s, as for [`read_record`]. A bare body on its own
/// line is read whole. `None` when the line is anything else, or when the spanned parser
/// would have anything to say about the record or read it differently: [`read_line`] then
/// reads it, with the same result.
#[cfg(test)]
fn fast_line(src: &[u8], start: usize, end: usize) -> Option<LineOut<'_>> {
    fast_line_in(src, start, end, &mut Vec::new())
}

/// The record's members, as [`LineSeed`] reads them.
type Members<'a> = Vec<(&'a str, LineValue<'a>)>;

/// [`fast_line`], with the members read into `members` (cleared first): a stretch of
/// lines reuses one list instead of allocating one per line.
fn fast_line_in<'a>(
    src: &'a [u8],
    start: usize,
    end: usize,
    members: &mut Members<'a>,
) -> Option<LineOut<'a>> {
    fast_line_with(src, start, end, members, true)
}

/// [`fast_line_in`], the usual record read by hand ([`plain`]) when `plain`, else by
/// serde_json whatever it is (the tests compare the two).
fn fast_line_with<'a>(
    src: &'a [u8],
    start: usize,
    end: usize,
    members: &mut Members<'a>,
    plain: bool,
) -> Option<LineOut<'a>> {
    members.clear();
    let line = &src[start..end];
    let value_end = start + line.iter().rposition(|b| !b.is_ascii_whitespace())? + 1;
    // The line as text: a byte that is not UTF-8, in a string or out of one, fails
    // serde_json's reading anyway (the spanned reader says why). Read from a `str`,
    // serde_json does not check each string's UTF-8 again: one pass over the line
    // instead of one call per string.
    let text = simdutf8::basic::from_utf8(line).ok()?;
    let is_body = std::cell::Cell::new(false);
    // The bodies read, on the stack: one per body name at most (a repeated key fails).
    let mut bodies: Bodies = Default::default();
    // The usual record by hand; anything else by serde_json.
    let read = if plain && plain::read(text, members, &mut bodies).is_some() {
        Ok(())
    } else {
        members.clear();
        bodies = Default::default();
        let mut de = serde_json::Deserializer::from_str(text);
        LineSeed {
            is_body: &is_body,
            bodies: &mut bodies,
            members: &mut *members,
            line,
            close: value_end - 1 - start,
        }
        .deserialize(&mut de)
        .and_then(|r| de.end().map(|()| r))
    };
    match read {
        Ok(()) => {}
        Err(_) if is_body.get() => {
            // A bare body on its own line.
            let body = crate::syntax::strict::parse_body(&src[start..value_end])?;
            let mut r = bare(src, start, value_end);
            r.strict = Some(body);
            return Some(LineOut::Request(Box::new(r)));
        }
        Err(_) => return None,
    }
    let record = record::Indexed::new(members);
    if !record::is_record(&record, &BUILTIN) {
        // Not a record: a body without eventType or playerTime; the spanned path reads it.
        return None;
    }
    let span = Span::new(start, value_end);
    let meaning = match record::read(&record, &BUILTIN) {
        Reading::Request(m) => m,
        Reading::OtherTraffic => {
            return Some(LineOut::Skipped(span, record::OTHER_TRAFFIC.into()));
        }
        Reading::LegacyHeartbeat => {
            return Some(LineOut::Skipped(span, crate::wire::LEGACY_HEARTBEAT.into()));
        }
        // The spanned reader says why, or tells what the fast path cannot.
        Reading::WithoutBody | Reading::Undecided => return None,
    };
    let Meaning {
        endpoint,
        sid,
        arrival_ms,
        status,
        body_name,
        ..
    } = meaning;
    // The sid as written in the line is borrowed from it (most are: no escape).
    let sid = sid.map(|s| match s {
        Cow::Borrowed(s) => borrow_from(text, s),
        Cow::Owned(s) => Cow::Owned(s),
    });
    let at = members.iter().position(|(key, _)| *key == body_name)?;
    let LineValue::Body(slot, open, close) = members.swap_remove(at).1 else {
        return None; // (every member under a body's name was read as a body)
    };
    let mut body = bodies.get_mut(slot)?.take()?;
    let (open, close) = (start + open, start + close);
    body.span = Span::new(0, close - open);
    let mut r = Request::new(
        Cow::Borrowed(&src[open..close]),
        SourceMap::Offset(open as u32),
        span,
    );
    (r.endpoint, r.sid) = (endpoint, sid);
    (r.arrival_ms, r.status) = (arrival_ms, status);
    r.strict = Some(body);
    Some(LineOut::Request(Box::new(r)))
}

/// `s` as a slice of `line` when it is one (a string the reader borrowed from the line:
/// no allocation), else a copy.
fn borrow_from<'a>(line: &'a str, s: &str) -> Cow<'a, str> {
    let at = (s.as_ptr() as usize).wrapping_sub(line.as_ptr() as usize);
    match line.get(at..at.wrapping_add(s.len())) {
        Some(t) if t.as_ptr() == s.as_ptr() => Cow::Borrowed(t),
        _ => Cow::Owned(s.to_string()),
    }
}

/// One member of a record read by the fast path.
#[derive(Debug)]
enum LineValue<'de> {
    /// A value under one of the body's names, read by the fast path (it is an object): the
    /// body's slot in the line's [`Bodies`], and where it starts and ends in the line.
    Body(usize, usize, usize),
    /// A string, borrowed from the line when it has no escape.
    Str(std::borrow::Cow<'de, str>),
    /// Any other value.
    Value(serde_json::Value),
}

/// The bodies of one record read by the fast path, one slot per name a body may have
/// (`record::BODY`): kept on the stack instead of boxed in [`LineValue`], which would
/// allocate and free a box per line.
type Bodies<'a> = [Option<StrictBody<'a>>; record::BODY.len()];

/// Reads a record's members in one pass: values under the body's names as bodies (by the
/// fast path, in place), the others as values. Gives up on a repeated key, on a key with
/// an escape, on a body that is not an object or that the fast path does not read, and
/// on `eventType` or `playerTime`, setting `is_body` (the line is a body, not a record).
struct LineSeed<'f, 'de> {
    is_body: &'f std::cell::Cell<bool>,
    /// Where the bodies go ([`LineValue::Body`] names the slot).
    bodies: &'f mut Bodies<'de>,
    /// Where the members go (empty at the start).
    members: &'f mut Members<'de>,
    /// The line being read: borrowed keys point into it, which gives the body's place.
    line: &'de [u8],
    /// Offset in `line` of the record's closing brace.
    close: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for LineSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for LineSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a request record")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let line = self.line;
        let lost = || A::Error::custom("body's place not found");
        let members = self.members;
        // A body just read, whose end is found from what follows it.
        let mut open_body: Option<usize> = None;
        while let Some(key) = a.next_key::<&'de str>()? {
            if let Some(i) = open_body.take() {
                let end = end_before_key(line, key).ok_or_else(lost)?;
                if let LineValue::Body(_, _, e) = &mut members[i].1 {
                    *e = end;
                }
            }
            if BODY_MEMBERS.contains(&key) {
                self.is_body.set(true);
                return Err(A::Error::custom("a body, not a record"));
            }
            if members.iter().any(|(k, _)| *k == key) {
                return Err(A::Error::custom("repeated key"));
            }
            let value = if BODY.contains(&key) {
                let at = value_after_key(line, key).ok_or_else(lost)?;
                if line[at] != b'{' {
                    return Err(A::Error::custom("a body that is not an object"));
                }
                let body = a.next_value_seed(BodySeed::at(&line[at..]))?;
                let slot = self
                    .bodies
                    .iter()
                    .position(Option::is_none)
                    .ok_or_else(|| A::Error::custom("more bodies than body names"))?;
                self.bodies[slot] = Some(body);
                open_body = Some(members.len());
                LineValue::Body(slot, at, at)
            } else {
                match a.next_value_seed(crate::syntax::strict::MemberSeed)? {
                    Member::Str(s) => LineValue::Str(s),
                    Member::Value(v) => LineValue::Value(v),
                }
            };
            members.push((key, value));
        }
        if let Some(i) = open_body {
            let end = end_before(line, self.close, false).ok_or_else(lost)?;
            if let LineValue::Body(_, _, e) = &mut members[i].1 {
                *e = end;
            }
        }
        Ok(())
    }
}

/// Offset in `line` just past the object that ends before `key` (borrowed from `line`),
/// the next member's key: before its opening quote, whitespace, a comma, whitespace.
fn end_before_key(line: &[u8], key: &str) -> Option<usize> {
    let quote = (key.as_ptr() as usize)
        .checked_sub(line.as_ptr() as usize)?
        .checked_sub(1)?;
    end_before(line, quote, true)
}

/// Offset in `line` just past the object (its `}`) that ends before `line[at]`, with
/// whitespace, and a comma when `comma`, between them.
fn end_before(line: &[u8], at: usize, comma: bool) -> Option<usize> {
    let skip = |mut i: usize| {
        while i > 0 && line[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        i
    };
    let mut i = skip(at.min(line.len()));
    if comma {
        if i == 0 || line[i - 1] != b',' {
            return None;
        }
        i = skip(i - 1);
    }
    (i > 0 && line[i - 1] == b'}').then_some(i)
}

/// Reads the line `src[start..end]` (start is its first non-blank byte).
#[cfg(test)]
fn read_line(src: &[u8], start: usize, end: usize) -> Vec<LineOut<'_>> {
    read_line_with(src, start, end, &BUILTIN)
}

/// [`read_line`] with record member names `fields`.
fn read_line_with<'a>(
    src: &'a [u8],
    start: usize,
    end: usize,
    fields: &Fields,
) -> Vec<LineOut<'a>> {
    let mut outs = Vec::with_capacity(1);
    let mut pos = start;
    while pos < end {
        if src[pos] != b'{' && src[pos] != b'[' {
            outs.push(LineOut::Unreadable(Unreadable {
                span: Span::new(pos, end),
                reason: "line is not a JSON object".into(),
            }));
            break;
        }
        let line = &src[..end];
        let mut p = parse_value_at(line, pos, ParseOptions::default());
        let value_end = p.end.max(pos + 1);
        // Nothing to report in the whole record: the body's tree is handed on (see
        // `Request::parsed`).
        let clean = p.issues.is_empty();
        if !record::is_record(&p.root, fields) {
            let mut r = bare(src, pos, value_end);
            if clean {
                let mut root = std::mem::replace(&mut p.root, Node::null());
                shift(&mut root, pos as u32);
                r.parsed = Some(Box::new(root));
            }
            outs.push(LineOut::Request(Box::new(r)));
        } else {
            match read_record(src, &p.root, fields) {
                Ok((mut r, body_name)) => {
                    if let (true, SourceMap::Offset(base)) = (clean, &r.map) {
                        r.parsed = take_body(&mut p.root, &body_name).map(|mut body| {
                            shift(&mut body, *base);
                            Box::new(body)
                        });
                    }
                    outs.push(LineOut::Request(Box::new(r)))
                }
                Err(Some(reason)) if reason == crate::wire::LEGACY_HEARTBEAT => {
                    outs.push(LineOut::Skipped(Span::new(pos, value_end), reason))
                }
                Err(Some(reason)) => outs.push(LineOut::Unreadable(Unreadable {
                    span: Span::new(pos, value_end.min(end.max(pos + 1))),
                    reason,
                })),
                Err(None) => outs.push(LineOut::Skipped(
                    Span::new(pos, value_end),
                    record::OTHER_TRAFFIC.into(),
                )),
            }
        }
        pos = value_end;
        while pos < end && src[pos].is_ascii_whitespace() {
            pos += 1;
        }
    }
    outs
}

/// Takes the value of the record's member `body_name` out of it (the body [`read_record`]
/// read), when it is an object or an array written in the record itself.
fn take_body(n: &mut Node, body_name: &str) -> Option<Node> {
    let NodeKind::Object(members) = &mut n.kind else {
        return None;
    };
    let m = members.iter_mut().rev().find(|m| m.key == body_name)?;
    matches!(m.value.kind, NodeKind::Object(_) | NodeKind::Array(_))
        .then(|| std::mem::replace(&mut m.value, Node::null()))
}

/// Moves every span of `node`'s tree `delta` bytes back: file offsets to body offsets.
fn shift(node: &mut Node, delta: u32) {
    node.span = Span {
        start: node.span.start - delta,
        end: node.span.end - delta,
    };
    match &mut node.kind {
        NodeKind::Array(items) => items.iter_mut().for_each(|i| shift(i, delta)),
        NodeKind::Object(members) => {
            for m in members {
                m.key_span = Span {
                    start: m.key_span.start - delta,
                    end: m.key_span.end - delta,
                };
                shift(&mut m.value, delta);
            }
        }
        _ => {}
    }
}

/// A bare body, `src[start..end]`, as a request.
fn bare(src: &[u8], start: usize, end: usize) -> Request<'_> {
    Request::new(
        Cow::Borrowed(&src[start..end]),
        SourceMap::Offset(start as u32),
        Span::new(start, end),
    )
}

/// A record's request and the name of the member its body is in; `Err(None)` for traffic
/// that is not checked ([`record::OTHER_TRAFFIC`]), `Err(Some(reason))` when unreadable.
fn read_record<'a>(
    src: &'a [u8],
    n: &Node,
    fields: &Fields,
) -> Result<(Request<'a>, String), Option<String>> {
    let m = match record::read(n, fields) {
        Reading::Request(m) => m,
        Reading::OtherTraffic => return Err(None),
        Reading::LegacyHeartbeat => return Err(Some(crate::wire::LEGACY_HEARTBEAT.into())),
        Reading::WithoutBody => {
            let found: Vec<&str> = match &n.kind {
                NodeKind::Object(members) => members.iter().map(|m| m.key.as_str()).collect(),
                _ => Vec::new(),
            };
            return Err(Some(record::without_body(found.into_iter(), fields)));
        }
        Reading::Undecided => unreachable!("the spanned reading always decides"),
    };
    let body_node = m.body;
    let (body, map) = match &body_node.kind {
        NodeKind::String(s) => (
            Cow::Owned(s.as_bytes().to_vec()),
            literal_map(src, body_node.span),
        ),
        NodeKind::Object(_) | NodeKind::Array(_) => {
            let s = body_node.span;
            (
                Cow::Borrowed(&src[s.start as usize..s.end as usize]),
                SourceMap::Offset(s.start),
            )
        }
        _ => {
            return Err(Some(
                "the record's body is neither a string nor an object".into(),
            ))
        }
    };
    let mut r = Request::new(body, map, n.span)
        .with_endpoint(m.endpoint, m.sid.map(Cow::into_owned))
        .with_arrival_and_status(m.arrival_ms, m.status);
    // The text valint derives from a binary session names each record's transaction
    // (`capture::derived_record`), read by this reader only (never the fast path).
    if let Some(i) = n.get("transaction").and_then(Node::as_i64) {
        let method = n.get("method").and_then(Node::as_str).unwrap_or("");
        let url = n.get("url").and_then(Node::as_str).unwrap_or("");
        let place = url.split_once("://").map_or(url, |(_, rest)| rest);
        r = r.with_label(format!("transaction {i} ({method} {place})"));
    }
    Ok((r, m.body_name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every NDJSON fixture, and records written here: a body handed on by the reader is
    /// exactly what parsing the body alone gives, and only clean bodies are handed on.
    #[test]
    fn handed_on_bodies_equal_a_parse_of_the_body() {
        let mut files: Vec<Vec<u8>> = vec![concat!(
            r#"{"url":"/api/v1/sessions/s/events","body":{"eventType":"play","playerTime":{"playhead":1.5,"ts":17}}}"#,
            "\n",
            r#"{"url":"/api/v1/sessions/s/events","body":[{"a":[1,{"b":null}]},{"eventType":"x"}],"body":{"c":"\u00df"}}"#,
            "\n",
            r#"{"url":"/api/v1/sessions/s/events","body":{eventType:play,}}"#,
            "\n",
            r#"{"eventType":"ping","playerTime":{"playhead":2,"ts":18}}  {"eventType":"ping"}"#,
            "\n"
        )
        .as_bytes()
        .to_vec()];
        let mut stack = vec![std::path::PathBuf::from("testdata")];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "ndjson" || x == "jsonl") {
                    files.push(std::fs::read(p).unwrap());
                }
            }
        }
        let mut handed_on = 0;
        for bytes in files {
            let f = SourceFile::new("t.ndjson", None, bytes);
            let mut requests = Vec::new();
            for piece in Stream::spanned_only(&f) {
                requests.extend(piece.requests);
            }
            for r in requests {
                let alone = crate::syntax::parse_with(&r.body, ParseOptions::default());
                if let Some(root) = r.parsed {
                    assert!(alone.issues.is_empty());
                    assert_eq!(*root, alone.root);
                    handed_on += 1;
                }
            }
        }
        assert!(handed_on > 20, "{handed_on}");
    }

    /// A log of several windows, with blank lines, comment lines, CRLF, unreadable lines
    /// and other traffic around its records, read in stretches on any thread: the same
    /// requests, unreadable lines and skipped records, in the same order, as one pass
    /// over its lines in file order.
    #[test]
    fn stretches_read_like_one_pass_over_the_lines() {
        let mut log = String::new();
        let mut i = 0u64;
        while log.len() < 3 * WINDOW_BYTES.max(WINDOW_BYTES_THREADS) + 1000 {
            i += 1;
            let record = format!(
                r#"{{"url":"https://h/api/v1/sessions/s{}/events","timestamp":{},"body":{{"eventType":"ping","playerTime":{{"playhead":{i},"ts":{}}}}}}}"#,
                i % 5,
                1_700_000_000_000 + i,
                1_700_000_000_000 + i
            );
            log.push_str(match i % 11 {
                0 => "# a comment\n",
                1 => "\n  \t\n",
                2 => "// a note\r\n",
                3 => "{\"url\": \"https://h/api/v1/sessions/x/events\", \"body\": {\n",
                5 => "not json\n",
                4 => r#"{"url":"https://h/other","body":{}}"#,
                _ => "",
            });
            if i % 11 == 4 {
                log.push('\n');
            }
            log.push_str(&record);
            log.push_str(if i % 3 == 0 { "\r\n" } else { "\n" });
        }
        log.push_str("   \n// trailing note");
        let f = SourceFile::new("x.ndjson", None, log.into_bytes());
        let src: &[u8] = &f.bytes;
        let (mut want_req, mut want_bad, mut want_skip) = (Vec::new(), Vec::new(), Vec::new());
        let mut pos = 0;
        loop {
            pos = skip_blank_and_comments(src, pos);
            if pos >= src.len() {
                break;
            }
            let end = memchr::memchr(b'\n', &src[pos..]).map_or(src.len(), |i| pos + i);
            for o in read_line(src, pos, end) {
                match o {
                    LineOut::Request(r) => want_req.push((r.span, r.body)),
                    LineOut::Unreadable(u) => want_bad.push(u.span),
                    LineOut::Skipped(span, _) => want_skip.push(span),
                }
            }
            pos = end;
        }
        assert!(want_req.len() > 2000 && want_bad.len() > 100 && want_skip.len() > 100);
        for stream in [Stream::new(&f), Stream::spanned_only(&f)] {
            let (mut req, mut bad, mut skip) = (Vec::new(), Vec::new(), Vec::new());
            let mut pieces = 0;
            for p in stream {
                pieces += 1;
                req.extend(p.requests.into_iter().map(|r| (r.span, r.body)));
                bad.extend(p.unreadable.into_iter().map(|u| u.span));
                skip.extend(p.skipped.into_iter().map(|(s, _)| s));
            }
            assert!(pieces >= 3, "{pieces}");
            assert_eq!(req, want_req);
            assert_eq!(bad, want_bad);
            assert_eq!(skip, want_skip);
        }
    }

    /// Two `Location` headers differing in case: the first as written names the session,
    /// with or without the fast path.
    #[test]
    fn the_first_of_two_location_headers_names_the_session() {
        let text = concat!(
            r#"{"url":"https://h/api/v1/sessions","status":201,"response_headers":{"location":"/api/v1/sessions/b","Location":"/api/v1/sessions/a"},"body":{"eventType":"sessionStart"}}"#,
            "\n"
        );
        let f = SourceFile::new("x.ndjson", None, text.as_bytes().to_vec());
        let sids = |stream: Stream<'_>| -> Vec<Option<String>> {
            stream
                .flat_map(|p| p.requests)
                .map(|r| r.sid.map(Cow::into_owned))
                .collect()
        };
        assert_eq!(sids(Stream::spanned_only(&f)), vec![Some("b".to_string())]);
        assert_eq!(sids(Stream::new(&f)), vec![Some("b".to_string())]);
    }

    /// The fast path finds the body wherever it is in the record, with any whitespace
    /// around it, reads it as parsing the body alone does, and gives the request the
    /// spanned reader gives; a body it does not read sends the line to the spanned reader.
    #[test]
    fn fast_records_read_like_the_spanned_reader() {
        let lines = [
            r#"{"body":{"eventType":"play","playerTime":{"playhead":1,"ts":2}},"url":"/api/v1/sessions/s/events","timestamp":"2024-01-01T00:00:00.5Z"}"#,
            r#"{ "url" : "/api/v1/sessions/s/events" , "body" : { "eventType" : "ping" } , "status" : 204 }"#,
            r#"{"url":"/api/v1/sessions/s/events","body":{"eventType":"ping"}   }"#,
            r#"{"url":"/api/v1/sessions","body":{}}"#,
            r#"{"url":"/api/v1/sessions/s/events","body":{"eventType":"ping","params":{"a":"}{,\"x\":"}},"data":{"z":1}}"#,
            "{\t\"payload\":\t{\"eventType\":\"play\"}\t,\t\"uri\":\"/api/v1/sessions/s/events\"}",
            r#"{"url":"/api/v1/sessions/s/events","body":{"eventType":"play","params":{"media.name":"Épisode – 1 ✓"}},"note":"日本"}"#,
        ];
        for line in lines {
            let text = format!("{line}\n");
            let f = SourceFile::new("x.ndjson", None, text.clone().into_bytes());
            let Some(LineOut::Request(fast)) = fast_line(&f.bytes, 0, line.len()) else {
                panic!("the fast path reads {line}");
            };
            let slow = read_line(&f.bytes, 0, line.len());
            let [LineOut::Request(slow)] = &slow[..] else {
                panic!("the spanned reader reads {line}");
            };
            assert_eq!(fast.body, slow.body, "{line}");
            assert_eq!(fast.span, slow.span, "{line}");
            assert_eq!(
                fast.map.span_to_file(Span::new(0, 1)),
                slow.map.span_to_file(Span::new(0, 1)),
                "{line}"
            );
            assert_eq!((&fast.sid, fast.endpoint), (&slow.sid, slow.endpoint));
            assert_eq!(
                (fast.arrival_ms, fast.status),
                (slow.arrival_ms, slow.status)
            );
            let alone = crate::syntax::strict::parse_body(&fast.body).expect("strict body");
            assert_eq!(fast.strict.as_ref(), Some(&alone), "{line}");
        }
        // A body the fast path does not read (a placeholder): the whole line is the
        // spanned reader's.
        let line = r#"{"url":"/api/v1/sessions/s/events","body":{"playerTime":{"ts":"<timestamp>"}},"status":204}"#;
        assert!(fast_line(line.as_bytes(), 0, line.len()).is_none());
        // A sid written out is borrowed from the line; one written with an escape, a copy.
        for (line, borrowed) in [
            (
                r#"{"url":"/api/v1/sessions/s1/events","body":{"eventType":"play"}}"#,
                true,
            ),
            (
                r#"{"url":"/api/v1/sessions/s\u0031/events","body":{"eventType":"play"}}"#,
                false,
            ),
            (
                r#"{"sid":"s1","url":"/api/v1/sessions","body":{"eventType":"play"}}"#,
                true,
            ),
        ] {
            let Some(LineOut::Request(r)) = fast_line(line.as_bytes(), 0, line.len()) else {
                panic!("the fast path reads {line}");
            };
            assert_eq!(r.sid.as_deref(), Some("s1"), "{line}");
            assert_eq!(matches!(r.sid, Some(Cow::Borrowed(_))), borrowed, "{line}");
        }
        // A byte that is not UTF-8, in a string or after the record: the spanned reader's.
        for line in [
            &b"{\"url\":\"/api/v1/sessions/s/events\",\"body\":{\"eventType\":\"pl\xffy\"}}"[..],
            b"{\"url\":\"/api/v1/sessions/s/events\",\"body\":{\"eventType\":\"play\"}} \xe9",
            b"{\"eventType\":\"pl\xc3y\",\"playerTime\":{\"playhead\":1,\"ts\":2}}",
        ] {
            assert!(fast_line(line, 0, line.len()).is_none());
            assert!(!read_line(line, 0, line.len()).is_empty());
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Records of any shape, and those records with a byte deleted, doubled or
        /// changed: the fast path never panics, and whatever it reads, the spanned reader
        /// reads the same way.
        #[test]
        fn fast_path_reads_any_record_like_the_spanned_reader(
            order in proptest::sample::subsequence(vec![0usize, 1, 2, 3, 4], 1..=5),
            ws in proptest::collection::vec(proptest::sample::select(vec!["", " ", "\t", "  "]), 12),
            which in 0usize..7,
            edit in proptest::option::of((0usize..400, 0u8..3, proptest::sample::select(b"{}[],:\"\\ x0".to_vec()))),
        ) {
            // The first four are plain objects, which the fast path reads.
            let bodies = [
                r#"{"eventType":"ping","playerTime":{"playhead":1.5,"ts":17}}"#,
                r#"{ "playerTime" : { "ts" : 1 , "playhead" : 0 } , "eventType" : "play" }"#,
                r#"{"eventType":"a\"}{","params":{"k":"]}\\","n":[{},[]]}}"#,
                r#"{}"#,
                r#"[{"eventType":"ping"}]"#,
                r#""{\"eventType\":\"ping\"}""#,
                r#"{"eventType":"play","eventType":"ping"}"#,
            ];
            let body = bodies[which];
            let members = [
                r#""url":"https://h/api/v1/sessions/s1/events""#.to_string(),
                format!(r#""body":{}{body}"#, ws[0]),
                r#""timestamp":"2024-01-01T00:00:00.250Z""#.to_string(),
                r#""status":204"#.to_string(),
                r#""data":{"x":1}"#.to_string(),
            ];
            let mut line = String::from("{");
            for (n, i) in order.iter().enumerate() {
                if n > 0 {
                    line.push_str(ws[2 * n % 12]);
                    line.push(',');
                }
                line.push_str(ws[(2 * n + 1) % 12]);
                line.push_str(&members[*i]);
            }
            line.push_str(ws[11]);
            line.push('}');
            let mut bytes = line.into_bytes();
            if let Some((at, how, b)) = edit {
                let at = at % bytes.len();
                match how {
                    0 => {
                        bytes.remove(at);
                    }
                    1 => bytes.insert(at, bytes[at]),
                    _ => bytes[at] = b,
                }
            }
            let end = bytes.len();
            let must_read = edit.is_none() && which < 4 && order.contains(&1);
            let Some(fast) = fast_line(&bytes, 0, end) else {
                proptest::prop_assert!(!must_read, "the fast path gives up on {}", String::from_utf8_lossy(&bytes));
                return Ok(());
            };
            let slow = read_line(&bytes, 0, end);
            match (fast, &slow[..]) {
                (LineOut::Request(fast), [LineOut::Request(slow)]) => {
                    proptest::prop_assert_eq!(&fast.body, &slow.body);
                    proptest::prop_assert_eq!(fast.span, slow.span);
                    proptest::prop_assert_eq!(
                        fast.map.span_to_file(Span::new(0, 1)),
                        slow.map.span_to_file(Span::new(0, 1))
                    );
                    proptest::prop_assert_eq!((&fast.sid, fast.endpoint), (&slow.sid, slow.endpoint));
                    proptest::prop_assert_eq!((fast.arrival_ms, fast.status), (slow.arrival_ms, slow.status));
                    let alone = crate::syntax::strict::parse_body(&fast.body);
                    proptest::prop_assert_eq!(fast.strict, alone);
                }
                (LineOut::Skipped(a, _), [LineOut::Skipped(b, _)]) => proptest::prop_assert_eq!(a, *b),
                (_, slow) => proptest::prop_assert!(false, "fast path and spanned reader differ: {:?}", slow.len()),
            }
        }
    }

    /// What a fast-path reading of one line gave, in words, to compare two readings.
    fn reading(out: &Option<LineOut>) -> String {
        match out {
            None => "none".to_string(),
            Some(LineOut::Request(r)) => format!("{r:?}"),
            Some(LineOut::Unreadable(u)) => format!("unreadable {u:?}"),
            Some(LineOut::Skipped(span, why)) => format!("skipped {span:?} {why}"),
        }
    }

    /// The canonical lines the hand reading takes, and some it leaves to serde_json.
    #[test]
    fn the_usual_record_is_read_by_hand() {
        let taken = [
            r#"{"timestamp":"2024-11-15T12:01:58.073Z","method":"POST","url":"https://h/api/v1/sessions/s1/events","status":204,"body":{"playerTime":{"playhead":43317.699,"ts":1731672118058},"eventType":"ping"}}"#,
            r#"{"url":"/api/v1/sessions/s1/events","status":204.0,"body":{"playerTime":{"playhead":1,"ts":2},"eventType":"ping"}}"#,
            "{ \"body\" : { \"eventType\" : \"play\" , \"playerTime\" : { \"ts\" : 1 , \"playhead\" : 0 } } ,\t\"url\":\"/api/v1/sessions/s1/events\", \"ok\": true, \"n\": null }\r",
        ];
        let left = [
            r#"{"url":"/api/v1/sessions/s1/events","status":2e2,"body":{"playerTime":{"playhead":1,"ts":2},"eventType":"ping"}}"#,
            r#"{"url":"/api/v1/sessions/s1/events","status":-1,"body":{"playerTime":{"playhead":1,"ts":2},"eventType":"ping"}}"#,
            r#"{"url":"/api/v1/sessions/s1/events","note":"a\"b","body":{"playerTime":{"playhead":1,"ts":2},"eventType":"ping"}}"#,
            r#"{"url":"/api/v1/sessions/s1/events","body":{"playerTime":{"playhead":1,"ts":2},"eventType":"ping","params":{}}}"#,
            r#"{"url":"/api/v1/sessions","response_headers":{"Location":"/api/v1/sessions/s1"},"body":{"playerTime":{"playhead":1,"ts":2},"eventType":"ping"}}"#,
            r#"{"url":"/api/v1/sessions/s1/events","body":"{}"}"#,
            r#"{"url":"/api/v1/sessions/s1/events","url":"/x","body":{"playerTime":{"playhead":1,"ts":2},"eventType":"ping"}}"#,
            r#"{"playerTime":{"playhead":1,"ts":2},"eventType":"ping"}"#,
            "{\"url\":\"/api/v1/sessions/s1/events\",\"note\":\"a\tb\",\"body\":{\"playerTime\":{\"playhead\":1,\"ts\":2},\"eventType\":\"ping\"}}",
        ];
        for (line, want) in taken
            .iter()
            .map(|l| (l, true))
            .chain(left.iter().map(|l| (l, false)))
        {
            let mut members = Vec::new();
            let mut bodies: Bodies = Default::default();
            let got = plain::read(line, &mut members, &mut bodies).is_some();
            assert_eq!(got, want, "{line}");
            // Both ways, the same request and every member read alike.
            let read = |plain| {
                let mut members = Vec::new();
                let out = fast_line_with(line.as_bytes(), 0, line.len(), &mut members, plain);
                (reading(&out), format!("{members:?}"))
            };
            assert_eq!(read(true), read(false), "{line}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// Records near the usual shape, in any order, with any whitespace, with values
        /// the hand reading takes and values it leaves, then with bytes deleted, doubled
        /// or changed: what the fast path reads with the usual record read by hand is
        /// exactly what it reads with serde_json alone.
        #[test]
        fn plain_records_read_as_serde_json_reads_them(
            order in proptest::prelude::Strategy::prop_shuffle(
                proptest::sample::subsequence((0usize..8).collect::<Vec<_>>(), 1..=8)
            ),
            ws in proptest::collection::vec(proptest::sample::select(vec!["", " ", "\t", "\r", "  "]), 18),
            body in 0usize..8,
            status in 0usize..10,
            other in 0usize..6,
            edits in proptest::collection::vec(
                (0usize..400, 0u8..3, proptest::sample::select(b"{}[],:\"\\ x0.e-\x01\x7f9tnfu".to_vec())),
                0..3,
            ),
        ) {
            let bodies = [
                r#"{"playerTime":{"playhead":1.5,"ts":17},"eventType":"ping"}"#,
                r#"{ "eventType" : "play" , "playerTime" : { "ts" : 1 , "playhead" : 0 } }"#,
                r#"{"eventType":"pi\u006eg","playerTime":{"playhead":1,"ts":2}}"#,
                r#"{"eventType":"ping","playerTime":{"playhead":1,"ts":2},"params":{"a":1}}"#,
                r#"{"eventType":"ping"}"#,
                r#""{\"eventType\":\"ping\"}""#,
                r#"{"playerTime":{"playhead":1,"ts":2},"eventType":7}"#,
                r#"{"eventType":"ping","eventType":"play","playerTime":{"playhead":1,"ts":2}}"#,
            ];
            let statuses = ["204", "0", "01", "2.0", "-1", "1e2", "true", "null", "\"204\"", "12345678901234567890"];
            let others = [
                r#""data":"x""#,
                r#""payload":{"playerTime":{"playhead":3,"ts":4},"eventType":"play"}"#,
                r#""eventType":"ping""#,
                r#""note":"tab\there""#,
                r#""response_headers":{"Location":"/api/v1/sessions/s9"}"#,
                r#""sid":"s2""#,
            ];
            let members = [
                r#""url":"https://h/api/v1/sessions/s1/events""#.to_string(),
                format!(r#""body":{}{}"#, ws[0], bodies[body]),
                r#""timestamp":"2024-01-01T00:00:00.250Z""#.to_string(),
                format!(r#""status":{}"#, statuses[status]),
                r#""method":"POST""#.to_string(),
                others[other].to_string(),
                r#""ok":false"#.to_string(),
                r#""url":"/api/v1/sessions""#.to_string(),
            ];
            let mut line = String::from("{");
            for (n, i) in order.iter().enumerate() {
                if n > 0 {
                    line.push_str(ws[(2 * n) % 18]);
                    line.push(',');
                }
                line.push_str(ws[(2 * n + 1) % 18]);
                line.push_str(&members[*i]);
            }
            line.push_str(ws[17]);
            line.push('}');
            line.push_str(ws[16]);
            let mut bytes = line.into_bytes();
            for (at, how, b) in edits {
                let at = at % bytes.len();
                match how {
                    0 if bytes.len() > 1 => {
                        bytes.remove(at);
                    }
                    1 => bytes.insert(at, bytes[at]),
                    _ => bytes[at] = b,
                }
            }
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let by_hand = fast_line_with(&bytes, 0, bytes.len(), &mut a, true);
            let by_serde = fast_line_with(&bytes, 0, bytes.len(), &mut b, false);
            proptest::prop_assert_eq!(reading(&by_hand), reading(&by_serde), "{}", String::from_utf8_lossy(&bytes));
            // Every member as read, not only what the request makes of them.
            proptest::prop_assert_eq!(format!("{a:?}"), format!("{b:?}"), "{}", String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn records_and_bare_bodies() {
        let text = concat!(
            r#"{"method":"POST","url":"https://h/api/v1/sessions","body":"{\"eventType\":\"sessionStart\"}","status":201,"response_headers":{"Location":"/api/v1/sessions/s1"}}"#,
            "\n",
            r#"{"method":"POST","url":"https://h/api/v1/sessions/s1/events","body":{"eventType":"play"},"timestamp":"2024-01-01T00:00:00Z"}"#,
            "\n",
            r#"{"method":"GET","url":"https://h/other","body":""}"#,
            "\nnot json\n"
        );
        let f = SourceFile::new("x.ndjson", None, text.as_bytes().to_vec());
        assert!(sniff(&f.bytes));
        let r = read(&f);
        assert_eq!(r.requests.len(), 2);
        assert_eq!(r.requests[0].sid.as_deref(), Some("s1"));
        assert_eq!(r.requests[1].sid.as_deref(), Some("s1"));
        assert_eq!(r.requests[1].arrival_ms, Some(1704067200000));
        assert_eq!(r.skipped.len(), 1);
        assert_eq!(r.unreadable.len(), 1);
    }
}
