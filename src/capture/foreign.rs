//! Files valint does not read as captures, recognised by their magic bytes or structure,
//! so that the user learns what the file is and how to get a HAR out of the tool that made
//! it, instead of a page of findings on bytes that were never Media Collection traffic.
//!
//! - Native sessions of proxies valint cannot read: Proxyman (`.proxymanlogv2`), mitmproxy
//!   flow files (tnetstring records, `-w` output), Charles XML sessions (`.chlsx`).
//! - Images, PDFs, archives and other binary files.
//! - JSON with no Media Collection API shape at all ("not a capture", such as a
//!   `package.json`): no `eventType` or `playerTime`, no HAR `log.entries`, no record with
//!   a URL.
//!
//! Each is a [`Refusal`]: the file is not checked and the run exits 3.

use super::Format;

/// Why a file is not read, and what to do instead (one sentence each, for the summary and
/// stderr).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What the file is.
    pub what: String,
    /// How to get a capture valint reads (usually: export a HAR, and how).
    pub help: String,
}

impl Refusal {
    fn new(what: impl Into<String>, help: impl Into<String>) -> Refusal {
        Refusal {
            what: what.into(),
            help: help.into(),
        }
    }

    /// `what: help`, as the summary prints it.
    pub fn message(&self) -> String {
        format!("{}; {}", self.what, self.help)
    }
}

/// How to export a HAR from a browser, for files that came from no known proxy.
const HAR_FROM_A_BROWSER: &str = "record the player's traffic as a HAR (browser devtools: Network panel, \"Save all as HAR\"; or your proxy's HAR export)";

/// The extension of `name`, lower case, without the dot.
fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map_or(String::new(), |(_, e)| e.to_ascii_lowercase())
}

/// Whether `bytes` start like a mitmproxy flow file: a tnetstring, `LENGTH:` then a
/// dictionary that names the flow's parts.
fn is_mitmproxy_flows(bytes: &[u8]) -> bool {
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 12 || bytes.get(digits) != Some(&b':') {
        return false;
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let has = |n: &[u8]| memchr::memmem::find(head, n).is_some();
    has(b"client_conn") || has(b"server_conn") || has(b"4:type;")
}

/// The file is no capture valint reads, if its first bytes or its structure say so (see
/// the module docs); `format` is what [`super::detect`] chose. `None` for everything valint
/// reads.
pub fn refuse(name: &str, bytes: &[u8], format: Format) -> Option<Refusal> {
    let ext = extension(name);
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if ext == "proxymanlogv2" || ext == "proxymanlog" {
        return Some(Refusal::new(
            "a Proxyman session file (.proxymanlogv2), which valint does not read",
            "in Proxyman, select the requests and choose File → Export → HTTP Archive (HAR), then check the .har",
        ));
    }
    if ext == "chlsx" || (bytes.len() > 5 && head_has(bytes, b"<charles-session")) {
        return Some(Refusal::new(
            "a Charles XML session (.chlsx), which valint does not read",
            "in Charles, choose File → Export Session… → HTTP Archive (.har), or save the session as .chls or .chlsj, which valint reads",
        ));
    }
    if is_mitmproxy_flows(bytes) {
        return Some(Refusal::new(
            "a mitmproxy flow file, which valint does not read",
            "write a HAR from it with mitmproxy 10.1 or newer: mitmdump -nr FILE --set hardump=capture.har",
        ));
    }
    let binary = [
        (&b"\x89PNG\r\n\x1a\n"[..], "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (
            b"\x1f\x8b",
            "a gzip-compressed file (decompress it first: gunzip FILE)",
        ),
        (b"PK\x03\x04", "a zip archive"),
        (b"\xac\xed\x00\x05", "a Java serialization stream"),
    ];
    for (magic, what) in binary {
        if starts(magic) {
            return Some(Refusal::new(
                format!("{what}, not a capture"),
                HAR_FROM_A_BROWSER,
            ));
        }
    }
    let head = &bytes[..bytes.len().min(8 * 1024)];
    let utf16 = starts(b"\xff\xfe") || starts(b"\xfe\xff");
    // NUL bytes, and nothing of the API: a line of NULs in a text capture is only a line
    // that cannot be read.
    let api = [&b"eventType"[..], b"playerTime", b"/api/v1/", b"\"log\""]
        .iter()
        .any(|n| memchr::memmem::find(head, n).is_some());
    if !utf16 && !api && head.contains(&0) {
        return Some(Refusal::new(
            "a binary file, not a capture",
            HAR_FROM_A_BROWSER,
        ));
    }
    if matches!(format, Format::BodyStream | Format::NdjsonLog) && is_json_without_api_shape(bytes)
    {
        return Some(Refusal::new(
            "not a capture: JSON without the Media Collection API's shape (no eventType or playerTime, no HAR log.entries, no request records with a URL)",
            HAR_FROM_A_BROWSER,
        ));
    }
    None
}

fn head_has(bytes: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(4096)], needle).is_some()
}

