//! The lenient, error-recovering, span-preserving parser.
//!
//! It reads strict JSON, JSON5 (unquoted keys, single quotes, comments, trailing commas, hex,
//! leading `+`, `.5`/`5.`, `Infinity`/`NaN`) and the dialect of Adobe's documentation pages
//! (bare-word values such as `eventType:sessionStart`, placeholders such as `<timestamp>` or
//! `"<timestamp>"`, template values such as `"[ _YOUR-TS_ ]"`). Every deviation from strict
//! JSON becomes one [`SyntaxIssue`] with the byte span of the offending token, and the parser
//! recovers (skipping to the next `,` `}` `]` or line end) so the rest of the body is read.
//! It never panics and never recurses deeper than [`ParseOptions::max_depth`].

use super::node::{Member, Node, NodeKind, Number};
use crate::source::Span;

/// Limits for one parse.
#[derive(Debug, Clone, Copy)]
pub struct ParseOptions {
    /// Objects/arrays nested deeper than this are skipped (iteratively) with a
    /// [`SyntaxKind::NestingTooDeep`] finding. Default 128, serde_json's own limit.
    pub max_depth: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_depth: crate::config::defaults::MAX_DEPTH,
        }
    }
}

/// What kind of deviation from strict JSON a [`SyntaxIssue`] is. Each maps to one rule code
/// of the SYNTAX family (see `rules::registry`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SyntaxKind {
    /// A token that cannot stand here (`expected` says what could).
    UnexpectedToken,
    /// The text ends inside a value (unclosed object, array or string).
    UnexpectedEnd,
    /// An object key without quotes (JSON5).
    UnquotedKey,
    /// A string in single quotes (JSON5).
    SingleQuotedString,
    /// A `//` or `/* */` comment (JSON5).
    Comment,
    /// A comma before `}` or `]` (JSON5).
    TrailingComma,
    /// Two members or elements with no comma between them.
    MissingComma,
    /// A key with no `:` before its value.
    MissingColon,
    /// A value written as a bare word, such as `sessionStart` (docs dialect).
    BareWord,
    /// A documentation placeholder such as `<timestamp>` or `"<timestamp>"`.
    Placeholder,
    /// A template value left unfilled, such as `"[ _YOUR-TS_ ]"`.
    TemplateValue,
    /// Text in a number's place that is not a number, such as `8ß`.
    MalformedNumber,
    /// A JSON5-only number form: hex, leading `+`, `.5` or `5.`.
    Json5Number,
    /// `NaN`, `Infinity` or a literal too large for a double: not representable in JSON.
    NonFiniteNumber,
    /// An integer literal that does not fit 64 bits; it is read as the nearest double.
    IntegerOverflow,
    /// A key repeated in one object; the last value wins.
    DuplicateKey,
    /// Bytes that are not UTF-8.
    InvalidUtf8,
    /// A backslash escape that is not valid, or a lone UTF-16 surrogate.
    InvalidEscape,
    /// A JSON5-only escape (`\'`, `\x41`, `\v`, `\0`, a line continuation, ...).
    Json5Escape,
    /// A raw control character (below U+0020) inside a string.
    ControlCharacter,
    /// Nesting deeper than the limit; the nested value is skipped.
    NestingTooDeep,
    /// Text after the value where none may follow.
    TrailingData,
    /// A string value's closing quote typed after the next key, as in
    /// `"eventType":"sessionStart, params" {`: the value is read as `"sessionStart"` and
    /// `params` as the next member's key.
    MisplacedQuote,
}

/// One finding of the parser. `span` is relative to the parsed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxIssue {
    /// What was found.
    pub kind: SyntaxKind,
    /// The offending bytes (zero length for an insertion point such as a missing comma).
    pub span: Span,
    /// A second place that explains the first (the first occurrence of a duplicate key, the
    /// opening bracket of an unclosed object).
    pub related: Option<Span>,
    /// What was expected, for [`SyntaxKind::UnexpectedToken`] and [`SyntaxKind::UnexpectedEnd`].
    pub expected: Option<&'static str>,
}

/// The result of parsing one value.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The value (possibly with `Invalid` nodes where recovery happened).
    pub root: Node,
    /// Every deviation found, in source order.
    pub issues: Vec<SyntaxIssue>,
    /// Offset one past the value's last byte.
    pub end: usize,
}

/// Parses `src` as exactly one value; anything but whitespace and comments after it is a
/// [`SyntaxKind::TrailingData`] finding.
pub fn parse(src: &[u8]) -> Parsed {
    parse_with(src, ParseOptions::default())
}

/// [`parse`] with explicit limits.
pub fn parse_with(src: &[u8], opts: ParseOptions) -> Parsed {
    let mut p = Parser::new(src, 0, opts);
    let root = p.value_or_missing();
    p.skip_ws();
    if p.pos < src.len() {
        let start = p.pos;
        p.issue(SyntaxKind::TrailingData, Span::new(start, src.len()), None);
        p.pos = src.len();
    }
    let end = p.pos;
    p.finish(root, end)
}

/// Parses one value that starts at or after `start` (leading whitespace and comments are
/// skipped) and stops right after it: the stream mode used for concatenated bodies.
/// Spans are offsets into `src`.
pub fn parse_value_at(src: &[u8], start: usize, opts: ParseOptions) -> Parsed {
    let mut p = Parser::new(src, start, opts);
    let root = p.value_or_missing();
    let end = p.pos;
    p.finish(root, end)
}

/// Walks a document's outer objects and arrays one member or item at a time, for a reader
/// that must not hold the whole document as one tree (the HAR reader steps through
/// `{"log": {"entries": [...]}}` and parses one entry at a time). The caller decides, value
/// by value, whether to step into it ([`Outline::open_object`], [`Outline::open_array`]) or
/// to parse it whole ([`Outline::value`]) and drop it.
///
/// It runs the parser's own object and array loops at the same nesting depths, so every
/// issue it finds, and every recovery it makes, is the one [`parse_with`] makes on the
/// whole document; only the order in which issues are found may differ (a repeated key of
/// an opened object is reported when it is read, not when the object closes). Spans are
/// offsets into `src`. Issues are kept until [`Outline::take_issues`].
pub struct Outline<'a> {
    p: Parser<'a>,
}

/// An object being read with [`Outline::member`].
#[derive(Debug)]
pub struct OutlineObject {
    read: ListRead,
    /// Keys read so far, with their spans, to report repeated keys as they come.
    keys: Vec<(String, Span)>,
}

/// An array being read with [`Outline::item`].
#[derive(Debug)]
pub struct OutlineArray {
    read: ListRead,
}

/// What [`Outline::member`] found next in an object.
#[derive(Debug)]
pub enum MemberAt {
    /// A member whose value starts at [`Outline::pos`]: read it (open it, or
    /// [`Outline::value`]), then call [`Outline::member_end`].
    Value {
        /// The decoded key.
        key: String,
        /// Where the key is.
        key_span: Span,
    },
    /// A member without a value (its `:` or its value is missing; an issue says so). It
    /// stands for an invalid value of zero length at byte `at`; nothing more to do for it.
    NoValue {
        /// The decoded key.
        key: String,
        /// Where the key is.
        key_span: Span,
        /// Where the value should have been.
        at: usize,
    },
    /// The object is closed (or the text ended inside it: an issue says so); call
    /// [`Outline::close_object`].
    Closed,
}

