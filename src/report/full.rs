//! `full`: rustc-style graphical diagnostics rendered by miette.

use super::{render_text, Style};
use crate::check::Report;
use crate::diagnostic::{Diagnostic, Severity};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::io::{self, Write};
use std::sync::Arc;

/// A file's text for miette. It corrects miette 7.6's `line_count` (which counts from the
/// start of the file, so labels far apart were merged into one snippet showing every line
/// between them) to the number of lines actually returned.
struct Snippet {
    name: String,
    text: Arc<String>,
}

/// Lines longer than this (minified HAR files, one-line bodies) are shown as a window around
/// the label instead of whole.
const LONG_LINE: usize = 240;
/// Bytes of context on each side of a label inside a long line.
const WINDOW: usize = 72;

impl Snippet {
    /// For a short span on a long line: the window of that line around the span, reported
    /// with its real line and column.
    fn window(&self, span: &SourceSpan) -> Option<Box<dyn SpanContents<'_> + '_>> {
        let text = self.text.as_str();
        let bytes = text.as_bytes();
        let s = span.offset().min(bytes.len());
        let e = (s + span.len()).min(bytes.len());
        if e - s > 6 * WINDOW || bytes[s..e].contains(&b'\n') {
            return None;
        }
        let line_start = memchr::memrchr(b'\n', &bytes[..s]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &bytes[e..]).map_or(bytes.len(), |i| e + i);
        if line_end - line_start <= LONG_LINE {
            return None;
        }
        let mut ws = s.saturating_sub(WINDOW).max(line_start);
        while !text.is_char_boundary(ws) {
            ws -= 1;
        }
        let mut we = (e + WINDOW).min(line_end);
        while !text.is_char_boundary(we) {
            we += 1;
        }
        let line = memchr::memchr_iter(b'\n', &bytes[..ws]).count();
        let column = text[line_start..ws].chars().count();
        Some(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &bytes[ws..we],
            SourceSpan::new(ws.into(), we - ws),
            line,
            column,
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
        if let Some(w) = self.window(span) {
            return Ok(w);
        }
        let inner = self.text.read_span(span, before, after)?;
        let lines = inner.data().iter().filter(|&&b| b == b'\n').count() + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            lines,
        )))
    }
}

/// True when labels at `a` and `b` sit on the same over-long line too far apart to show in
/// one window; such a secondary label is named in a note instead of drawn.
fn far_on_long_line(text: &str, a: usize, b: usize) -> bool {
    let bytes = text.as_bytes();
    let (lo, hi) = (a.min(b).min(bytes.len()), a.max(b).min(bytes.len()));
    if hi - lo <= 4 * WINDOW || bytes[lo..hi].contains(&b'\n') {
        return false;
    }
    let start = memchr::memrchr(b'\n', &bytes[..lo]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &bytes[hi..]).map_or(bytes.len(), |i| hi + i);
    end - start > LONG_LINE
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

fn to_miette(d: &Diagnostic, src: &crate::source::SourceFile, text: &str) -> MietteDiagnostic {
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
        if far_on_long_line(text, d.primary.span.start as usize, l.span.start as usize) {
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

/// Renders every diagnostic of `report` in order, then nothing else (see `summary`).
pub fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let theme = match (style.unicode, style.color) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::unicode_nocolor(),
        (false, true) => GraphicalTheme::ascii(),
        (false, false) => GraphicalTheme::none(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let texts: Vec<Arc<String>> = report
        .sources
        .iter()
        .map(|s| Arc::new(render_text(&s.bytes)))
        .collect();
    let all = &report.diagnostics;
    let mut used = vec![false; all.len()];
    for i in 0..all.len() {
        if used[i] {
            continue;
        }
        used[i] = true;
        // Repeats of one syntax finding in one body render as one snippet with a label each
        // (every one is still its own finding in the counts and machine formats).
        let mut group = vec![i];
        let mut j = i + 1;
        while j < all.len()
            && all[j].file == all[i].file
            && all[i].context.request.is_some()
            && all[j]
                .context
                .request
                .is_none_or(|r| Some(r) == all[i].context.request)
        {
            if !used[j] && same_group(&all[i], &all[j]) {
                used[j] = true;
                group.push(j);
            }
            j += 1;
        }
        let grouped;
        let d = if group.len() > 1 {
            let members: Vec<Diagnostic> = group.iter().map(|&k| all[k].clone()).collect();
            grouped = merge(&members);
            &grouped
        } else {
            &all[i]
        };
        let src = &report.sources[d.file];
        let named = Snippet {
            name: src.name.clone(),
            text: texts[d.file].clone(),
        };
        let rep = miette::Report::new(to_miette(d, src, &texts[d.file])).with_source_code(named);
        let mut s = String::new();
        if handler.render_report(&mut s, rep.as_ref()).is_err() {
            s = format!("{}: {}\n", d.rule.code, d.message);
        }
        out.write_all(s.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
