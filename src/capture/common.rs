//! Reader helpers shared by the capture readers: skipping what precedes or separates
//! requests (a byte-order mark, blank and comment lines), reading the answer's `Location`
//! header for a session id, record times, and mapping a body decoded from a JSON string
//! literal back to the file's bytes.
//!
//! Offsets are byte offsets into the file (`src`, the whole file as read); times are epoch
//! milliseconds (UTC).

use crate::source::{SourceMap, Span};
use crate::syntax::{Node, NodeKind};

/// Where the text of `src` starts: 3 past a UTF-8 byte-order mark (`EF BB BF`), else 0.
pub fn skip_bom(src: &[u8]) -> usize {
    if src.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    }
}

/// The offset of the first byte at or after `pos` that is neither ASCII whitespace nor
/// part of a whole-line comment (`#` or `//` up to the end of its line: annotations in
/// hand-made logs and streams); `src.len()` when there is none. `pos` may be `src.len()`,
/// and must not be beyond it (panics).
pub fn skip_blank_and_comments(src: &[u8], mut pos: usize) -> usize {
    loop {
        while pos < src.len() && src[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if src[pos..].starts_with(b"#") || src[pos..].starts_with(b"//") {
            pos = memchr::memchr(b'\n', &src[pos..]).map_or(src.len(), |i| pos + i);
            continue;
        }
        return pos;
    }
}

/// `bytes` decompressed when they start with the gzip magic (`1F 8B`: a body recorded as
/// sent with `Content-Encoding: gzip`), else as they are. Errors say why gzip failed.
pub fn decompress(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .read_to_end(&mut out)
        .map_err(|e| format!("the gzip-compressed body cannot be decompressed: {e}"))?;
    Ok(out)
}

/// The value of header `name` (compared ignoring ASCII case) in a HAR-style header list,
/// `[{"name": "Location", "value": "/api/v1/sessions/s1"}, ...]`: the value of the first
/// entry so named whose `value` is a string. `None` when `headers` is not an array or no
/// such entry is there; entries of any other shape are passed over.
pub fn header_in_list<'n>(headers: &'n Node, name: &str) -> Option<&'n str> {
    let NodeKind::Array(items) = &headers.kind else {
        return None;
    };
    items.iter().find_map(|h| {
        let n = h.get("name").and_then(Node::as_str)?;
        n.eq_ignore_ascii_case(name)
            .then(|| h.get("value").and_then(Node::as_str))
            .flatten()
    })
}

/// The answer's status a capture recorded in `response.status` (HAR, Charles JSON), when
/// it has one: status `0` means "not recorded" (a request the proxy saw no answer for).
pub fn recorded_status(response: Option<&Node>) -> Option<u16> {
    response
        .and_then(|r| r.get("status"))
        .and_then(Node::as_i64)
        .and_then(|s| u16::try_from(s).ok())
        .filter(|&s| s != 0)
}

/// The session id in the `Location` header of the answer to a sessions request:
/// `/api/v1/sessions/{sid}` or an absolute URL with that path (what follows `/sessions/`
/// up to the next `/`, `?` or `#`). `None` when `loc` has no `/sessions/` in its path, or
/// nothing after it.
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

/// An RFC 3339 time (`2024-11-15T12:00:00.165Z`, `2017-08-18T11:29:57.106+05:30`: HAR's
/// `startedDateTime`, an NDJSON record's `timestamp`) as epoch milliseconds (UTC;
/// fractions finer than a millisecond are dropped). `None` when `s` is not RFC 3339
/// (surrounding whitespace is allowed).
pub fn parse_time_ms(s: &str) -> Option<i64> {
    utc_time_ms(s.as_bytes()).or_else(|| {
        chrono::DateTime::parse_from_rfc3339(s.trim())
            .ok()
            .map(|t| t.timestamp_millis())
    })
}

/// The common shape of [`parse_time_ms`]'s input, `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with
/// a day of the month up to 28, read without chrono (it runs once per request). `None`
/// for anything else, which chrono then reads: the result is always chrono's.
fn utc_time_ms(b: &[u8]) -> Option<i64> {
    if b.len() < 20 || b.len() > 30 || b[16] != b':' || b[b.len() - 1] != b'Z' {
        return None;
    }
    // The minute (`YYYY-MM-DDTHH:MM`) as epoch milliseconds: the previous time's when
    // this one is in the same minute (consecutive requests nearly always are).
    thread_local! {
        static MINUTE: std::cell::Cell<([u8; 16], i64)> = const { std::cell::Cell::new(([0; 16], 0)) };
    }
    let prefix: [u8; 16] = b[..16].try_into().ok()?;
    let (last, last_ms) = MINUTE.get();
    let minute_ms = if prefix == last && last != [0; 16] {
        last_ms
    } else {
        let ms = minute_ms(&prefix)?;
        MINUTE.set((prefix, ms));
        ms
    };
    if !b[17].is_ascii_digit() || !b[18].is_ascii_digit() {
        return None;
    }
    let second = i64::from(b[17] - b'0') * 10 + i64::from(b[18] - b'0');
    if second > 59 {
        return None; // a leap second: chrono's rules
    }
    let ms = match &b[19..b.len() - 1] {
        [] => 0,
        [b'.', fraction @ ..]
            if !fraction.is_empty() && fraction.iter().all(u8::is_ascii_digit) =>
        {
            fraction
                .iter()
                .chain(std::iter::repeat(&b'0'))
                .take(3)
                .fold(0, |n, &c| n * 10 + i64::from(c - b'0'))
        }
        _ => return None,
    };
    Some(minute_ms + second * 1000 + ms)
}

