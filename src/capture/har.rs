//! HAR 1.2 exports (browser devtools, Playwright, Charles, Proxyman, Fiddler, mitmproxy,
//! BrowserMob).
//!
//! The file goes through valint's own lenient parser, never a strict one: real exports carry
//! lone surrogate escapes and entries missing fields the spec calls required, and one bad
//! entry must not sink the capture. Only Media Collection API traffic is kept
//! (`POST .../api/v1/sessions`, `.../sessions/{sid}/events`, `.../api/v1/downloaded`); CORS
//! preflights and other traffic are counted as skipped. A request body sits inside the
//! `postData.text` string literal: its offsets are mapped back through the literal's escapes,
//! so findings point at the `.har` file's own bytes.
//!
//! The file is read a window of entries at a time ([`Stream`]): memory holds the entry being
//! parsed and the requests of one window, never a tree of the whole export.

use super::common::{
    classify_location, header_in_list, literal_map, parse_time_ms, recorded_status,
};
use super::{classify_url, ArrivalOrder, CaptureRead, Endpoint, Request, Unreadable};
use crate::source::{SourceFile, SourceMap, Span};
use crate::syntax::{
    MemberAt, Node, NodeKind, Outline, OutlineArray, OutlineObject, ParseOptions, SyntaxIssue,
    SyntaxKind,
};
use base64::Engine as _;

/// Issues of the HAR container itself (not of a Media request body), with whether they sit
/// inside a Media Collection entry.
#[derive(Debug, Clone)]
pub struct ContainerIssue {
    /// The parser's finding, with a span into the file.
    pub issue: SyntaxIssue,
    /// True when it lies inside an entry valint checks.
    pub in_media_entry: bool,
    /// A message that says more than the parser's (which entry, how many problems).
    pub message: Option<String>,
}

/// True when `bytes` look like a HAR file (`{"log": {... "entries": [`).
pub fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let t = String::from_utf8_lossy(head);
    let t = t.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('{')
        && t.contains("\"log\"")
        && (t.contains("\"entries\"") || t.contains("\"version\""))
}

/// Syntax problems that break an entry's structure, so that its fields cannot be trusted
/// (as opposed to a bad escape inside a string, which leaves the entry readable).
fn is_structural(kind: SyntaxKind) -> bool {
    !matches!(
        kind,
        SyntaxKind::InvalidEscape
            | SyntaxKind::Json5Escape
            | SyntaxKind::ControlCharacter
            | SyntaxKind::InvalidUtf8
            | SyntaxKind::DuplicateKey
            | SyntaxKind::IntegerOverflow
    )
}

/// Reads a whole HAR file at once: the pieces of [`Stream`], joined. Container issues are
/// returned beside the requests (sorted by span), not in [`CaptureRead::container_issues`].
///
/// An entry with a structural syntax error (an unescaped quote in a body pasted into the
/// file, a hand edit) is reported once, as unreadable, and not checked; a file cut off in
/// the middle of an entry (a copy or an export interrupted) reports that entry as unreadable
/// and checks every entry before it.
pub fn read(file: &SourceFile) -> (CaptureRead<'_>, Vec<ContainerIssue>) {
    let mut out = CaptureRead::default();
    Stream::new(file).for_each(|piece| out.append(piece));
    let issues = std::mem::take(&mut out.container_issues);
    (out, issues)
}

/// Reads a HAR file a window of entries at a time, so that a large export is never one
/// tree in memory: an [`Outline`] walks the document's top (`{"log": {..., "entries": [`;
/// keys in any order, other members parsed on their own and dropped) and each entry is
/// parsed on its own, as the parser would parse it inside the whole document. Each piece
/// holds the requests of up to [`WINDOW_ENTRIES`] entries or about [`WINDOW_BYTES`] of the
/// file, what could not be read there, and the container issues of that stretch of the
/// file (sorted by span; pieces come in file order, the last one ends the file). Requests
/// go through an [`ArrivalOrder`]: exports list entries roughly, not exactly, in the order
/// they were sent (by `startedDateTime`).
///
/// A document whose top is not an object cannot hold `log.entries`: it is parsed as one
/// value (such files are small and malformed) and reported as not a HAR capture. Where a
/// key is repeated (two `log` members, or two `log.entries` arrays), every `entries` array
/// is read, in file order; a whole-document reading would keep only the last one.
pub struct Stream<'a> {
    src: &'a [u8],
    outline: Outline<'a>,
    /// The root object, `log` and `log.entries`, while the walk is inside them.
    root: Option<OutlineObject>,
    log: Option<OutlineObject>,
    entries: Option<OutlineArray>,
    started: bool,
    /// One past the file's last non-blank byte: where a cut-off file's issues are.
    text_end: usize,
    /// Issues found and not yet placed, numbered in the order they were found.
    pending: Vec<(u64, SyntaxIssue)>,
    found: u64,
    /// The last entry parsed, with its index: it is placed once the issues just after it
    /// are known (a missing comma before the next entry is found when that one starts).
    held: Option<(usize, Node)>,
    /// Entries in the current `entries` array so far, and where the last one ends.
    count: usize,
    last_entry_end: Option<usize>,
    /// An `entries` array was read.
    read_entries: bool,
    /// The last `log.entries` when it is not an array: where it is and what it is.
    not_array: Option<(usize, &'static str)>,
    order: ArrivalOrder<'a>,
    done: bool,
    /// Entries per piece at most ([`WINDOW_ENTRIES`]; smaller in tests).
    window_entries: usize,
}