impl<'a> Outline<'a> {
    /// An outline of `src` from its first byte, with the limits of `opts`.
    pub fn new(src: &'a [u8], opts: ParseOptions) -> Outline<'a> {
        Outline {
            p: Parser::new(src, 0, opts),
        }
    }

    /// The byte offset reached.
    pub fn pos(&self) -> usize {
        self.p.pos
    }

    /// Skips whitespace and comments (each comment is an issue); returns the next byte, if
    /// any.
    pub fn skip_ws(&mut self) -> Option<u8> {
        self.p.skip_ws();
        self.p.peek()
    }

    /// The byte at [`Outline::pos`], if any.
    pub fn peek(&self) -> Option<u8> {
        self.p.peek()
    }

    /// Parses the value at [`Outline::pos`] whole (an issue and an invalid node when there
    /// is none).
    pub fn value(&mut self) -> Node {
        self.p.value_or_missing()
    }

    /// Opens the object whose `{` is at [`Outline::pos`] (after [`Outline::skip_ws`]).
    /// `None`, with nothing read, when it is nested deeper than the limit: read it with
    /// [`Outline::value`] then.
    pub fn open_object(&mut self) -> Option<OutlineObject> {
        debug_assert_eq!(self.p.peek(), Some(b'{'));
        Some(OutlineObject {
            read: self.enter()?,
            keys: Vec::new(),
        })
    }

    /// Reads on to the next member of `o`.
    pub fn member(&mut self, o: &mut OutlineObject) -> MemberAt {
        let (key, key_span, at) = match self.p.object_step(&mut o.read) {
            ObjectStep::Closed => return MemberAt::Closed,
            ObjectStep::Value(key, key_span) => (key, key_span, None),
            ObjectStep::NoValue(key, key_span, at) => (key, key_span, Some(at)),
        };
        if let Some((_, first)) = o.keys.iter().find(|(k, _)| *k == key) {
            self.p
                .issue(SyntaxKind::DuplicateKey, key_span, Some(*first));
        }
        o.keys.push((key.clone(), key_span));
        match at {
            None => MemberAt::Value { key, key_span },
            Some(at) => MemberAt::NoValue { key, key_span, at },
        }
    }

    /// After the value of a [`MemberAt::Value`] member, which ends at `end`.
    pub fn member_end(&mut self, o: &mut OutlineObject, end: usize) {
        self.p.object_value_end(&mut o.read, end as u32);
    }

    /// Closes `o` after [`MemberAt::Closed`]; returns the object's span.
    pub fn close_object(&mut self, o: OutlineObject) -> Span {
        self.p.depth -= 1;
        Span::new(o.read.open, self.p.pos)
    }

    /// Opens the array whose `[` is at [`Outline::pos`] (after [`Outline::skip_ws`]).
    /// `None`, with nothing read, when it is nested deeper than the limit: read it with
    /// [`Outline::value`] then.
    pub fn open_array(&mut self) -> Option<OutlineArray> {
        debug_assert_eq!(self.p.peek(), Some(b'['));
        Some(OutlineArray {
            read: self.enter()?,
        })
    }

    /// One level deeper into the object or array at [`Outline::pos`]; `None` past the
    /// depth limit.
    fn enter(&mut self) -> Option<ListRead> {
        if self.p.depth >= self.p.opts.max_depth {
            return None;
        }
        self.p.depth += 1;
        Some(self.p.list_open())
    }

    /// Reads on to the next item of `a`: `Some(start)` when an item starts there (parse it
    /// with [`Outline::value`], then call [`Outline::item_end`]), `None` at the end of the
    /// array (then call [`Outline::close_array`]).
    pub fn item(&mut self, a: &mut OutlineArray) -> Option<usize> {
        if self.p.array_step(&mut a.read) {
            Some(self.p.pos)
        } else {
            None
        }
    }

    /// After the item that started at `start` (as [`Outline::item`] said) and ends at
    /// `end`.
    pub fn item_end(&mut self, a: &mut OutlineArray, start: usize, end: usize) {
        self.p.array_item_end(&mut a.read, start, end as u32);
    }

    /// Closes `a` after [`Outline::item`] said it ended; returns the array's span.
    pub fn close_array(&mut self, a: OutlineArray) -> Span {
        self.p.depth -= 1;
        Span::new(a.read.open, self.p.pos)
    }

    /// After the document's one value: anything but whitespace and comments up to the end
    /// of `src` is a [`SyntaxKind::TrailingData`] issue, as in [`parse_with`].
    pub fn finish(&mut self) {
        self.p.skip_ws();
        let len = self.p.src.len();
        if self.p.pos < len {
            let start = self.p.pos;
            self.p
                .issue(SyntaxKind::TrailingData, Span::new(start, len), None);
            self.p.pos = len;
        }
    }

    /// The issues found since the last call, in the order they were found (not sorted).
    pub fn take_issues(&mut self) -> Vec<SyntaxIssue> {
        std::mem::take(&mut self.p.issues)
    }
}

/// Where the parser is in an object or an array (see [`Parser::object_step`],
/// [`Parser::array_step`]).
#[derive(Debug)]
struct ListRead {
    /// The `{` or `[`.
    open: usize,
    /// End of the last member's value or item; `None` before the first.
    last_end: Option<u32>,
    /// The `,` after the last member or item, if one was read.
    last_comma: Option<usize>,
    /// Set by [`Parser::object_step`] when the last member's string value swallowed the
    /// next key (see [`SyntaxKind::MisplacedQuote`]): the offset of the `,` inside it,
    /// where that value really ends. The object loop cuts the value there.
    split_previous: Option<usize>,
}

/// What [`Parser::object_step`] reached.
enum ObjectStep {
    /// A member's key (and `:`); its value starts at `self.pos`.
    Value(String, Span),
    /// A member with no value: an invalid value of zero length at the offset given.
    NoValue(String, Span, usize),
    /// The end of the object.
    Closed,
}

struct Parser<'a> {
    src: &'a [u8],
    pos: usize,
    depth: usize,
    opts: ParseOptions,
    issues: Vec<SyntaxIssue>,
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b'{' | b'}' | b'[' | b']' | b'"' | b'\''
    ) || b == 0x0c
        || b == 0x0b
}

/// Length of the non-ASCII JSON5 whitespace character at the start of `s`, or 0: NBSP, the
/// other Unicode space separators (U+1680, U+2000-U+200A, U+202F, U+205F, U+3000), the line
/// and paragraph separators (U+2028, U+2029) and the BOM (U+FEFF).
fn unicode_ws_len(s: &[u8]) -> usize {
    match s {
        [0xC2, 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..]
        | [0xEF, 0xBB, 0xBF, ..] => 3,
        _ => 0,
    }
}

/// Where a `//` comment whose text starts at `i` ends: at the next line terminator (`\n`,
/// `\r`, U+2028 or U+2029), or at the end of `src`.
fn line_comment_end(src: &[u8], mut i: usize) -> usize {
    while let Some(off) = memchr::memchr3(b'\n', b'\r', 0xE2, &src[i..]) {
        i += off;
        if src[i] != 0xE2 || matches!(src.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])) {
            return i;
        }
        i += 1;
    }
    src.len()
}

fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$' || b >= 0x80
}

fn is_number_start(b: u8) -> bool {
    b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'.'
}

impl<'a> Parser<'a> {
    fn new(src: &'a [u8], start: usize, opts: ParseOptions) -> Self {
        Parser {
            src,
            pos: start.min(src.len()),
            depth: 0,
            opts,
            issues: Vec::new(),
        }
    }

    fn finish(mut self, root: Node, end: usize) -> Parsed {
        self.issues.sort_by_key(|i| (i.span.start, i.span.end));
        Parsed {
            root,
            issues: self.issues,
            end,
        }
    }

