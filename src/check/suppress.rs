//! Inline suppressions: `valint: ignore[CODE, ...] -- reason` before a request, or
//! `valint: ignore-session[CODE, ...] -- reason` on a session's sessionStart, written where
//! each capture format can carry a note:
//!
//! - NDJSON logs, body streams and HTTP transcripts: a `#` or `//` line before the
//!   request (every reader skips those lines);
//! - HAR: a `comment` field of the entry (HAR 1.2 has one on every object), e.g.
//!   `"comment": "valint: ignore[TIM003] -- player sends ties on purpose"`;
//! - Adobe docs pages: an HTML comment (`<!-- valint: ... -->`) before the code block.
//!
//! A line or HTML comment applies to the next request in the file; a HAR comment to the
//! entry that holds it. A code is a selector as `--select` takes it (code, name, code
//! prefix, family). The reason after `--` is required (SUP001); a suppression that
//! suppresses nothing is reported (SUP002), and so is one that cannot be read or names no
//! rule (SUP003).

use crate::config::selects;
use crate::diagnostic::Diagnostic;
use crate::model::Suppressed;
use crate::rules;
use crate::source::Span;
use rustc_hash::FxHashMap;

/// Where a directive was written, which decides what request it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Carrier {
    /// A `#` or `//` line, or an HTML comment: the next request.
    Line,
    /// A JSON `comment` string (HAR): the request whose entry holds it.
    JsonComment,
}

/// One directive found in a file.
#[derive(Debug, Clone)]
struct Directive {
    /// From `valint:` to the end of the directive.
    span: Span,
    carrier: Carrier,
    session_wide: bool,
    /// The selectors, each with its span and whether it suppressed something.
    codes: Vec<(String, Span, bool)>,
    /// The reason after `--`, if any.
    reason: Option<String>,
    /// The request (ordinal in its file) it applies to, once known.
    request: Option<usize>,
    /// For a session-wide directive, the session it applies to, once known.
    session: Option<String>,
}

/// A directive that could not be read, for SUP003.
#[derive(Debug, Clone)]
struct Invalid {
    span: Span,
    why: String,
}

/// The suppressions of a run: scanned from each file as it is read, bound to requests
/// and sessions as they are checked, applied to findings as they are made.
#[derive(Debug, Default)]
pub(super) struct Suppressions {
    /// Per file: its directives, in file order.
    files: Vec<Vec<Directive>>,
    /// Per file: directives that could not be read.
    invalid: Vec<Vec<Invalid>>,
    /// Per file: how far the file was scanned, and the first directive not yet bound.
    scanned: Vec<(usize, usize)>,
    /// (file, request ordinal) → directives.
    by_request: FxHashMap<(usize, usize), Vec<usize>>,
    /// Session id → (file, directive) of session-wide directives.
    by_session: FxHashMap<String, Vec<(usize, usize)>>,
    /// Findings suppressed, in the order they were made.
    pub(super) suppressed: Vec<Suppressed>,
}

/// The marker every directive starts with.
const MARKER: &[u8] = b"valint:";

impl Suppressions {
    /// Room for `files` files.
    pub(super) fn new(files: usize) -> Suppressions {
        Suppressions {
            files: vec![Vec::new(); files],
            invalid: vec![Vec::new(); files],
            scanned: vec![(0, 0); files],
            ..Suppressions::default()
        }
    }

    /// Scans `bytes[..to]` of `file` for directives, from where the last scan stopped. A
    /// marker that starts before `to` is read whole, whatever follows it.
    pub(super) fn scan(&mut self, file: usize, bytes: &[u8], to: usize) {
        let from = self.scanned[file].0;
        let end = to.min(bytes.len());
        if end <= from {
            return;
        }
        let window = &bytes[from..(end + MARKER.len() - 1).min(bytes.len())];
        for at in memchr::memmem::find_iter(window, MARKER) {
            let at = from + at;
            if at >= end {
                break;
            }
            if let Some((carrier, _)) = context(bytes, at) {
                match parse(bytes, at, carrier) {
                    Ok(d) => self.files[file].push(d),
                    Err(inv) => self.invalid[file].push(inv),
                }
            }
        }
        self.scanned[file].0 = end;
    }

