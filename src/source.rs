//! Source files, byte spans, line/column lookup and body→file offset maps.
//!
//! Every span valint reports is a byte range into the *original file* a user can open.
//! A request body is often not a plain slice of that file: in a HAR export it sits inside a
//! JSON string literal, with escapes. [`SourceMap`] turns offsets in the decoded body back
//! into offsets in the file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A half-open byte range `start..end`, in bytes. Stored as `u32`: valint reads captures in
/// pieces, and a single body or file region above 4 GiB is reported as too large.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` (bytes). `end` is clamped to be at least `start`.
    pub fn new(start: usize, end: usize) -> Span {
        let start = start.min(u32::MAX as usize) as u32;
        let end = end.min(u32::MAX as usize) as u32;
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// True for a zero-length span (an insertion point).
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The span shifted by `delta` bytes.
    pub fn offset(&self, delta: u32) -> Span {
        Span {
            start: self.start + delta,
            end: self.end + delta,
        }
    }

    /// The span covering both `self` and `other`.
    pub fn cover(&self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// One file (or stdin) read for checking. Cheap to clone: the text is shared.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics (the path as given, or `--stdin-filename`, or `<stdin>`).
    pub name: String,
    /// The path on disk, when there is one.
    pub path: Option<PathBuf>,
    /// The file's bytes, unchanged. Invalid UTF-8 is kept as is; rendering uses a lossy copy.
    pub bytes: Arc<[u8]>,
    lines: Arc<LineIndex>,
}

impl SourceFile {
    /// Wraps bytes read from `name`.
    pub fn new(name: impl Into<String>, path: Option<&Path>, bytes: Vec<u8>) -> SourceFile {
        let lines = LineIndex::new(&bytes);
        SourceFile {
            name: name.into(),
            path: path.map(Path::to_path_buf),
            bytes: bytes.into(),
            lines: Arc::new(lines),
        }
    }

    /// 1-based line and 1-based column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        self.lines.line_col(&self.bytes, offset as usize)
    }

    /// 1-based line and 1-based UTF-16 column of byte `offset` (SARIF's default column kind).
    pub fn line_col_utf16(&self, offset: u32) -> (usize, usize) {
        self.lines.line_col_utf16(&self.bytes, offset as usize)
    }

    /// Text of the file, with invalid UTF-8 replaced, for rendering.
    pub fn text_lossy(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// Byte range `start..end` of line `line` (1-based), without its line terminator.
    pub fn line_range(&self, line: usize) -> (usize, usize) {
        self.lines.line_range(&self.bytes, line)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.lines.count()
    }

    /// The file's line index.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }
}

/// Byte offsets of line starts, found once with `memchr`, plus character-count checkpoints
/// for very long lines (minified HAR files, one-line bodies), built on first use, so that
/// every line/column lookup costs O(log n + 4 KiB) however long the line is.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    long_lines: std::sync::Mutex<std::collections::HashMap<usize, Checkpoints>>,
}

/// (characters, UTF-16 units) from a long line's start to every [`CHUNK`]-th byte.
type Checkpoints = Arc<Vec<(usize, usize)>>;

/// Bytes between two checkpoints of a long line.
const CHUNK: usize = 4096;

/// (characters, UTF-16 code units) in `bytes`, counting each byte that does not continue a
/// UTF-8 sequence as one character.
fn count_units(bytes: &[u8]) -> (usize, usize) {
    let mut chars = 0;
    let mut utf16 = 0;
    for &b in bytes {
        if b & 0xC0 != 0x80 {
            chars += 1;
            utf16 += if b >= 0xF0 { 2 } else { 1 };
        }
    }
    (chars, utf16)
}