    fn issue(&mut self, kind: SyntaxKind, span: Span, related: Option<Span>) {
        self.issues.push(SyntaxIssue {
            kind,
            span,
            related,
            expected: None,
        });
    }

    fn unexpected(&mut self, span: Span, expected: &'static str) {
        let kind = if span.start as usize >= self.src.len() {
            SyntaxKind::UnexpectedEnd
        } else {
            SyntaxKind::UnexpectedToken
        };
        self.issues.push(SyntaxIssue {
            kind,
            span,
            related: None,
            expected: Some(expected),
        });
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn peek_at(&self, off: usize) -> Option<u8> {
        self.src.get(self.pos + off).copied()
    }

    /// Skips whitespace (JSON5's set: NBSP, BOM, the Unicode line separators and the other
    /// space separators too) and comments; each comment is a finding.
    fn skip_ws(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => self.pos += 1,
                Some(0x80..) if unicode_ws_len(&self.src[self.pos..]) > 0 => {
                    self.pos += unicode_ws_len(&self.src[self.pos..])
                }
                Some(b'/') if self.peek_at(1) == Some(b'/') => {
                    let start = self.pos;
                    self.pos = line_comment_end(self.src, start + 2);
                    self.issue(SyntaxKind::Comment, Span::new(start, self.pos), None);
                }
                Some(b'/') if self.peek_at(1) == Some(b'*') => {
                    let start = self.pos;
                    match memchr::memmem::find(&self.src[self.pos + 2..], b"*/") {
                        Some(i) => {
                            self.pos += 2 + i + 2;
                            self.issue(SyntaxKind::Comment, Span::new(start, self.pos), None);
                        }
                        None => {
                            self.pos = self.src.len();
                            self.issues.push(SyntaxIssue {
                                kind: SyntaxKind::UnexpectedEnd,
                                span: Span::new(start, start + 2),
                                related: None,
                                expected: Some("`*/` to close the comment"),
                            });
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// A value, or an `Invalid` node plus a finding when none is there.
    fn value_or_missing(&mut self) -> Node {
        self.skip_ws();
        match self.peek() {
            None => {
                let at = self.pos;
                self.unexpected(Span::new(at, at), "a value");
                Node {
                    span: Span::new(at, at),
                    kind: NodeKind::Invalid,
                }
            }
            Some(_) => self.value(),
        }
    }

    /// Parses a value at `self.pos` (whitespace already skipped, not at the end).
    fn value(&mut self) -> Node {
        let start = self.pos;
        let b = self.src[start];
        match b {
            b'{' | b'[' => {
                if self.depth >= self.opts.max_depth {
                    let end = self.skip_balanced();
                    let span = Span::new(start, end);
                    self.issue(
                        SyntaxKind::NestingTooDeep,
                        Span::new(start, start + 1),
                        None,
                    );
                    return Node {
                        span,
                        kind: NodeKind::Invalid,
                    };
                }
                self.depth += 1;
                let node = if b == b'{' {
                    self.object()
                } else {
                    self.array()
                };
                self.depth -= 1;
                node
            }
            b'"' | b'\'' => {
                let (s, span) = self.string();
                self.classify_string(s, span)
            }
            b'<' => self.angle_placeholder(),
            _ if is_number_start(b) => self.number(),
            _ if is_word_start(b) => self.word(),
            _ => {
                let end = self.skip_junk();
                let span = Span::new(start, end.max(start + 1));
                self.pos = self.pos.max(span.end as usize).min(self.src.len());
                self.unexpected(span, "a value");
                Node {
                    span,
                    kind: NodeKind::Invalid,
                }
            }
        }
    }

    /// Decides whether a quoted string value is a placeholder or a template value.
    fn classify_string(&mut self, s: String, span: Span) -> Node {
        if is_placeholder_text(&s) {
            self.issue(SyntaxKind::Placeholder, span, None);
            let name = s[1..s.len() - 1].to_string();
            return Node {
                span,
                kind: NodeKind::Placeholder(name),
            };
        }
        if is_template_text(&s) {
            self.issue(SyntaxKind::TemplateValue, span, None);
        }
        Node {
            span,
            kind: NodeKind::String(s),
        }
    }

    fn angle_placeholder(&mut self) -> Node {
        let start = self.pos;
        let mut i = start + 1;
        while i < self.src.len() && !matches!(self.src[i], b'>' | b'\n' | b',' | b'}' | b']') {
            i += 1;
        }
        if i < self.src.len() && self.src[i] == b'>' {
            self.pos = i + 1;
            let span = Span::new(start, self.pos);
            self.issue(SyntaxKind::Placeholder, span, None);
            let name = String::from_utf8_lossy(&self.src[start + 1..i]).into_owned();
            Node {
                span,
                kind: NodeKind::Placeholder(name),
            }
        } else {
            self.pos = i;
            let span = Span::new(start, i);
            self.unexpected(span, "a value");
            Node {
                span,
                kind: NodeKind::Invalid,
            }
        }
    }

    /// End of the maximal run of non-delimiter bytes starting at `self.pos`.
    fn token_end(&self) -> usize {
        let mut i = self.pos;
        while i < self.src.len() && !is_delim(self.src[i]) {
            // So does non-ASCII whitespace (an NBSP pasted from a web page).
            if self.src[i] >= 0x80 && unicode_ws_len(&self.src[i..]) > 0 {
                break;
            }
            // `//` or `/*` ends a token: a comment follows.
            if self.src[i] == b'/'
                && matches!(self.src.get(i + 1), Some(b'/' | b'*'))
                && i > self.pos
            {
                break;
            }
            i += 1;
        }
        i
    }

    fn word(&mut self) -> Node {
        let start = self.pos;
        let end = self.token_end();
        self.pos = end;
        let span = Span::new(start, end);
        let text = &self.src[start..end];
        let kind = match text {
            b"true" => NodeKind::Bool(true),
            b"false" => NodeKind::Bool(false),
            b"null" => NodeKind::Null,
            b"NaN" | b"Infinity" => {
                self.issue(SyntaxKind::NonFiniteNumber, span, None);
                NodeKind::Number(Number::NonFinite)
            }
            _ => match std::str::from_utf8(text) {
                Ok(s) => {
                    self.issue(SyntaxKind::BareWord, span, None);
                    NodeKind::String(s.to_string())
                }
                Err(_) => {
                    self.issue(SyntaxKind::InvalidUtf8, span, None);
                    NodeKind::Invalid
                }
            },
        };
        Node { span, kind }
    }

    fn number(&mut self) -> Node {
        let start = self.pos;
        let end = self.token_end();
        self.pos = end;
        let span = Span::new(start, end);
        let text = &self.src[start..end];
        let kind = match classify_number(text) {
            NumClass::Strict(n) => NodeKind::Number(n),
            NumClass::StrictOverflow(n) => {
                self.issue(SyntaxKind::IntegerOverflow, span, None);
                NodeKind::Number(n)
            }
            NumClass::Json5(n) => {
                self.issue(SyntaxKind::Json5Number, span, None);
                NodeKind::Number(n)
            }
            NumClass::NonFinite => {
                self.issue(SyntaxKind::NonFiniteNumber, span, None);
                NodeKind::Number(Number::NonFinite)
            }
            NumClass::Malformed => {
                self.issue(SyntaxKind::MalformedNumber, span, None);
                NodeKind::Invalid
            }
        };
        Node { span, kind }
    }

    /// Reads a quoted string at `self.pos`; returns the decoded text and its span (quotes
    /// included). An unterminated string ends at the line end with a finding.
    fn string(&mut self) -> (String, Span) {
        let start = self.pos;
        let quote = self.src[start];
        if quote == b'\'' {
            // The finding is added after the span is known.
        }
        self.pos += 1;
        let mut out: Vec<u8> = Vec::new();
        let mut run_start = self.pos;
        let mut terminated = false;
        while self.pos < self.src.len() {
            let b = self.src[self.pos];
            if b == quote {
                out.extend_from_slice(&self.src[run_start..self.pos]);
                self.pos += 1;
                terminated = true;
                break;
            } else if b == b'\\' {
                out.extend_from_slice(&self.src[run_start..self.pos]);
                self.escape(&mut out);
                run_start = self.pos;
            } else if b == b'\n' || b == b'\r' {
                break;
            } else if b < 0x20 {
                self.issue(
                    SyntaxKind::ControlCharacter,
                    Span::new(self.pos, self.pos + 1),
                    None,
                );
                self.pos += 1;
            } else {
                // A run of plain bytes, skipped a word at a time.
                self.pos = string_stop(self.src, self.pos + 1, quote);
            }
        }
        if !terminated {
            out.extend_from_slice(&self.src[run_start..self.pos]);
            self.issues.push(SyntaxIssue {
                kind: SyntaxKind::UnexpectedEnd,
                span: Span::new(self.pos, self.pos),
                related: Some(Span::new(start, start + 1)),
                expected: Some("a closing quote"),
            });
        }
        let span = Span::new(start, self.pos);
        if quote == b'\'' {
            self.issue(SyntaxKind::SingleQuotedString, span, None);
        }
        let text = match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => {
                self.report_invalid_utf8(start + 1, span.end as usize);
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        (text, span)
    }

    /// Reports each invalid UTF-8 sequence in `src[from..to]`.
    fn report_invalid_utf8(&mut self, from: usize, to: usize) {
        let mut i = from;
        while i < to {
            match std::str::from_utf8(&self.src[i..to]) {
                Ok(_) => break,
                Err(e) => {
                    let bad = i + e.valid_up_to();
                    let len = e.error_len().unwrap_or(to - bad).max(1);
                    self.issue(SyntaxKind::InvalidUtf8, Span::new(bad, bad + len), None);
                    i = bad + len;
                }
            }
        }
    }

    /// Decodes one escape at `self.pos` (the backslash) into `out`.
    fn escape(&mut self, out: &mut Vec<u8>) {
        let start = self.pos;
        self.pos += 1;
        let Some(c) = self.peek() else {
            return;
        };
        let simple = match c {
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            b'/' => Some(b'/'),
            b'b' => Some(0x08),
            b'f' => Some(0x0c),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            _ => None,
        };
        if let Some(v) = simple {
            self.pos += 1;
            out.push(v);
            return;
        }
        match c {
            b'u' => {
                self.pos += 1;
                match self.hex4() {
                    Some(cu) => self.surrogate_or_char(cu, start, out),
                    None => {
                        self.issue(
                            SyntaxKind::InvalidEscape,
                            Span::new(start, self.pos.max(start + 2)),
                            None,
                        );
                        out.extend_from_slice("\u{FFFD}".as_bytes());
                    }
                }
            }
            b'\'' | b'v' | b'0' | b'x' | b'\n' | b'\r' => {
                self.pos += 1;
                match c {
                    b'\'' => out.push(b'\''),
                    b'v' => out.push(0x0b),
                    b'0' => {
                        if self.peek().is_some_and(|d| d.is_ascii_digit()) {
                            self.issue(SyntaxKind::InvalidEscape, Span::new(start, self.pos), None);
                        }
                        out.push(0)
                    }
                    b'x' => {
                        // Check the digits first: `from_str_radix` also takes a `+` sign.
                        let h = self
                            .src
                            .get(self.pos..self.pos + 2)
                            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                            .and_then(|h| {
                                std::str::from_utf8(h)
                                    .ok()
                                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                            });
                        match h {
                            Some(v) => {
                                self.pos += 2;
                                let ch = char::from(v);
                                let mut buf = [0u8; 4];
                                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                            }
                            None => {
                                self.issue(
                                    SyntaxKind::InvalidEscape,
                                    Span::new(start, self.pos),
                                    None,
                                );
                                return;
                            }
                        }
                    }
                    // `\` CR LF is one line continuation.
                    b'\r' if self.peek() == Some(b'\n') => self.pos += 1,
                    _ => {} // line continuation: nothing
                }
                self.issue(SyntaxKind::Json5Escape, Span::new(start, self.pos), None);
            }
            b'1'..=b'9' => {
                self.pos += 1;
                self.issue(SyntaxKind::InvalidEscape, Span::new(start, self.pos), None);
                out.push(c);
            }
            _ => {
                // JSON5: any other character escapes itself. Take one whole UTF-8 char (only its
                // continuation bytes, so a broken one never swallows the closing quote).
                let mut len = 1;
                while len < utf8_len(c)
                    && self
                        .src
                        .get(self.pos + len)
                        .is_some_and(|&b| b & 0xC0 == 0x80)
                {
                    len += 1;
                }
                let ch = &self.src[self.pos..self.pos + len];
                // U+2028 and U+2029 are line terminators: a line continuation, like `\` + LF.
                if !matches!(ch, [0xE2, 0x80, 0xA8 | 0xA9]) {
                    out.extend_from_slice(ch);
                }
                self.pos += len;
                self.issue(SyntaxKind::Json5Escape, Span::new(start, self.pos), None);
            }
        }
    }

    fn hex4(&mut self) -> Option<u16> {
        let h = self.src.get(self.pos..self.pos + 4)?;
        if !h.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        let v = u16::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()?;
        self.pos += 4;
        Some(v)
    }

    fn surrogate_or_char(&mut self, cu: u16, start: usize, out: &mut Vec<u8>) {
        let ch = if (0xD800..0xDC00).contains(&cu) {
            // A high surrogate: needs `\uDC00`..`\uDFFF` right after.
            let save = self.pos;
            let low = if self.src.get(self.pos..self.pos + 2) == Some(b"\\u") {
                self.pos += 2;
                self.hex4()
            } else {
                None
            };
            match low {
                Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                    let c = 0x10000 + ((u32::from(cu) - 0xD800) << 10) + (u32::from(lo) - 0xDC00);
                    char::from_u32(c)
                }
                _ => {
                    self.pos = save;
                    None
                }
            }
        } else if (0xDC00..0xE000).contains(&cu) {
            None
        } else {
            char::from_u32(u32::from(cu))
        };
        match ch {
            Some(c) => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            None => {
                self.issue(SyntaxKind::InvalidEscape, Span::new(start, self.pos), None);
                out.extend_from_slice("\u{FFFD}".as_bytes());
            }
        }
    }

    fn object(&mut self) -> Node {
        let mut st = self.list_open();
        let mut members: Vec<Member> = Vec::new();
        loop {
            let step = self.object_step(&mut st);
            if let Some(comma) = st.split_previous.take() {
                if let Some(last) = members.last_mut() {
                    cut_string_at(&mut last.value, comma, self.src);
                }
            }
            match step {
                ObjectStep::Value(key, key_span) => {
                    let value = self.value_or_missing();
                    self.object_value_end(&mut st, value.span.end);
                    members.push(Member {
                        key,
                        key_span,
                        value,
                    });
                }
                ObjectStep::NoValue(key, key_span, at) => members.push(Member {
                    key,
                    key_span,
                    value: Node {
                        span: Span::new(at, at),
                        kind: NodeKind::Invalid,
                    },
                }),
                ObjectStep::Closed => break,
            }
        }
        self.check_duplicates(&members);
        Node {
            span: Span::new(st.open, self.pos),
            kind: NodeKind::Object(members),
        }
    }

    /// Starts reading the object or array whose `{` or `[` is at `self.pos`.
    fn list_open(&mut self) -> ListRead {
        let open = self.pos;
        self.pos += 1;
        ListRead {
            open,
            last_end: None,
            last_comma: None,
            split_previous: None,
        }
    }

    /// Reads on to the next member's value, or to the end of the object. For
    /// [`ObjectStep::Value`] the caller reads the value at `self.pos` and then calls
    /// [`Parser::object_value_end`]; a member without a value is done with already.
    fn object_step(&mut self, st: &mut ListRead) -> ObjectStep {
        let open = st.open;
        loop {
            self.skip_ws();
            let Some(b) = self.peek() else {
                self.issues.push(SyntaxIssue {
                    kind: SyntaxKind::UnexpectedEnd,
                    span: Span::new(self.pos, self.pos),
                    related: Some(Span::new(open, open + 1)),
                    expected: Some("`}` to close the object"),
                });
                return ObjectStep::Closed;
            };
            if b == b'}' {
                if let Some(c) = st.last_comma {
                    if st.last_end.is_some() {
                        self.issue(SyntaxKind::TrailingComma, Span::new(c, c + 1), None);
                    }
                }
                self.pos += 1;
                return ObjectStep::Closed;
            }
            if st.last_end.is_some() && st.last_comma.is_none() {
                // Something other than `,` or `}` after a member.
                if matches!(b, b'"' | b'\'') || is_word_start(b) || b.is_ascii_digit() {
                    let at = st.last_end.unwrap_or(open as u32);
                    self.issue(
                        SyntaxKind::MissingComma,
                        Span::new(at as usize, at as usize),
                        None,
                    );
                } else if matches!(b, b'{' | b'[') {
                    if let Some((comma, key_span)) = self.swallowed_key(st) {
                        // `"sessionStart, params" {`: the quote belongs after the value.
                        let quote = key_span.end as usize;
                        self.issue(
                            SyntaxKind::MisplacedQuote,
                            Span::new(comma, quote + 1),
                            None,
                        );
                        st.split_previous = Some(comma);
                        let key =
                            String::from_utf8_lossy(&self.src[key_span.start as usize..quote])
                                .into_owned();
                        return ObjectStep::Value(key, key_span);
                    }
                    // A stray value: read and drop it so its brackets stay balanced.
                    let at = self.pos;
                    let _ = self.value();
                    self.unexpected(Span::new(at, at + 1), "`,` or `}`");
                    continue;
                } else {
                    let at = self.pos;
                    let end = self.skip_junk().max(at + 1);
                    self.pos = end.min(self.src.len());
                    self.unexpected(Span::new(at, end), "`,` or `}`");
                    if self.peek() == Some(b',') {
                        st.last_comma = Some(self.pos);
                        self.pos += 1;
                    }
                    continue;
                }
            }
            if b == b',' {
                // `{,` or `,,`: an empty member.
                self.unexpected(Span::new(self.pos, self.pos + 1), "a key");
                st.last_comma = Some(self.pos);
                self.pos += 1;
                continue;
            }
            // Key.
            let key_start = self.pos;
            let key = match b {
                b'"' | b'\'' => {
                    let (s, span) = self.string();
                    Some((s, span))
                }
                _ if is_word_start(b) || is_number_start(b) => {
                    let end = self.token_end();
                    self.pos = end;
                    let span = Span::new(key_start, end);
                    match std::str::from_utf8(&self.src[key_start..end]) {
                        Ok(s) => {
                            self.issue(SyntaxKind::UnquotedKey, span, None);
                            Some((s.to_string(), span))
                        }
                        Err(_) => {
                            self.issue(SyntaxKind::InvalidUtf8, span, None);
                            Some((
                                String::from_utf8_lossy(&self.src[key_start..end]).into_owned(),
                                span,
                            ))
                        }
                    }
                }
                _ => None,
            };
            let Some((key, key_span)) = key else {
                let end = self.skip_junk().max(key_start + 1);
                self.pos = end.min(self.src.len());
                self.unexpected(Span::new(key_start, end), "a key or `}`");
                st.last_comma = None;
                if self.peek() == Some(b',') {
                    st.last_comma = Some(self.pos);
                    self.pos += 1;
                }
                continue;
            };
            // Colon.
            self.skip_ws();
            match self.peek() {
                Some(b':') => self.pos += 1,
                Some(c)
                    if c == b'"'
                        || c == b'\''
                        || c == b'{'
                        || c == b'['
                        || c == b'<'
                        || is_number_start(c)
                        || is_word_start(c) =>
                {
                    let at = key_span.end as usize;
                    self.issue(SyntaxKind::MissingColon, Span::new(at, at), None);
                }
                _ => {
                    let at = self.pos;
                    let end = self.skip_junk().max(at + usize::from(at < self.src.len()));
                    // A `,` or `}` right after the key is left for the loop to read.
                    if !matches!(self.peek(), Some(b',' | b'}')) {
                        self.pos = end.min(self.src.len());
                    }
                    self.unexpected(Span::new(at, end), "`:`");
                    st.last_end = Some(at as u32);
                    st.last_comma = None;
                    if self.peek() == Some(b',') {
                        st.last_comma = Some(self.pos);
                        self.pos += 1;
                    }
                    return ObjectStep::NoValue(key, key_span, at);
                }
            }
            self.skip_ws();
            if matches!(self.peek(), Some(b',' | b'}')) {
                // `"a": ,` or `"a": }`: no value. The `,` or `}` is left for the loop to read.
                let at = self.pos;
                self.unexpected(Span::new(at, at + 1), "a value");
                self.object_value_end(st, at as u32);
                return ObjectStep::NoValue(key, key_span, at);
            }
            return ObjectStep::Value(key, key_span);
        }
    }

    /// When the last member's value is a double-quoted string that ends in `, word"` (no
    /// escapes in that tail) and a value follows it where `,` or `}` belongs: the offset of
    /// that `,` and the span of `word`, the key the misplaced closing quote swallowed.
    fn swallowed_key(&self, st: &ListRead) -> Option<(usize, Span)> {
        let end = st.last_end? as usize;
        let quote = end.checked_sub(1)?;
        if self.src.get(quote) != Some(&b'"') {
            return None;
        }
        let is_key = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-');
        let mut i = quote;
        while i > 0 && is_key(self.src[i - 1]) {
            i -= 1;
        }
        let word_start = i;
        if word_start == quote || !self.src[word_start].is_ascii_alphabetic() {
            return None;
        }
        while i > 0 && self.src[i - 1] == b' ' {
            i -= 1;
        }
        if i == 0 || self.src[i - 1] != b',' {
            return None;
        }
        let comma = i - 1;
        // The value must have text before the comma, inside its quotes.
        if comma == 0 || matches!(self.src[comma - 1], b'"' | b'\\') {
            return None;
        }
        Some((comma, Span::new(word_start, quote)))
    }

    /// After a member's value (which ends at `end`): reads the `,` that may follow.
    fn object_value_end(&mut self, st: &mut ListRead, end: u32) {
        st.last_end = Some(end);
        self.skip_ws();
        st.last_comma = None;
        if self.peek() == Some(b',') {
            st.last_comma = Some(self.pos);
            self.pos += 1;
        }
    }

    fn check_duplicates(&mut self, members: &[Member]) {
        if members.len() < 2 {
            return;
        }
        if members.len() <= 16 {
            for (i, m) in members.iter().enumerate() {
                if let Some(first) = members[..i].iter().find(|p| p.key == m.key) {
                    self.issue(SyntaxKind::DuplicateKey, m.key_span, Some(first.key_span));
                }
            }
        } else {
            let mut seen: std::collections::HashMap<&str, Span> =
                std::collections::HashMap::with_capacity(members.len());
            let mut found = Vec::new();
            for m in members {
                match seen.get(m.key.as_str()) {
                    Some(first) => found.push((m.key_span, *first)),
                    None => {
                        seen.insert(&m.key, m.key_span);
                    }
                }
            }
            for (span, first) in found {
                self.issue(SyntaxKind::DuplicateKey, span, Some(first));
            }
        }
    }

    fn array(&mut self) -> Node {
        let mut st = self.list_open();
        let mut items: Vec<Node> = Vec::new();
        while self.array_step(&mut st) {
            let before = self.pos;
            let item = self.value();
            self.array_item_end(&mut st, before, item.span.end);
            items.push(item);
        }
        Node {
            span: Span::new(st.open, self.pos),
            kind: NodeKind::Array(items),
        }
    }

    /// Reads on to the next item: true when one starts at `self.pos` (the caller reads it
    /// with [`Parser::value`] and then calls [`Parser::array_item_end`]), false at the end
    /// of the array.
    fn array_step(&mut self, st: &mut ListRead) -> bool {
        let open = st.open;
        loop {
            self.skip_ws();
            let Some(b) = self.peek() else {
                self.issues.push(SyntaxIssue {
                    kind: SyntaxKind::UnexpectedEnd,
                    span: Span::new(self.pos, self.pos),
                    related: Some(Span::new(open, open + 1)),
                    expected: Some("`]` to close the array"),
                });
                return false;
            };
            if b == b']' {
                if let Some(c) = st.last_comma {
                    if st.last_end.is_some() {
                        self.issue(SyntaxKind::TrailingComma, Span::new(c, c + 1), None);
                    }
                }
                self.pos += 1;
                return false;
            }
            if b == b',' {
                self.unexpected(Span::new(self.pos, self.pos + 1), "a value");
                st.last_comma = Some(self.pos);
                self.pos += 1;
                continue;
            }
            if st.last_end.is_some() && st.last_comma.is_none() {
                if b == b'}' || b == b':' {
                    let at = self.pos;
                    self.pos += 1;
                    self.unexpected(Span::new(at, at + 1), "`,` or `]`");
                    continue;
                }
                let at = st.last_end.map_or(open, |e| e as usize);
                self.issue(SyntaxKind::MissingComma, Span::new(at, at), None);
            }
            return true;
        }
    }

    /// After an item that started at `before` and ends at `end`: reads the `,` that may
    /// follow.
    fn array_item_end(&mut self, st: &mut ListRead, before: usize, end: u32) {
        if self.pos == before {
            // value() made no progress (cannot happen, but never loop forever).
            self.pos += 1;
        }
        st.last_end = Some(end);
        self.skip_ws();
        st.last_comma = None;
        if self.peek() == Some(b',') {
            st.last_comma = Some(self.pos);
            self.pos += 1;
        }
    }

    /// Skips a balanced `{...}`/`[...]` group at `self.pos` without recursion; returns its end.
    fn skip_balanced(&mut self) -> usize {
        let mut depth = 0usize;
        while self.pos < self.src.len() {
            match self.src[self.pos] {
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        self.pos += 1;
                        return self.pos;
                    }
                }
                q @ (b'"' | b'\'') => {
                    self.skip_string_raw(q);
                    continue;
                }
                _ => {}
            }
            self.pos += 1;
        }
        self.issues.push(SyntaxIssue {
            kind: SyntaxKind::UnexpectedEnd,
            span: Span::new(self.pos, self.pos),
            related: None,
            expected: Some("closing brackets"),
        });
        self.pos
    }

    fn skip_string_raw(&mut self, q: u8) {
        self.pos += 1;
        while self.pos < self.src.len() {
            match self.src[self.pos] {
                b'\\' => self.pos += 2,
                b'\n' => return,
                c if c == q => {
                    self.pos += 1;
                    return;
                }
                _ => self.pos += 1,
            }
        }
        self.pos = self.pos.min(self.src.len());
    }

    /// Finds where recovery resumes: the next `,` `}` `]` or line end at this nesting level,
    /// skipping over strings and balanced brackets. Does not move `self.pos`.
    fn skip_junk(&mut self) -> usize {
        let save = self.pos;
        let save_issues = self.issues.len();
        let mut i = self.pos;
        let mut first = true;
        while i < self.src.len() {
            let b = self.src[i];
            match b {
                b',' | b'}' | b']' | b'\n' if !first => break,
                b',' | b'}' | b']' | b'\n' => {
                    // The offending token itself is a delimiter: take just it.
                    i += 1;
                    break;
                }
                b'{' | b'[' => {
                    self.pos = i;
                    i = self.skip_balanced();
                    first = false;
                    continue;
                }
                b'"' | b'\'' => {
                    self.pos = i;
                    self.skip_string_raw(b);
                    i = self.pos;
                    first = false;
                    continue;
                }
                _ => {}
            }
            i += 1;
            first = false;
        }
        self.pos = save;
        self.issues.truncate(save_issues);
        let mut end = i.min(self.src.len());
        while end > save + 1 && matches!(self.src[end - 1], b' ' | b'\t' | b'\r') {
            end -= 1;
        }
        end
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// `"<timestamp>"`-style text: a name in angle brackets, nothing else.
pub fn is_placeholder_text(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3
        && b[0] == b'<'
        && b[b.len() - 1] == b'>'
        && b[1].is_ascii_alphabetic()
        && b[1..b.len() - 1]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b' ' | b'.'))
}

/// `"[ _YOUR-TS_ ]"`-style text: an unfilled template in square brackets, written in capitals.
pub fn is_template_text(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 3 || b[0] != b'[' || b[b.len() - 1] != b']' {
        return false;
    }
    let inner = &b[1..b.len() - 1];
    inner.iter().any(u8::is_ascii_uppercase)
        && inner.iter().all(|c| {
            c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, b'_' | b'-' | b' ')
        })
}

enum NumClass {
    Strict(Number),
    StrictOverflow(Number),
    Json5(Number),
    NonFinite,
    Malformed,
}

/// Classifies a number token: strict JSON, a JSON5-only form, non-finite, or malformed.
fn classify_number(text: &[u8]) -> NumClass {
    let Ok(s) = std::str::from_utf8(text) else {
        return NumClass::Malformed;
    };
    if is_strict_number(s) {
        return lower_strict(s);
    }
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if body == "Infinity" || body == "NaN" {
        return NumClass::NonFinite;
    }
    if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        if !hex.is_empty() && hex.bytes().all(|c| c.is_ascii_hexdigit()) {
            return match u64::from_str_radix(hex, 16) {
                Ok(v) if neg => match i64::try_from(v) {
                    Ok(i) => NumClass::Json5(Number::Int(-i)),
                    Err(_) if v == 1 << 63 => NumClass::Json5(Number::Int(i64::MIN)),
                    Err(_) => NumClass::Json5(Number::Float(-(v as f64))),
                },
                Ok(v) => match i64::try_from(v) {
                    Ok(i) => NumClass::Json5(Number::Int(i)),
                    Err(_) => NumClass::Json5(Number::UInt(v)),
                },
                Err(_) => match hex_to_f64(hex, neg) {
                    v if v.is_finite() => NumClass::Json5(Number::Float(v)),
                    _ => NumClass::NonFinite,
                },
            };
        }
        return NumClass::Malformed;
    }
    // `+1`, `.5`, `5.`, `-.5`, `+1e3`: valid JSON5 decimal literals.
    if is_json5_decimal(body) {
        let v: f64 = match body.parse() {
            Ok(v) => v,
            Err(_) => return NumClass::Malformed,
        };
        if !v.is_finite() {
            return NumClass::NonFinite;
        }
        let v = if neg { -v } else { v };
        let n = if !body.contains(['.', 'e', 'E']) {
            match body.parse::<u64>() {
                Ok(u) if !neg && u > i64::MAX as u64 => Number::UInt(u),
                Ok(u) if u <= i64::MAX as u64 => {
                    Number::Int(if neg { -(u as i64) } else { u as i64 })
                }
                _ => Number::Float(v),
            }
        } else {
            Number::Float(v)
        };
        return NumClass::Json5(n);
    }
    NumClass::Malformed
}

/// A hex literal too large for `u64` as the correctly rounded double: the first 32 digits
/// exactly, any later non-zero digit as a sticky bit, then an exact power-of-two scale.
fn hex_to_f64(hex: &str, neg: bool) -> f64 {
    let hex = hex.trim_start_matches('0');
    let (head, tail) = hex.split_at(hex.len().min(32));
    let mut m = u128::from_str_radix(head, 16).unwrap_or(0);
    if tail.bytes().any(|c| c != b'0') {
        m |= 1;
    }
    let v = m as f64 * 2f64.powi(4 * tail.len().min(512) as i32);
    if neg {
        -v
    } else {
        v
    }
}

fn is_strict_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        let st = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == st {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let st = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == st {
            return false;
        }
    }
    i == b.len()
}

