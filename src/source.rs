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

/// A file's bytes: read into memory (stdin, small inputs, tests) or mapped from disk.
///
/// A mapped file is paged in as the readers reach it, and [`FileBytes::release`] hands the
/// pages of a region already checked back to the kernel, so a capture of several GB is
/// checked without holding it in memory (its pages stay in the page cache and come back
/// on access, when a finding is rendered). Dereferences to `[u8]`.
pub struct FileBytes(Storage, Touched);

/// The 2 MiB stretches of a mapped file that lookups have touched since they were last
/// handed back (see [`FileBytes::release_around`]), at most [`Touched::MAX`].
#[derive(Default)]
struct Touched(std::sync::Mutex<Vec<usize>>);

impl Touched {
    /// Stretches kept mapped at most (8 MiB) before they are handed back.
    const MAX: usize = 4;
}

enum Storage {
    Owned(Box<[u8]>),
    Mapped(memmap2::Mmap),
}

impl FileBytes {
    /// The page size [`release`](Self::release) works in (whole pages only).
    pub const PAGE: usize = 4096;

    /// Bytes already in memory.
    pub fn owned(bytes: Vec<u8>) -> FileBytes {
        FileBytes(Storage::Owned(bytes.into_boxed_slice()), Touched::default())
    }

    /// Maps the regular file `file` read-only.
    ///
    /// # Errors
    /// What `mmap(2)` reports. The file must not be truncated while valint runs (reading a
    /// page past its new end would raise SIGBUS), as for every tool that maps its input.
    pub fn map(file: &std::fs::File) -> std::io::Result<FileBytes> {
        // SAFETY: a read-only shared mapping; valint never writes through it. A file cut
        // short by another process while mapped is outside what valint supports (above).
        let map = unsafe { memmap2::Mmap::map(file)? };
        #[cfg(unix)]
        let _ = map.advise(memmap2::Advice::Sequential);
        Ok(FileBytes(Storage::Mapped(map), Touched::default()))
    }

    /// Whether the bytes are mapped from disk (and [`release`](Self::release) frees memory).
    pub fn is_mapped(&self) -> bool {
        matches!(self.0, Storage::Mapped(_))
    }

    /// Tells the kernel that bytes `start..end` are not needed for now: their whole pages
    /// leave this process's resident memory. Reading them again later is correct (they are
    /// read back from the file); it only costs a page fault. A no-op for owned bytes.
    pub fn release(&self, start: usize, end: usize) {
        #[cfg(unix)]
        if let Storage::Mapped(map) = &self.0 {
            let start = start.div_ceil(Self::PAGE) * Self::PAGE;
            let end = end.min(map.len()) / Self::PAGE * Self::PAGE;
            if end > start {
                // SAFETY: MADV_DONTNEED on a read-only shared file mapping drops the page
                // table entries only; the next access faults the same bytes back in from
                // the file, so no borrowed slice ever sees different contents.
                let _ = unsafe {
                    map.unchecked_advise_range(
                        memmap2::UncheckedAdvice::DontNeed,
                        start,
                        end - start,
                    )
                };
            }
        }
        #[cfg(not(unix))]
        let _ = (start, end);
    }
}

