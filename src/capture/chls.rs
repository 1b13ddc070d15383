//! Charles native sessions (`.chls`, what "File → Save Session" writes): Java object
//! serialization (stream magic `AC ED 00 05`) of one `com.xk72.charles.model.Session`,
//! read with the `jaded` crate.
//!
//! The object graph (see `../shared/reference/CAPTURES.md`): the session's hosts, path nodes
//! under them, and `com.xk72.charles.model.Transaction` leaves, found depth-first in
//! recorded order. A transaction's `scheme` holds the HTTP method; `protocol`, `host`,
//! `port` (`-1` for the default) and `file` (path and query) make the URL; `startTime` is a
//! `java.util.Date` (one big-endian epoch-ms `long` in its block data); `requestHeader` and
//! `responseHeader` are `com.xk72.proxy.Fields` (parallel `fieldNames` and `fieldValues`,
//! the HTTP/1 first line in block data; HTTP/2 puts `:status` among the fields);
//! `requestBody` is a `byte[]`, gzip- or deflate-compressed as sent unless
//! `requestBodyDecoded` says otherwise. Transactions are ordered by `startTime`, ties in
//! tree order.
//!
//! A binary file has no lines to point at, so valint reads the session as a text of its
//! own making: an NDJSON request log with one line per transaction (method, URL, start time,
//! status, `Location`, body), headed by a `#` line that says so. Findings point into that
//! text, and every request is labelled `transaction N (METHOD host/path)`, N its 0-based
//! index in the session; the reports say that the positions are in the derived text
//! ([`crate::source::SourceFile::derived_from`]).

use serde_json::Value as J;

/// The class of a transaction.
const TRANSACTION: &str = "com.xk72.charles.model.Transaction";

/// Object nesting followed at most: a real session is a few levels deep (session, host,
/// path segments, transaction).
const MAX_DEPTH: usize = 256;

/// Whether `bytes` start like a Java serialization stream (`.chls`).
pub fn sniff(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xAC, 0xED, 0x00, 0x05])
}

/// One transaction, as valint needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// The HTTP method (`scheme` in Charles's object).
    pub method: String,
    /// `protocol://host[:port]` + path and query.
    pub url: String,
    /// `startTime`, epoch ms.
    pub start_ms: Option<i64>,
    /// The answer's status (first line or `:status`), if recorded.
    pub status: Option<u16>,
    /// The answer's `Location` header.
    pub location: Option<String>,
    /// The request body as sent, decompressed; `None` when none was recorded.
    pub body: Option<Vec<u8>>,
    /// Why the body could not be read, when it could not.
    pub body_problem: Option<String>,
}

/// The transactions of a `.chls` file, ordered by start time (ties in tree order); errors
/// say why the stream cannot be read as a Charles session.
///
/// jaded reads the stream into its `Value` tree, which is walked through its serde form
/// (`{"Object": {"class", "fields", "annotations"}}`, `{"JavaString": ..}`, ...): that form
/// reaches everything a custom `writeObject` wrote (a list's elements, a date's `long`)
/// in the order it was written.
pub fn transactions(bytes: &[u8]) -> Result<Vec<Transaction>, String> {
    // jaded panicking on a stream it does not expect is a stream valint cannot read, not a
    // crash of the run. (Its unbounded allocations and recursions are bounded in
    // vendor/jaded; see vendor/README.md and fuzz/RESULTS.md.)
    let read = std::panic::catch_unwind(|| {
        let mut parser = jaded::Parser::new(bytes)
            .map_err(|e| format!("not a Java serialization stream ({e})"))?;
        parser
            .read()
            .map_err(|e| format!("the Java serialization stream cannot be read ({e})"))
    });
    let content = match read {
        Ok(r) => r?,
        Err(_) => {
            return Err(
                "the Java serialization stream cannot be read (its reader failed on it)".into(),
            )
        }
    };
    let Some(root) = content.value() else {
        return Err("the Java serialization stream holds no object".into());
    };
    let root = serde_json::to_value(root)
        .map_err(|e| format!("the Java serialization stream cannot be read ({e})"))?;
    let class = object(&root)
        .and_then(|o| o.get("class"))
        .and_then(J::as_str);
    let mut found = Vec::new();
    walk(&root, 0, &mut found);
    if found.is_empty() && !class.is_some_and(|c| c.ends_with(".Session")) {
        return Err(format!(
            "a Java serialization stream of {}, not a Charles session (com.xk72.charles.model.Session)",
            class.map_or_else(|| "a string or an array".to_string(), |c| format!("a {c}"))
        ));
    }
    let mut out: Vec<Transaction> = found.into_iter().map(transaction).collect();
    out.sort_by_key(|t| t.start_ms.unwrap_or(i64::MAX));
    Ok(out)
}

