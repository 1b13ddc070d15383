//! Adobe documentation pages (Markdown): the MC API timelines and their translations.
//!
//! Each fenced code block is read as request bodies, in page order. A timeline page puts a
//! small table before each action's code block; its row holds the action-timeline seconds,
//! the playhead seconds and the endpoint path. The table is recognised by its *shape* (a
//! pipe table whose data row has at least two numeric cells), never by header words, so a
//! translated page reads exactly like the English one. The table's seconds become the
//! request's `action_time_s` (used as the wall clock where `ts` is a placeholder) and
//! `table_playhead_s`; the nearest heading above becomes its label.

use super::{bodies, classify_url, CaptureRead};
use crate::source::{SourceFile, Span};

#[derive(Debug, Clone, Default)]
struct ActionRow {
    time_s: Option<f64>,
    playhead_s: Option<f64>,
    path: Option<String>,
}

/// Reads a docs page.
pub fn read(file: &SourceFile) -> CaptureRead<'_> {
    let src: &[u8] = &file.bytes;
    let mut out = CaptureRead::default();
    let mut row: Option<ActionRow> = None;
    let mut heading: Option<String> = None;
    let mut table_lines: Vec<String> = Vec::new();
    let mut pos = 0usize;
    let mut in_front_matter = false;
    let mut first_line = true;

    while pos < src.len() {
        let line_end = memchr::memchr(b'\n', &src[pos..]).map_or(src.len(), |i| pos + i);
        let next = (line_end + 1).min(src.len().max(line_end));
        let line = String::from_utf8_lossy(&src[pos..line_end]);
        let t = line.trim();
        if first_line && t == "---" {
            in_front_matter = true;
            first_line = false;
            pos = next;
            continue;
        }
        first_line = false;
        if in_front_matter {
            if t == "---" {
                in_front_matter = false;
            }
            pos = next;
            continue;
        }
        if t.starts_with('|') {
            table_lines.push(t.to_string());
            pos = next;
            continue;
        } else if !table_lines.is_empty() {
            if let Some(r) = action_row(&table_lines) {
                row = Some(r);
            }
            table_lines.clear();
        }
        if let Some(h) = heading_text(t) {
            heading = Some(h);
            row = None;
            pos = next;
            continue;
        }
        if let Some((fence_char, fence_len)) = fence_open(t) {
            // Find the closing fence.
            let body_start = next;
            let mut p = body_start;
            let mut close: Option<(usize, usize)> = None; // (content end, after fence line)
            while p < src.len() {
                let le = memchr::memchr(b'\n', &src[p..]).map_or(src.len(), |i| p + i);
                let l = String::from_utf8_lossy(&src[p..le]);
                let lt = l.trim();
                if lt.len() >= fence_len && lt.bytes().all(|c| c == fence_char) {
                    close = Some((p, (le + 1).min(src.len())));
                    break;
                }
                p = (le + 1).min(src.len());
                if le >= src.len() {
                    break;
                }
            }
            let (content_end, after) = close.unwrap_or((src.len(), src.len()));
            read_block(src, body_start, content_end, &row, &heading, &mut out);
            if close.is_none() {
                out.unreadable.push(super::Unreadable {
                    span: Span::new(pos, line_end),
                    reason: "code block is never closed".into(),
                });
            }
            pos = after;
            continue;
        }
        pos = next;
    }
    out.has_action_times = out.requests.iter().any(|r| r.action_time_s.is_some());
    out
}

fn read_block<'a>(
    src: &'a [u8],
    start: usize,
    end: usize,
    row: &Option<ActionRow>,
    heading: &Option<String>,
    out: &mut CaptureRead<'a>,
) {
    let before = out.requests.len();
    let unreadable_before = out.unreadable.len();
    bodies::read_region(&src[..end], start, out);
    let got = out.requests.len() - before;
    if got == 0 {
        // Not a request body (shell, HTTP response, prose): skipped, and said so.
        out.unreadable.truncate(unreadable_before);
        if end > start {
            out.skipped.push((
                Span::new(start, end),
                "code block holds no request body".into(),
            ));
        }
        return;
    }
    for r in &mut out.requests[before..] {
        r.label = heading.clone();
        if let Some(row) = row {
            r.action_time_s = row.time_s;
            r.table_playhead_s = row.playhead_s;
            // The table's path, for a block without a request line of its own (a block's
            // sid comes from its request line, so it has none either).
            if r.endpoint == super::Endpoint::Unknown {
                if let Some(p) = &row.path {
                    let (ep, sid) = classify_url(p);
                    r.endpoint = ep;
                    r.sid = sid.map(std::borrow::Cow::Owned);
                }
            }
        }
    }
}

/// `### Action 4 - Ad start {#Action-4}` → `Action 4 - Ad start`.
fn heading_text(t: &str) -> Option<String> {
    if !t.starts_with('#') {
        return None;
    }
    let rest = t.trim_start_matches('#');
    if !rest.starts_with(' ') {
        return None;
    }
    let mut text = rest.trim();
    if let Some(i) = text.find("{#") {
        text = text[..i].trim();
    }
    Some(text.to_string())
}

fn fence_open(t: &str) -> Option<(u8, usize)> {
    let c = *t.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = t.bytes().take_while(|&b| b == c).count();
    (n >= 3).then_some((c, n))
}

fn split_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

fn is_separator(cells: &[String]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim_matches(':');
            !c.is_empty() && c.bytes().all(|b| b == b'-')
        })
}

fn numeric(cell: &str) -> Option<f64> {
    let c = cell.trim().trim_matches('*').trim_matches('`').trim();
    let c = c.replace(',', ".");
    c.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The action row of a table, by shape: after the separator row, the first row with at
/// least two numeric cells gives (time, playhead); a cell naming `/api/` gives the path.
fn action_row(lines: &[String]) -> Option<ActionRow> {
    let rows: Vec<Vec<String>> = lines.iter().map(|l| split_cells(l)).collect();
    let sep = rows.iter().position(|r| is_separator(r))?;
    for r in &rows[sep + 1..] {
        let nums: Vec<f64> = r.iter().filter_map(|c| numeric(c)).collect();
        if nums.len() >= 2 {
            let path = r
                .iter()
                .find(|c| c.contains("/api/"))
                .map(|c| c.trim_matches('`').trim().to_string());
            return Some(ActionRow {
                time_s: Some(nums[0]),
                playhead_s: Some(nums[1]),
                path,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_by_shape_not_words() {
        let page = "# T\n\n### Ação 3 {#Action-3}\n\n| Ação | Linha | Posição | Solicitação |\n\
                    | --- | :---: | :---: | --- |\n| Rastrear | 45 | 33 | `/api/v1/sessions/{sid}/events` |\n\n\
                    ```\n{ eventType:adBreakStart }\n```\n";
        let f = SourceFile::new("p.md", None, page.as_bytes().to_vec());
        let r = read(&f);
        assert_eq!(r.requests.len(), 1);
        let q = &r.requests[0];
        assert_eq!(q.action_time_s, Some(45.0));
        assert_eq!(q.table_playhead_s, Some(33.0));
        assert_eq!(q.endpoint, super::super::Endpoint::Events);
        assert_eq!(q.label.as_deref(), Some("Ação 3"));
    }
}