impl FileBytes {
    /// Notes that a lookup read `start..end` of a mapped file, whose pages are to be
    /// [`release`](Self::release)d, widened to whole 2 MiB stretches: touching one page
    /// maps its neighbours too (the kernel's fault-around, and on Linux 6.x whole large
    /// folios of the page cache, which readahead makes up to 2 MiB). With 64 KiB stretches,
    /// rendering 889 findings of a 200 MB capture kept 50 MB of it mapped.
    ///
    /// The stretches are handed back together once more than 4 (8 MiB) are touched, not
    /// one call per lookup: findings are rendered in file order, so neighbouring findings
    /// share stretches, and a `madvise` per lookup cost more system time than rendering
    /// (53 calls a finding). What stays mapped is bounded by those 8 MiB and the last lookup's stretches.
    pub fn release_around(&self, start: usize, end: usize) {
        const AROUND: usize = 2 * 1024 * 1024;
        if !self.is_mapped() {
            return;
        }
        let (lo, hi) = (start / AROUND, end.div_ceil(AROUND) + 1);
        let mut touched = self.1 .0.lock().unwrap_or_else(|e| e.into_inner());
        for s in lo..hi {
            if !touched.contains(&s) {
                touched.push(s);
            }
        }
        if touched.len() <= Touched::MAX {
            return;
        }
        // Everything but this lookup's own stretches goes back, in runs of neighbours.
        touched.sort_unstable();
        let mut run: Option<(usize, usize)> = None;
        for &s in touched.iter().filter(|&&s| s < lo || s >= hi) {
            run = match run {
                Some((a, b)) if b == s => Some((a, s + 1)),
                Some((a, b)) => {
                    self.release(a * AROUND, b * AROUND);
                    Some((s, s + 1))
                }
                None => Some((s, s + 1)),
            };
        }
        if let Some((a, b)) = run {
            self.release(a * AROUND, b * AROUND);
        }
        touched.retain(|&s| s >= lo && s < hi);
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match &self.0 {
            Storage::Owned(b) => b,
            Storage::Mapped(m) => m,
        }
    }
}

impl std::fmt::Debug for FileBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = if self.is_mapped() { "mapped" } else { "owned" };
        write!(f, "FileBytes({how}, {} bytes)", self.len())
    }
}

/// One file (or stdin) read for checking. Cheap to clone: the bytes are shared.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics (the path as given, or `--stdin-filename`, or `<stdin>`).
    pub name: String,
    /// The path on disk, when there is one.
    pub path: Option<PathBuf>,
    /// The file's bytes, unchanged. Invalid UTF-8 is kept as is; rendering uses a lossy copy.
    pub bytes: Arc<FileBytes>,
    lines: Arc<LineIndex>,
    /// For a binary capture (a Charles `.chls`, a Fiddler `.saz`), what `bytes` are: the
    /// text valint derived from the file to read it (`"NDJSON text, one line per
    /// transaction"`), so that positions are in that text, not in the file. `None` for a
    /// file read as it is.
    pub derived_from: Option<String>,
    /// For a derived text whose capture records when each request was sent (a Fiddler
    /// `.saz`): `(offset of the request line in the text, arrival time in epoch ms)`,
    /// sorted by offset. The text's own format has no place for them.
    pub arrivals: Vec<(u32, i64)>,
}

impl SourceFile {
    /// Wraps bytes read from `name`.
    pub fn new(name: impl Into<String>, path: Option<&Path>, bytes: Vec<u8>) -> SourceFile {
        SourceFile::from_bytes(name, path, FileBytes::owned(bytes))
    }

    /// Wraps `bytes` (owned or mapped) read from `name`.
    pub fn from_bytes(
        name: impl Into<String>,
        path: Option<&Path>,
        bytes: FileBytes,
    ) -> SourceFile {
        let bytes = Arc::new(bytes);
        SourceFile {
            name: name.into(),
            path: path.map(Path::to_path_buf),
            lines: Arc::new(LineIndex::new(bytes.clone())),
            bytes,
            derived_from: None,
            arrivals: Vec::new(),
        }
    }

    /// The arrival time (epoch ms) recorded for the request whose request line starts at
    /// `offset` (see [`SourceFile::arrivals`]).
    pub fn arrival_at(&self, offset: usize) -> Option<i64> {
        let i = self
            .arrivals
            .binary_search_by_key(&offset, |a| a.0 as usize)
            .ok()?;
        Some(self.arrivals[i].1)
    }

    /// Opens the file at `path`: mapped when it is a regular file, read otherwise.
    ///
    /// # Errors
    /// Opening or reading the file, mapping it; a directory is an error of kind
    /// `IsADirectory`'s message, "is a directory".
    pub fn open(path: &Path) -> std::io::Result<SourceFile> {
        let file = std::fs::File::open(path)?;
        let meta = file.metadata()?;
        if meta.is_dir() {
            return Err(std::io::Error::other("is a directory"));
        }
        let bytes = if meta.is_file() && meta.len() > 0 {
            FileBytes::map(&file)?
        } else {
            let mut v = Vec::new();
            std::io::Read::read_to_end(&mut &file, &mut v)?;
            FileBytes::owned(v)
        };
        Ok(SourceFile::from_bytes(
            path.display().to_string(),
            Some(path),
            bytes,
        ))
    }

