//! Charles sessions saved as JSON (`.chlsj`: "File → Export Session…" as JSON, or "Save
//! Session" in that format): a JSON array of transactions.
//!
//! A transaction, as Charles writes it, has `method`, `scheme`, `host`, `port` or
//! `actualPort` (`-1` or absent for the scheme's default), `path`, `query`, `times.start`
//! (RFC 3339), and `request` / `response` objects with `header.headers` (`[{name, value}]`),
//! `header.firstLine` and `body` (`{"text": ...}` for text, `{"encoded": BASE64}` for
//! bytes); the response has `status`. valint reads the requests to the Media Collection API
//! as it reads a HAR's: the URL gives the endpoint and the sid, the answer's `Location` the
//! sid of a new session, `times.start` the arrival time, and findings point into the
//! `.chlsj` file itself, through the escapes of `body.text` (a base64 body is drawn whole).
//! Transactions are labelled `transaction N` (0-based, in file order).

use super::common::{
    classify_location, header_in_list, literal_map, parse_time_ms, recorded_status,
};
use super::{ArrivalOrder, CaptureRead, Request, Unreadable};
use crate::source::{SourceFile, SourceMap, Span};
use crate::syntax::{Node, NodeKind, ParseOptions};
use crate::wire::{classify_url, is_legacy_heartbeat, Endpoint, LEGACY_HEARTBEAT};
use base64::Engine as _;

/// Whether `bytes` start like a Charles JSON session: an array whose first transaction has
/// Charles's `scheme`, `host` and `times` (or `protocolVersion`) members.
pub fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let start = super::common::skip_bom(head);
    let first = head[start..].iter().find(|b| !b.is_ascii_whitespace());
    let has = |n: &[u8]| memchr::memmem::find(head, n).is_some();
    first == Some(&b'[')
        && has(b"\"scheme\"")
        && has(b"\"host\"")
        && (has(b"\"times\"") || has(b"\"protocolVersion\""))
}

/// What one transaction is to valint (see the module docs).
pub(crate) enum Outcome<'a> {
    Request(Box<Request<'a>>),
    Skipped(String),
    Unreadable(String),
}

/// The URL of a transaction: `scheme://host[:port]` + path and query as recorded.
pub(crate) fn url_of(scheme: &str, host: &str, port: Option<i64>, file: &str) -> String {
    let default = match scheme {
        "https" => 443,
        "http" => 80,
        _ => -1,
    };
    let port = port.filter(|&p| p > 0 && p != default);
    let scheme = if scheme.is_empty() { "https" } else { scheme };
    match port {
        Some(p) => format!("{scheme}://{host}:{p}{file}"),
        None => format!("{scheme}://{host}{file}"),
    }
}

/// Why a transaction `method url` is not checked, if it is not: other traffic, a legacy
/// heartbeat, a CORS preflight, or another method to the API. Otherwise its endpoint and
/// the sid in its URL.
pub(crate) fn triage(method: &str, url: &str) -> Result<(Endpoint, Option<String>), String> {
    let (endpoint, sid) = classify_url(url);
    if endpoint == Endpoint::Unknown {
        if is_legacy_heartbeat(Some(method), url) {
            return Err(LEGACY_HEARTBEAT.into());
        }
        return Err("other traffic".into());
    }
    if method.eq_ignore_ascii_case("OPTIONS") {
        return Err("CORS preflight".into());
    }
    if !method.eq_ignore_ascii_case("POST") {
        return Err(format!("{method} request to the Media Collection API"));
    }
    Ok((endpoint, sid))
}

/// Reads a `.chlsj` file whole (see the module docs).
pub fn read(file: &SourceFile) -> CaptureRead<'_> {
    let src: &[u8] = &file.bytes;
    let parsed = crate::syntax::parse_with(src, ParseOptions { max_depth: 512 });
    let mut out = CaptureRead {
        read_to: src.len(),
        ..CaptureRead::default()
    };
    let NodeKind::Array(items) = &parsed.root.kind else {
        out.unreadable.push(Unreadable {
            span: Span::new(0, src.len().min(1)),
            reason: "not a Charles JSON session: it is not an array of transactions".into(),
        });
        return out;
    };
    if parsed
        .issues
        .iter()
        .any(|i| i.kind == crate::syntax::SyntaxKind::UnexpectedEnd)
    {
        out.truncated = true;
    }
    let mut order = ArrivalOrder::default();
    for (index, t) in items.iter().enumerate() {
        match transaction(src, index, t) {
            Outcome::Request(r) => order.push_boxed(r, &mut out.requests),
            Outcome::Skipped(why) => out.skipped.push((t.span, why)),
            Outcome::Unreadable(why) => out.unreadable.push(Unreadable {
                span: Span::new(t.span.start as usize, t.span.start as usize + 1),
                reason: format!("transaction {index}: {why}"),
            }),
        }
    }
    order.flush(&mut out.requests);
    out
}

/// The string at member `name` of `t`, or "".
fn str_at<'n>(t: &'n Node, name: &str) -> &'n str {
    t.get(name).and_then(Node::as_str).unwrap_or("")
}

fn transaction<'a>(src: &'a [u8], index: usize, t: &Node) -> Outcome<'a> {
    let s = |name: &str| str_at(t, name);
    let method = s("method");
    let host = s("host");
    if host.is_empty() {
        return Outcome::Skipped(format!("transaction {index} has no host"));
    }
    let path = s("path");
    let query = s("query");
    let file = if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    };
    let port = t
        .get("actualPort")
        .or_else(|| t.get("port"))
        .and_then(Node::as_i64);
    let url = url_of(s("scheme"), host, port, &file);
    let (endpoint, sid) = match triage(method, &url) {
        Ok(e) => e,
        Err(why) => return Outcome::Skipped(why),
    };
    let response = t.get("response");
    let status = recorded_status(response);
    let location_sid = response
        .and_then(|r| r.get("header"))
        .and_then(|h| h.get("headers"))
        .and_then(|h| header_in_list(h, "location"))
        .and_then(classify_location);
    let arrival_ms = t
        .get("times")
        .and_then(|times| times.get("start"))
        .and_then(Node::as_str)
        .and_then(parse_time_ms);
    let body = t.get("request").and_then(|r| r.get("body"));
    let (bytes, map) = if let Some(text) = body.and_then(|b| b.get("text")) {
        let NodeKind::String(decoded) = &text.kind else {
            return Outcome::Unreadable("`request.body.text` is not a string".into());
        };
        (decoded.as_bytes().to_vec(), literal_map(src, text.span))
    } else if let Some(enc) = body.and_then(|b| b.get("encoded")) {
        let Some(b64) = enc.as_str() else {
            return Outcome::Unreadable("`request.body.encoded` is not a string".into());
        };
        match base64::engine::general_purpose::STANDARD.decode(b64.trim()) {
            Ok(b) => match super::common::decompress(b) {
                Ok(b) => (b, SourceMap::Opaque(enc.span)),
                Err(why) => return Outcome::Unreadable(why),
            },
            Err(_) => {
                return Outcome::Unreadable("`request.body.encoded` is not valid base64".into())
            }
        }
    } else {
        return Outcome::Unreadable("POST without a recorded body (`request.body`)".into());
    };
    Outcome::Request(Box::new(
        Request::new(bytes.into(), map, t.span)
            .with_ordinal(index)
            .with_endpoint(endpoint, sid.or(location_sid))
            .with_arrival_and_status(arrival_ms, status)
            .with_label(format!("transaction {index}")),
    ))
}
