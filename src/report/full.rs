//! `full`: rustc-style graphical diagnostics rendered by miette.

use super::{render_text, Style};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Report;
use crate::source::{LineIndex, SourceFile};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::io::{self, Write};

/// A file's text for miette, read through the file's [`LineIndex`] so that every snippet
/// costs O(log n) to find, not a scan from the start of the file (miette's own `str`
/// source scans, and its `line_count` counts from the file start, which merged far-apart
/// labels into one snippet showing every line between them).
///
/// The file is not copied whole: a snippet holds the text of the lines around one finding's
/// labels (invalid UTF-8 as `?`, byte for byte, see [`render_text`]), so a capture of
/// several GB costs only its snippets.
struct Snippet {
    src: SourceFile,
    /// The stretches miette may ask for, sorted and disjoint.
    regions: Vec<Region>,
}

/// One stretch of a [`Snippet`], with its own line table: miette asks for the same few
/// lines many times per finding, and the file's [`LineIndex`] answers each by scanning.
struct Region {
    /// File offset of the first byte.
    at: usize,
    /// The text (one byte per file byte, see [`render_text`]).
    text: String,
    /// 0-based line of `at`.
    first_line: usize,
    /// Whether `at` starts a line.
    at_line_start: bool,
    /// File offsets where the lines after `first_line` start (one past each line break).
    breaks: Vec<usize>,
}

impl Region {
    fn end(&self) -> usize {
        self.at + self.text.len()
    }
}

/// Lines of context kept around a label (miette shows one).
const CONTEXT_LINES: usize = 2;

/// Lines longer than this (minified HAR files, one-line bodies) are shown as a window around
/// the label instead of whole.
const LONG_LINE: usize = 240;
/// Bytes of context on each side of a label inside a long line.
const WINDOW: usize = 72;