/// The `{"class", "fields", "annotations"}` of an object value.
fn object(v: &J) -> Option<&serde_json::Map<String, J>> {
    v.get("Object")?.as_object()
}

/// Collects transactions under `v`, depth-first: an object's fields in name order, then
/// what its custom `writeObject`s wrote (a list's elements), in order.
fn walk<'v>(v: &'v J, depth: usize, out: &mut Vec<&'v serde_json::Map<String, J>>) {
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(o) = object(v) {
        if o.get("class").and_then(J::as_str) == Some(TRANSACTION) {
            out.push(o);
            return;
        }
        if let Some(fields) = o.get("fields").and_then(J::as_object) {
            let mut names: Vec<&String> = fields.keys().collect();
            names.sort_unstable();
            for n in names {
                walk(&fields[n], depth + 1, out);
            }
        }
        for class in o
            .get("annotations")
            .and_then(J::as_array)
            .into_iter()
            .flatten()
        {
            for content in class.as_array().into_iter().flatten() {
                if let Some(inner) = content.get("Object") {
                    walk(inner, depth + 1, out);
                }
            }
        }
    } else if let Some(items) = v.get("Array").and_then(J::as_array) {
        items.iter().for_each(|i| walk(i, depth + 1, out));
    }
}

fn field<'o>(o: &'o serde_json::Map<String, J>, name: &str) -> Option<&'o J> {
    o.get("fields")?.get(name)
}

fn string(o: &serde_json::Map<String, J>, name: &str) -> Option<String> {
    field(o, name)?
        .get("JavaString")?
        .as_str()
        .map(str::to_string)
}

fn int(o: &serde_json::Map<String, J>, name: &str) -> Option<i64> {
    let p = field(o, name)?.get("Primitive")?;
    ["Int", "Long", "Short"]
        .iter()
        .find_map(|k| p.get(k).and_then(J::as_i64))
}

fn boolean(o: &serde_json::Map<String, J>, name: &str) -> bool {
    field(o, name)
        .and_then(|f| f.get("Primitive"))
        .and_then(|p| p.get("Boolean"))
        .and_then(J::as_bool)
        == Some(true)
}

/// The bytes of the block data an object's `writeObject`s wrote, joined.
fn block_data(o: &serde_json::Map<String, J>) -> Vec<u8> {
    let mut out = Vec::new();
    for class in o
        .get("annotations")
        .and_then(J::as_array)
        .into_iter()
        .flatten()
    {
        for content in class.as_array().into_iter().flatten() {
            for b in content
                .get("Block")
                .and_then(J::as_array)
                .into_iter()
                .flatten()
            {
                out.push(b.as_u64().unwrap_or(0) as u8);
            }
        }
    }
    out
}

/// A `java.util.Date`'s epoch ms: the `long` its `writeObject` puts in block data.
fn date_ms(o: &serde_json::Map<String, J>, name: &str) -> Option<i64> {
    let d = object(field(o, name)?)?;
    let b: [u8; 8] = block_data(d).get(..8)?.try_into().ok()?;
    Some(i64::from_be_bytes(b))
}