/// Well-formed JSON (one document, or one per line; a BOM, blanks and `#` comment lines
/// aside) in which no member could make a request: no `eventType`, `playerTime`,
/// `entries`, nor a URL member of a request record (`url`, `uri`, `path`), anywhere in the
/// file. Text that is not well-formed JSON is left to the readers, which say where it
/// breaks.
fn is_json_without_api_shape(bytes: &[u8]) -> bool {
    let mut pos = bytes.strip_prefix(b"\xef\xbb\xbf").map_or(0, |_| 3);
    loop {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if bytes.get(pos) == Some(&b'#') {
            pos = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i + 1);
            continue;
        }
        break;
    }
    if !matches!(bytes.get(pos), Some(b'{' | b'[')) {
        return false;
    }
    let needles: [&[u8]; 6] = [
        b"eventType",
        b"playerTime",
        b"entries",
        b"\"url\"",
        b"\"uri\"",
        b"\"path\"",
    ];
    if needles
        .iter()
        .any(|n| memchr::memmem::find(bytes, n).is_some())
    {
        return false;
    }
    // `#` comment lines (which every reader skips) are blanked out for serde_json.
    let mut text = bytes[pos..].to_vec();
    let mut at = 0;
    while at < text.len() {
        let end = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |i| at + i);
        if text[at..end].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'#') {
            text[at..end].fill(b' ');
        }
        at = end + 1;
    }
    let mut values =
        serde_json::Deserializer::from_slice(&text).into_iter::<serde::de::IgnoredAny>();
    values.all(|v| v.is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn what(name: &str, bytes: &[u8], format: Format) -> Option<String> {
        refuse(name, bytes, format).map(|r| r.what)
    }

    #[test]
    fn foreign_files_are_recognised() {
        let body = Format::BodyStream;
        assert_eq!(
            what("a.png", b"\x89PNG\r\n\x1a\n\0\0", body).as_deref(),
            Some("a PNG image, not a capture")
        );
        assert!(what("s.proxymanlogv2", b"anything", body)
            .unwrap()
            .starts_with("a Proxyman session"));
        assert!(
            what("s.chlsx", b"<?xml version=\"1.0\"?><charles-session>", body)
                .unwrap()
                .starts_with("a Charles XML session")
        );
        assert!(what("flows", b"512:4:type;4:http;11:client_conn;", body)
            .unwrap()
            .starts_with("a mitmproxy flow file"));
        assert_eq!(
            what("x.bin", b"abc\0def", body).as_deref(),
            Some("a binary file, not a capture")
        );
        assert!(
            what("package.json", br#"{"name":"p","version":"1.0.0"}"#, body)
                .unwrap()
                .starts_with("not a capture")
        );
        assert!(what("list.json", b"# a comment\n[1, 2, 3]", Format::NdjsonLog).is_some());
        assert!(what("log.ndjson", b"{\"a\":1}\n{\"b\":2}\n", Format::NdjsonLog).is_some());
    }

    #[test]
    fn captures_are_not_refused() {
        let body = Format::BodyStream;
        for (name, text) in [
            ("b.json", &br#"{"eventType":"play"}"#[..]),
            ("p.json", br#"{"playerTime":{"playhead":1}}"#),
            ("r.ndjson", br#"{"url":"/x","body":"{}"}"#),
            ("t.txt", b"POST /api/v1/sessions\n{}"),
            ("docs.txt", b"{eventType:play}"),
            ("empty.json", b""),
            ("u16.json", b"\xff\xfe{\0}\0"),
            // Broken JSON is the readers' to report, where it breaks.
            ("open.json", b"[{[{[{"),
            ("nul.jsonl", b"{\"eventType\":\"play\"}\n\0\0\n"),
        ] {
            assert_eq!(what(name, text, body), None, "{name}");
        }
        // A HAR is read by the HAR reader, never refused for its shape.
        assert_eq!(what("h.har", br#"{"log":{}}"#, Format::Har), None);
    }
}
