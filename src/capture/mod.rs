//! Capture readers: one file per input format, each turning a file into [`Request`]s.
//!
//! A reader never stops at a bad request: what it cannot read becomes an [`Unreadable`]
//! entry with a location, and everything it skips on purpose (other hosts, CORS preflights)
//! is counted, so the summary can prove that every request was accounted for.

pub mod bodies;
pub mod charles;
pub mod chls;
pub mod common;
pub mod foreign;
pub mod har;
pub mod markdown;
pub mod ndjson;
pub mod saz;
pub mod transcript;

use crate::source::{SourceFile, SourceMap, Span};
pub use crate::wire::{classify_url, Endpoint};

/// The input formats valint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Request bodies, concatenated or one per line, optionally each after its request line.
    BodyStream,
    /// An Adobe documentation page: each fenced code block is one request body.
    Markdown,
    /// A HAR 1.2 export.
    Har,
    /// An NDJSON request log: one record (method, URL, body, ...) per line.
    NdjsonLog,
    /// HTTP/1.1 transcripts: request line, headers, body, answer (`curl -v`, proxy text).
    Transcript,
    /// A Charles session saved as JSON (`.chlsj`): an array of transactions.
    CharlesJson,
}

impl Format {
    /// Short name used in the summary and in `--format`-style options.
    pub fn name(self) -> &'static str {
        match self {
            Format::BodyStream => "body stream",
            Format::Markdown => "docs page",
            Format::Har => "HAR",
            Format::NdjsonLog => "NDJSON request log",
            Format::Transcript => "HTTP transcript",
            Format::CharlesJson => "Charles JSON session",
        }
    }
}

/// One request read from a capture; `'a` is the capture file's (see [`Request::body`]).
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// 0-based ordinal of the request within its file.
    pub ordinal: usize,
    /// The endpoint, from the URL (readers classify the URL and the method where they
    /// read them: the check needs only the endpoint and the sid, and a request keeps no
    /// copy of its URL).
    pub endpoint: Endpoint,
    /// The session id from the URL (`/sessions/{sid}/events`) or from the `Location` header
    /// of the answer to a sessions request. Template ids such as `{sid}` are `None`.
    pub sid: Option<std::borrow::Cow<'a, str>>,
    /// When the request was sent, epoch milliseconds, if the capture records it.
    pub arrival_ms: Option<i64>,
    /// HTTP status of the answer, if recorded (0 means "not recorded").
    pub status: Option<u16>,
    /// For docs pages: the "action timeline" seconds from the action's table.
    pub action_time_s: Option<f64>,
    /// For docs pages: the playhead column (seconds) of the action's table.
    pub table_playhead_s: Option<f64>,
    /// A human label (for docs pages, the action heading such as "Action 4 - Ad start").
    pub label: Option<String>,
    /// The body text: borrowed from the file when it is there as it is, else decoded (a
    /// JSON string's escapes, base64).
    pub body: std::borrow::Cow<'a, [u8]>,
    /// Maps body offsets to file offsets.
    pub map: SourceMap,
    /// The body's tree (spans relative to the body), when the reader has already parsed
    /// it as part of its record and found nothing to report in the record: checking then
    /// skips parsing the body a second time. A body with any syntax finding is always
    /// parsed again on its own, so its findings are exactly those of the body. (Boxed:
    /// most requests have none, and a request waits in memory for arrival order.)
    pub parsed: Option<Box<crate::syntax::Node>>,
    /// The body as the fast path read it (see [`crate::syntax::strict`]) when the reader
    /// had to read it already (a bare body on an NDJSON line, read to tell it from a
    /// record): checking then takes it as it is.
    pub strict: Option<crate::syntax::strict::StrictBody<'a>>,
    /// The whole request in the file (request line + body), for findings about it.
    pub span: Span,
}