/// Entries placed per piece at most.
pub const WINDOW_ENTRIES: usize = 1024;

/// Bytes of the file a piece covers, about: a piece ends at the first entry that starts
/// this far past the piece's start, once it holds at least one entry.
pub const WINDOW_BYTES: usize = 4 << 20;

/// How deep the HAR reader's parse may nest (entries sit at depth 3).
const MAX_DEPTH: usize = 512;

/// One step of the walk.
enum Step {
    /// The next entry of `log.entries`, with its index in the array.
    Entry(usize, Node),
    /// The end of the document.
    End,
}

/// A piece being filled.
#[derive(Default)]
struct Piece<'a> {
    out: CaptureRead<'a>,
    /// Container issues with their order: (start, end, not about a broken entry, found).
    issues: Vec<((u32, u32, bool, u64), ContainerIssue)>,
    entries: usize,
}

impl<'a> Piece<'a> {
    fn issue(&mut self, n: u64, issue: SyntaxIssue, in_media_entry: bool, message: Option<String>) {
        let key = (issue.span.start, issue.span.end, message.is_none(), n);
        self.issues.push((
            key,
            ContainerIssue {
                issue,
                in_media_entry,
                message,
            },
        ));
    }

    fn finish(mut self, read_to: usize) -> CaptureRead<'a> {
        self.issues.sort_by_key(|(k, _)| *k);
        self.out.container_issues = self.issues.into_iter().map(|(_, c)| c).collect();
        self.out.read_to = read_to;
        self.out
    }
}

