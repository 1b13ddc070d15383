//! HTTP/1.1 transcripts: request line, headers, blank line, body, then the answer's status
//! line and headers; several exchanges one after another in one file.
//!
//! Two spellings are read:
//!
//! - **plain**, as a proxy's "save as text" (Charles, Fiddler, Proxyman), a REST-client
//!   `.http` file or a hand-made log writes it: `POST /api/v1/sessions HTTP/1.1`, header
//!   lines, an empty line, the body; the answer as `HTTP/1.1 201 Created` and its headers.
//!   Lines of only `-` or `=`, and `###` lines, separate exchanges; `#` and `//` lines are
//!   comments, and so are shell prompts (`$ curl -v ...`) pasted with the output.
//! - **`curl -v`**: request lines prefixed `> `, answer lines `< `, curl's own notes `* `
//!   and `{ [5 bytes data]` / `} [5 bytes data]`. curl does not print the body it sends: a
//!   body pasted after the request headers, either bare or prefixed `> `, is read.
//!
//! The body is delimited by `Content-Length` when the request has one (as Adobe's server
//! delimits it: a wrong length is the body Adobe got), else by the lenient parser's stream
//! mode. Neither runs past the next request or status line. Each request is paired with the
//! answer that follows it: its status, and for a sessions request the sid in `Location`.
//! The URL is the request target when absolute, else `Host` (or `:authority`) and the path;
//! the scheme is not recorded and is written as `https`. Only `POST`s to the Media Collection
//! API are checked; CORS preflights, other paths and other methods are counted as skipped.

use super::common::{classify_location, skip_bom};
use super::{classify_url, CaptureRead, Endpoint, Request, Trailing, Unreadable};
use crate::source::{SourceFile, SourceMap, Span};
use crate::syntax::{parse_value_at, ParseOptions};

const METHODS: [&str; 9] = [
    "POST", "GET", "PUT", "OPTIONS", "DELETE", "PATCH", "HEAD", "CONNECT", "TRACE",
];

/// How a line is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// No prefix.
    Plain,
    /// `> `: sent (curl -v).
    Out,
    /// `< `: received (curl -v).
    In,
    /// curl's own notes: `* ...`, `{ [N bytes data]`, `} [N bytes data]`.
    Note,
}

/// One line of the file.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// First byte of the line.
    start: usize,
    /// First byte of the content (after the `> ` / `< ` prefix).
    content: usize,
    /// End of the content (before `\r\n` / `\n`).
    end: usize,
    /// First byte of the next line.
    next: usize,
    mark: Mark,
}

impl Line {
    fn text<'a>(&self, src: &'a [u8]) -> &'a str {
        std::str::from_utf8(&src[self.content..self.end]).unwrap_or("")
    }

    fn is_blank(&self, src: &[u8]) -> bool {
        src[self.content..self.end]
            .iter()
            .all(u8::is_ascii_whitespace)
    }
}

fn line_at(src: &[u8], start: usize) -> Line {
    let nl = memchr::memchr(b'\n', &src[start..]).map_or(src.len(), |i| start + i);
    let next = if nl < src.len() { nl + 1 } else { nl };
    let mut end = nl;
    if end > start && src[end - 1] == b'\r' {
        end -= 1;
    }
    let raw = &src[start..end];
    let (mark, content) = if raw.starts_with(b"> ") || raw == b">" {
        (Mark::Out, (start + 2).min(end))
    } else if raw.starts_with(b"< ") || raw == b"<" {
        (Mark::In, (start + 2).min(end))
    } else if raw.starts_with(b"* ") || raw == b"*" || is_data_note(raw) {
        (Mark::Note, end)
    } else {
        (Mark::Plain, start)
    };
    Line {
        start,
        content,
        end,
        next,
        mark,
    }
}

/// curl's `{ [5 bytes data]` / `} [data not shown]`: never a JSON body (`{ [` cannot start
/// an object member).
fn is_data_note(raw: &[u8]) -> bool {
    (raw.starts_with(b"{ [") || raw.starts_with(b"} [")) && raw.ends_with(b"]")
}

/// A request line: `METHOD SP target [SP HTTP/x]`. Returns (method, target, has version).
fn request_line(text: &str) -> Option<(&str, &str, bool)> {
    let mut parts = text.split_whitespace();
    let method = parts.next()?;
    if !METHODS.contains(&method) {
        return None;
    }
    let target = parts.next()?;
    if !(target.starts_with('/')
        || target.starts_with("http://")
        || target.starts_with("https://")
        || target == "*"
        || method == "CONNECT")
    {
        return None;
    }
    let version = parts.next();
    match (version, parts.next()) {
        (None, _) => Some((method, target, false)),
        (Some(v), None) if v.starts_with("HTTP/") => Some((method, target, true)),
        _ => None,
    }
}

