//! `--redact`: masks visitor identifiers and IP addresses in everything valint writes.
//!
//! What is masked:
//! - the values of the identifier keys in [`ID_KEYS`] (`visitor.marketingCloudUserId`,
//!   `analytics.visitorId`, `analytics.aid`, `appInstallationId`, ...), in any quoting a
//!   capture holds them (`"key": "v"`, the escaped `\"key\":\"v\"` of a HAR body, a bare
//!   `key: v` of the docs dialect);
//! - every `id` inside the value of `visitor.customerIDs`;
//! - in HAR files, the values of `Cookie`, `Set-Cookie`, `Authorization`, `X-Forwarded-For`
//!   and similar headers, and every cookie value;
//! - IPv4 and IPv6 addresses anywhere, and 38-digit numbers (the shape of an ECID);
//! - wherever any of those values appears again, in the sources or in a message.
//!
//! Masking replaces each byte with `*`, so byte offsets, line numbers and spans stay valid:
//! the snippets of `full`, the SARIF `snippet`s and every message are rendered from the
//! redacted copy of the [`Report`].

use crate::diagnostic::{Diagnostic, Label};
use crate::model::Report;
use crate::source::SourceFile;
use std::collections::BTreeSet;
use std::net::{Ipv4Addr, Ipv6Addr};

/// Keys whose values identify a visitor, a device or a person.
pub const ID_KEYS: &[&str] = &[
    "visitor.marketingCloudUserId",
    "analytics.visitorId",
    "analytics.aid",
    "appInstallationId",
    "media.appInstallationId",
    "visitor.customerIDs",
    "serverIPAddress",
    "clientIPAddress",
    "clientIp",
    "ip",
];

/// HAR header names whose values identify a user or carry credentials.
const SECRET_HEADERS: &[&str] = &[
    "cookie",
    "set-cookie",
    "authorization",
    "proxy-authorization",
    "x-forwarded-for",
    "x-real-ip",
    "forwarded",
    "true-client-ip",
    "cf-connecting-ip",
];

/// Values shorter than this are masked where they stand but not searched for elsewhere
/// (a 4-digit id would mask digits of every timestamp).
const MIN_ECHO: usize = 6;

/// Values never searched for elsewhere.
const NOT_ECHOED: &[&str] = &["null", "true", "false", "undefined", "unknown"];

const MASK: u8 = b'*';

/// Masks `bytes[range]`, leaving line breaks alone.
fn mask(bytes: &mut [u8], start: usize, end: usize) {
    let end = end.min(bytes.len());
    for b in &mut bytes[start.min(end)..end] {
        if *b != b'\n' && *b != b'\r' {
            *b = MASK;
        }
    }
}

fn is_key_boundary(b: Option<&u8>) -> bool {
    match b {
        None => true,
        Some(b) => !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.' || *b == b'-'),
    }
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
        i += 1;
    }
    i
}

/// After a key at `bytes[..i]` (just past its name): the byte range of the value, if the key
/// is followed by `:`. Handles `"key": v`, `\"key\": v` and `key: v`.
fn value_after_key(bytes: &[u8], mut i: usize) -> Option<(usize, usize)> {
    // The key's closing quote: `"`, `\"` or `'`.
    if bytes.get(i) == Some(&b'\\') && bytes.get(i + 1) == Some(&b'"') {
        i += 2;
    } else if matches!(bytes.get(i), Some(b'"' | b'\'')) {
        i += 1;
    }
    i = skip_ws(bytes, i);
    if bytes.get(i) != Some(&b':') {
        return None;
    }
    i = skip_ws(bytes, i + 1);
    value_at(bytes, i)
}