/// `YYYY-MM-DDTHH:MM` (a day of the month up to 28) as epoch milliseconds.
fn minute_ms(b: &[u8; 16]) -> Option<i64> {
    const DIGITS: [usize; 12] = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15];
    if b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if DIGITS.iter().any(|&i| !b[i].is_ascii_digit()) {
        return None;
    }
    let two = |i: usize| i64::from(b[i] - b'0') * 10 + i64::from(b[i + 1] - b'0');
    let year = two(0) * 100 + two(2);
    let (month, day) = (two(5), two(8));
    let (hour, minute) = (two(11), two(14));
    if !(1..=12).contains(&month) || !(1..=28).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
    // days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    Some(((days * 24 + hour) * 60 + minute) * 60_000)
}

/// The map from byte offsets in a JSON string literal's decoded text (UTF-8) to byte
/// offsets in `src`, for a body written as a string in its record (HAR `postData.text`, an
/// NDJSON record's `"body": "{\"eventType\": ...}"`). `span` covers the literal in `src`,
/// quotes included. An offset inside an escape maps into that escape; a span that runs
/// past `src` is cut at its end (never panics).
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

/// (bytes in the literal, bytes decoded) of the escape at the start of `raw` (which starts
/// with `\`): `\n` is (2, 1), `\u00e9` (6, 2), a surrogate pair (12, 4), a lone
/// surrogate (6, 3: it decodes to U+FFFD).
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

    #[test]
    fn time_without_chrono_reads_like_chrono() {
        let chrono_ms = |s: &str| {
            chrono::DateTime::parse_from_rfc3339(s)
                .ok()
                .map(|t| t.timestamp_millis())
        };
        // A deterministic spread of dates over the whole four-digit range, every month
        // and the edges of each field, with fractions of 0 to 9 digits.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut fast = 0;
        for i in 0..50_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let year = if i % 4 == 0 { 1968 + x % 8 } else { x % 10_000 };
            let fraction = "123456789"[..(x >> 20) as usize % 10].to_string();
            let s = format!(
                "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{fraction}Z",
                1 + (x >> 8) % 13,
                1 + (x >> 12) % 31,
                (x >> 16) % 25,
                (x >> 24) % 61,
                (x >> 30) % 61,
                if fraction.is_empty() { "" } else { "." },
            );
            if let Some(ms) = utc_time_ms(s.as_bytes()) {
                fast += 1;
                assert_eq!(Some(ms), chrono_ms(&s), "{s}");
            }
            assert_eq!(parse_time_ms(&s), chrono_ms(&s), "{s}");
        }
        // Most of them took the fast path (the test is not vacuous).
        assert!(fast > 25_000, "{fast}");
        assert_eq!(
            utc_time_ms(b"2024-11-15T12:00:00.165Z"),
            Some(1_731_672_000_165)
        );
        assert_eq!(utc_time_ms(b"2024-11-15T12:00:00.165+01:00"), None);
        // Times of one minute in a row (the minute remembered), then a bad second, a
        // bad ending and another minute after it: each as chrono reads it.
        for s in [
            "2024-11-15T12:07:00Z",
            "2024-11-15T12:07:59.999Z",
            "2024-11-15T12:07:60Z",
            "2024-11-15T12:07:1xZ",
            "2024-11-15T12:07:10.5",
            "2024-11-15T12:07:10.Z",
            "2024-11-15T12:07:30.25Z",
            "2024-11-15T12:08:30.25Z",
            "2024-11-15T12:07:30.25Z",
            "2024-11-15T12:07+30.25Z",
        ] {
            assert_eq!(parse_time_ms(s), chrono_ms(s), "{s}");
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

    #[test]
    fn blank_and_comment_lines_are_skipped() {
        let src = b"\xEF\xBB\xBF  \n# note\n  // note\r\n\t{}\n#";
        let start = skip_bom(src);
        assert_eq!(start, 3);
        let at = skip_blank_and_comments(src, start);
        assert_eq!(&src[at..at + 2], b"{}");
        assert_eq!(skip_blank_and_comments(src, at + 2), src.len());
        assert_eq!(skip_blank_and_comments(src, src.len()), src.len());
        assert_eq!(skip_bom(b"{}"), 0);
    }

    #[test]
    fn header_lists() {
        let h = crate::syntax::parse_with(
            br#"[{"name":"x"},{"name":"LOCATION","value":3},{"name":"location","value":"/a"},{"name":"Location","value":"/b"}]"#,
            crate::syntax::ParseOptions::default(),
        )
        .root;
        assert_eq!(header_in_list(&h, "Location"), Some("/a"));
        assert_eq!(header_in_list(&h, "host"), None);
    }
}
