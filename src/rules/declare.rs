//! `declare_rule!`: how a rule is declared, once, in its own file; and the one function
//! that turns the declaration's doc comment into `valint explain`'s text.
//!
//! ```text
//! declare_rule! {
//!     /// One-line summary (what `valint rules` prints).
//!     ///
//!     /// ## What it checks
//!     /// ...
//!     pub static AD_OUTSIDE_BREAK {
//!         code: "AD001",
//!         name: "ad-outside-break",
//!         family: Ad,
//!         severity: Error,
//!         session: |_cfg| AdOutsideBreak,
//!     }
//! }
//! ```
//!
//! expands to the rule's [`RuleMeta`] static, with the doc comment as its rustdoc, and to
//! `RULE`, the file's entry for the registry list in [`crate::rules`]. `session` is given for
//! sequencing rules only: it makes a fresh instance of the rule for each session, from the
//! run's [`Config`].
//!
//! The doc comment is the explain text: its first paragraph is the summary, the rest is the
//! doc block in sections (What it checks / Why it matters / Example / Use instead / Options /
//! References). [`normalize`] reads it the way Markdown (and rustdoc) does, at compile time,
//! so the statics hold plain `&'static str`s and no text exists twice.
//!
//! Fenced blocks are written ` ```text ` (rustdoc would run a bare fence as a Rust doctest).
//! The first block of Example and of Use instead is a capture valint reads as it is: the
//! Example must produce the rule's code and the Use instead must not (`tests/rule_docs.rs`
//! runs both). A block that needs flags starts with `# valint check ARGS` (for example
//! `# valint check --max-findings 1`); every capture reader skips `#` lines, and the test
//! passes ARGS on.

use crate::config::Config;
use crate::diagnostic::RuleMeta;
use crate::session::SessionRule;

/// Makes a fresh instance of a sequencing rule for one new session.
pub type SessionFactory = fn(&Config) -> Box<dyn SessionRule>;

/// One rule as the registry lists it: what `declare_rule!` makes of a declaration.
pub struct Rule {
    /// Code, name, family, severity, summary and docs.
    pub meta: &'static RuleMeta,
    /// For a sequencing rule, how to make a fresh instance for a new session; `None` for the
    /// rules the parser, the schema stage, the capture readers and the run itself report.
    pub session: Option<SessionFactory>,
    /// The source file that declares the rule (`src/rules/<family>/<name>.rs`).
    pub file: &'static str,
}

/// Declares a rule; see the module docs. Used exactly once per rule file.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        pub static $id:ident {
            code: $code:literal,
            name: $name:literal,
            family: $family:ident,
            severity: $severity:ident
            $(, session: $session:expr)?
            $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        pub static $id: $crate::rules::RuleMeta = {
            const RAW: &str = concat!($($doc, "\n"),+);
            const OUT: ([u8; RAW.len()], usize) =
                $crate::rules::declare::normalize::<{ RAW.len() }>(RAW);
            const TEXT: &str = $crate::rules::declare::text(&OUT.0, OUT.1);
            $crate::rules::RuleMeta {
                code: $code,
                name: $name,
                family: $crate::rules::Family::$family,
                severity: $crate::diagnostic::Severity::$severity,
                summary: $crate::rules::declare::summary(TEXT),
                docs: $crate::rules::declare::body(TEXT),
            }
        };

        /// This file's entry in the registry list (`rules::RULES`).
        pub static RULE: $crate::rules::Rule = $crate::rules::Rule {
            meta: &$id,
            session: declare_rule!(@session $($session)?),
            file: file!(),
        };
    };
    (@session) => {
        None
    };
    (@session $session:expr) => {{
        fn make(cfg: &$crate::config::Config) -> Box<dyn $crate::rules::SessionRule> {
            Box::new(($session)(cfg))
        }
        Some(make as $crate::rules::SessionFactory)
    }};
}

/// The explain text of a doc comment, as rustdoc hands it over: one line per `///` line,
/// each with the space after `///`.
///
/// Reads it as Markdown does, so that the source can wrap lines where it likes and rustdoc
/// and `valint explain` say the same:
///
/// - one leading space is taken from every line;
/// - a fence's info string is dropped (` ```text ` in the source, so that rustdoc does not
///   run the block as a doctest; plain ` ``` ` in the explain text); fenced lines are kept
///   as they are;
/// - a line that continues a paragraph or a list item (not blank, not a heading, not the
///   start of a list item, quote, table or fence) is joined to it with one space, without
///   its indentation.
///
/// The result is never longer than the input, so `N` = the input's length fits it; the
/// second value is the length used.
pub const fn normalize<const N: usize>(raw: &str) -> ([u8; N], usize) {
    let b = raw.as_bytes();
    let mut out = [0u8; N];
    let mut n = 0;
    let mut i = 0;
    let mut in_fence = false;
    // Whether the last line written is paragraph or list text a continuation joins.
    let mut open_text = false;
    while i < b.len() {
        let mut end = i;
        while end < b.len() && b[end] != b'\n' {
            end += 1;
        }
        let mut s = i;
        if s < end && b[s] == b' ' {
            s += 1;
        }
        let t = skip_spaces(b, s, end);
        let fence = starts_with(b, t, end, b"```");
        if in_fence || fence {
            if n > 0 {
                out[n] = b'\n';
                n += 1;
            }
            // An opening fence loses its info string; everything else is kept.
            let stop = if fence && !in_fence { t + 3 } else { end };
            n = copy(b, s, stop, &mut out, n);
            if fence {
                in_fence = !in_fence;
            }
            open_text = false;
        } else if t == end {
            // A blank line ends a paragraph.
            out[n] = b'\n';
            n += 1;
            open_text = false;
        } else if open_text && !starts_block(b, t, end) {
            out[n] = b' ';
            n += 1;
            n = copy(b, t, end, &mut out, n);
        } else {
            if n > 0 {
                out[n] = b'\n';
                n += 1;
            }
            n = copy(b, s, end, &mut out, n);
            open_text = b[t] != b'#';
        }
        i = end + 1;
    }
    (out, n)
}