impl<'a> Request<'a> {
    /// A request with `body` (its bytes, borrowed from the file or decoded), `map` (body
    /// offsets to file offsets) and `span` (the whole request in the file: request line or
    /// record, and body), and nothing else known yet: ordinal 0, endpoint
    /// [`Endpoint::Unknown`], no sid, arrival time, status, label, docs-table times, tree
    /// or fast-path body. The `with_*` methods and the public fields set the rest.
    pub fn new(body: std::borrow::Cow<'a, [u8]>, map: SourceMap, span: Span) -> Request<'a> {
        Request {
            ordinal: 0,
            endpoint: Endpoint::Unknown,
            sid: None,
            arrival_ms: None,
            status: None,
            action_time_s: None,
            table_playhead_s: None,
            label: None,
            body,
            map,
            parsed: None,
            strict: None,
            span,
        }
    }

    /// Sets the 0-based ordinal of the request within its file.
    pub fn with_ordinal(mut self, ordinal: usize) -> Request<'a> {
        self.ordinal = ordinal;
        self
    }

    /// Sets the endpoint and the session id (see [`Request::sid`]), as
    /// [`classify_url`] gives them.
    pub fn with_endpoint(mut self, endpoint: Endpoint, sid: Option<String>) -> Request<'a> {
        self.endpoint = endpoint;
        self.sid = sid.map(std::borrow::Cow::Owned);
        self
    }

    /// Sets when the request was sent (epoch milliseconds) and the HTTP status of its
    /// answer (`None` when not recorded; a recorded 0 is passed as `None`).
    pub fn with_arrival_and_status(
        mut self,
        arrival_ms: Option<i64>,
        status: Option<u16>,
    ) -> Request<'a> {
        self.arrival_ms = arrival_ms;
        self.status = status;
        self
    }

    /// Sets the human label (`entry 3`, `request 2`, a docs page's action heading).
    pub fn with_label(mut self, label: String) -> Request<'a> {
        self.label = Some(label);
        self
    }
}

/// A request (or a stretch of the file) that could not be read as one.
#[derive(Debug, Clone)]
pub struct Unreadable {
    /// Where it is.
    pub span: Span,
    /// Why it could not be read.
    pub reason: String,
}

/// Text after a request body that belongs to that request: `{...} 200 OK` on a body's line,
/// or bytes past the body's `Content-Length`.
#[derive(Debug, Clone)]
pub struct Trailing {
    /// The text.
    pub span: Span,
    /// A message saying more than the generic one, if the reader knows more.
    pub message: Option<String>,
    /// The fix.
    pub help: String,
}

impl Trailing {
    /// Text after a body in a stream of bodies.
    pub fn after_body(span: Span) -> Trailing {
        Trailing {
            span,
            message: None,
            help: "keep one request body per line, or put the request line before the body".into(),
        }
    }
}

/// Everything a reader got out of one file.
#[derive(Debug, Default)]
pub struct CaptureRead<'a> {
    /// Requests in file order, boxed: a request is a few hundred bytes, and it is passed
    /// from the reader to the check without being moved.
    pub requests: Vec<Box<Request<'a>>>,
    /// Requests or regions that could not be read.
    pub unreadable: Vec<Unreadable>,
    /// Requests skipped on purpose (other hosts, preflights), with a reason each.
    pub skipped: Vec<(Span, String)>,
    /// True when `ts` placeholders may be replaced by the docs' action timeline.
    pub has_action_times: bool,
    /// The file ends in the middle of the capture's structure (a HAR cut mid-entry): the
    /// recording was cut off. Exit code 3.
    pub truncated: bool,
    /// Text right after a request body on its line (`{...} 200 OK`): part of that request.
    pub trailing: Vec<Trailing>,
    /// Syntax issues of the container file itself (HAR), not of a request body.
    pub container_issues: Vec<har::ContainerIssue>,
    /// The reader is done with the file's bytes before this offset: a streaming reader
    /// never looks at them again, so their pages can be handed back (see
    /// [`crate::source::FileBytes::release`]). The whole file for a reader that is not
    /// streaming.
    pub read_to: usize,
}