impl Snippet {
    /// The snippet for labels at `spans` of `src`: for each, its lines with
    /// [`CONTEXT_LINES`] around (or its window, on a long line), merged where they meet.
    fn new(src: &SourceFile, spans: impl Iterator<Item = crate::source::Span>) -> Snippet {
        let mut snip = Snippet {
            src: src.clone(),
            regions: Vec::new(),
        };
        let len = snip.bytes().len();
        let mut want: Vec<(usize, usize)> = spans
            .map(|sp| {
                let (s, e) = ((sp.start as usize).min(len), (sp.end as usize).min(len));
                let first = snip.lines().line_of(s);
                let last = snip.lines().line_of(e.saturating_sub(1).max(s));
                let lo = snip.lines().start_of(first.saturating_sub(CONTEXT_LINES));
                let hi = snip.line_end((last + CONTEXT_LINES).min(snip.lines().count() - 1));
                // Lines up to 64 KiB are held whole: miette may ask for the lines between
                // two labels. A longer line (a minified HAR) only has a window of it shown.
                if hi - lo > 64 * 1024
                    && first == last
                    && e - s <= 6 * WINDOW
                    && snip.line_len(first) > LONG_LINE
                {
                    // A window of a long line (see `window`), with room for the nudges to
                    // character boundaries, plus the whole short lines around it.
                    let (ws, we) = (s.saturating_sub(WINDOW + 4), (e + WINDOW + 4).min(len));
                    (ws.min(s), we.max(e))
                } else {
                    (lo, hi)
                }
            })
            .collect();
        want.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (s, e) in want {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        snip.regions = merged
            .into_iter()
            .map(|(s, e)| {
                let text = render_text(&snip.bytes()[s..e]);
                snip.src.bytes.release_around(s, e);
                let breaks = memchr::memchr_iter(b'\n', text.as_bytes())
                    .map(|i| s + i + 1)
                    .collect();
                Region {
                    at: s,
                    first_line: snip.lines().line_of(s),
                    at_line_start: s == 0 || snip.bytes()[s - 1] == b'\n',
                    text,
                    breaks,
                }
            })
            .collect();
        snip
    }

    /// 0-based line of byte `offset`: from a region's table when a region holds it.
    fn line_of(&self, offset: usize) -> usize {
        match self
            .regions
            .iter()
            .find(|r| r.at <= offset && offset < r.end())
        {
            Some(r) => r.first_line + r.breaks.partition_point(|&b| b <= offset),
            None => self.lines().line_of(offset),
        }
    }

    /// Byte offset where 0-based `line` starts: from a region's table when a region holds
    /// that line's start.
    fn start_of(&self, line: usize) -> usize {
        for r in &self.regions {
            if line == r.first_line && r.at_line_start {
                return r.at;
            }
            if line > r.first_line && line <= r.first_line + r.breaks.len() {
                return r.breaks[line - r.first_line - 1];
            }
        }
        self.lines().start_of(line)
    }

    /// 0-based column, in characters, of byte `offset` (as [`SourceFile::line_col`]).
    fn column_of(&self, offset: usize) -> usize {
        let start = self.start_of(self.line_of(offset));
        match self.text(start, offset) {
            Some(t) => t.iter().filter(|&&b| b & 0xC0 != 0x80).count(),
            None => self.src.line_col(offset as u32).1 - 1,
        }
    }

    fn lines(&self) -> &LineIndex {
        self.src.lines()
    }

    fn bytes(&self) -> &[u8] {
        &self.src.bytes
    }

    /// The text of file bytes `start..end`, if the snippet holds it.
    fn text(&self, start: usize, end: usize) -> Option<&[u8]> {
        let i = self
            .regions
            .partition_point(|r| r.at <= start)
            .checked_sub(1)?;
        let r = &self.regions[i];
        r.text.as_bytes().get(start - r.at..end - r.at)
    }

    /// End of 0-based `line`, including its line break.
    fn line_end(&self, line: usize) -> usize {
        if line + 1 < self.lines().count() {
            self.start_of(line + 1)
        } else {
            self.bytes().len()
        }
    }

    /// Length of 0-based `line` without its line break.
    fn line_len(&self, line: usize) -> usize {
        let start = self.start_of(line);
        let mut end = self.line_end(line);
        while end > start && matches!(self.bytes()[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        end - start
    }

    /// For a short span on a long line: the window of that line around the span, reported
    /// with its real line and column.
    fn window(&self, s: usize, e: usize, before: usize) -> Option<Box<dyn SpanContents<'_> + '_>> {
        // Not inside a UTF-8 sequence (a continuation byte never starts a character).
        let boundary = |i: usize| self.bytes().get(i).is_none_or(|b| b & 0xC0 != 0x80);
        let line = self.line_of(s);
        if e - s > 6 * WINDOW || self.line_of(e.saturating_sub(1).max(s)) != line {
            return None;
        }
        if self.line_len(line) <= LONG_LINE {
            return None;
        }
        let line_start = self.start_of(line);
        let line_end = line_start + self.line_len(line);
        // Without context miette wants the contents to start at the span (header position).
        let mut ws = if before == 0 {
            s
        } else {
            s.saturating_sub(WINDOW).max(line_start)
        };
        while ws > 0 && !boundary(ws) {
            ws -= 1;
        }
        let mut we = (e + WINDOW).min(line_end).max(ws);
        while we < self.bytes().len() && !boundary(we) {
            we += 1;
        }
        let col = self.column_of(ws);
        Some(Box::new(MietteSpanContents::new_named(
            self.src.name.clone(),
            self.text(ws, we)?,
            SourceSpan::new(ws.into(), we - ws),
            line,
            col,
            1,
        )))
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let len = self.bytes().len();
        let s = span.offset();
        let e = s + span.len();
        if s > len || e > len {
            return Err(MietteError::OutOfBounds);
        }
        if let Some(w) = self.window(s, e, before) {
            return Ok(w);
        }
        let first_line = self.line_of(s);
        let last_line = self.line_of(e.saturating_sub(1).max(s));
        let from = first_line.saturating_sub(before);
        let to = (last_line + after).min(self.lines().count() - 1);
        // Without context lines miette expects the contents to start at the span itself,
        // with its column (that is how the header's `line:column` is found).
        let (start, column) = if before == 0 {
            (s, self.column_of(s))
        } else {
            (self.start_of(from), 0)
        };
        let end = self.line_end(to);
        Ok(Box::new(MietteSpanContents::new_named(
            self.src.name.clone(),
            self.text(start, end).ok_or(MietteError::OutOfBounds)?,
            SourceSpan::new(start.into(), end - start),
            from,
            column,
            to - from + 1,
        )))
    }
}

/// True when labels at `a` and `b` sit on the same over-long line too far apart to show in
/// one window; such a secondary label is named in a note instead of drawn.
fn far_on_long_line(snip: &Snippet, a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b), a.max(b));
    let line = snip.line_of(lo);
    hi - lo > 4 * WINDOW && snip.line_of(hi) == line && snip.line_len(line) > LONG_LINE
}

fn same_group(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.rule.family == crate::rules::Family::Syntax
        && std::ptr::eq(a.rule, b.rule)
        && a.file == b.file
        && a.severity == b.severity
        && a.context.request.is_some()
        && a.context.request == b.context.request
        && a.secondary.is_empty()
        && b.secondary.is_empty()
}

fn merge(group: &[Diagnostic]) -> Diagnostic {
    let mut d = group[0].clone();
    d.message = format!(
        "{} (and {} more like it in this body)",
        d.message,
        group.len() - 1
    );
    for other in &group[1..] {
        d.secondary.push(other.primary.clone());
    }
    d
}

fn to_miette(d: &Diagnostic, src: &SourceFile, snip: &Snippet) -> MietteDiagnostic {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let span = |s: crate::source::Span| SourceSpan::new((s.start as usize).into(), s.len());
    let mut m = MietteDiagnostic::new(d.message.clone())
        .with_code(format!("{}[{}]: {}", d.severity, d.rule.code, d.rule.name))
        .with_severity(severity)
        .and_label(LabeledSpan::new_primary_with_span(
            d.primary.text.clone(),
            span(d.primary.span),
        ));
    let mut far = Vec::new();
    for l in &d.secondary {
        if far_on_long_line(snip, d.primary.span.start as usize, l.span.start as usize) {
            let (line, col) = src.line_col(l.span.start);
            far.push(format!(
                "{} at {}:{line}:{col}",
                l.text.as_deref().unwrap_or("related"),
                src.name
            ));
        } else {
            m = m.and_label(LabeledSpan::new_with_span(l.text.clone(), span(l.span)));
        }
    }
    let mut help = d.help.clone().unwrap_or_default();
    // Which session and event: captures interleave sessions, and the snippet alone does
    // not tell which one a sequencing finding is about.
    let sequencing = !matches!(
        d.rule.family,
        crate::rules::Family::Syntax
            | crate::rules::Family::Limit
            | crate::rules::Family::Suppression
            | crate::rules::Family::Capture
    );
    if let (true, Some(session)) = (sequencing, d.context.session.as_deref()) {
        if !help.is_empty() {
            help.push('\n');
        }
        help.push_str(&format!("session: {session}"));
        if let Some(i) = d.context.event_index {
            help.push_str(&format!(", {}", super::event_ref(i)));
        }
        if let Some(label) = &d.context.request_label {
            help.push_str(&format!(" ({label})"));
        }
    }
    for f in far {
        if !help.is_empty() {
            help.push('\n');
        }
        help.push_str("see also: ");
        help.push_str(&f);
    }
    if let Some(n) = &d.note {
        if !help.is_empty() {
            help.push('\n');
        }
        help.push_str("note: ");
        help.push_str(n);
    }
    if !help.is_empty() {
        m = m.with_help(help);
    }
    m
}

/// A finding for miette's handler, with the snippet it points into. Rendered directly,
/// not through `miette::Report`: each `Report` asks the global hook for a handler, whose
/// default queries the terminal (size, colour, unicode, hyperlinks: 14 failed `ioctl`
/// calls a finding when not on a terminal). Width and colour are this run's [`Style`].
struct WithSource(MietteDiagnostic, Option<Snippet>);

impl std::fmt::Debug for WithSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

impl std::fmt::Display for WithSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for WithSource {}

impl miette::Diagnostic for WithSource {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.0.severity()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.help()
    }
    fn url<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.url()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.0.labels()
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.1.as_ref().map(|s| s as &dyn SourceCode)
    }
}