fn is_json5_decimal(s: &str) -> bool {
    // digits? ('.' digits?)? exponent?, with at least one digit in the mantissa.
    let b = s.as_bytes();
    let mut i = 0;
    let mut digits = 0;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
        digits += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let st = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == st {
            return false;
        }
    }
    i == b.len()
}

/// Lowers a strict JSON number exactly as serde_json does (integers to i64/u64 when they
/// fit, `-0` to -0.0, everything else to the correctly rounded double).
fn lower_strict(s: &str) -> NumClass {
    let is_int = !s.contains(['.', 'e', 'E']);
    if is_int {
        if let Some(digits) = s.strip_prefix('-') {
            if let Ok(u) = digits.parse::<u64>() {
                if u == 0 {
                    return NumClass::Strict(Number::Float(-0.0));
                }
                if u <= i64::MAX as u64 + 1 {
                    return NumClass::Strict(Number::Int((u as i64).wrapping_neg()));
                }
            }
        } else if let Ok(u) = s.parse::<u64>() {
            return NumClass::Strict(if u <= i64::MAX as u64 {
                Number::Int(u as i64)
            } else {
                Number::UInt(u)
            });
        }
        // Too large for 64 bits: serde_json falls back to a double; so do we, with a finding.
        return match s.parse::<f64>() {
            Ok(v) if v.is_finite() => NumClass::StrictOverflow(Number::Float(v)),
            _ => NumClass::NonFinite,
        };
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => NumClass::Strict(Number::Float(v)),
        _ => NumClass::NonFinite,
    }
}

