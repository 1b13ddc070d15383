//! Body streams: request bodies concatenated or one per line, each optionally preceded by
//! its request line (`POST /api/v1/sessions` or `POST /api/v1/sessions/{sid}/events`).
//!
//! The stream is split into bodies by the lenient parser itself (stream mode), so a body
//! spread over many lines, several bodies on one line, and NDJSON all read the same way.
//! Text that is neither a request line nor a body is reported as unreadable, and reading
//! goes on at the next line.

use super::common::{skip_blank_and_comments, skip_bom};
use super::{classify_url, CaptureRead, Endpoint, Request, Trailing, Unreadable};
use crate::source::{SourceFile, SourceMap, Span};
use crate::syntax::{parse_value_at, ParseOptions};

const METHODS: [&str; 7] = [
    "POST ", "GET ", "PUT ", "OPTIONS ", "DELETE ", "PATCH ", "HEAD ",
];

/// Reads a body stream.
pub fn read(file: &SourceFile) -> CaptureRead<'_> {
    let mut out = CaptureRead::default();
    read_region(&file.bytes, skip_bom(&file.bytes), &mut out);
    out
}

/// Reads the bodies in `src[start..]` into `out`; spans are offsets into `src`. Callers pass
/// a `src` cut at the region's end, so an unclosed body cannot run past it.
pub(crate) fn read_region<'a>(src: &'a [u8], start: usize, out: &mut CaptureRead<'a>) {
    let mut cur = Cursor::new(start, out.requests.len());
    read_some(src, &mut cur, out, usize::MAX);
}

/// Reads a body stream a thousand requests at a time, so that a large stream (NDJSON of
/// bare bodies) is checked in bounded memory; the pieces hold what [`read`] gives at once.
pub struct Stream<'a> {
    src: &'a [u8],
    cur: Cursor,
    done: bool,
}

impl<'a> Stream<'a> {
    /// A stream over `file`, from its start.
    pub fn new(file: &'a SourceFile) -> Stream<'a> {
        Stream {
            src: &file.bytes,
            cur: Cursor::new(skip_bom(&file.bytes), 0),
            done: false,
        }
    }
}

impl<'a> Iterator for Stream<'a> {
    type Item = CaptureRead<'a>;

    fn next(&mut self) -> Option<CaptureRead<'a>> {
        if self.done {
            return None;
        }
        let mut out = CaptureRead::default();
        self.done = read_some(self.src, &mut self.cur, &mut out, PIECE_REQUESTS);
        out.read_to = self
            .cur
            .last_body_end
            .unwrap_or(self.cur.pos)
            .min(self.cur.pos);
        Some(out)
    }
}

/// Requests per piece of a [`Stream`].
const PIECE_REQUESTS: usize = 1024;

/// Where a read of a body stream stands.
struct Cursor {
    pos: usize,
    /// Where the last body ended: text after it on the same line is trailing data.
    last_body_end: Option<usize>,
    /// A request line waiting for its body: method, target, span of the line.
    pending: Option<(String, String, Span)>,
    /// The next request's ordinal.
    ordinal: usize,
}

impl Cursor {
    fn new(pos: usize, ordinal: usize) -> Cursor {
        Cursor {
            pos,
            last_body_end: None,
            pending: None,
            ordinal,
        }
    }
}