const fn skip_spaces(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && b[i] == b' ' {
        i += 1;
    }
    i
}

const fn starts_with(b: &[u8], at: usize, end: usize, prefix: &[u8]) -> bool {
    if end - at < prefix.len() {
        return false;
    }
    let mut k = 0;
    while k < prefix.len() {
        if b[at + k] != prefix[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// A line that starts a Markdown block of its own rather than continuing a paragraph:
/// a heading, a list item, a quote, a table row.
const fn starts_block(b: &[u8], t: usize, end: usize) -> bool {
    if starts_with(b, t, end, b"#")
        || starts_with(b, t, end, b"- ")
        || starts_with(b, t, end, b"* ")
        || starts_with(b, t, end, b"+ ")
        || starts_with(b, t, end, b"> ")
        || starts_with(b, t, end, b"|")
    {
        return true;
    }
    // `1. ` or `1) `
    let mut k = t;
    while k < end && b[k].is_ascii_digit() {
        k += 1;
    }
    k > t && (starts_with(b, k, end, b". ") || starts_with(b, k, end, b") "))
}

const fn copy(b: &[u8], from: usize, to: usize, out: &mut [u8], mut n: usize) -> usize {
    let mut k = from;
    while k < to {
        out[n] = b[k];
        n += 1;
        k += 1;
    }
    n
}

/// The first `len` bytes of [`normalize`]'s output, as text.
pub const fn text(buf: &'static [u8], len: usize) -> &'static str {
    match core::str::from_utf8(buf.split_at(len).0) {
        Ok(s) => s,
        Err(_) => panic!("a rule's docs are not UTF-8"),
    }
}

/// Where the summary (the first paragraph) ends: the first blank line.
const fn summary_end(text: &str) -> usize {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'\n' {
            if b[i + 1] == b'\n' {
                return i;
            }
            panic!("a rule's summary is one paragraph of text, then a blank line");
        }
        i += 1;
    }
    panic!("a rule's doc comment needs a one-paragraph summary, a blank line and the sections")
}

/// The summary: the doc comment's first paragraph, on one line.
pub const fn summary(text: &'static str) -> &'static str {
    let (head, _) = text.as_bytes().split_at(summary_end(text));
    match core::str::from_utf8(head) {
        Ok(s) => s,
        Err(_) => panic!("a rule's summary is not UTF-8"),
    }
}

/// The doc block: everything after the summary's blank line.
pub const fn body(text: &'static str) -> &'static str {
    let (_, rest) = text.as_bytes().split_at(summary_end(text) + 2);
    match core::str::from_utf8(rest) {
        Ok(s) => s,
        Err(_) => panic!("a rule's docs are not UTF-8"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(lines: &[&str]) -> String {
        let raw: String = lines.iter().map(|l| format!("{l}\n")).collect();
        // At run time the length is not a constant: a generous bound does the same work.
        let (buf, len) = normalize::<4096>(&raw);
        String::from_utf8(buf[..len].to_vec()).unwrap()
    }

    #[test]
    fn doc_lines_become_explain_text() {
        let got = norm(&[
            " Summary that wraps",
            " onto a second line.",
            "",
            " ## What it checks",
            " A paragraph, wrapped",
            "   with indentation.",
            "",
            " - an item that",
            "   goes on;",
            " - a second item.",
            "",
            " ```text",
            " {\"a\":",
            "   1}",
            " ```",
            " After.",
        ]);
        assert_eq!(
            got,
            "Summary that wraps onto a second line.\n\n## What it checks\nA paragraph, wrapped with indentation.\n\n- an item that goes on;\n- a second item.\n\n```\n{\"a\":\n  1}\n```\nAfter."
        );
    }

    #[test]
    fn headings_and_numbered_items_are_never_joined() {
        assert_eq!(
            norm(&[" S.", "", " ## A", " text", " 1. one", " 2) two", " # x"]),
            "S.\n\n## A\ntext\n1. one\n2) two\n# x"
        );
    }

    #[test]
    fn summary_and_body_split_at_the_first_blank_line() {
        let t: &'static str = "One line.\n\n## What it checks\nX.";
        assert_eq!(summary(t), "One line.");
        assert_eq!(body(t), "## What it checks\nX.");
    }
}