impl<'a> Stream<'a> {
    /// A stream over `file`, from its start.
    pub fn new(file: &'a SourceFile) -> Stream<'a> {
        let src: &[u8] = &file.bytes;
        let text_end = src
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
        Stream {
            src,
            outline: Outline::new(
                src,
                ParseOptions {
                    max_depth: MAX_DEPTH,
                },
            ),
            root: None,
            log: None,
            entries: None,
            started: false,
            text_end,
            pending: Vec::new(),
            found: 0,
            held: None,
            count: 0,
            last_entry_end: None,
            read_entries: false,
            not_array: None,
            order: ArrivalOrder::default(),
            done: false,
            window_entries: WINDOW_ENTRIES,
        }
    }

    /// Walks on to the next entry or to the end of the document, parsing and dropping
    /// everything on the way.
    fn step(&mut self) -> Step {
        let o = &mut self.outline;
        loop {
            if let Some(a) = self.entries.as_mut() {
                if let Some(start) = o.item(a) {
                    let node = o.value();
                    o.item_end(a, start, node.span.end as usize);
                    let i = self.count;
                    self.count += 1;
                    self.last_entry_end = Some(node.span.end as usize);
                    return Step::Entry(i, node);
                }
                let span = o.close_array(self.entries.take().expect("open"));
                let log = self.log.as_mut().expect("entries are inside log");
                o.member_end(log, span.end as usize);
            } else if let Some(log) = self.log.as_mut() {
                match o.member(log) {
                    MemberAt::Value { key, .. } if key == "entries" => {
                        if o.peek() == Some(b'[') {
                            if let Some(a) = o.open_array() {
                                self.entries = Some(a);
                                self.count = 0;
                                self.last_entry_end = None;
                                self.read_entries = true;
                                self.not_array = None;
                                continue;
                            }
                        }
                        let n = o.value();
                        self.not_array = Some((n.span.start as usize, kind_name(&n.kind)));
                        o.member_end(log, n.span.end as usize);
                    }
                    MemberAt::Value { .. } => {
                        let n = o.value();
                        o.member_end(log, n.span.end as usize);
                    }
                    MemberAt::NoValue { key, at, .. } => {
                        if key == "entries" {
                            self.not_array = Some((at, kind_name(&NodeKind::Invalid)));
                        }
                    }
                    MemberAt::Closed => {
                        let span = o.close_object(self.log.take().expect("open"));
                        let root = self.root.as_mut().expect("log is inside the root");
                        o.member_end(root, span.end as usize);
                    }
                }
            } else if let Some(root) = self.root.as_mut() {
                match o.member(root) {
                    MemberAt::Value { key, .. } => {
                        if key == "log" {
                            // The last `log` is the one that counts (as for any repeated key).
                            self.not_array = None;
                            if o.peek() == Some(b'{') {
                                if let Some(l) = o.open_object() {
                                    self.log = Some(l);
                                    continue;
                                }
                            }
                        }
                        let n = o.value();
                        o.member_end(root, n.span.end as usize);
                    }
                    MemberAt::NoValue { key, .. } => {
                        if key == "log" {
                            self.not_array = None;
                        }
                    }
                    MemberAt::Closed => {
                        o.close_object(self.root.take().expect("open"));
                        o.finish();
                        return Step::End;
                    }
                }
            } else if !self.started {
                self.started = true;
                if o.skip_ws() == Some(b'{') {
                    if let Some(r) = o.open_object() {
                        self.root = Some(r);
                        continue;
                    }
                }
                // Not an object (or nothing at all): it holds no `log.entries`. Parsed
                // whole, for its syntax issues; such a file is small and malformed.
                let _ = o.value();
                o.finish();
                return Step::End;
            } else {
                return Step::End;
            }
        }
    }

    /// Places entry `i`: its request, or why it is skipped or unreadable, and the issues
    /// inside it. Every issue before it is placed too, as an issue of the container.
    fn place_entry(&mut self, i: usize, entry: Node, is_cut: bool, piece: &mut Piece<'a>) {
        let src = self.src;
        let (start, end) = (entry.span.start as usize, entry.span.end as usize);
        let text_end = self.text_end;
        let inside = |at: usize| start <= at && (at < end || (at == end && end >= text_end));
        let mut mine: Vec<(u64, SyntaxIssue)> = Vec::new();
        let mut later = Vec::new();
        for (n, issue) in self.pending.drain(..) {
            let at = issue.span.start as usize;
            if inside(at) {
                mine.push((n, issue));
            } else if at < start {
                piece.issue(n, issue, false, None);
            } else {
                later.push((n, issue));
            }
        }
        self.pending = later;
        mine.sort_by_key(|(n, s)| (s.span.start, s.span.end, *n));
        let mut outcome = read_entry(src, i, &entry);
        if is_cut {
            // The entry's end is missing: what it holds is not what was sent.
            mine.clear();
            outcome = EntryOutcome::Unreadable(
                "the file ends inside this entry: the capture was cut off here, and nothing after it was recorded".into(),
            );
        } else {
            let broken = mine.iter().filter(|(_, s)| is_structural(s.kind)).count();
            if let Some(first) = mine.iter().position(|(_, s)| is_structural(s.kind)) {
                let (n, issue) = mine.remove(first);
                mine.retain(|(_, s)| !is_structural(s.kind));
                let what = broken_entry_message(src, i, &issue, broken);
                let media = match outcome {
                    EntryOutcome::Skipped(reason) => {
                        piece.out.skipped.push((entry.span, reason));
                        piece.issue(n, issue, false, Some(what));
                        false
                    }
                    _ => {
                        piece.out.unreadable.push(Unreadable {
                            span: issue_span(&issue),
                            reason: what,
                        });
                        true
                    }
                };
                for (n, issue) in mine {
                    piece.issue(n, issue, media, None);
                }
                return;
            }
        }
        let media = match outcome {
            EntryOutcome::Request(r) => {
                self.order.push_boxed(r, &mut piece.out.requests);
                true
            }
            EntryOutcome::Skipped(reason) => {
                piece.out.skipped.push((entry.span, reason));
                false
            }
            EntryOutcome::Unreadable(reason) => {
                piece.out.unreadable.push(Unreadable {
                    span: entry_label_span(&entry),
                    reason: format!("entry {i}: {reason}"),
                });
                true
            }
        };
        for (n, issue) in mine {
            piece.issue(n, issue, media, None);
        }
    }

    /// Places the issues found before `at` that are not inside an entry.
    fn place_before(&mut self, at: usize, piece: &mut Piece<'a>) {
        let (before, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|(_, s)| (s.span.start as usize) < at);
        self.pending = later;
        for (n, issue) in before {
            piece.issue(n, issue, false, None);
        }
    }

    /// At the end of the document: places the last entry, says whether and where the file
    /// was cut off, or why it holds no entries.
    fn end(&mut self, piece: &mut Piece<'a>) {
        let text_end = self.text_end;
        if !self.read_entries {
            let (span, reason) = match self.not_array {
                Some((at, what)) => (
                    Span::new(at, at + 1),
                    format!("`log.entries` is {what}, not the array of requests HAR defines"),
                ),
                None => (
                    Span::new(0, self.src.len().min(1)),
                    "not a HAR capture: it has no `log.entries` array of requests".to_string(),
                ),
            };
            piece.out.unreadable.push(Unreadable { span, reason });
            self.place_before(usize::MAX, piece);
            return;
        }
        // Where the file was cut off: the parser reports the unclosed brackets at its end.
        let at_end = |s: &SyntaxIssue| {
            s.kind == SyntaxKind::UnexpectedEnd && s.span.start as usize >= text_end
        };
        let cut = self.pending.iter().any(|(_, s)| at_end(s));
        piece.out.truncated = cut;
        if let Some((i, entry)) = self.held.take() {
            let is_cut = cut && entry.span.end as usize >= text_end;
            self.place_entry(i, entry, is_cut, piece);
            piece.entries += 1;
        }
        self.order.flush(&mut piece.out.requests);
        let cut_inside_entry = self.last_entry_end.is_some_and(|e| e >= text_end);
        if cut && !cut_inside_entry {
            // Cut between entries: say so once, instead of one finding per unclosed bracket.
            self.pending.retain(|(_, s)| !at_end(s));
            let after = match self.count {
                0 => "before the first entry".to_string(),
                n => format!("after entry {}", n - 1),
            };
            piece.out.unreadable.push(Unreadable {
                span: Span::new(text_end.saturating_sub(1), text_end),
                reason: format!(
                    "the file ends {after}, before the HAR's closing brackets: the capture was cut off here, and anything recorded after it is missing"
                ),
            });
        }
        self.place_before(usize::MAX, piece);
    }
}

impl<'a> Iterator for Stream<'a> {
    type Item = CaptureRead<'a>;