/// Cuts string `node` at the source offset `comma` (see [`SyntaxKind::MisplacedQuote`]):
/// its text loses the tail from that `,` on, which has no escapes, and its span ends there.
fn cut_string_at(node: &mut Node, comma: usize, src: &[u8]) {
    let tail_len = node.span.end as usize - 1 - comma;
    if let NodeKind::String(text) = &mut node.kind {
        let tail = &src[comma..node.span.end as usize - 1];
        if text.len() >= tail_len && text.as_bytes().ends_with(tail) {
            text.truncate(text.len() - tail_len);
            node.span = Span::new(node.span.start as usize, comma);
        }
    }
}

/// The first byte at or after `from` that ends a run of plain string bytes: `quote`, a
/// backslash, or a control character (below 0x20, line breaks included); `text.len()` when
/// there is none. Eight bytes at a time: a byte is flagged when it is one of those, and
/// the lowest flag is the first such byte (a borrow only ever flags bytes above a flagged
/// one). Checked against a byte-by-byte scan in `strict`'s tests.
pub(crate) fn string_stop(text: &[u8], from: usize, quote: u8) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let mut j = from;
    while let Some(Ok(bytes)) = text.get(j..j + 8).map(<[u8; 8]>::try_from) {
        let w = u64::from_le_bytes(bytes);
        let flags = zero(w ^ (ONES * u64::from(quote)))
            | zero(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGH);
        if flags != 0 {
            return j + (flags.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while let Some(&c) = text.get(j) {
        if c == quote || c == b'\\' || c < 0x20 {
            return j;
        }
        j += 1;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<SyntaxKind> {
        parse(src.as_bytes())
            .issues
            .iter()
            .map(|i| i.kind)
            .collect()
    }

    #[test]
    fn strict_json_has_no_issues() {
        assert!(kinds(r#"{"a": [1, -2.5e3, true, null, "x\u00e9\ud83d\ude00"]}"#).is_empty());
    }

    #[test]
    fn docs_dialect() {
        let src = "{\n playerTime: { playhead: 8ß, ts: <timestamp> },\n eventType:ping,\n}";
        let p = parse(src.as_bytes());
        let k: Vec<_> = p.issues.iter().map(|i| i.kind).collect();
        assert_eq!(
            k,
            vec![
                SyntaxKind::UnquotedKey,
                SyntaxKind::UnquotedKey,
                SyntaxKind::MalformedNumber,
                SyntaxKind::UnquotedKey,
                SyntaxKind::Placeholder,
                SyntaxKind::UnquotedKey,
                SyntaxKind::BareWord,
                SyntaxKind::TrailingComma,
            ]
        );
        let bad = &p.issues[2];
        assert_eq!(&src[bad.span.start as usize..bad.span.end as usize], "8ß");
        assert_eq!(p.root.get("eventType").unwrap().as_str(), Some("ping"));
    }

    #[test]
    fn recovers_from_stray_object_after_value() {
        // (`"sessionStart, params" {` is a misplaced quote instead: see below.)
        let src = r#"{"eventType":"sessionStart" { "a": 1 }, "x": 2}"#;
        let p = parse(src.as_bytes());
        assert!(p
            .issues
            .iter()
            .any(|i| i.kind == SyntaxKind::UnexpectedToken));
        assert!(p.root.get("x").is_some());
    }

    #[test]
    fn deep_nesting_is_a_finding_not_a_crash() {
        let src = "[".repeat(100_000);
        let p = parse(src.as_bytes());
        assert!(p
            .issues
            .iter()
            .any(|i| i.kind == SyntaxKind::NestingTooDeep));
    }

    #[test]
    fn lone_surrogate_is_replaced() {
        let p = parse(br#""a\ud83d b""#);
        assert_eq!(p.root.as_str(), Some("a\u{FFFD} b"));
        assert_eq!(p.issues[0].kind, SyntaxKind::InvalidEscape);
    }

    #[test]
    fn duplicate_and_overflow() {
        let k = kinds(r#"{"a": 1, "a": 123456789012345678901234567890}"#);
        assert_eq!(
            k,
            vec![SyntaxKind::DuplicateKey, SyntaxKind::IntegerOverflow]
        );
    }

    fn value(src: &[u8]) -> serde_json::Value {
        crate::syntax::lower(&parse(src).root)
    }

    #[test]
    fn surrogate_pairs_combine_and_strays_are_replaced() {
        assert_eq!(value(br#""\ud83d\ude00""#), "\u{1F600}");
        let p = parse(br#""\ude00\ud83d""#);
        assert_eq!(p.root.as_str(), Some("\u{FFFD}\u{FFFD}"));
        assert_eq!(
            p.issues.iter().map(|i| i.kind).collect::<Vec<_>>(),
            vec![SyntaxKind::InvalidEscape, SyntaxKind::InvalidEscape]
        );
        let p = parse(br#""\ud83d\ud83d\ude00""#);
        assert_eq!(p.root.as_str(), Some("\u{FFFD}\u{1F600}"));
        assert_eq!(p.issues.len(), 1);
        assert_eq!((p.issues[0].span.start, p.issues[0].span.end), (1, 7));
    }

    // Found by tests/parser_props.rs: JSON5 whitespace is every Unicode space separator, and
    // it ends a token (an NBSP after a number was part of a malformed number).
    #[test]
    fn unicode_space_separators_are_whitespace() {
        assert_eq!(kinds("\u{1680}Infinity"), vec![SyntaxKind::NonFiniteNumber]);
        assert!(kinds("[1\u{a0}]").is_empty());
        assert!(kinds("[1\u{3000},\u{2000}2\u{205f}]").is_empty());
        let p = parse("{a\u{202f}:\u{200a}1}".as_bytes());
        assert_eq!(p.root.get("a").and_then(Node::as_i64), Some(1));
        assert_eq!(
            kinds("{a\u{202f}:\u{200a}1}"),
            vec![SyntaxKind::UnquotedKey]
        );
    }

    #[test]
    fn line_comments_end_at_any_line_terminator() {
        for src in ["// c\r1", "// c\u{2028}1", "// c\u{2029}1", "// c\r\n1"] {
            let p = parse(src.as_bytes());
            assert_eq!(p.root.as_i64(), Some(1), "{src:?}");
            assert_eq!(kinds(src), vec![SyntaxKind::Comment], "{src:?}");
            assert_eq!((p.issues[0].span.start, p.issues[0].span.end), (0, 4));
        }
    }

    #[test]
    fn line_continuation_with_unicode_separator() {
        let p = parse("'a\\\u{2028}b'".as_bytes());
        assert_eq!(p.root.as_str(), Some("ab"));
        assert_eq!(
            p.issues.iter().map(|i| i.kind).collect::<Vec<_>>(),
            vec![SyntaxKind::SingleQuotedString, SyntaxKind::Json5Escape]
        );
    }

    #[test]
    fn hex_escape_needs_two_hex_digits() {
        // `u8::from_str_radix("+1", 16)` is Ok(1): `\x+1` was read as U+0001.
        let p = parse(br#""\x+1""#);
        assert_eq!(p.root.as_str(), Some("+1"));
        assert_eq!(p.issues[0].kind, SyntaxKind::InvalidEscape);
    }

    #[test]
    fn escaped_broken_utf8_does_not_swallow_the_quote() {
        let p = parse(b"[\"\\\xC3\", 1]");
        assert_eq!(
            value(b"[\"\\\xC3\", 1]"),
            serde_json::json!(["\u{FFFD}", 1])
        );
        assert!(p
            .issues
            .iter()
            .all(|i| matches!(i.kind, SyntaxKind::Json5Escape | SyntaxKind::InvalidUtf8)));
    }

    // Found by tests/parser_props.rs: hex literals above 64 bits were rounded digit by digit.
    #[test]
    fn big_hex_literals_round_once() {
        let want = 0x2AAAA0AAA0AA0DA00_u128 as f64;
        assert_eq!(want, 4.91911416053467e19);
        assert_eq!(value(b"0x2AAaA0AAA0aa0dA00"), serde_json::json!(want));
        assert_eq!(value(b"-0x2AAaA0AAA0aa0dA00"), serde_json::json!(-want));
        // 2^132 + 2^79 + 1: just above halfway between two doubles, with the `+ 1` beyond the
        // 32 digits read exactly; it must round up.
        let long = format!("0x1{}8{}1", "0".repeat(13), "0".repeat(18));
        assert_eq!(
            value(long.as_bytes()),
            serde_json::json!(2f64.powi(132) + 2f64.powi(80))
        );
        let huge = format!("0x{}", "f".repeat(300));
        assert_eq!(kinds(&huge), vec![SyntaxKind::NonFiniteNumber]);
    }

    #[test]
    fn hex_i64_min_is_an_integer() {
        assert_eq!(
            parse(b"-0x8000000000000000").root.kind,
            NodeKind::Number(Number::Int(i64::MIN))
        );
    }

    // A member with no value (or no colon) swallowed the `,` or `}` after it, which gave a
    // false "missing comma" or "unclosed object" (tests/parser_props.rs, single faults).
    #[test]
    fn missing_value_or_colon_leaves_the_delimiter() {
        for (src, at) in [
            (r#"{"a": }"#, 6),
            (r#"{"a": , "b": 1}"#, 6),
            (r#"{"a"}"#, 4),
            (r#"{"a", "b": 1}"#, 4),
        ] {
            let p = parse(src.as_bytes());
            assert_eq!(kinds(src), vec![SyntaxKind::UnexpectedToken], "{src:?}");
            assert_eq!(p.issues[0].span.start, at, "{src:?}");
            assert_eq!(p.root.get("a").map(|n| &n.kind), Some(&NodeKind::Invalid));
            assert_eq!(p.end, src.len());
        }
    }

    // Found by tests/parser_props.rs: RFC 6901 array indexes have no sign and no leading zero.
    #[test]
    fn resolve_rejects_non_canonical_indexes() {
        let p = parse(b"[10, 11]");
        assert!(p.root.resolve("/1").2);
        for bad in ["/01", "/+1", "/00", "/-1", "/ 1"] {
            assert!(!p.root.resolve(bad).2, "{bad}");
        }
    }

    #[test]
    fn missing_comma_between_members() {
        let p = parse(b"{a: 1\n b: 2}");
        assert!(p.issues.iter().any(|i| i.kind == SyntaxKind::MissingComma));
        assert_eq!(p.root.get("b").and_then(Node::as_i64), Some(2));
    }

    #[test]
    fn misplaced_quote_gives_the_swallowed_key_back() {
        let src = br#"{"eventType":"sessionStart, params" {"media.length": 60}, "x": 1}"#;
        let p = parse(src);
        let kinds: Vec<SyntaxKind> = p.issues.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, vec![SyntaxKind::MisplacedQuote]);
        assert_eq!(
            &src[p.issues[0].span.start as usize..p.issues[0].span.end as usize],
            b", params\""
        );
        assert_eq!(
            p.root.get("eventType").and_then(Node::as_str),
            Some("sessionStart")
        );
        let ev = p.root.get("eventType").unwrap();
        assert_eq!(
            &src[ev.span.start as usize..ev.span.end as usize],
            b"\"sessionStart"
        );
        assert_eq!(
            p.root
                .get("params")
                .and_then(|n| n.get("media.length"))
                .and_then(Node::as_i64),
            Some(60)
        );
        assert_eq!(p.root.get("x").and_then(Node::as_i64), Some(1));
    }

    #[test]
    fn a_comma_in_a_string_alone_is_no_misplaced_quote() {
        // Followed by `,` as it should be: an ordinary string with a comma.
        let p = parse(br#"{"a":"x, y", "b": {}}"#);
        assert!(p.issues.is_empty());
        assert_eq!(p.root.get("a").and_then(Node::as_str), Some("x, y"));
        // A stray object after a string without the pattern stays a stray value.
        let p = parse(br#"{"a":"x y" {"b": 1}}"#);
        assert!(p
            .issues
            .iter()
            .all(|i| i.kind != SyntaxKind::MisplacedQuote));
        assert_eq!(p.root.get("a").and_then(Node::as_str), Some("x y"));
    }
}