    /// Binds the file's directives scanned so far to the requests of a piece (their
    /// ordinals and spans in the file, in any order).
    pub(super) fn bind(&mut self, file: usize, requests: &mut [(usize, Span)]) {
        requests.sort_unstable_by_key(|r| r.1.start);
        let dirs = &mut self.files[file];
        let mut next = self.scanned[file].1;
        for &(ordinal, span) in requests.iter() {
            while next < dirs.len() && dirs[next].span.start < span.end {
                let d = &mut dirs[next];
                let applies = match d.carrier {
                    Carrier::Line => true,
                    Carrier::JsonComment => d.span.start >= span.start,
                };
                if applies {
                    d.request = Some(ordinal);
                    self.by_request
                        .entry((file, ordinal))
                        .or_default()
                        .push(next);
                }
                next += 1;
            }
        }
        self.scanned[file].1 = next;
    }

    /// Whether `ordinal` of `file` carries a session-wide directive (its session id is
    /// then wanted, see [`Suppressions::bind_session`]).
    pub(super) fn wants_session(&self, file: usize, ordinal: usize) -> bool {
        self.by_request
            .get(&(file, ordinal))
            .is_some_and(|v| v.iter().any(|&i| self.files[file][i].session_wide))
    }

    /// Binds the session-wide directives of request `ordinal` of `file` to `session`.
    pub(super) fn bind_session(&mut self, file: usize, ordinal: usize, session: &str) {
        let Some(v) = self.by_request.get(&(file, ordinal)) else {
            return;
        };
        for &i in v {
            let d = &mut self.files[file][i];
            if d.session_wide && d.session.is_none() {
                d.session = Some(session.to_string());
                self.by_session
                    .entry(session.to_string())
                    .or_default()
                    .push((file, i));
            }
        }
    }

    /// Whether a directive suppresses `d`; if so, it is kept in
    /// [`Suppressions::suppressed`] and `None` is returned, else `d` is.
    pub(super) fn filter(&mut self, d: Diagnostic) -> Option<Diagnostic> {
        let mut hit: Option<(usize, usize, usize)> = None;
        if let Some(req) = d.context.request {
            if let Some(v) = self.by_request.get(&(d.file, req)) {
                for &i in v {
                    let dir = &self.files[d.file][i];
                    if dir.session_wide {
                        continue;
                    }
                    if let Some(c) = dir.codes.iter().position(|c| selects(&c.0, d.rule)) {
                        hit = Some((d.file, i, c));
                        break;
                    }
                }
            }
        }
        if hit.is_none() {
            if let Some(s) = d.context.session.as_deref() {
                if let Some(v) = self.by_session.get(s) {
                    for &(f, i) in v {
                        if f > d.file {
                            continue;
                        }
                        let dir = &self.files[f][i];
                        if let Some(c) = dir.codes.iter().position(|c| selects(&c.0, d.rule)) {
                            hit = Some((f, i, c));
                            break;
                        }
                    }
                }
            }
        }
        let Some((f, i, c)) = hit else {
            return Some(d);
        };
        let dir = &mut self.files[f][i];
        dir.codes[c].2 = true;
        self.suppressed.push(Suppressed {
            reason: dir.reason.clone().unwrap_or_default(),
            directive_file: f,
            directive: dir.span,
            finding: d,
        });
        None
    }