impl<'a> CaptureRead<'a> {
    /// Adds the next piece of the same file (see [`Pieces`]): everything in it follows
    /// what is here.
    pub fn append(&mut self, piece: CaptureRead<'a>) {
        self.requests.extend(piece.requests);
        self.unreadable.extend(piece.unreadable);
        self.skipped.extend(piece.skipped);
        self.has_action_times |= piece.has_action_times;
        self.truncated |= piece.truncated;
        self.trailing.extend(piece.trailing);
        self.container_issues.extend(piece.container_issues);
        self.read_to = self.read_to.max(piece.read_to);
    }
}

/// A reader's output in pieces, in file order: each piece holds the requests of a stretch
/// of the file (their ordinals count on from the previous piece) and what could not be
/// read there. Streaming readers (NDJSON logs, HAR files) yield many pieces, so that only a
/// window of a large capture is in memory at a time; the others yield one.
pub type Pieces<'a> = Box<dyn Iterator<Item = CaptureRead<'a>> + Send + 'a>;

/// Puts requests in the order they were sent, by their arrival time (epoch ms), within a
/// window of [`ArrivalOrder::WINDOW`] requests: a log written as answers come back, or a
/// HAR exported in answer order, is a little out of order, never by thousands of requests.
/// A request without an arrival time stays where it is: every request before it is passed
/// on first. Ties keep file order. Ordinals are assigned as requests are passed on.
#[derive(Debug, Default)]
pub struct ArrivalOrder<'a> {
    /// Held requests by (arrival ms, sequence number in the file), sorted. A deque, not a
    /// heap: requests come nearly in order, so most go on at the back and all leave from
    /// the front, without sifting (a heap's pops took 1 % of a run).
    held: std::collections::VecDeque<((i64, u64), Box<Request<'a>>)>,
    seq: u64,
    next_ordinal: usize,
}

impl<'a> ArrivalOrder<'a> {
    /// Requests held at most: the largest disorder that is put right.
    pub const WINDOW: usize = 1024;

    /// Takes the next request in file order; pushes onto `out` the requests that leave
    /// the window, in arrival order.
    pub fn push(&mut self, r: Request<'a>, out: &mut Vec<Box<Request<'a>>>) {
        self.push_boxed(Box::new(r), out);
    }

    /// [`push`](Self::push) for a request already boxed.
    pub fn push_boxed(&mut self, mut r: Box<Request<'a>>, out: &mut Vec<Box<Request<'a>>>) {
        match r.arrival_ms {
            Some(t) => {
                self.seq += 1;
                let key = (t, self.seq);
                // Keys are unique (the sequence number): the place is after every smaller key.
                if self.held.back().is_none_or(|(last, _)| *last < key) {
                    self.held.push_back((key, r));
                } else {
                    let at = self.held.partition_point(|(k, _)| *k < key);
                    self.held.insert(at, (key, r));
                }
                if self.held.len() > Self::WINDOW {
                    self.pop(out);
                }
            }
            None => {
                self.flush(out);
                r.ordinal = self.next_ordinal;
                self.next_ordinal += 1;
                out.push(r);
            }
        }
    }

    // Boxed requests on purpose: they are not moved on the way to the check.
    #[allow(clippy::vec_box)]
    fn pop(&mut self, out: &mut Vec<Box<Request<'a>>>) {
        if let Some((_, mut r)) = self.held.pop_front() {
            r.ordinal = self.next_ordinal;
            self.next_ordinal += 1;
            out.push(r);
        }
    }

    /// Passes on every held request (at the end of the file).
    pub fn flush(&mut self, out: &mut Vec<Box<Request<'a>>>) {
        while !self.held.is_empty() {
            self.pop(out);
        }
    }
}

/// A binary capture turned into text valint reads (see [`derive`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    /// The text.
    pub text: Vec<u8>,
    /// The file's format, for the summary (`Charles session`).
    pub format: &'static str,
    /// What the text is, for the reports (`NDJSON text, one line per transaction`).
    pub what: &'static str,
    /// Arrival times of requests the text's format cannot hold (see
    /// [`crate::source::SourceFile::arrivals`]).
    pub arrivals: Vec<(u32, i64)>,
}