    /// 1-based line and 1-based column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        self.lines.line_col(offset as usize)
    }

    /// 1-based line and 1-based UTF-16 column of byte `offset` (SARIF's default column kind).
    pub fn line_col_utf16(&self, offset: u32) -> (usize, usize) {
        self.lines.line_col_utf16(offset as usize)
    }

    /// Byte range `start..end` of line `line` (1-based), without its line terminator.
    pub fn line_range(&self, line: usize) -> (usize, usize) {
        self.lines.line_range(line)
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

/// Line lookup for one file, sparse so that it stays small for a file of several GB: the
/// number of line breaks before every `BLOCK`-th byte (counted as the file is read, or with
/// `memchr` on first use: 8 bytes per 4 KiB, 2 MB for a GB), plus character-count
/// checkpoints for very long lines (minified HAR files, one-line bodies), also built on
/// first use. A lookup costs O(log n + 4 KiB) however long the file or the line is: every
/// finding looks up a few lines, and with 64 KiB blocks those scans were most of the cost
/// of rendering a finding.
#[derive(Debug)]
pub struct LineIndex {
    bytes: Arc<FileBytes>,
    /// Line breaks before the start of each block; one more entry for the whole file.
    blocks: std::sync::OnceLock<Vec<usize>>,
    long_lines: std::sync::Mutex<std::collections::HashMap<usize, Checkpoints>>,
}

/// Bytes per block of the sparse line index.
const BLOCK: usize = 4 * 1024;

/// Counts a file's line breaks block by block as it is read, for its [`LineIndex`]: a
/// check counts each stretch while its bytes are in the caches, on whichever thread is
/// free, instead of in one pass over the whole file (faulting a mapped file's released
/// pages back in) when the first finding is rendered.
#[derive(Debug, Default)]
pub struct LineCounter {
    /// Line breaks before the start of each block reached so far.
    blocks: Vec<usize>,
    /// Line breaks before `to`.
    n: usize,
    /// Bytes counted so far.
    to: usize,
}

impl LineCounter {
    /// Counts the line breaks of `bytes` up to byte `to` (bytes counted before are not
    /// read again: a mapped file's pages, handed back once checked, stay out).
    pub fn advance(&mut self, bytes: &[u8], to: usize) {
        let to = to.min(bytes.len());
        while self.to < to {
            if self.to % BLOCK == 0 {
                self.blocks.push(self.n);
            }
            let end = to.min((self.to / BLOCK + 1) * BLOCK);
            self.n += memchr::memchr_iter(b'\n', &bytes[self.to..end]).count();
            self.to = end;
        }
    }

    /// Counts the rest of `bytes` and returns the index's blocks: one entry per block
    /// and one for the whole file.
    fn into_blocks(mut self, bytes: &[u8]) -> Vec<usize> {
        self.advance(bytes, bytes.len());
        self.blocks.push(self.n);
        self.blocks
    }
}

/// (characters, UTF-16 units) from a long line's start to every [`CHUNK`]-th byte.
type Checkpoints = Arc<Vec<(usize, usize)>>;

/// Bytes between two checkpoints of a long line.
const CHUNK: usize = 4096;

/// (characters, UTF-16 code units) in `bytes`, counting each byte that does not continue a
/// UTF-8 sequence as one character.
fn count_units(bytes: &[u8]) -> (usize, usize) {
    // Two counting passes the compiler vectorises: bytes that continue a UTF-8 sequence
    // (0x80..=0xBF), and lead bytes of 4-byte sequences (two UTF-16 units each).
    let continuing = bytes.iter().filter(|&&b| b & 0xC0 == 0x80).count();
    let four = bytes.iter().filter(|&&b| b >= 0xF0).count();
    let chars = bytes.len() - continuing;
    (chars, chars + four)
}

impl LineIndex {
    /// An index of the line starts of `bytes` (LF and CRLF; a lone CR is not a line break).
    pub fn new(bytes: Arc<FileBytes>) -> LineIndex {
        LineIndex {
            bytes,
            blocks: std::sync::OnceLock::new(),
            long_lines: Default::default(),
        }
    }

    fn blocks(&self) -> &[usize] {
        self.blocks.get_or_init(|| {
            let mut counter = LineCounter::default();
            // Counted in stretches whose pages are handed back afterwards: building the
            // index must not pull a mapped file of several GB into memory.
            const STRETCH: usize = 4 << 20;
            let mut at = 0;
            while at < self.bytes.len() {
                at = (at + STRETCH).min(self.bytes.len());
                counter.advance(&self.bytes, at);
                self.bytes.release(at.saturating_sub(STRETCH), at);
            }
            let blocks = counter.into_blocks(&self.bytes);
            self.bytes
                .release(self.bytes.len().saturating_sub(BLOCK), self.bytes.len());
            blocks
        })
    }

    /// Takes the line breaks counted by `counter` as the file was read (see
    /// [`LineCounter`]), unless lookups have already counted them.
    pub fn set_counted(&self, counter: LineCounter) {
        if self.blocks.get().is_none() {
            let _ = self.blocks.set(counter.into_blocks(&self.bytes));
        }
    }

    /// 0-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len());
        let b = offset / BLOCK;
        let blocks = self.blocks();
        let n = memchr::memchr_iter(b'\n', &self.bytes[b * BLOCK..offset]).count();
        // A lookup per finding, spread over a mapped file, would otherwise keep a block's
        // pages each: hand them back.
        self.bytes.release_around(b * BLOCK, offset);
        blocks[b.min(blocks.len() - 1)] + n
    }

    /// Byte offset where 0-based line `line` starts (the last line's start for a line past
    /// the end).
    pub fn start_of(&self, line: usize) -> usize {
        let line = line.min(self.count() - 1);
        if line == 0 {
            return 0;
        }
        // The block holding the `line`-th line break (1-based).
        let blocks = self.blocks();
        let b = blocks.partition_point(|&n| n < line) - 1;
        let skip = line - blocks[b] - 1;
        let from = b * BLOCK;
        let start = memchr::memchr_iter(b'\n', &self.bytes[from..])
            .nth(skip)
            .map_or(self.bytes.len(), |i| from + i + 1);
        self.bytes.release_around(from, start);
        start
    }

    /// Number of lines.
    pub fn count(&self) -> usize {
        self.blocks().last().copied().unwrap_or(0) + 1
    }

    /// (characters, UTF-16 units) from the start of `line` to `offset`.
    fn units_to(&self, line: usize, start: usize, offset: usize) -> (usize, usize) {
        let bytes: &[u8] = &self.bytes;
        let len = offset - start;
        if len < 16 * CHUNK {
            let units = count_units(&bytes[start..offset]);
            self.bytes.release_around(start, offset);
            return units;
        }
        let cps = {
            let mut map = self.long_lines.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(line)
                .or_insert_with(|| {
                    let end = memchr::memchr(b'\n', &bytes[start..])
                        .map_or(bytes.len(), |i| start + i + 1);
                    let mut v = vec![(0, 0)];
                    let mut acc = (0, 0);
                    for chunk in bytes[start..end].chunks(CHUNK) {
                        let (c, u) = count_units(chunk);
                        acc = (acc.0 + c, acc.1 + u);
                        v.push(acc);
                    }
                    self.bytes.release_around(start, end);
                    Arc::new(v)
                })
                .clone()
        };
        let k = len / CHUNK;
        let (c0, u0) = cps[k.min(cps.len() - 1)];
        let (c, u) = count_units(&bytes[start + k * CHUNK..offset]);
        self.bytes.release_around(start + k * CHUNK, offset);
        (c0 + c, u0 + u)
    }

    /// Line (0-based) and its start for `offset`.
    fn locate(&self, offset: usize) -> (usize, usize, usize) {
        let offset = offset.min(self.bytes.len());
        let line = self.line_of(offset);
        (line, self.start_of(line), offset)
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let (line, start, offset) = self.locate(offset);
        (line + 1, self.units_to(line, start, offset).0 + 1)
    }

    fn line_col_utf16(&self, offset: usize) -> (usize, usize) {
        let (line, start, offset) = self.locate(offset);
        (line + 1, self.units_to(line, start, offset).1 + 1)
    }

    fn line_range(&self, line: usize) -> (usize, usize) {
        let bytes: &[u8] = &self.bytes;
        let start = self.start_of(line.saturating_sub(1));
        let mut end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
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
    #[inline]
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
            // (The common case, as the general arm computes it, without three calls.)
            SourceMap::Offset(base) => Span {
                start: base + s.start,
                end: base + s.end.max(s.start),
            },
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
    fn sparse_line_index_matches_a_scan() {
        // Lines of many lengths, crossing several 64 KiB blocks, some with CRLF and ß.
        let mut text = String::new();
        let mut n = 0u64;
        while text.len() < 5 * BLOCK {
            n = n
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (n >> 33) as usize % 3000;
            text.push_str(&"ß".repeat(len % 7));
            text.push_str(&"x".repeat(len));
            text.push_str(if len % 5 == 0 { "\r\n" } else { "\n" });
        }
        text.push_str("last");
        let f = SourceFile::new("t", None, text.clone().into_bytes());
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        assert_eq!(f.line_count(), starts.len());
        for (l, &s) in starts.iter().enumerate() {
            assert_eq!(f.lines().start_of(l), s, "line {l}");
            assert_eq!(f.lines().line_of(s), l);
            let (rs, re) = f.line_range(l + 1);
            assert_eq!(rs, s);
            assert!(!text[rs..re].contains('\n') && !text[rs..re].ends_with('\r'));
        }
        for off in (0..text.len()).step_by(997) {
            if !text.is_char_boundary(off) {
                continue;
            }
            let line = starts.partition_point(|&s| s <= off) - 1;
            let col = text[starts[line]..off].chars().count() + 1;
            assert_eq!(f.line_col(off as u32), (line + 1, col), "offset {off}");
        }
    }

    #[test]
    fn lines_counted_while_reading_index_like_a_lookup() {
        // Line breaks at varied places over several blocks; the counter is advanced in
        // steps that end inside blocks, on block boundaries and past the end.
        let text: Vec<u8> = (0..5 * BLOCK + 1234)
            .map(|i| if (i * 7919) % 131 == 0 { b'\n' } else { b'x' })
            .collect();
        for steps in [
            vec![],
            vec![BLOCK],
            vec![100, BLOCK - 1, BLOCK + 1, 3 * BLOCK, text.len() + 10],
            vec![text.len()],
        ] {
            let read = SourceFile::new("t", None, text.clone());
            let mut counter = LineCounter::default();
            for to in &steps {
                counter.advance(&read.bytes, *to);
            }
            read.lines().set_counted(counter);
            let looked_up = SourceFile::new("t", None, text.clone());
            assert_eq!(
                read.lines().blocks(),
                looked_up.lines().blocks(),
                "{steps:?}"
            );
            assert_eq!(
                read.line_count(),
                text.iter().filter(|&&b| b == b'\n').count() + 1
            );
        }
    }

    #[test]
    fn released_pages_read_back_the_same() {
        let text: Vec<u8> = (0..300_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let dir = std::env::temp_dir().join(format!("valint-map-{}", std::process::id()));
        std::fs::write(&dir, &text).unwrap();
        let f = SourceFile::open(&dir).unwrap();
        assert!(f.bytes.is_mapped());
        assert_eq!(&f.bytes[..], &text[..]);
        f.bytes.release(0, text.len());
        f.bytes.release_around(1000, 5000);
        assert_eq!(&f.bytes[..], &text[..]);
        std::fs::remove_file(&dir).unwrap();
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