    /// The findings about the directives themselves, once the run is over: no reason
    /// (SUP001), nothing suppressed (SUP002), unreadable or naming no rule (SUP003).
    pub(super) fn findings(&self, cfg: &crate::config::Config) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (file, dirs) in self.files.iter().enumerate() {
            for d in dirs {
                if d.reason.is_none() {
                    out.push(rules::suppression::suppression_without_reason::finding(
                        file, d.span,
                    ));
                }
                for (code, span, used) in &d.codes {
                    if !crate::rules::registry().iter().any(|r| selects(code, r)) {
                        out.push(rules::suppression::invalid_suppression::finding(
                            file,
                            *span,
                            &format!("`{code}` names no rule"),
                        ));
                    } else if !used {
                        let enabled = crate::rules::registry()
                            .iter()
                            .any(|r| selects(code, r) && cfg.enabled(r));
                        let why = if !enabled {
                            "the rule does not run (select, ignore or [severity] off)"
                        } else if d.request.is_none() {
                            "no request follows it"
                        } else if d.session_wide && d.session.is_none() {
                            "it is not on a sessionStart request"
                        } else if d.session_wide {
                            "its session has no finding of it"
                        } else {
                            "the request after it has no finding of it"
                        };
                        out.push(rules::suppression::unused_suppression::finding(
                            file, *span, code, why,
                        ));
                    }
                }
            }
            for inv in &self.invalid[file] {
                out.push(rules::suppression::invalid_suppression::finding(
                    file, inv.span, &inv.why,
                ));
            }
        }
        out
    }

    /// Binds session-wide directives also to the sid their session was renamed to (a
    /// sessionStart without a sid is `#N` until a later request names the sid; findings
    /// made after that name the sid). Whether any was.
    pub(super) fn rename_bound(&mut self, renamed: &[(String, String)]) -> bool {
        let mut any = false;
        for (old, new) in renamed {
            if let Some(v) = self.by_session.get(old).cloned() {
                self.by_session.entry(new.clone()).or_default().extend(v);
                any = true;
            }
        }
        any
    }

    /// Renames the sessions of session-wide directives as the engine renamed them (`#N` to
    /// the sid it learned late).
    pub(super) fn rename(&mut self, renamed: &[(String, String)]) {
        for s in &mut self.suppressed {
            if let Some(id) = s.finding.context.session.as_deref() {
                if let Some((_, sid)) = renamed.iter().find(|(old, _)| old == id) {
                    s.finding.context.session = Some(sid.clone());
                }
            }
        }
    }
}

/// Whether the `valint:` at `at` sits where a directive may: right after a `#`, `//` or
/// `<!--` that starts a line or comment, or at the start of a JSON `"comment"` string.
fn context(bytes: &[u8], at: usize) -> Option<(Carrier, usize)> {
    let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let before = &bytes[line_start..at];
    let t = trim_end(before);
    if t.ends_with(b"<!--") {
        return Some((Carrier::Line, line_start));
    }
    if t.ends_with(b"//") || t.ends_with(b"#") {
        // The marker starts the line's text (`# valint:`, `  // valint:`), not a `#` or
        // `//` inside a body or URL.
        let marker_len = if t.ends_with(b"//") { 2 } else { 1 };
        let lead = &t[..t.len() - marker_len];
        if lead.iter().all(u8::is_ascii_whitespace) {
            return Some((Carrier::Line, line_start));
        }
        return None;
    }
    // `"comment": "valint: ...` (HAR): the string opens right before the marker.
    let t = t.strip_suffix(b"\"")?;
    let t = trim_end(t).strip_suffix(b":")?;
    let t = trim_end(t).strip_suffix(b"\"comment\"")?;
    let _ = t;
    Some((Carrier::JsonComment, line_start))
}

fn trim_end(b: &[u8]) -> &[u8] {
    let n = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &b[..n]
}

/// Reads the directive at `at` (the `valint:` marker).
fn parse(bytes: &[u8], at: usize, carrier: Carrier) -> Result<Directive, Invalid> {
    // The directive ends at the end of the line, at `-->`, or at the JSON string's end.
    let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
    let mut end = line_end;
    if let Some(i) = memchr::memmem::find(&bytes[at..line_end], b"-->") {
        end = end.min(at + i);
    }
    if carrier == Carrier::JsonComment {
        let mut i = at;
        while i < line_end {
            match bytes[i] {
                b'\\' => i += 2,
                b'"' => break,
                _ => i += 1,
            }
        }
        end = end.min(i.min(line_end));
    }
    let text = String::from_utf8_lossy(&bytes[at..end]);
    let text = text.trim_end();
    let span = Span::new(at, at + text.len());
    let invalid = |why: &str| Invalid {
        span,
        why: why.to_string(),
    };
    let rest = text[MARKER.len()..].trim_start();
    let (session_wide, rest) = if let Some(r) = rest.strip_prefix("ignore-session") {
        (true, r)
    } else if let Some(r) = rest.strip_prefix("ignore") {
        (false, r)
    } else {
        return Err(invalid(
            "expected `valint: ignore[CODE] -- reason` or `valint: ignore-session[CODE] -- reason`",
        ));
    };
    let Some(rest) = rest.strip_prefix('[') else {
        return Err(invalid(
            "expected `[` and the codes to ignore, e.g. `valint: ignore[AD001] -- reason`",
        ));
    };
    let Some(close) = rest.find(']') else {
        return Err(invalid("the list of codes is not closed with `]`"));
    };
    let list_at = at + (text.len() - rest.len());
    let mut codes = Vec::new();
    let mut offset = 0;
    for part in rest[..close].split(',') {
        let lead = part.len() - part.trim_start().len();
        let code = part.trim();
        if !code.is_empty() {
            let s = list_at + offset + lead;
            codes.push((code.to_string(), Span::new(s, s + code.len()), false));
        }
        offset += part.len() + 1;
    }
    if codes.is_empty() {
        return Err(invalid("no code between `[` and `]`"));
    }
    let after = rest[close + 1..].trim();
    let reason = match after.strip_prefix("--") {
        Some(r) if !r.trim().is_empty() => Some(unescape(r.trim(), carrier)),
        Some(_) => None,
        None if after.is_empty() => None,
        None => {
            return Err(invalid(
                "the reason follows ` -- `, e.g. `valint: ignore[AD001] -- the player sends it on purpose`",
            ))
        }
    };
    Ok(Directive {
        span,
        carrier,
        session_wide,
        codes,
        reason,
        request: None,
        session: None,
    })
}