    fn next(&mut self) -> Option<CaptureRead<'a>> {
        if self.done {
            return None;
        }
        let mut piece = Piece::default();
        let window_start = self.outline.pos();
        loop {
            let step = self.step();
            for issue in self.outline.take_issues() {
                self.pending.push((self.found, issue));
                self.found += 1;
            }
            match step {
                Step::Entry(i, entry) => {
                    let start = entry.span.start as usize;
                    if let Some((j, prev)) = self.held.replace((i, entry)) {
                        self.place_entry(j, prev, false, &mut piece);
                        piece.entries += 1;
                    }
                    let full = piece.entries >= self.window_entries
                        || (piece.entries > 0 && start - window_start >= WINDOW_BYTES);
                    if full {
                        // Everything before the held entry is placed: the piece ends there.
                        self.place_before(start, &mut piece);
                        return Some(piece.finish(start));
                    }
                }
                Step::End => {
                    self.end(&mut piece);
                    self.done = true;
                    return Some(piece.finish(self.src.len()));
                }
            }
        }
    }
}

fn kind_name(k: &NodeKind) -> &'static str {
    match k {
        NodeKind::Object(_) => "an object",
        NodeKind::String(_) => "a string",
        NodeKind::Number(_) => "a number",
        NodeKind::Bool(_) => "a boolean",
        NodeKind::Null => "null",
        NodeKind::Array(_) => "an array",
        NodeKind::Placeholder(_) | NodeKind::Invalid => "not a JSON value",
    }
}

/// A span that can carry a label (an insertion point gets one byte).
fn issue_span(issue: &SyntaxIssue) -> Span {
    let s = issue.span;
    if s.is_empty() {
        Span::new(s.start as usize, s.start as usize + 1)
    } else {
        s
    }
}

/// "entry 5 is not valid JSON from here on (15 syntax errors in it)".
fn broken_entry_message(src: &[u8], index: usize, issue: &SyntaxIssue, count: usize) -> String {
    let errors = if count == 1 {
        "1 syntax error".to_string()
    } else {
        format!("{count} syntax errors")
    };
    // Right after a closing quote: a string ended where its writer did not mean it to.
    let hint = if src[..issue.span.start as usize].ends_with(b"\"") {
        "; a `\"` left unescaped inside a string is the usual cause"
    } else {
        ""
    };
    format!("entry {index} is not valid JSON from here on ({errors} in it){hint}")
}