/// A status line `HTTP/1.1 201 Created` / `HTTP/2 204`: the status code.
fn status_line(text: &str) -> Option<u16> {
    let mut parts = text.split_whitespace();
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    let code = parts.next()?;
    (code.len() == 3).then(|| code.parse().ok()).flatten()
}

/// `Name: value` (HTTP/2 pseudo-headers `:authority: x` too).
fn header(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_prefix(':').unwrap_or(text);
    let colon = body.find(':')?;
    let name = &body[..colon];
    let tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(tchar) {
        return None;
    }
    let full_name = &text[..text.len() - body.len() + colon];
    Some((full_name, body[colon + 1..].trim()))
}

fn is_separator(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 3
        && (t.bytes().all(|b| b == b'-') || t.bytes().all(|b| b == b'=') || t.starts_with("###"))
}

fn is_comment(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('#') || t.starts_with("//") || t.starts_with("$ ") || t.starts_with("% ")
}

/// Whether the line starts a new message (or separates messages): bodies and skipped
/// answer text never run past one.
fn starts_message(src: &[u8], l: &Line) -> bool {
    let t = l.text(src);
    match l.mark {
        Mark::Plain => request_line(t).is_some() || status_line(t).is_some() || is_separator(t),
        Mark::Out => request_line(t).is_some(),
        Mark::In => status_line(t).is_some(),
        Mark::Note => false,
    }
}

/// True when the file reads as an HTTP transcript: its first line that is not blank, a
/// comment or a curl note is a request line with an HTTP version (`POST /x HTTP/1.1`,
/// optionally `> `-prefixed).
pub fn sniff(bytes: &[u8]) -> bool {
    let src = &bytes[..bytes.len().min(64 * 1024)];
    let mut pos = skip_bom(src);
    while pos < src.len() {
        let l = line_at(src, pos);
        pos = l.next;
        let t = l.text(src);
        if l.mark == Mark::Note || l.is_blank(src) || is_separator(t) || is_comment(t) {
            continue;
        }
        return matches!(l.mark, Mark::Plain | Mark::Out)
            && request_line(t).is_some_and(|(_, _, v)| v);
    }
    false
}

/// What became of a request, so its answer can be paired with it.
enum Outcome {
    /// Index into `out.requests`.
    Checked(usize),
    /// Skipped or unreadable: its answer is consumed, nothing else.
    Other,
}

/// Reads an HTTP transcript.
pub fn read(file: &SourceFile) -> CaptureRead<'_> {
    let src: &[u8] = &file.bytes;
    let mut out = CaptureRead::default();
    let mut pos = skip_bom(src);
    let mut awaiting: Option<Outcome> = None;
    // A run of lines that belong to no message, reported once.
    let mut stray: Option<Span> = None;
    let mut number = 0usize;
    while pos < src.len() {
        let l = line_at(src, pos);
        let t = l.text(src);
        if l.mark == Mark::Note
            || l.is_blank(src)
            || (l.mark == Mark::Plain && (is_separator(t) || is_comment(t)))
        {
            pos = l.next;
            continue;
        }
        if matches!(l.mark, Mark::Plain | Mark::Out) {
            if let Some((method, target, _)) = request_line(t) {
                flush_stray(&mut stray, &mut out);
                number += 1;
                let (outcome, next) = read_request(src, &l, method, target, number, &mut out);
                awaiting = Some(outcome);
                pos = next;
                continue;
            }
        }
        if matches!(l.mark, Mark::Plain | Mark::In) {
            if let Some(status) = status_line(t) {
                flush_stray(&mut stray, &mut out);
                pos = read_response(src, &l, status, &mut awaiting, &mut out);
                continue;
            }
        }
        if l.mark == Mark::In {
            // An answer header outside an answer (the status line was cut): part of it.
            pos = l.next;
            continue;
        }
        let span = Span::new(l.start, l.end.max(l.start + 1));
        stray = Some(stray.map_or(span, |s| s.cover(span)));
        pos = l.next;
    }
    flush_stray(&mut stray, &mut out);
    // A derived text may know when its requests were sent (a Fiddler archive's timers).
    if !file.arrivals.is_empty() {
        for r in &mut out.requests {
            r.arrival_ms = file.arrival_at(r.span.start as usize);
        }
    }
    out
}