/// A `Fields` object's first line (its block data) and its `(name, value)` pairs.
fn fields(o: &serde_json::Map<String, J>, name: &str) -> (Option<String>, Vec<(String, String)>) {
    let Some(f) = field(o, name).and_then(object) else {
        return (None, Vec::new());
    };
    let list = |n: &str| -> Vec<String> {
        field(f, n)
            .and_then(|a| a.get("Array"))
            .and_then(J::as_array)
            .map(|a| {
                a.iter()
                    .map(|v| {
                        v.get("JavaString")
                            .and_then(J::as_str)
                            .unwrap_or("")
                            .to_string()
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let pairs = list("fieldNames")
        .into_iter()
        .zip(list("fieldValues"))
        .collect();
    (first_line(&block_data(f)), pairs)
}

/// The text line in a `Fields` block: a `writeUTF` string (2-byte length, then the text),
/// or the block's text itself.
fn first_line(block: &[u8]) -> Option<String> {
    let text = match block {
        [hi, lo, rest @ ..] if (usize::from(*hi) << 8 | usize::from(*lo)) <= rest.len() => {
            &rest[..usize::from(*hi) << 8 | usize::from(*lo)]
        }
        _ => block,
    };
    let s = String::from_utf8_lossy(text);
    let line = s.lines().next()?.trim().to_string();
    (!line.is_empty()).then_some(line)
}

fn header<'p>(pairs: &'p [(String, String)], name: &str) -> Option<&'p str> {
    pairs
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn transaction(o: &serde_json::Map<String, J>) -> Transaction {
    let method = string(o, "scheme").unwrap_or_default();
    let host = string(o, "host").unwrap_or_default();
    let protocol = string(o, "protocol").unwrap_or_else(|| "https".into());
    let file = string(o, "file").unwrap_or_else(|| "/".into());
    let url = super::charles::url_of(&protocol, &host, int(o, "port"), &file);
    let (_, request_headers) = fields(o, "requestHeader");
    let (status_line, response_headers) = fields(o, "responseHeader");
    let status = header(&response_headers, ":status")
        .and_then(|s| s.trim().parse::<u16>().ok())
        .or_else(|| {
            status_line
                .as_deref()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|s| s.parse::<u16>().ok())
        })
        .filter(|&s| s != 0);
    let location = header(&response_headers, "location").map(str::to_string);
    let raw = field(o, "requestBody")
        .and_then(|v| v.get("PrimitiveArray"))
        .and_then(J::as_array)
        .map(|items| {
            items
                .iter()
                .map(|p| p.get("Byte").and_then(J::as_u64).unwrap_or(0) as u8)
                .collect::<Vec<u8>>()
        });
    let encoding = header(&request_headers, "content-encoding")
        .unwrap_or("")
        .to_ascii_lowercase();
    let (body, body_problem) = match raw {
        None => (None, None),
        Some(b) if boolean(o, "requestBodyDecoded") => (Some(b), None),
        Some(b) if encoding.contains("deflate") => match inflate(&b) {
            Ok(b) => (Some(b), None),
            Err(e) => (None, Some(e)),
        },
        Some(b) => match super::common::decompress(b) {
            Ok(b) => (Some(b), None),
            Err(e) => (None, Some(e)),
        },
    };
    Transaction {
        method,
        url,
        start_ms: date_ms(o, "startTime"),
        status,
        location,
        body,
        body_problem,
    }
}

/// A deflate-encoded body (zlib-wrapped, or raw as some servers send it).
fn inflate(b: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut out = Vec::new();
    if flate2::read::ZlibDecoder::new(b)
        .read_to_end(&mut out)
        .is_ok()
    {
        return Ok(out);
    }
    out.clear();
    flate2::read::DeflateDecoder::new(b)
        .read_to_end(&mut out)
        .map(|_| out)
        .map_err(|e| format!("the deflate-compressed body cannot be decompressed: {e}"))
}

/// The NDJSON text valint reads for a `.chls` named `name` (see the module docs): a `#`
/// line, then one record per transaction.
pub fn derive_ndjson(name: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let list = transactions(bytes)?;
    let mut out = format!(
        "# valint reads {name} (a Charles session, Java serialization) as this NDJSON text: one line per transaction, in start-time order; positions are in this text\n"
    )
    .into_bytes();
    for (i, t) in list.iter().enumerate() {
        out.extend(super::derived_record(
            i,
            &t.method,
            &t.url,
            t.start_ms,
            t.status,
            t.location.as_deref(),
            t.body.as_deref(),
            t.body_problem.as_deref(),
        ));
    }
    Ok(out)
}
