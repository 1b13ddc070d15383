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

use super::{classify_url, CaptureRead, Endpoint, Request, Unreadable};
use crate::source::{SourceFile, SourceMap, Span};
use crate::syntax::{self, Node, NodeKind, ParseOptions, SyntaxIssue, SyntaxKind};
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

/// Reads a HAR file. Container issues are returned beside the requests.
///
/// An entry with a structural syntax error (an unescaped quote in a body pasted into the
/// file, a hand edit) is reported once, as unreadable, and not checked; a file cut off in
/// the middle of an entry (a copy or an export interrupted) reports that entry as unreadable
/// and checks every entry before it.
pub fn read(file: &SourceFile) -> (CaptureRead, Vec<ContainerIssue>) {
    let src: &[u8] = &file.bytes;
    let parsed = syntax::parse_with(src, ParseOptions { max_depth: 512 });
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
        out.requests.push(r);
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
    Request(Box<Request>),
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
        return EntryOutcome::Skipped("other traffic".into());
    }
    if method.eq_ignore_ascii_case("OPTIONS") {
        return EntryOutcome::Skipped("CORS preflight".into());
    }
    if !method.eq_ignore_ascii_case("POST") {
        return EntryOutcome::Skipped(format!("{method} request to the Media Collection API"));
    }
    let response = entry.get("response");
    let status = response
        .and_then(|r| r.get("status"))
        .and_then(Node::as_i64)
        .and_then(|s| u16::try_from(s).ok())
        .filter(|&s| s != 0);
    let location_sid = response
        .and_then(|r| r.get("headers"))
        .and_then(|h| header(h, "location"))
        .and_then(|loc| classify_location(&loc));
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
    EntryOutcome::Request(Box::new(Request {
        ordinal: index,
        method: Some(method),
        url: Some(url.to_string()),
        endpoint,
        sid: sid.or(location_sid),
        arrival_ms,
        status,
        action_time_s: None,
        table_playhead_s: None,
        label: Some(format!("entry {index}")),
        body,
        map,
        span: entry.span,
    }))
}

fn header(headers: &Node, name: &str) -> Option<String> {
    let NodeKind::Array(items) = &headers.kind else {
        return None;
    };
    items.iter().find_map(|h| {
        let n = h.get("name").and_then(Node::as_str)?;
        n.eq_ignore_ascii_case(name)
            .then(|| h.get("value").and_then(Node::as_str).map(str::to_string))
            .flatten()
    })
}

/// The sid in a `Location: /api/v1/sessions/{sid}` header (absolute or relative).
pub fn classify_location(loc: &str) -> Option<String> {
    let path = match loc.find("://") {
        Some(i) => loc[i + 3..].find('/').map_or("", |j| &loc[i + 3 + j..]),
        None => loc,
    };
    let i = path.find("/sessions/")?;
    let sid = path[i + "/sessions/".len()..]
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    (!sid.is_empty()).then(|| sid.to_string())
}

/// RFC 3339 time (HAR `startedDateTime`) to epoch milliseconds.
pub fn parse_time_ms(s: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| t.timestamp_millis())
}

/// The map from offsets in a string literal's decoded text to file offsets. `span` covers
/// the literal including its quotes.
pub fn literal_map(src: &[u8], span: Span) -> SourceMap {
    let start = span.start as usize + 1;
    let end = (span.end as usize)
        .saturating_sub(1)
        .max(start)
        .min(src.len());
    let raw = &src[start.min(end)..end];
    let mut cps: Vec<(u32, u32)> = vec![(0, start as u32)];
    let mut body = 0usize;
    let mut i = 0usize;
    while i < raw.len() {
        if raw[i] != b'\\' {
            i += 1;
            body += 1;
            continue;
        }
        let (raw_len, out_len) = escape_lengths(&raw[i..]);
        cps.push((body as u32, (start + i) as u32));
        i += raw_len;
        body += out_len;
        cps.push((body as u32, (start + i) as u32));
    }
    cps.dedup_by_key(|c| c.0);
    SourceMap::Escaped(cps)
}

/// (bytes in the literal, bytes decoded) of the escape at the start of `raw`.
fn escape_lengths(raw: &[u8]) -> (usize, usize) {
    let hex = |b: &[u8]| -> Option<u32> {
        let s = std::str::from_utf8(b.get(..4)?).ok()?;
        u32::from_str_radix(s, 16).ok()
    };
    match raw.get(1) {
        Some(b'u') => match hex(&raw[2..]) {
            Some(cu) if (0xD800..0xDC00).contains(&cu) => {
                if raw.get(6..8) == Some(b"\\u") {
                    if let Some(lo) = hex(&raw[8..]) {
                        if (0xDC00..0xE000).contains(&lo) {
                            return (12, 4);
                        }
                    }
                }
                (6, 3)
            }
            Some(cu) => (6, char::from_u32(cu).map_or(3, char::len_utf8)),
            None => (2, 3),
        },
        Some(_) => (2, 1),
        None => (1, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let (r, issues) = read(&SourceFile::new("t.har", None, whole.clone().into_bytes()));
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

    #[test]
    fn literal_map_points_through_escapes() {
        let file = br#"{"text":"{\"eventType\":\"play\"}"}"#;
        let lit_start = 8; // the opening quote of the literal
        let span = Span::new(lit_start, file.len() - 1);
        let map = literal_map(file, span);
        // decoded: {"eventType":"play"} ; `play` starts at decoded offset 14
        let f = map.to_file(14) as usize;
        assert_eq!(&file[f..f + 4], b"play");
    }

    #[test]
    fn location_header() {
        assert_eq!(
            classify_location("/api/v1/sessions/abc123").as_deref(),
            Some("abc123")
        );
        assert_eq!(
            classify_location("https://h.hb-api.omtrdc.net/api/v1/sessions/ff").as_deref(),
            Some("ff")
        );
    }

    #[test]
    fn times() {
        assert_eq!(
            parse_time_ms("2017-08-18T11:29:57.106+05:30"),
            Some(1503035997106)
        );
    }
}