/// The byte range of the value starting at `i` (the quotes excluded; a nested object or
/// array whole).
fn value_at(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    let first = *bytes.get(i)?;
    if first == b'\\' && bytes.get(i + 1) == Some(&b'"') {
        // `\"value\"` inside a HAR string literal: ends at the next `\"`.
        let start = i + 2;
        let mut j = start;
        while j + 1 < bytes.len() {
            if bytes[j] == b'\\' && bytes[j + 1] == b'"' {
                return Some((start, j));
            }
            if bytes[j] == b'\\' && bytes[j + 1] == b'\\' {
                j += 2;
                continue;
            }
            j += 1;
        }
        return Some((start, bytes.len()));
    }
    if first == b'"' || first == b'\'' {
        let start = i + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j] != first && bytes[j] != b'\n' {
            if bytes[j] == b'\\' {
                j += 1;
            }
            j += 1;
        }
        return Some((start, j.min(bytes.len())));
    }
    if first == b'{' || first == b'[' {
        let (open, close) = if first == b'{' {
            (b'{', b'}')
        } else {
            (b'[', b']')
        };
        let mut depth = 0usize;
        for (j, &b) in bytes.iter().enumerate().skip(i) {
            if b == open {
                depth += 1;
            } else if b == close {
                depth -= 1;
                if depth == 0 {
                    return Some((i, j + 1));
                }
            }
        }
        return Some((i, bytes.len()));
    }
    let mut j = i;
    while j < bytes.len()
        && !matches!(
            bytes[j],
            b',' | b'}' | b']' | b'\\' | b'"' | b'\n' | b'\r' | b' ' | b'\t'
        )
    {
        j += 1;
    }
    (j > i).then_some((i, j))
}

/// Finds every occurrence of `key` as a key and yields its value range.
fn key_values(bytes: &[u8], key: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for at in memchr::memmem::find_iter(bytes, key.as_bytes()) {
        let end = at + key.len();
        let before = if at == 0 { None } else { bytes.get(at - 1) };
        if !is_key_boundary(before) || !is_key_boundary(bytes.get(end)) {
            continue;
        }
        if let Some(v) = value_after_key(bytes, end) {
            out.push(v);
        }
    }
    out
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
        .collect()
}

/// Ranges of HAR header values for [`SECRET_HEADERS`] and of every value in `cookies`.
fn har_secrets(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for h in SECRET_HEADERS {
        let quoted = format!("\"{h}\"");
        for at in find_ci(bytes, quoted.as_bytes()) {
            // `{"name": "Cookie", "value": "..."}`: the next `"value"` in the same object.
            let rest_end = (at + 400).min(bytes.len());
            let window = &bytes[at..rest_end];
            let close = memchr::memchr(b'}', window).unwrap_or(window.len());
            if let Some(v) = memchr::memmem::find(&window[..close], b"\"value\"") {
                if let Some(r) = value_after_key(bytes, at + v + "\"value".len()) {
                    out.push(r);
                }
            }
        }
    }
    for at in memchr::memmem::find_iter(bytes, b"\"cookies\"") {
        if let Some((s, e)) = value_after_key(bytes, at + "\"cookies".len()) {
            for (vs, ve) in key_values(&bytes[s..e], "value") {
                out.push((s + vs, s + ve));
            }
        }
    }
    out
}

fn ip_char(b: u8) -> bool {
    b.is_ascii_hexdigit() || b == b'.' || b == b':'
}

/// Ranges of IPv4/IPv6 addresses and 38-digit ECIDs.
fn pattern_secrets(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !ip_char(bytes[i]) || (i > 0 && (bytes[i - 1].is_ascii_alphanumeric())) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && ip_char(bytes[i]) {
            i += 1;
        }
        if i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            // Part of a longer word (`8ß`, `0xdeadbeefz`).
            continue;
        }
        let run = &bytes[start..i];
        let text = std::str::from_utf8(run).unwrap_or("");
        let colons = run.iter().filter(|&&b| b == b':').count();
        let hex = run.iter().filter(|b| b.is_ascii_hexdigit()).count();
        if colons >= 2 && hex >= 3 && text.parse::<Ipv6Addr>().is_ok() {
            out.push((start, i));
            continue;
        }
        // `1.2.3.4` or `1.2.3.4:8080`.
        let mut off = start;
        for part in text.split(':') {
            if part.parse::<Ipv4Addr>().is_ok() && part.split('.').count() == 4 {
                out.push((off, off + part.len()));
            }
            off += part.len() + 1;
        }
        if run.len() == 38 && run.iter().all(u8::is_ascii_digit) {
            out.push((start, i));
        }
    }
    out
}