/// Reads on from `cur` into `out` until `out` holds `max` requests and the next thing is a
/// new request (a status line or trailing text after a body still goes with that body), or
/// to the end of `src`: true at the end.
fn read_some<'a>(src: &'a [u8], cur: &mut Cursor, out: &mut CaptureRead<'a>, max: usize) -> bool {
    let mut pos = cur.pos;
    let mut last_body_end = cur.last_body_end;
    let mut pending = cur.pending.take();
    loop {
        pos = skip_blank_and_comments(src, pos);
        if pos >= src.len() {
            break;
        }
        let b = src[pos];
        if out.requests.len() >= max {
            let new_line = last_body_end.is_none_or(|be| src[be..pos].contains(&b'\n'));
            let starts_request = b == b'{'
                || b == b'['
                || (new_line && METHODS.iter().any(|m| src[pos..].starts_with(m.as_bytes())));
            if starts_request {
                cur.pos = pos;
                cur.last_body_end = last_body_end;
                cur.pending = pending;
                return false;
            }
        }
        if b == b'{' || b == b'[' {
            let parsed = parse_value_at(src, pos, ParseOptions::default());
            let end = parsed.end.max(pos + 1);
            let (url, line_span) = match pending.take() {
                Some((_, u, s)) => (Some(u), Some(s)),
                None => (None, None),
            };
            let (endpoint, sid) = url
                .as_deref()
                .map(classify_url)
                .unwrap_or((Endpoint::Unknown, None));
            let start = line_span.map_or(pos, |s| s.start as usize);
            out.requests.push(Box::new(
                Request::new(
                    std::borrow::Cow::Borrowed(&src[pos..end]),
                    SourceMap::Offset(pos as u32),
                    Span::new(start, end),
                )
                .with_ordinal(cur.ordinal)
                .with_endpoint(endpoint, sid),
            ));
            cur.ordinal += 1;
            pos = end;
            last_body_end = Some(end);
            continue;
        }
        if let Some(be) = last_body_end.take() {
            if !src[be..pos].contains(&b'\n') {
                // Text after a body, on its line: part of that request, not a new one.
                let line_end = memchr::memchr(b'\n', &src[pos..]).map_or(src.len(), |i| pos + i);
                let mut end = line_end;
                while end > pos && src[end - 1].is_ascii_whitespace() {
                    end -= 1;
                }
                out.trailing.push(Trailing::after_body(Span::new(pos, end)));
                pos = line_end;
                continue;
            }
        }
        // A request line?
        let line_end = memchr::memchr(b'\n', &src[pos..]).map_or(src.len(), |i| pos + i);
        let line = String::from_utf8_lossy(&src[pos..line_end]);
        let line_t = line.trim_end();
        if let Some(m) = METHODS.iter().find(|m| line_t.starts_with(**m)) {
            let rest = line_t[m.len()..].trim();
            let target = rest.split_whitespace().next().unwrap_or("").to_string();
            if let Some((_, _, prev)) = pending.take() {
                out.unreadable.push(Unreadable {
                    span: prev,
                    reason: "request line without a body".into(),
                });
            }
            pending = Some((
                m.trim().to_string(),
                target,
                Span::new(pos, trimmed_end(src, pos, line_end)),
            ));
            pos = line_end;
            continue;
        }
        // A status line of the answer (`HTTP/1.1 201 Created`): the previous request's status.
        if line_t.starts_with("HTTP/") {
            let status = line_t
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse::<u16>().ok());
            match (out.requests.last_mut(), status) {
                (Some(req), Some(st)) if req.status.is_none() && pending.is_none() => {
                    req.status = Some(st).filter(|&s| s != 0);
                }
                _ => out.skipped.push((
                    Span::new(pos, trimmed_end(src, pos, line_end)),
                    "HTTP status line with no request before it".into(),
                )),
            }
            pos = line_end;
            continue;
        }
        // Neither: report the line and carry on after it.
        out.unreadable.push(Unreadable {
            span: Span::new(
                pos,
                trimmed_end(src, pos, line_end)
                    .max(pos + 1)
                    .min(line_end.max(pos + 1)),
            ),
            reason: "not a request body or request line".into(),
        });
        pos = line_end;
    }
    if let Some((_, _, prev)) = pending {
        out.unreadable.push(Unreadable {
            span: prev,
            reason: "request line without a body".into(),
        });
    }
    cur.pos = pos;
    cur.last_body_end = last_body_end;
    true
}

/// End of `src[start..end]` without trailing whitespace, in the file's own bytes (the line
/// text used for matching is a lossy copy whose length can differ).
fn trimmed_end(src: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && src[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_in_pieces_reads_what_a_whole_read_gives() {
        let mut text = String::from("\u{feff}");
        for k in 0..2500 {
            match k % 5 {
                0 => text.push_str(&format!("POST /api/v1/sessions/s{k}/events\n")),
                1 => text.push_str("HTTP/1.1 204 No Content\n"),
                2 => text.push_str("not a body\n"),
                _ => {}
            }
            text.push_str(&format!("{{\"eventType\":\"ping\",\"n\":{k}}}"));
            text.push_str(if k % 7 == 0 { " 200 OK\n" } else { "\n" });
            if k % 11 == 0 {
                text.push_str("HTTP/1.1 400 Bad Request\n");
            }
        }
        text.push_str("POST /api/v1/sessions\n");
        let f = SourceFile::new("x", None, text.into_bytes());
        let whole = read(&f);
        let pieces: Vec<CaptureRead> = Stream::new(&f).collect();
        assert!(pieces.len() > 2);
        let reqs: Vec<_> = pieces.iter().flat_map(|p| &p.requests).collect();
        assert_eq!(reqs.len(), whole.requests.len());
        for (a, b) in reqs.iter().zip(&whole.requests) {
            assert_eq!(
                (a.ordinal, a.span, &a.body, &a.sid, a.status),
                (b.ordinal, b.span, &b.body, &b.sid, b.status)
            );
        }
        let spans = |f: &dyn Fn(&CaptureRead) -> Vec<Span>| -> (Vec<Span>, Vec<Span>) {
            (pieces.iter().flat_map(f).collect(), f(&whole))
        };
        let (a, b) = spans(&|r| r.unreadable.iter().map(|u| u.span).collect());
        assert_eq!(a, b);
        let (a, b) = spans(&|r| r.trailing.iter().map(|t| t.span).collect());
        assert_eq!(a, b);
        let (a, b) = spans(&|r| r.skipped.iter().map(|s| s.0).collect());
        assert_eq!(a, b);
        assert!(pieces.windows(2).all(|w| w[0].read_to <= w[1].read_to));
    }

    #[test]
    fn request_lines_and_bodies() {
        let text = "POST /api/v1/sessions\n{\"eventType\":\"sessionStart\"}\n\
                    POST /api/v1/sessions/abc/events\n{eventType:play}{eventType:ping}\n\
                    garbage here\n";
        let f = SourceFile::new("x", None, text.as_bytes().to_vec());
        let r = read(&f);
        assert_eq!(r.requests.len(), 3);
        assert_eq!(r.requests[0].endpoint, Endpoint::Sessions);
        assert_eq!(r.requests[1].sid.as_deref(), Some("abc"));
        assert_eq!(r.requests[2].sid, None);
        assert_eq!(r.unreadable.len(), 1);
    }
}
