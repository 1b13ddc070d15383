//! Fiddler session archives (`.saz`, "File → Save → All Sessions" in Fiddler Classic): a zip
//! archive holding, for session N, `raw/N_c.txt` (the request as sent: request line,
//! headers, body), `raw/N_s.txt` (the answer) and `raw/N_m.xml` (Fiddler's metadata).
//!
//! valint reads the raw exchanges with its HTTP transcript reader: the archive becomes a
//! transcript of its own making, session by session in number order, each exchange headed by
//! a `#` line naming its session and file and followed by the answer's status line and
//! headers (which give the status and the `Location` of a new session). Each session's
//! `ClientBeginRequest` timer in `raw/N_m.xml` is its arrival time
//! ([`crate::source::SourceFile::arrivals`]), as a HAR's `startedDateTime` is: Adobe's
//! reorder window and the inactivity limits are judged by it. A binary file has no
//! lines: findings name the request (`request N` is the archive's Nth session), and the
//! reports say that positions are in the derived text
//! ([`crate::source::SourceFile::derived_from`]).

use std::io::Read;

/// Bytes decompressed from one archive at most: far above any real session, well below
/// what a zip bomb would make of memory.
const MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Whether a file is a Fiddler archive: named `.saz`, or a zip whose first entries are
/// Fiddler's `raw/` files.
pub fn sniff(name: &str, bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"PK\x03\x04") {
        return false;
    }
    name.to_ascii_lowercase().ends_with(".saz")
        || memchr::memmem::find(&bytes[..bytes.len().min(4096)], b"raw/").is_some()
}

/// Requests' arrival times: `(offset of the request line in the transcript, epoch ms)`
/// (see [`crate::source::SourceFile::arrivals`]).
pub type Arrivals = Vec<(u32, i64)>;

/// The session number of a `raw/N_c.txt` entry.
fn request_number(entry: &str) -> Option<u64> {
    entry
        .strip_prefix("raw/")?
        .strip_suffix("_c.txt")?
        .parse()
        .ok()
}

/// The transcript valint reads for the archive `name` (see the module docs); errors say
/// why the archive cannot be read. Also gives each request's arrival time (epoch ms) by
/// the offset of its request line in the transcript, from the session's metadata.
pub fn derive_transcript(name: &str, bytes: &[u8]) -> Result<(Vec<u8>, Arrivals), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("the zip archive cannot be read ({e})"))?;
    let mut sessions: Vec<(u64, String)> = zip
        .file_names()
        .filter_map(|n| Some((request_number(n)?, n.to_string())))
        .collect();
    if sessions.is_empty() {
        return Err("a zip archive without Fiddler sessions (no raw/N_c.txt entries)".into());
    }
    sessions.sort();
    let mut budget = MAX_BYTES;
    let mut read = |zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
                    entry: &str|
     -> Result<Option<Vec<u8>>, String> {
        let Ok(f) = zip.by_name(entry) else {
            return Ok(None);
        };
        let mut out = Vec::new();
        f.take(budget + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("{entry} cannot be read ({e})"))?;
        if out.len() as u64 > budget {
            return Err(format!(
                "the archive decompresses to more than {} MiB",
                MAX_BYTES / (1024 * 1024)
            ));
        }
        budget -= out.len() as u64;
        Ok(Some(out))
    };
    let mut text = format!(
        "# valint reads {name} (a Fiddler session archive) as this HTTP transcript: request N is the archive's Nth session, named on the # line before it; positions are in this text\n"
    )
    .into_bytes();
    let mut arrivals = Vec::new();
    for (n, entry) in &sessions {
        let Some(request) = read(&mut zip, entry)? else {
            continue;
        };
        text.extend(format!("### Fiddler session {n} ({entry})\n").bytes());
        let meta = read(&mut zip, &entry.replace("_c.txt", "_m.xml"))?;
        if let Some(ms) = meta.as_deref().and_then(client_begin_request) {
            // Where the transcript reader finds the request line.
            let blank = request
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(0);
            let at = text.len() + blank;
            if let Ok(at) = u32::try_from(at) {
                arrivals.push((at, ms));
            }
        }
        text.extend(&request);
        if !request.ends_with(b"\n") {
            text.push(b'\n');
        }
        let answer = entry.replace("_c.txt", "_s.txt");
        if let Some(s) = read(&mut zip, &answer)? {
            // The status line and headers: the body of the answer is not needed.
            let head_end = memchr::memmem::find(&s, b"\r\n\r\n")
                .or_else(|| memchr::memmem::find(&s, b"\n\n"))
                .unwrap_or(s.len());
            text.extend(b"\n");
            text.extend(&s[..head_end]);
            text.extend(b"\n\n");
        }
    }
    Ok((text, arrivals))
}

/// The `ClientBeginRequest` timer of a session's metadata (`<Session><SessionTimers
/// ClientBeginRequest="2024-06-10T11:43:19.9507081+05:30" .../>`), epoch ms: when Fiddler
/// began to receive the request. `None` when the file is not that XML or has no such time.
fn client_begin_request(xml: &[u8]) -> Option<i64> {
    let text = std::str::from_utf8(xml).ok()?;
    let doc = roxmltree::Document::parse(text).ok()?;
    let timers = doc
        .descendants()
        .find(|n| n.has_tag_name("SessionTimers"))?;
    super::common::parse_time_ms(timers.attribute("ClientBeginRequest")?)
}