impl LineIndex {
    /// Indexes the line starts of `bytes` (LF and CRLF; a lone CR is not a line break).
    pub fn new(bytes: &[u8]) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        LineIndex {
            starts,
            long_lines: Default::default(),
        }
    }

    /// 0-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn start_of(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// Number of lines.
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// (characters, UTF-16 units) from the start of `line` to `offset`.
    fn units_to(&self, bytes: &[u8], line: usize, offset: usize) -> (usize, usize) {
        let start = self.starts[line];
        let len = offset - start;
        if len < 16 * CHUNK {
            return count_units(&bytes[start..offset]);
        }
        let cps = {
            let mut map = self.long_lines.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(line)
                .or_insert_with(|| {
                    let end = self.starts.get(line + 1).copied().unwrap_or(bytes.len());
                    let mut v = vec![(0, 0)];
                    let mut acc = (0, 0);
                    for chunk in bytes[start..end].chunks(CHUNK) {
                        let (c, u) = count_units(chunk);
                        acc = (acc.0 + c, acc.1 + u);
                        v.push(acc);
                    }
                    Arc::new(v)
                })
                .clone()
        };
        let k = len / CHUNK;
        let (c0, u0) = cps[k.min(cps.len() - 1)];
        let (c, u) = count_units(&bytes[start + k * CHUNK..offset]);
        (c0 + c, u0 + u)
    }

    fn line_col(&self, bytes: &[u8], offset: usize) -> (usize, usize) {
        let offset = offset.min(bytes.len());
        let line = self.line_of(offset);
        (line + 1, self.units_to(bytes, line, offset).0 + 1)
    }

    fn line_col_utf16(&self, bytes: &[u8], offset: usize) -> (usize, usize) {
        let offset = offset.min(bytes.len());
        let line = self.line_of(offset);
        (line + 1, self.units_to(bytes, line, offset).1 + 1)
    }

    fn line_range(&self, bytes: &[u8], line: usize) -> (usize, usize) {
        let i = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[i];
        let mut end = self.starts.get(i + 1).map(|e| e - 1).unwrap_or(bytes.len());
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (start, end)
    }
}

/// Maps byte offsets in a decoded request body back to byte offsets in its file.
///
/// `Offset(base)`: the body is the file's bytes from `base` on (body streams, Markdown code
/// blocks, NDJSON lines). `Escaped`: the body was decoded from a JSON string literal (HAR
/// `postData.text`); each checkpoint `(body, file)` starts a run where both advance together,
/// and offsets inside a multi-byte escape map to the escape's first byte.
#[derive(Debug, Clone)]
pub enum SourceMap {
    /// Body offset + base = file offset.
    Offset(u32),
    /// Sorted checkpoints `(body offset, file offset)`; the first is `(0, literal start)`.
    Escaped(Vec<(u32, u32)>),
    /// The body has no place in the file (for example base64-decoded); every offset maps to
    /// this span's start, and labels are drawn on the whole encoded value.
    Opaque(Span),
}

impl SourceMap {
    /// The file offset of body offset `off`.
    pub fn to_file(&self, off: u32) -> u32 {
        match self {
            SourceMap::Offset(base) => base + off,
            SourceMap::Escaped(cps) => {
                let i = match cps.binary_search_by_key(&off, |c| c.0) {
                    Ok(i) => i,
                    Err(0) => 0,
                    Err(i) => i - 1,
                };
                let (b, f) = cps[i];
                // Inside an escape (the next checkpoint starts before `off` would land), clamp.
                let mapped = f + (off - b.min(off));
                match cps.get(i + 1) {
                    Some(&(nb, nf)) if off < nb && mapped >= nf => f,
                    _ => mapped,
                }
            }
            SourceMap::Opaque(span) => span.start,
        }
    }

    /// The file span of body span `s`.
    pub fn span_to_file(&self, s: Span) -> Span {
        match self {
            SourceMap::Opaque(span) => *span,
            _ => {
                let start = self.to_file(s.start);
                // The exclusive end maps to where the next body byte starts in the file, so
                // a span ending in an escape (`\"` closing a string) covers all of it.
                let end = if s.is_empty() {
                    start
                } else {
                    (self.to_file(s.end - 1) + 1).max(self.to_file(s.end))
                };
                Span {
                    start,
                    end: end.max(start),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let f = SourceFile::new("t", None, "ab\nßx\r\ny".as_bytes().to_vec());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(5), (2, 2)); // after the 2-byte ß
        assert_eq!(f.line_col(8), (3, 1));
        assert_eq!(f.line_range(2), (3, 6));
    }

    #[test]
    fn escaped_map_clamps_inside_escapes() {
        // file: "a\nb"  body: a<LF>b ; literal content starts at file offset 1
        let m = SourceMap::Escaped(vec![(0, 1), (1, 2), (2, 4)]);
        assert_eq!(m.to_file(0), 1);
        assert_eq!(m.to_file(1), 2); // the escape `\n`
        assert_eq!(m.to_file(2), 4);
        assert_eq!(m.span_to_file(Span::new(0, 3)), Span::new(1, 5));
    }
}