/// For a binary capture valint reads through a text of its own making (a Charles `.chls`
/// session as an NDJSON log, see [`chls`]), that text; an error says why the file cannot
/// be read (it is then not checked, exit 3). `None` for every other file.
pub fn derive(name: &str, bytes: &[u8]) -> Option<Result<Derived, String>> {
    if saz::sniff(name, bytes) {
        return Some(
            saz::derive_transcript(name, bytes).map(|(text, arrivals)| Derived {
                text,
                format: "Fiddler session archive",
                what: "an HTTP transcript, one exchange per Fiddler session",
                arrivals,
            }),
        );
    }
    if chls::sniff(bytes) {
        return Some(chls::derive_ndjson(name, bytes).map(|text| Derived {
            text,
            format: "Charles session",
            what: "NDJSON text, one line per transaction",
            arrivals: Vec::new(),
        }));
    }
    None
}

/// One line of a derived NDJSON log (see [`derive`]): transaction `index` with its method,
/// URL, start time (epoch ms), answer status, `Location`, and body (written as it is when
/// it is one line of JSON, as a JSON string otherwise; left out when it could not be read,
/// with the reason as `unreadable`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn derived_record(
    index: usize,
    method: &str,
    url: &str,
    start_ms: Option<i64>,
    status: Option<u16>,
    location: Option<&str>,
    body: Option<&[u8]>,
    problem: Option<&str>,
) -> Vec<u8> {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let mut line = format!(
        "{{\"transaction\":{index},\"method\":{},\"url\":{}",
        q(method),
        q(url)
    );
    if let Some(t) = start_ms {
        line.push_str(&format!(",\"timestamp\":{t}"));
    }
    if let Some(s) = status {
        line.push_str(&format!(",\"status\":{s}"));
    }
    if let Some(l) = location {
        line.push_str(&format!(",\"response_headers\":{{\"Location\":{}}}", q(l)));
    }
    if let Some(p) = problem {
        line.push_str(&format!(",\"unreadable\":{}", q(p)));
    }
    if let Some(b) = body {
        let one_line = !b.contains(&b'\n') && !b.contains(&b'\r');
        let json = one_line && serde_json::from_slice::<serde::de::IgnoredAny>(b).is_ok();
        line.push_str(",\"body\":");
        if json {
            line.push_str(&String::from_utf8_lossy(b));
        } else {
            line.push_str(&q(&String::from_utf8_lossy(b)));
        }
    }
    line.push_str("}\n");
    line.into_bytes()
}

/// Picks the reader for a file from its name and first bytes.
pub fn detect(file: &SourceFile) -> Format {
    let name = file.name.to_ascii_lowercase();
    if name.ends_with(".md") || name.ends_with(".markdown") {
        return Format::Markdown;
    }
    if name.ends_with(".har") || har::sniff(&file.bytes) {
        return Format::Har;
    }
    if name.ends_with(".chlsj") || charles::sniff(&file.bytes) {
        return Format::CharlesJson;
    }
    if name.ends_with(".http") || transcript::sniff(&file.bytes) {
        return Format::Transcript;
    }
    let text = &file.bytes[..file.bytes.len().min(64 * 1024)];
    if looks_like_markdown(text) {
        return Format::Markdown;
    }
    if ndjson::sniff(&file.bytes) {
        return Format::NdjsonLog;
    }
    Format::BodyStream
}

/// Extensions of files that are captures by their name alone (lower case, without the dot):
/// HAR, NDJSON logs, and the native session files of proxies (read, or recognised to say
/// how to export a HAR from them).
pub const CAPTURE_EXTENSIONS: &[&str] = &[
    "har",
    "ndjson",
    "jsonl",
    "chls",
    "chlsj",
    "chlsx",
    "saz",
    "proxymanlogv2",
];

/// Extensions of files that may hold a capture or not (a `.json` body or `package.json`,
/// a docs page or a README): [`looks_like_capture`] decides from their first bytes.
pub const SNIFFED_EXTENSIONS: &[&str] = &[
    "json", "json5", "txt", "log", "http", "md", "markdown", "flow", "mitm",
];