/// Renders every diagnostic of `report` in order, then nothing else (see `summary`).
pub fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let handler = handler(style);
    let all = &report.diagnostics;
    let mut used = vec![false; all.len()];
    // The findings from `base` on that have been decoded (the stored findings are read
    // once each, as the groups below look ahead).
    let mut window: std::collections::VecDeque<Diagnostic> = Default::default();
    let mut base = 0;
    for i in 0..all.len() {
        while base < i {
            window.pop_front();
            base += 1;
        }
        if used[i] {
            continue;
        }
        used[i] = true;
        // Repeats of one syntax finding in one body render as one snippet with a label each
        // (every one is still its own finding in the counts and machine formats): decode
        // the findings that follow in the same file and request (`window[0]` is `i`).
        if window.is_empty() {
            window.push_back(all.get(i));
        }
        let mut end = 1;
        while i + end < all.len() {
            while window.len() <= end {
                window.push_back(all.get(i + window.len()));
            }
            let (first, next) = (&window[0], &window[end]);
            let same_request = first.context.request.is_some()
                && next
                    .context
                    .request
                    .is_none_or(|r| Some(r) == first.context.request);
            if next.file != first.file || !same_request {
                break;
            }
            end += 1;
        }
        let mut group = vec![0];
        for k in 1..end {
            if !used[i + k] && same_group(&window[0], &window[k]) {
                used[i + k] = true;
                group.push(k);
            }
        }
        let merged;
        let d = if group.len() > 1 {
            let members: Vec<Diagnostic> = group.iter().map(|&k| window[k].clone()).collect();
            merged = merge(&members);
            &merged
        } else {
            &window[0]
        };
        out.write_all(one(report, d, &handler).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = match (style.unicode, style.color) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::unicode_nocolor(),
        (false, true) => GraphicalTheme::ascii(),
        (false, false) => GraphicalTheme::none(),
    };
    // Messages break at spaces only: the default separator finds Unicode line-break
    // opportunities with ICU's segmenter, which was a fifth of the cost of rendering a
    // finding, and valint's messages are plain prose.
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// Renders findings one at a time as `full` does (header, snippet, help), for reports that
/// show each finding on its own (the HTML timeline report).
pub struct OneByOne(GraphicalReportHandler);

impl OneByOne {
    /// A renderer in `style`.
    pub fn new(style: Style) -> OneByOne {
        OneByOne(handler(style))
    }

    /// Finding `d` of `report` as `full` prints it.
    pub fn render(&self, report: &Report, d: &Diagnostic) -> String {
        one(report, d, &self.0)
    }
}

fn one(report: &Report, d: &Diagnostic, handler: &GraphicalReportHandler) -> String {
    let src = &report.sources[d.file];
    let named = Snippet::new(
        src,
        std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span)),
    );
    let diag = to_miette(d, src, &named);
    // Findings about the run as a whole (limits) have no place in a file to show.
    let whole_run = d.rule.family == crate::rules::Family::Limit && d.primary.span.is_empty();
    let rep = if whole_run {
        WithSource(diag.with_labels(Vec::new()), None)
    } else {
        WithSource(diag, Some(named))
    };
    let mut s = String::new();
    if handler.render_report(&mut s, &rep).is_err() {
        s = format!("{}: {}\n", d.rule.code, d.message);
    }
    s
}