/// The reason as text: a JSON string's escapes read (`\"`, `\\`, `\n` ...).
fn unescape(reason: &str, carrier: Carrier) -> String {
    if carrier != Carrier::JsonComment {
        return reason.to_string();
    }
    serde_json::from_str::<String>(&format!("\"{reason}\"")).unwrap_or_else(|_| reason.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Suppressions {
        let mut s = Suppressions::new(1);
        s.scan(0, text.as_bytes(), text.len());
        s
    }

    #[test]
    fn each_carrier_is_read() {
        let s = scan(
            "# valint: ignore[AD001, TIM] -- known player bug\n\
             {\"a\":1}\n  // valint: ignore-session[PNG001] -- test stream\n\
             <!-- valint: ignore[SES001] -- the page starts mid-session -->\n\
             {\"comment\": \"valint: ignore[TIM003] -- ties on \\\"purpose\\\"\", \"x\": 1}\n",
        );
        let d = &s.files[0];
        assert_eq!(d.len(), 4, "{d:?}");
        assert_eq!(
            d[0].codes.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
            ["AD001", "TIM"]
        );
        assert_eq!(d[0].reason.as_deref(), Some("known player bug"));
        assert!(d[1].session_wide);
        assert_eq!(d[2].reason.as_deref(), Some("the page starts mid-session"));
        assert_eq!(d[3].carrier, Carrier::JsonComment);
        assert_eq!(d[3].reason.as_deref(), Some("ties on \"purpose\""));
    }

    #[test]
    fn a_marker_cut_by_a_piece_boundary_is_read_once() {
        let text = "{\"a\":1}\n# valint: ignore[AD001] -- r\n{\"b\":2}\n";
        let at = text.find("valint:").unwrap();
        for cut in at - 1..at + 9 {
            let mut s = Suppressions::new(1);
            s.scan(0, text.as_bytes(), cut);
            s.scan(0, text.as_bytes(), text.len());
            assert_eq!(s.files[0].len(), 1, "cut at {cut}");
        }
    }

    #[test]
    fn the_marker_elsewhere_is_no_directive() {
        // Inside a body, a URL, a value: not after a comment marker.
        let s = scan("{\"note\":\"valint: ignore[AD001]\"}\nPOST /x#valint: ignore[AD001]\n");
        assert!(s.files[0].is_empty() && s.invalid[0].is_empty());
    }

    #[test]
    fn a_directive_without_reason_or_unreadable() {
        let s = scan(
            "# valint: ignore[AD001]\n# valint: ignore AD001\n# valint: ignore[AD001] because\n",
        );
        assert_eq!(s.files[0].len(), 1);
        assert!(s.files[0][0].reason.is_none());
        assert_eq!(s.invalid[0].len(), 2);
    }

    #[test]
    fn line_directives_bind_to_the_next_request_json_ones_to_their_own() {
        let text =
            "# valint: ignore[AD001] -- r\nAAAA\nBBBB {\"comment\": \"valint: ignore[X] -- r\"}\n";
        let mut s = scan(text);
        let a = text.find("AAAA").unwrap();
        let b = text.find("BBBB").unwrap();
        let mut reqs = vec![(1, Span::new(b, text.len() - 1)), (0, Span::new(a, a + 4))];
        s.bind(0, &mut reqs);
        assert_eq!(s.files[0][0].request, Some(0));
        assert_eq!(s.files[0][1].request, Some(1));
    }
}