/// Whether a file met while walking a folder is a capture to check, from its name and its
/// first bytes (`head`, 64 KiB are enough): a [`CAPTURE_EXTENSIONS`] name, or a
/// [`SNIFFED_EXTENSIONS`] name whose text looks like Media Collection traffic (a HAR, an
/// `eventType` with a `playerTime`, a `/api/v1/sessions` or `/api/v1/downloaded` request
/// line, legacy heartbeat
/// URLs; for Markdown, an `eventType` inside a fenced block, so a README that only mentions
/// the API is not one; never a JSON Schema). Files named explicitly are always checked; this only picks files
/// out of folders.
pub fn looks_like_capture(name: &str, head: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    if CAPTURE_EXTENSIONS.contains(&ext) {
        return true;
    }
    if !SNIFFED_EXTENSIONS.contains(&ext) {
        return false;
    }
    if ext == "md" || ext == "markdown" {
        return fenced_event(head);
    }
    if har::sniff(head) {
        return true;
    }
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    // A JSON Schema of the events names `eventType`, `playerTime` and the endpoints too.
    if has(b"\"$schema\"") {
        return false;
    }
    (has(b"eventType") && has(b"playerTime"))
        || has(b"/api/v1/sessions")
        || has(b"/api/v1/downloaded")
        || has(b"s:event:type")
}

/// Whether a Markdown text has `eventType` inside a fenced code block.
fn fenced_event(text: &[u8]) -> bool {
    let s = String::from_utf8_lossy(text);
    let mut fenced = false;
    for line in s.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        } else if fenced && t.contains("eventType") {
            return true;
        }
    }
    false
}

fn looks_like_markdown(text: &[u8]) -> bool {
    let s = String::from_utf8_lossy(text);
    let mut fences = 0;
    let mut headings = 0;
    for line in s.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fences += 1;
        }
        if t.starts_with('#') && t.trim_start_matches('#').starts_with(' ') {
            headings += 1;
        }
    }
    fences >= 2 && headings >= 1
}

/// Reads `file` with the reader for `format`.
pub fn read(file: &SourceFile, format: Format) -> CaptureRead<'_> {
    match format {
        Format::BodyStream => bodies::read(file),
        Format::Markdown => markdown::read(file),
        Format::NdjsonLog => ndjson::read(file),
        Format::Transcript => transcript::read(file),
        Format::CharlesJson => charles::read(file),
        Format::Har => {
            let (mut read, issues) = har::read(file);
            read.container_issues = issues;
            read
        }
    }
}