enum EntryOutcome {
    /// (The body is decoded from the entry's JSON string: owned.)
    Request(Box<Request<'static>>),
    Skipped(String),
    Unreadable(String),
}

fn entry_label_span(entry: &Node) -> Span {
    entry.get("request").and_then(|r| r.get("url")).map_or(
        Span::new(entry.span.start as usize, entry.span.start as usize + 1),
        |u| u.span,
    )
}

fn read_entry(src: &[u8], index: usize, entry: &Node) -> EntryOutcome {
    let Some(request) = entry.get("request") else {
        return EntryOutcome::Skipped(format!("entry {index} has no request"));
    };
    let method = request
        .get("method")
        .and_then(Node::as_str)
        .unwrap_or("")
        .to_string();
    let Some(url) = request.get("url").and_then(Node::as_str) else {
        return EntryOutcome::Skipped(format!("entry {index} has no request URL"));
    };
    let (endpoint, sid) = classify_url(url);
    if endpoint == Endpoint::Unknown {
        if crate::wire::is_legacy_heartbeat(Some(&method), url) {
            return EntryOutcome::Skipped(crate::wire::LEGACY_HEARTBEAT.into());
        }
        return EntryOutcome::Skipped("other traffic".into());
    }
    if method.eq_ignore_ascii_case("OPTIONS") {
        return EntryOutcome::Skipped("CORS preflight".into());
    }
    if !method.eq_ignore_ascii_case("POST") {
        return EntryOutcome::Skipped(format!("{method} request to the Media Collection API"));
    }
    let response = entry.get("response");
    let status = recorded_status(response);
    let location_sid = response
        .and_then(|r| r.get("headers"))
        .and_then(|h| header_in_list(h, "location"))
        .and_then(classify_location);
    let arrival_ms = entry
        .get("startedDateTime")
        .and_then(Node::as_str)
        .and_then(parse_time_ms);
    let post = request.get("postData");
    let text = post.and_then(|p| p.get("text"));
    let Some(text) = text else {
        return EntryOutcome::Unreadable("POST without a recorded body (`postData.text`)".into());
    };
    let NodeKind::String(decoded) = &text.kind else {
        return EntryOutcome::Unreadable("`postData.text` is not a string".into());
    };
    let encoding = post
        .and_then(|p| p.get("encoding").or_else(|| p.get("_encoding")))
        .and_then(Node::as_str)
        .unwrap_or("");
    let (body, map) = if encoding.eq_ignore_ascii_case("base64") {
        match base64::engine::general_purpose::STANDARD.decode(decoded.trim()) {
            Ok(b) => (b, SourceMap::Opaque(text.span)),
            Err(_) => {
                return EntryOutcome::Unreadable("`postData.text` is not valid base64".into())
            }
        }
    } else {
        (decoded.as_bytes().to_vec(), literal_map(src, text.span))
    };
    EntryOutcome::Request(Box::new(
        Request::new(body.into(), map, entry.span)
            .with_ordinal(index)
            .with_endpoint(endpoint, sid.or(location_sid))
            .with_arrival_and_status(arrival_ms, status)
            .with_label(format!("entry {index}")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader before it streamed, kept as the reference the stream must match: the
    /// whole file parsed into one tree, requests sorted by arrival when all have a time.
    fn read_whole(file: &SourceFile) -> (CaptureRead<'_>, Vec<ContainerIssue>) {
        let src: &[u8] = &file.bytes;
        let parsed = crate::syntax::parse_with(src, ParseOptions { max_depth: 512 });
        let mut out = CaptureRead::default();
        let entries_node = parsed.root.get("log").and_then(|l| l.get("entries"));
        let entries = entries_node.and_then(|e| match &e.kind {
            NodeKind::Array(items) => Some(items),
            _ => None,
        });
        let Some(entries) = entries else {
            let (span, reason) = match entries_node {
                Some(n) => (
                    Span::new(n.span.start as usize, n.span.start as usize + 1),
                    format!(
                        "`log.entries` is {}, not the array of requests HAR defines",
                        kind_name(&n.kind)
                    ),
                ),
                None => (
                    Span::new(0, src.len().min(1)),
                    "not a HAR capture: it has no `log.entries` array of requests".to_string(),
                ),
            };
            out.unreadable.push(Unreadable { span, reason });
            let issues = parsed
                .issues
                .into_iter()
                .map(|issue| ContainerIssue {
                    issue,
                    in_media_entry: false,
                    message: None,
                })
                .collect();
            return (out, issues);
        };
        // Where the file was cut off: the parser reports the unclosed brackets at its end.
        let text_end = src
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
        let cut = parsed
            .issues
            .iter()
            .any(|i| i.kind == SyntaxKind::UnexpectedEnd && i.span.start as usize >= text_end);
        out.truncated = cut;
        let mut issues: Vec<Option<SyntaxIssue>> = parsed.issues.into_iter().map(Some).collect();
        let mut out_issues: Vec<ContainerIssue> = Vec::new();
        let mut media_spans: Vec<Span> = Vec::new();
        let mut reqs: Vec<Request> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let (start, end) = (entry.span.start as usize, entry.span.end as usize);
            let inside = |s: &SyntaxIssue| {
                let at = s.span.start as usize;
                start <= at && (at < end || (at == end && end >= text_end))
            };
            let is_cut = cut && end >= text_end;
            let mut outcome = read_entry(src, i, entry);
            if is_cut {
                // The entry's end is missing: what it holds is not what was sent.
                for slot in issues.iter_mut() {
                    if slot.as_ref().is_some_and(inside) {
                        *slot = None;
                    }
                }
                outcome = EntryOutcome::Unreadable(
                    "the file ends inside this entry: the capture was cut off here, and nothing after it was recorded".into(),
                );
            } else {
                let broken: Vec<usize> = issues
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| {
                        s.as_ref()
                            .is_some_and(|s| inside(s) && is_structural(s.kind))
                    })
                    .map(|(k, _)| k)
                    .collect();
                if let Some(&first) = broken.first() {
                    let issue = issues[first].take().expect("present");
                    for &k in &broken[1..] {
                        issues[k] = None;
                    }
                    let what = broken_entry_message(src, i, &issue, broken.len());
                    match outcome {
                        EntryOutcome::Skipped(reason) => {
                            out.skipped.push((entry.span, reason));
                            out_issues.push(ContainerIssue {
                                issue,
                                in_media_entry: false,
                                message: Some(what),
                            });
                            continue;
                        }
                        _ => {
                            media_spans.push(entry.span);
                            out.unreadable.push(Unreadable {
                                span: issue_span(&issue),
                                reason: what,
                            });
                            continue;
                        }
                    }
                }
            }
            match outcome {
                EntryOutcome::Request(r) => {
                    media_spans.push(entry.span);
                    reqs.push(*r);
                }
                EntryOutcome::Skipped(reason) => out.skipped.push((entry.span, reason)),
                EntryOutcome::Unreadable(reason) => {
                    media_spans.push(entry.span);
                    out.unreadable.push(Unreadable {
                        span: entry_label_span(entry),
                        reason: format!("entry {i}: {reason}"),
                    });
                }
            }
        }
        // Arrival order: by startedDateTime where every request has one (stable otherwise).
        if reqs.iter().all(|r| r.arrival_ms.is_some()) {
            reqs.sort_by_key(|r| r.arrival_ms);
        }
        for (ordinal, mut r) in reqs.into_iter().enumerate() {
            r.ordinal = ordinal;
            out.requests.push(Box::new(r));
        }
        let cut_inside_entry = entries
            .last()
            .is_some_and(|e| e.span.end as usize >= text_end);
        if cut && !cut_inside_entry {
            // Cut between entries: say so once, instead of one finding per unclosed bracket.
            for slot in issues.iter_mut() {
                if slot.as_ref().is_some_and(|i| {
                    i.kind == SyntaxKind::UnexpectedEnd && i.span.start as usize >= text_end
                }) {
                    *slot = None;
                }
            }
            let after = match entries.len() {
                0 => "before the first entry".to_string(),
                n => format!("after entry {}", n - 1),
            };
            out.unreadable.push(Unreadable {
                span: Span::new(text_end.saturating_sub(1), text_end),
                reason: format!(
                    "the file ends {after}, before the HAR's closing brackets: the capture was cut off here, and anything recorded after it is missing"
                ),
            });
        }
        let rest = issues.into_iter().flatten().map(|issue| {
            let in_media_entry = media_spans
                .iter()
                .any(|s| s.start <= issue.span.start && issue.span.start < s.end.max(s.start + 1));
            ContainerIssue {
                issue,
                in_media_entry,
                message: None,
            }
        });
        out_issues.extend(rest);
        out_issues.sort_by_key(|c| (c.issue.span.start, c.issue.span.end));
        (out, out_issues)
    }

    /// Everything the two readings give, in a form that compares.
    fn summary(r: &CaptureRead, issues: &[ContainerIssue]) -> String {
        let mut s = String::new();
        for q in &r.requests {
            s += &format!(
                "request {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}\n",
                q.ordinal,
                q.sid,
                q.arrival_ms,
                q.status,
                String::from_utf8_lossy(&q.body),
                q.map,
                q.span,
                q.label,
                q.endpoint
            );
        }
        for u in &r.unreadable {
            s += &format!("unreadable {:?} {}\n", u.span, u.reason);
        }
        for (span, why) in &r.skipped {
            s += &format!("skipped {span:?} {why}\n");
        }
        for c in issues {
            s += &format!("issue {:?} {} {:?}\n", c.issue, c.in_media_entry, c.message);
        }
        s += &format!("truncated {}\n", r.truncated);
        s
    }

    /// Reads `bytes` with the stream (windows of `entries` entries) and the whole-file
    /// reader; panics with both when they differ. Returns the number of pieces.
    fn same_as_whole(bytes: &[u8], entries: usize) -> usize {
        let f = SourceFile::new("t.har", None, bytes.to_vec());
        let mut stream = Stream::new(&f);
        stream.window_entries = entries;
        let mut joined = CaptureRead::default();
        let mut issues = Vec::new();
        let mut pieces = 0;
        let mut last_to = 0;
        for p in stream {
            pieces += 1;
            assert!(p.read_to >= last_to, "read_to goes back");
            for c in &p.container_issues {
                assert!(
                    c.issue.span.start as usize >= last_to,
                    "issue before read_to"
                );
            }
            last_to = p.read_to;
            joined.requests.extend(p.requests);
            joined.unreadable.extend(p.unreadable);
            joined.skipped.extend(p.skipped);
            joined.truncated |= p.truncated;
            issues.extend(p.container_issues);
        }
        assert_eq!(last_to, bytes.len());
        let keys: Vec<_> = issues
            .iter()
            .map(|c| (c.issue.span.start, c.issue.span.end))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "issues out of order");
        let (whole, whole_issues) = read_whole(&f);
        let (a, b) = (summary(&joined, &issues), summary(&whole, &whole_issues));
        if a != b {
            panic!(
                "stream and whole-file readings differ for {:?}\n--- stream\n{a}--- whole\n{b}",
                String::from_utf8_lossy(bytes)
            );
        }
        pieces
    }

    fn many(n: usize, broken: Option<usize>) -> String {
        let entries: Vec<String> = (0..n)
            .map(|i| {
                let e = format!(
                    r#"{{"startedDateTime":"2024-11-15T12:{:02}:{:02}.{:03}Z","request":{{"method":"POST","url":"https://h/api/v1/sessions/s{}/events","postData":{{"text":"{{\"eventType\":\"ping\",\"playerTime\":{{\"playhead\":{i},\"ts\":1731672000000}}}}"}}}},"response":{{"status":204}}}}"#,
                    i / 60000 % 60,
                    i / 1000 % 60,
                    i % 1000,
                    i % 7
                );
                if broken == Some(i) {
                    e.replace(r#"\"ping\""#, r#"\"ping""#)
                } else {
                    e
                }
            })
            .collect();
        format!(
            r#"{{"log":{{"version":"1.2","creator":{{"name":"t","version":"1"}},"entries":[{}],"pages":[]}}}}"#,
            entries.join(",\n")
        )
    }

    #[test]
    fn many_entries_come_in_several_pieces() {
        let text = many(3000, None);
        let f = SourceFile::new("t.har", None, text.clone().into_bytes());
        let pieces: Vec<CaptureRead> = Stream::new(&f).collect();
        assert!(pieces.len() > 1, "{} pieces", pieces.len());
        let n: usize = pieces.iter().map(|p| p.requests.len()).sum();
        assert_eq!(n, 3000);
        let ordinals: Vec<usize> = pieces
            .iter()
            .flat_map(|p| p.requests.iter().map(|r| r.ordinal))
            .collect();
        assert_eq!(ordinals, (0..3000).collect::<Vec<_>>());
        assert!(same_as_whole(text.as_bytes(), WINDOW_ENTRIES) > 1);
        assert!(same_as_whole(text.as_bytes(), 7) > 400);
    }

    #[test]
    fn a_broken_entry_among_many_is_one_finding() {
        let text = many(3000, Some(1500));
        let file = SourceFile::new("t.har", None, text.clone().into_bytes());
        let (r, issues) = read(&file);
        assert_eq!(r.requests.len(), 2999);
        assert_eq!(r.unreadable.len(), 1);
        assert!(
            r.unreadable[0]
                .reason
                .starts_with("entry 1500 is not valid JSON from here on"),
            "{}",
            r.unreadable[0].reason
        );
        assert!(!r.truncated);
        assert!(issues.is_empty(), "{issues:?}");
        same_as_whole(text.as_bytes(), WINDOW_ENTRIES);
        same_as_whole(text.as_bytes(), 1);
    }

    #[test]
    fn fixtures_read_as_the_whole_file_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
        let mut dirs = vec![root];
        let mut seen = 0;
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(dir).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|x| x == "har") {
                    let bytes = std::fs::read(&path).unwrap();
                    for window in [1, 2, 3, WINDOW_ENTRIES] {
                        same_as_whole(&bytes, window);
                    }
                    seen += 1;
                }
            }
        }
        assert!(seen >= 8, "{seen} HAR fixtures");
    }

    /// A small HAR with a bit of everything around its entries.
    const SMALL: &str = concat!(
        r#"{"log": {"version": "1.2", "creator": {"name": "x", "version": "1"},"#,
        "\n",
        r#"  "pages": [{"id": "p"}], "entries": ["#,
        "\n",
        r#"  {"startedDateTime": "2024-11-15T12:00:01.000Z", "request": {"method": "GET", "url": "https://h/index.html"}, "response": {"status": 200}},"#,
        "\n",
        r#"  {"startedDateTime": "2024-11-15T12:00:02.000Z", "request": {"method": "POST", "url": "https://h/api/v1/sessions", "postData": {"text": "{\"eventType\":\"sessionStart\",\"x\":\"\ud800\"}"}}, "response": {"status": 201, "headers": [{"name": "Location", "value": "/api/v1/sessions/s1"}]}},"#,
        "\n",
        r#"  {"startedDateTime": "2024-11-15T12:00:03.000Z", "request": {"method": "POST", "url": "https://h/api/v1/sessions/s1/events", "postData": {"text": "{\"eventType\":\"play\"}"}}, "response": {"status": 204}},"#,
        "\n",
        r#"  {"startedDateTime": "2024-11-15T12:00:04.000Z", "request": {"method": "POST", "url": "https://h/api/v1/sessions/s1/events", "postData": {"text": "eyJldmVudFR5cGUiOiJwaW5nIn0=", "encoding": "base64"}}, "response": {"status": 204}}"#,
        "\n",
        r#"], "comment": "done"}}"#,
        "\n"
    );

    #[test]
    fn damaged_files_read_as_the_whole_file_does() {
        let base = SMALL.as_bytes();
        same_as_whole(base, WINDOW_ENTRIES);
        let inserts: [&[u8]; 12] = [
            b"\"", b",", b"}", b"]", b"{", b"[", b":", b"x", b"\\", b"\n", b"//c\n", b"{}",
        ];
        for at in 0..=base.len() {
            let window = 1 + at % 3;
            // Cut off here.
            same_as_whole(&base[..at], window);
            if at < base.len() {
                // A byte lost here.
                let mut b = base.to_vec();
                b.remove(at);
                same_as_whole(&b, window);
            }
            for ins in inserts {
                let mut b = base[..at].to_vec();
                b.extend_from_slice(ins);
                b.extend_from_slice(&base[at..]);
                same_as_whole(&b, window);
            }
        }
    }

    #[test]
    fn every_entries_array_of_a_repeated_key_is_read() {
        // The one place the stream differs from a whole-file reading, which keeps only the
        // last `log` and the last `entries` (and so checks nothing here).
        let text = format!(
            r#"{{"log": {{"entries": [{}], "entries": 3}}, "log": {{"entries": [{}]}}}}"#,
            entry(1),
            entry(2)
        );
        let file = SourceFile::new("t.har", None, text.into_bytes());
        let (r, issues) = read(&file);
        assert_eq!((r.requests.len(), r.unreadable.len()), (2, 0));
        let repeated = issues
            .iter()
            .filter(|c| c.issue.kind == SyntaxKind::DuplicateKey)
            .count();
        assert_eq!(repeated, 2, "{issues:?}");
    }

    #[test]
    fn odd_tops_read_as_the_whole_file_does() {
        let texts = [
            "",
            "   ",
            "[]",
            "x{\"log\":{}}",
            r#"{"log": 5}"#,
            r#"{"log": {"entries": 5}}"#,
            r#"{"log": {"entries": {}}}"#,
            r#"{"log": {"entries"}}"#,
            r#"{"log": {"entries": }}"#,
            r#"{"log": {"entries": 3, "entries": 4}, "log": {"version": 1}}"#,
            r#"{"log": {"entries": 3}, "log": 4, "log": {"entries": "x"}}"#,
            r#"{"log": {"version": "1.2", "version": "1.3", "entries": []}} trailing"#,
            r#"{"log" {"entries" [{"request": {}}]}}"#,
            r#"{"a": 1 "log": {"entries": [{}{} , ,{}]}, }"#,
            r#"{"log": {"entries": [{}]}"#,
            r#"{"log": {"entries": [{}] "#,
            "{\"log\": {\"entries\": [{}]}}\n\n",
            r#"{"log": {"entries": [1, "x", null, [], {"request": 3}]}}"#,
        ];
        for t in texts {
            for window in [1, 2, WINDOW_ENTRIES] {
                same_as_whole(t.as_bytes(), window);
            }
        }
    }

    fn entry(i: usize) -> String {
        format!(
            r#"{{"startedDateTime":"2024-11-15T12:00:0{i}.000Z","request":{{"method":"POST","url":"https://h/api/v1/sessions/s1/events","postData":{{"text":"{{\"eventType\":\"ping\",\"playerTime\":{{\"playhead\":{i},\"ts\":170000000{i}000}}}}"}}}},"response":{{"status":204}}}}"#
        )
    }

    #[test]
    fn cut_between_entries_is_one_unreadable_region() {
        let text = format!(
            r#"{{"log":{{"version":"1.2","entries":[{},{},"#,
            entry(1),
            entry(2)
        );
        let f = SourceFile::new("t.har", None, text.into_bytes());
        let (r, issues) = read(&f);
        assert_eq!(r.requests.len(), 2);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(r.unreadable.len(), 1);
        assert!(
            r.unreadable[0]
                .reason
                .starts_with("the file ends after entry 1,"),
            "{}",
            r.unreadable[0].reason
        );
    }

    #[test]
    fn cut_inside_an_entry_keeps_the_whole_ones() {
        let whole = format!(
            r#"{{"log":{{"version":"1.2","entries":[{},{}]}}}}"#,
            entry(1),
            entry(2)
        );
        let file = SourceFile::new("t.har", None, whole.clone().into_bytes());
        let (r, issues) = read(&file);
        assert_eq!(
            (r.requests.len(), r.unreadable.len(), issues.len()),
            (2, 0, 0)
        );
        // Cut at every byte of the second entry: the first is always read, the second never.
        let second = whole.find(&entry(2)).unwrap();
        for cut in second + 1..second + entry(2).len() {
            let f = SourceFile::new("t.har", None, whole.as_bytes()[..cut].to_vec());
            let (r, issues) = read(&f);
            assert_eq!(r.requests.len(), 1, "cut at {cut}");
            assert_eq!(r.unreadable.len(), 1, "cut at {cut}");
            assert!(r.unreadable[0].reason.contains("cut off"), "cut at {cut}");
            assert!(issues.is_empty(), "cut at {cut}: {issues:?}");
        }
    }
}