fn flush_stray(stray: &mut Option<Span>, out: &mut CaptureRead) {
    if let Some(span) = stray.take() {
        out.unreadable.push(Unreadable {
            span,
            reason: "not part of an HTTP request or answer".into(),
        });
    }
}

/// Headers from `pos` on, in lines marked `mark`, up to and including the empty line that
/// ends them. Returns the headers and where the next line starts. Headers end early (without
/// an empty line) at a line that is not a header.
fn read_headers(src: &[u8], mut pos: usize, mark: Mark) -> (Vec<(String, String)>, usize) {
    let mut headers = Vec::new();
    while pos < src.len() {
        let l = line_at(src, pos);
        if l.mark == Mark::Note {
            pos = l.next;
            continue;
        }
        if l.mark != mark {
            break;
        }
        if l.is_blank(src) {
            return (headers, l.next);
        }
        match header(l.text(src)) {
            Some((n, v)) => headers.push((n.to_string(), v.to_string())),
            None => break,
        }
        pos = l.next;
    }
    (headers, pos)
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Where the next message (request line, status line or separator) starts at or after `pos`,
/// or the end of the file.
fn next_message(src: &[u8], mut pos: usize) -> usize {
    while pos < src.len() {
        let l = line_at(src, pos);
        if starts_message(src, &l) {
            return l.start;
        }
        pos = l.next;
    }
    src.len()
}

/// A body found after the request headers: bytes, map to the file, and its file span.
struct Body {
    bytes: Vec<u8>,
    map: SourceMap,
    span: Span,
}

fn read_request(
    src: &[u8],
    line: &Line,
    method: &str,
    target: &str,
    number: usize,
    out: &mut CaptureRead,
) -> (Outcome, usize) {
    let (headers, after_headers) = read_headers(src, line.next, line.mark);
    let host = find_header(&headers, "host").or_else(|| find_header(&headers, ":authority"));
    let url = if target.starts_with("http://") || target.starts_with("https://") {
        target.to_string()
    } else {
        match host {
            Some(h) => format!("https://{h}{target}"),
            None => target.to_string(),
        }
    };
    let limit = next_message(src, after_headers);
    let length = find_header(&headers, "content-length").and_then(|v| v.parse::<usize>().ok());
    let body = find_body(src, after_headers, limit, line.mark, length, out);
    let next = body.as_ref().map_or(after_headers, |b| b.span.end as usize);
    let line_span = Span::new(line.start, line.end);
    let (endpoint, sid) = classify_url(&url);
    let skip = |reason: String, out: &mut CaptureRead| {
        let end = body.as_ref().map_or(line.end, |b| b.span.end as usize);
        out.skipped.push((Span::new(line.start, end), reason));
        (Outcome::Other, next)
    };
    if method == "OPTIONS" {
        return skip("CORS preflight".into(), out);
    }
    if endpoint == Endpoint::Unknown {
        if crate::wire::is_legacy_heartbeat(Some(method), &url) {
            return skip(crate::wire::LEGACY_HEARTBEAT.into(), out);
        }
        return skip("other traffic".into(), out);
    }
    if method != "POST" {
        return skip(format!("{method} request to the Media Collection API"), out);
    }
    let Some(body) = body else {
        out.unreadable.push(Unreadable {
            span: line_span,
            reason: format!("request {number}: POST without a recorded body"),
        });
        return (Outcome::Other, next);
    };
    let span = Span::new(line.start, body.span.end as usize);
    out.requests.push(Box::new(
        Request::new(body.bytes.into(), body.map, span)
            .with_ordinal(out.requests.len())
            .with_endpoint(endpoint, sid)
            .with_label(format!("request {number}")),
    ));
    (Outcome::Checked(out.requests.len() - 1), next)
}

/// The request body after the headers (at `start`), not past `limit`.
fn find_body(
    src: &[u8],
    start: usize,
    limit: usize,
    mark: Mark,
    length: Option<usize>,
    out: &mut CaptureRead,
) -> Option<Body> {
    // curl -v: its notes come between the headers and anything pasted after them.
    let mut pos = start;
    while pos < limit {
        let l = line_at(src, pos);
        if l.mark == Mark::Note || (l.mark == mark && l.is_blank(src) && mark == Mark::Out) {
            pos = l.next;
            continue;
        }
        if l.mark == Mark::Out && mark == Mark::Out {
            return prefixed_body(src, pos, limit);
        }
        break;
    }
    let (start, end) = match length.filter(|&n| n > 0 && mark == Mark::Plain) {
        Some(n) => (start, start.saturating_add(n).min(limit)),
        None => {
            // Stream mode: the first JSON value after the blank line.
            let mut p = pos;
            while p < limit && src[p].is_ascii_whitespace() {
                p += 1;
            }
            if p >= limit || !(src[p] == b'{' || src[p] == b'[') {
                return None;
            }
            let parsed = parse_value_at(&src[..limit], p, ParseOptions::default());
            (p, parsed.end.max(p + 1).min(limit))
        }
    };
    if src[start..end].iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    // Text after the body on its line: more than Content-Length declared, or a second value.
    let line_end = memchr::memchr(b'\n', &src[end..limit]).map_or(limit, |i| end + i);
    let rest = &src[end..line_end];
    if let Some(last) = rest.iter().rposition(|b| !b.is_ascii_whitespace()) {
        let first = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(0);
        let span = Span::new(end + first, end + last + 1);
        out.trailing.push(match length {
            Some(n) if mark == Mark::Plain && n > 0 => {
                let body = &src[start..line_end];
                let non_ascii = !body.is_ascii();
                Trailing {
                    span,
                    message: Some(format!(
                        "Content-Length says {n} bytes, but the body goes on for {} more; Adobe reads {n} bytes, gets a cut body and answers HTTP 400",
                        last + 1
                    )),
                    help: if non_ascii {
                        "Content-Length counts bytes, not characters: this body has non-ASCII text, so take the length of its UTF-8 encoding".into()
                    } else {
                        "set Content-Length to the body's length in bytes".into()
                    },
                }
            }
            _ => Trailing {
                span,
                message: None,
                help: "a request carries one JSON body: remove the text after it".into(),
            },
        });
    }
    Some(Body {
        bytes: src[start..end].to_vec(),
        map: SourceMap::Offset(start as u32),
        span: Span::new(start, line_end.max(end)),
    })
}

/// A body pasted as `> `-prefixed lines: the lines' contents joined with `\n`, mapped back
/// line by line.
fn prefixed_body(src: &[u8], start: usize, limit: usize) -> Option<Body> {
    let first = line_at(src, start);
    let t = first.text(src).trim_start();
    if !(t.starts_with('{') || t.starts_with('[')) {
        return None;
    }
    let mut bytes = Vec::new();
    let mut cps: Vec<(u32, u32)> = Vec::new();
    let mut pos = start;
    let mut end = start;
    while pos < limit {
        let l = line_at(src, pos);
        if l.mark != Mark::Out || l.is_blank(src) || request_line(l.text(src)).is_some() {
            break;
        }
        if !bytes.is_empty() {
            bytes.push(b'\n');
        }
        cps.push((bytes.len() as u32, l.content as u32));
        bytes.extend_from_slice(&src[l.content..l.end]);
        end = l.end;
        pos = l.next;
    }
    Some(Body {
        bytes,
        map: SourceMap::Escaped(cps),
        span: Span::new(start, end),
    })
}

fn read_response(
    src: &[u8],
    line: &Line,
    status: u16,
    awaiting: &mut Option<Outcome>,
    out: &mut CaptureRead,
) -> usize {
    let (headers, after) = read_headers(src, line.next, line.mark);
    // The answer's own body (an error text, a page) is not checked: skip it.
    let limit = next_message(src, after);
    let next = match find_header(&headers, "content-length").and_then(|v| v.parse::<usize>().ok()) {
        Some(n) if line.mark == Mark::Plain => after.saturating_add(n).min(limit),
        _ => limit,
    };
    if (100..200).contains(&status) {
        // `100 Continue`: an interim answer; the real one follows.
        return next;
    }
    match awaiting.take() {
        Some(Outcome::Checked(i)) => {
            let req = &mut out.requests[i];
            req.status = Some(status).filter(|&s| s != 0);
            if req.sid.is_none() && req.endpoint != Endpoint::Events {
                req.sid = find_header(&headers, "location")
                    .and_then(classify_location)
                    .map(std::borrow::Cow::Owned);
            }
        }
        Some(Outcome::Other) => {}
        None => out.skipped.push((
            Span::new(line.start, line.end),
            "HTTP answer with no request before it".into(),
        )),
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> CaptureRead<'static> {
        // (Leaked: requests may borrow from the file, which a test keeps to the end.)
        read(Box::leak(Box::new(SourceFile::new(
            "t.http",
            None,
            s.as_bytes().to_vec(),
        ))))
    }

    #[test]
    fn plain_exchange_with_content_length() {
        let body = r#"{"eventType":"sessionStart"}"#;
        let text = format!(
            "POST /api/v1/sessions HTTP/1.1\r\nHost: o.hb-api.omtrdc.net\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\nHTTP/1.1 201 Created\r\nLocation: /api/v1/sessions/abc\r\n\r\n",
            body.len()
        );
        assert!(sniff(text.as_bytes()));
        let r = read_str(&text);
        assert_eq!(r.requests.len(), 1, "{r:?}");
        let q = &r.requests[0];
        assert_eq!(q.body, body.as_bytes());
        assert_eq!(q.status, Some(201));
        assert_eq!(q.sid.as_deref(), Some("abc"));
        assert_eq!(q.endpoint, Endpoint::Sessions);
        let start = text.find(body).unwrap() as u32;
        assert_eq!(q.map.to_file(0), start);
        assert!(r.unreadable.is_empty() && r.skipped.is_empty());
    }

    #[test]
    fn curl_verbose_with_pasted_bodies() {
        let text = "*   Trying 127.0.0.1:443...\n* Connected to h (127.0.0.1) port 443\n\
                    > POST /api/v1/sessions/s1/events HTTP/2\n> host: h\n> content-type: application/json\n>\n\
                    > {\"eventType\":\"play\",\n>  \"playerTime\":{\"playhead\":0,\"ts\":1}}\n\
                    } [52 bytes data]\n< HTTP/2 204\n< date: x\n<\n* Connection #0 left intact\n\
                    > OPTIONS /api/v1/sessions HTTP/1.1\n> Host: h\n>\n< HTTP/1.1 204 No Content\n<\n";
        assert!(sniff(text.as_bytes()));
        let r = read_str(text);
        assert_eq!(r.requests.len(), 1, "{r:?}");
        let q = &r.requests[0];
        assert_eq!(q.sid.as_deref(), Some("s1"));
        assert_eq!(q.status, Some(204));
        assert_eq!(
            &q.body[..],
            b"{\"eventType\":\"play\",\n \"playerTime\":{\"playhead\":0,\"ts\":1}}"
        );
        // The second body line maps past its `> ` prefix.
        let i = q.body.iter().position(|&b| b == b'\n').unwrap() + 2;
        let f = q.map.to_file(i as u32) as usize;
        assert_eq!(&text.as_bytes()[f..f + 12], b"\"playerTime\"");
        assert_eq!(r.skipped.len(), 1);
        assert_eq!(r.skipped[0].1, "CORS preflight");
    }

    #[test]
    fn stream_mode_and_strays() {
        let text = "garbage\nmore garbage\nPOST /api/v1/sessions HTTP/1.1\nHost: h\n\n\
                    {\"eventType\":\"sessionStart\"}\nHTTP/1.1 400 Bad Request\nContent-Type: text/plain\n\n\
                    bad body\nGET /index.html HTTP/1.1\nHost: h\n\nHTTP/1.1 200 OK\n\n<html>\n";
        let r = read_str(text);
        assert_eq!(r.requests.len(), 1);
        assert_eq!(r.requests[0].status, Some(400));
        assert_eq!(r.unreadable.len(), 1, "{:?}", r.unreadable);
        assert_eq!(r.skipped.len(), 1);
        assert_eq!(r.skipped[0].1, "other traffic");
    }

    #[test]
    fn short_content_length_leaves_trailing_text() {
        let text = "POST /api/v1/sessions HTTP/1.1\nContent-Length: 10\n\n{\"eventType\":\"sessionStart\"}\n";
        let r = read_str(text);
        assert_eq!(&r.requests[0].body[..], br#"{"eventTyp"#);
        assert_eq!(r.trailing.len(), 1);
    }

    #[test]
    fn body_stream_is_not_a_transcript() {
        assert!(!sniff(
            b"POST /api/v1/sessions\n{\"eventType\":\"sessionStart\"}\n"
        ));
        assert!(!sniff(b"{\"eventType\":\"play\"}\n"));
        assert!(sniff(
            b"* Trying\n> POST /api/v1/sessions HTTP/1.1\n> Host: h\n"
        ));
    }
}