/// Masks identifiers in one file's bytes; returns the masked copy and the values masked.
pub fn redact_bytes(bytes: &[u8]) -> (Vec<u8>, BTreeSet<String>) {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for key in ID_KEYS {
        for (s, e) in key_values(bytes, key) {
            if *key == "visitor.customerIDs" {
                // Mask each `id` inside; the id types (`userIdType`) and authStates stay.
                for (is, ie) in key_values(&bytes[s..e], "id") {
                    ranges.push((s + is, s + ie));
                }
            } else {
                ranges.push((s, e));
            }
        }
    }
    ranges.extend(har_secrets(bytes));
    ranges.extend(pattern_secrets(bytes));
    let mut values = BTreeSet::new();
    for &(s, e) in &ranges {
        if e > s {
            let v = String::from_utf8_lossy(&bytes[s..e]).into_owned();
            if v.len() >= MIN_ECHO && !NOT_ECHOED.contains(&v.as_str()) {
                values.insert(v);
            }
        }
    }
    let mut out = bytes.to_vec();
    for &(s, e) in &ranges {
        mask(&mut out, s, e);
    }
    (out, values)
}

/// Masks every value in `values` and every address pattern in `text`.
pub fn redact_str(text: &str, values: &BTreeSet<String>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    // Longest first, so a value that contains another is masked whole.
    let mut sorted: Vec<&String> = values.iter().collect();
    sorted.sort_by_key(|v| std::cmp::Reverse(v.len()));
    for v in sorted {
        let hits: Vec<usize> = memchr::memmem::find_iter(&bytes, v.as_bytes()).collect();
        for at in hits {
            mask(&mut bytes, at, at + v.len());
        }
    }
    for (s, e) in pattern_secrets(&bytes.clone()) {
        mask(&mut bytes, s, e);
    }
    // Masking replaced whole characters' bytes with ASCII, so this is UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn redact_label(l: &Label, values: &BTreeSet<String>) -> Label {
    Label {
        span: l.span,
        text: l.text.as_ref().map(|t| redact_str(t, values)),
    }
}

fn redact_diagnostic(d: &Diagnostic, values: &BTreeSet<String>) -> Diagnostic {
    let mut d = d.clone();
    d.message = redact_str(&d.message, values);
    d.primary = redact_label(&d.primary, values);
    d.secondary = d
        .secondary
        .iter()
        .map(|l| redact_label(l, values))
        .collect();
    d.help = d.help.map(|h| redact_str(&h, values));
    d.note = d.note.map(|n| redact_str(&n, values));
    d.context.request_label = d.context.request_label.map(|r| redact_str(&r, values));
    for (_, v) in &mut d.context.state {
        if let crate::diagnostic::StateValue::Text(t) = v {
            *t = redact_str(t, values);
        }
    }
    d
}