/// Reads `file` with the reader for `format`, in pieces (see [`Pieces`]). With
/// `spanned_only`, readers that have a fast path (NDJSON) do not take it; `fields` are
/// NDJSON record member names beyond the built-in ones.
pub fn read_pieces<'a>(
    file: &'a SourceFile,
    format: Format,
    spanned_only: bool,
    fields: &'a ndjson::Fields,
) -> Pieces<'a> {
    match format {
        Format::NdjsonLog => Box::new(ndjson::Stream::with_fields(file, fields, spanned_only)),
        Format::BodyStream => Box::new(bodies::Stream::new(file)),
        Format::Har => Box::new(har::Stream::new(file)),
        _ => {
            let mut read = read(file, format);
            read.read_to = file.bytes.len();
            Box::new(std::iter::once(read))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(arrival_ms: Option<i64>, tag: u8) -> Request<'static> {
        Request::new(vec![tag].into(), SourceMap::Offset(0), Span::default())
            .with_arrival_and_status(arrival_ms, None)
    }

    #[test]
    fn arrival_order_sorts_within_its_window() {
        let mut order = ArrivalOrder::default();
        let mut out = Vec::new();
        // Ties keep file order; a request without a time passes everything held first.
        for (t, tag) in [
            (Some(5), 0),
            (Some(3), 1),
            (Some(5), 2),
            (None, 3),
            (Some(1), 4),
        ] {
            order.push(req(t, tag), &mut out);
        }
        order.flush(&mut out);
        let tags: Vec<u8> = out.iter().map(|r| r.body[0]).collect();
        assert_eq!(tags, [1, 0, 2, 3, 4]);
        let ordinals: Vec<usize> = out.iter().map(|r| r.ordinal).collect();
        assert_eq!(ordinals, [0, 1, 2, 3, 4]);
        // Disorder beyond the window is passed on as it comes.
        let mut order = ArrivalOrder::default();
        let mut out = Vec::new();
        order.push(req(Some(i64::MAX), 0), &mut out);
        for k in 0..ArrivalOrder::WINDOW as i64 {
            order.push(req(Some(k), 1), &mut out);
        }
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].arrival_ms, Some(0));
    }

    #[test]
    fn arrival_order_is_a_bounded_heap_of_arrival_and_file_order() {
        // Times nearly in order, with jitter, repeats, jumps back beyond the window and
        // requests without a time; checked against a binary heap holding WINDOW requests.
        let mut n = 7u64;
        let mut t = 0i64;
        let mut times = Vec::new();
        for _ in 0..6000 {
            n = n
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (n >> 33) % 1000;
            t += (r % 7) as i64;
            times.push(match r {
                0..=4 => None,
                5..=9 => Some(t - 5000),
                _ => Some(t - (r % 50) as i64),
            });
        }
        let mut order = ArrivalOrder::default();
        let mut out = Vec::new();
        for (i, &a) in times.iter().enumerate() {
            let mut r = req(a, 0);
            r.span = Span::new(i, i);
            order.push(r, &mut out);
        }
        order.flush(&mut out);
        let got: Vec<usize> = out.iter().map(|r| r.span.start as usize).collect();
        let mut heap = std::collections::BinaryHeap::new();
        let mut want = Vec::new();
        for (i, &a) in times.iter().enumerate() {
            match a {
                Some(a) => {
                    heap.push(std::cmp::Reverse((a, i)));
                    if heap.len() > ArrivalOrder::WINDOW {
                        want.push(heap.pop().unwrap().0 .1);
                    }
                }
                None => {
                    while let Some(std::cmp::Reverse((_, j))) = heap.pop() {
                        want.push(j);
                    }
                    want.push(i);
                }
            }
        }
        while let Some(std::cmp::Reverse((_, j))) = heap.pop() {
            want.push(j);
        }
        assert_eq!(got, want);
        assert!(out.iter().enumerate().all(|(i, r)| r.ordinal == i));
    }

    #[test]
    fn urls() {
        let sid = |s: &str| Some(s.to_string());
        for (url, want) in [
            ("/api/v1/sessions", (Endpoint::Sessions, None)),
            (
                "https://x.hb-api.omtrdc.net/api/v1/sessions/ab12/events?x=1",
                (Endpoint::Events, sid("ab12")),
            ),
            ("/api/v1/sessions/{sid}/events", (Endpoint::Events, None)),
            ("/api/v1/downloaded", (Endpoint::Downloaded, None)),
            ("/index.html", (Endpoint::Unknown, None)),
            ("https://h/api/v1/sessions/", (Endpoint::Sessions, None)),
            (
                "https://h/x/api/v1/sessions/a/b/events",
                (Endpoint::Unknown, None),
            ),
            (
                "https://h/api/v1/sessions/s1/events#x",
                (Endpoint::Events, sid("s1")),
            ),
            ("https://h", (Endpoint::Unknown, None)),
            ("/api/", (Endpoint::Unknown, None)),
            // A URL in the query string is not the path; schemes of any length; no scheme.
            (
                "/api/v1/sessions?next=https://h/api/v1/downloaded",
                (Endpoint::Sessions, None),
            ),
            (
                "chrome-extension://abc/api/v1/downloaded",
                (Endpoint::Downloaded, None),
            ),
            (
                "h.example/api/v1/sessions/s2/events/",
                (Endpoint::Events, sid("s2")),
            ),
        ] {
            assert_eq!(classify_url(url), want, "{url}");
        }
    }
}