/// A copy of `report` with identifiers masked in the sources and in every text.
pub fn redact_report(report: &Report) -> Report {
    let mut values = BTreeSet::new();
    let mut masked: Vec<Vec<u8>> = Vec::with_capacity(report.sources.len());
    for s in &report.sources {
        let (bytes, found) = redact_bytes(&s.bytes);
        values.extend(found);
        masked.push(bytes);
    }
    let sources = report
        .sources
        .iter()
        .zip(masked)
        .map(|(s, bytes)| {
            // A value found in one file is masked in every file.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let bytes = if std::str::from_utf8(&bytes).is_ok() {
                redact_str(&text, &values).into_bytes()
            } else {
                bytes
            };
            SourceFile::new(s.name.clone(), s.path.as_deref(), bytes)
        })
        .collect();
    Report {
        sources,
        files: report.files.clone(),
        input_errors: report.input_errors.clone(),
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| redact_diagnostic(&d, &values))
            .collect(),
        sessions: report.sessions,
        sessions_peak_in_memory: report.sessions_peak_in_memory,
        events: report.events,
        session_list: report.session_list.clone(),
        session_metrics: report
            .session_metrics
            .iter()
            .map(|m| {
                let mut m = m.clone();
                m.content_name = m.content_name.map(|n| redact_str(&n, &values));
                m.content_id = m.content_id.map(|n| redact_str(&n, &values));
                m
            })
            .collect(),
        omitted: report.omitted,
        suppressed: report
            .suppressed
            .iter()
            .map(|s| crate::model::Suppressed {
                finding: redact_diagnostic(&s.finding, &values),
                reason: redact_str(&s.reason, &values),
                ..s.clone()
            })
            .collect(),
        suppressed_total: report.suppressed_total,
        baseline: report
            .baseline
            .as_ref()
            .map(|b| crate::model::BaselineResult {
                unchanged: b
                    .unchanged
                    .iter()
                    .map(|d| redact_diagnostic(d, &values))
                    .collect(),
                stale: b.stale.clone(),
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn red(s: &str) -> String {
        String::from_utf8(redact_bytes(s.as_bytes()).0).unwrap()
    }

    #[test]
    fn masks_id_values_in_every_quoting() {
        assert_eq!(
            red(r#"{"visitor.marketingCloudUserId": "12345678", "x": 1}"#),
            r#"{"visitor.marketingCloudUserId": "********", "x": 1}"#
        );
        assert_eq!(
            red(r#"{\"analytics.visitorId\":\"abcd\",\"y\":2}"#),
            r#"{\"analytics.visitorId\":\"****\",\"y\":2}"#
        );
        assert_eq!(
            red("{ analytics.aid: 9999, appInstallationId: abc }"),
            "{ analytics.aid: ****, appInstallationId: *** }"
        );
    }

    #[test]
    fn masks_customer_ids_but_not_their_types() {
        let s = r#""visitor.customerIDs": {"userIdType": {"id": "u-42", "authState": 1}}"#;
        assert_eq!(
            red(s),
            r#""visitor.customerIDs": {"userIdType": {"id": "****", "authState": 1}}"#
        );
    }

    #[test]
    fn masks_addresses_and_ecids_not_timestamps() {
        assert_eq!(red("from 192.168.1.20:443 ok"), "from ************:443 ok");
        assert_eq!(red("ip 2001:db8::1 end"), "ip *********** end");
        assert_eq!(
            red("at 2024-11-15T12:00:10.010Z ts 1731672010006 v 1.2"),
            "at 2024-11-15T12:00:10.010Z ts 1731672010006 v 1.2"
        );
        let ecid = "12345678901234567890123456789012345678";
        assert_eq!(
            red(&format!("mid={ecid}&")),
            format!("mid={}&", "*".repeat(38))
        );
    }

    #[test]
    fn masks_har_cookies_and_headers() {
        let s = r#"{"name": "Cookie", "value": "s_ecid=MCMID%7C1234"}, {"name": "Accept", "value": "x"}"#;
        let r = red(s);
        assert!(r.contains(r#""value": "*******************""#), "{r}");
        assert!(r.contains(r#""value": "x""#), "{r}");
    }

    #[test]
    fn echoes_are_masked_in_messages() {
        let (_, values) = redact_bytes(br#"{"analytics.visitorId": "visitor-77"}"#);
        assert_eq!(
            redact_str("`visitor-77` is not an integer", &values),
            "`**********` is not an integer"
        );
    }

    #[test]
    fn byte_length_and_lines_are_kept() {
        let s = "{\"analytics.aid\": \"ä1234\"}\n{\"ip\": \"10.0.0.1\"}\n";
        let r = redact_bytes(s.as_bytes()).0;
        assert_eq!(r.len(), s.len());
        assert_eq!(r.iter().filter(|&&b| b == b'\n').count(), 2);
    }
}
