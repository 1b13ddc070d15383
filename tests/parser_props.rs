//! Property tests for the lenient parser (`valint::syntax`).
//!
//! 1. strict JSON (serde_json compact/pretty and a writer that uses `\uXXXX` escapes, surrogate
//!    pairs included) parses with no findings and lowers to what serde_json reads;
//! 2. JSON5 written with every JSON5-only feature lowers to what the json5 crate reads, and each
//!    feature used gives exactly one finding of its kind, at its span;
//! 3. arbitrary bytes and mutated documents never panic, and every span is in bounds;
//! 4. node and key spans point at the text they were read from;
//! 5. `Node::resolve` agrees with `serde_json::Value::pointer`;
//!
//! plus number tokens against both oracles and the stream mode on concatenated values.
//!
//! Documented deviations the oracles account for: a string value that looks like a placeholder
//! (`"<timestamp>"`) is a `Placeholder` finding and lowers to `null`; one that looks like a
//! template (`"[ _YOUR-TS_ ]"`) is a `TemplateValue` finding. The json5 crate reads the integer
//! `-0` as `0`; the parser follows serde_json (`-0.0`), so the JSON5 writer never emits it.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Map, Value};
use std::fmt::Write as _;
use valint::syntax::parser::{is_placeholder_text, is_template_text};
use valint::syntax::{lower, parse, parse_value_at, parse_with, Node, NodeKind, ParseOptions};
use valint::syntax::{Parsed, SyntaxKind};

type Finding = (SyntaxKind, usize, usize);

// ------------------------------------------------------------------------------------------
// Random choices for the writers: a seed from proptest drives a small deterministic generator,
// so one generated value tree is written many different ways.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T: ?Sized>(&mut self, xs: &[&'a T]) -> &'a T {
        xs[self.below(xs.len())]
    }
}

// ------------------------------------------------------------------------------------------
// Value trees.

fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        3 => proptest::char::range(' ', '~'),
        2 => prop::sample::select(vec![
            '"', '\\', '/', '\'', '\n', '\r', '\t', '\0', '\u{8}', '\u{b}', '\u{c}', '\u{1f}',
            '\u{7f}', '\u{80}', '\u{a0}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{d7ff}',
            '\u{e000}', '\u{fffd}', '\u{ffff}', '\u{10000}', '\u{1f600}', '\u{10ffff}', '<',
            '>', '[', ']', '*', '1', 'x', 'u',
        ]),
    ]
}

fn string_value() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(interesting_char(), 0..12).prop_map(String::from_iter),
        1 => prop::sample::select(vec![
            "<timestamp>", "<SERVER>", "<media id>", "[ _YOUR-TS_ ]", "[ID]", "<1>", "[abc]",
            "<>", "", "\u{1f600}\u{1f600}",
        ])
        .prop_map(String::from),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "[a-zA-Z_$][a-zA-Z0-9_$]{0,8}",
        1 => "[a-zA-Z_éßπ中Ж][a-z0-9éß]{0,4}",
        2 => string_value(),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(vec![
            0i64,
            1,
            -1,
            10,
            i64::MIN,
            i64::MAX,
            9_007_199_254_740_993
        ])
        .prop_map(Value::from),
        prop::sample::select(vec![u64::MAX, i64::MAX as u64 + 1]).prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        prop::sample::select(vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -3.0,
            0.1,
            1e21,
            1e-7,
            5e-324,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            1e16,
            123_456.789,
            9_223_372_036_854_775_808.0,
        ])
        .prop_map(Value::from),
    ]
}

/// Value trees of depth <= 6 with unique keys (a `Map` keeps one value per key).
fn value_tree() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        3 => number(),
        3 => string_value().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 160, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// `v` with every placeholder-looking string value replaced by `null`, as the parser lowers it.
fn null_placeholders(v: &Value) -> Value {
    match v {
        Value::String(s) if is_placeholder_text(s) => Value::Null,
        Value::Array(items) => Value::Array(items.iter().map(null_placeholders).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), null_placeholders(v)))
                .collect(),
        ),
        _ => v.clone(),
    }
}

// ------------------------------------------------------------------------------------------
// Writers.

fn push_u_escape(c: char, rng: &mut Rng, out: &mut String) {
    let mut buf = [0u16; 2];
    for unit in c.encode_utf16(&mut buf) {
        if rng.chance(50) {
            let _ = write!(out, "\\u{unit:04x}");
        } else {
            let _ = write!(out, "\\u{unit:04X}");
        }
    }
}

/// Strict JSON with random whitespace, `\uXXXX` escapes (surrogate pairs for astral chars),
/// `\/`, and exponent forms of floats.
fn write_strict(v: &Value, rng: &mut Rng, out: &mut String) {
    fn ws(rng: &mut Rng, out: &mut String) {
        if rng.chance(30) {
            out.push_str(rng.pick(&[" ", "\t", "\n", "\r\n", "  ", "\n\t\t", "\r"]));
        }
    }
    fn string(s: &str, rng: &mut Rng, out: &mut String) {
        out.push('"');
        for c in s.chars() {
            let short = match c {
                '"' => Some("\\\""),
                '\\' => Some("\\\\"),
                '/' => Some("\\/"),
                '\u{8}' => Some("\\b"),
                '\u{c}' => Some("\\f"),
                '\n' => Some("\\n"),
                '\r' => Some("\\r"),
                '\t' => Some("\\t"),
                _ => None,
            };
            let must = c < ' ' || c == '"' || c == '\\';
            match short {
                Some(e) if (must || rng.chance(30)) && rng.chance(70) => out.push_str(e),
                _ if must || rng.chance(15) => push_u_escape(c, rng, out),
                _ => out.push(c),
            }
        }
        out.push('"');
    }
    ws(rng, out);
    match v {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or_default();
            match rng.below(3) {
                0 => out.push_str(&n.to_string()),
                1 => {
                    let _ = write!(out, "{f:e}");
                }
                _ => {
                    let _ = write!(out, "{f:E}");
                }
            }
        }
        Value::String(s) => string(s, rng, out),
        Value::Array(items) => {
            out.push('[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_strict(it, rng, out);
            }
            ws(rng, out);
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, it)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                ws(rng, out);
                string(k, rng, out);
                ws(rng, out);
                out.push(':');
                write_strict(it, rng, out);
            }
            ws(rng, out);
            out.push('}');
        }
        _ => out.push_str(&v.to_string()),
    }
    ws(rng, out);
}

/// A JSON5 writer that records each JSON5-only feature it uses as the finding expected for it.
struct Json5Writer<'r> {
    rng: &'r mut Rng,
    out: String,
    feats: Vec<Finding>,
}

/// JSON5 whitespace: the JSON set, VT, FF, NBSP, BOM, the line separators and the Zs spaces.
const JSON5_WS: &[&str] = &[
    " ", "\t", "\n", "\r\n", "\r", "\u{b}", "\u{c}", "\u{a0}", "\u{feff}", "\u{2028}", "\u{2029}",
    "\u{1680}", "\u{2000}", "\u{2005}", "\u{200a}", "\u{202f}", "\u{205f}", "\u{3000}",
];
const LINE_ENDS: &[&str] = &["\n", "\r\n", "\r", "\u{2028}", "\u{2029}"];
const COMMENT_BITS: &[&str] = &[
    "",
    " note",
    "*",
    "/",
    " a/b ",
    "x*y",
    "ü",
    "{",
    "\"'",
    "\u{1f600}",
    "//",
    "/*",
];

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '_' | '$' | 'é' | 'ß' | 'π' | '中' | 'Ж')
}

fn is_ident(k: &str) -> bool {
    let mut cs = k.chars();
    cs.next().is_some_and(is_ident_start) && cs.all(|c| is_ident_start(c) || c.is_ascii_digit())
}

impl Json5Writer<'_> {
    fn mark(&mut self, kind: SyntaxKind, start: usize) {
        self.feats.push((kind, start, self.out.len()));
    }

    fn ws(&mut self) {
        if self.rng.chance(65) {
            return;
        }
        for _ in 0..1 + self.rng.below(2) {
            match self.rng.below(10) {
                0..=6 => {
                    let w = self.rng.pick(JSON5_WS);
                    self.out.push_str(w);
                }
                7 | 8 => {
                    let start = self.out.len();
                    self.out.push_str("//");
                    for _ in 0..self.rng.below(3) {
                        let b = self.rng.pick(COMMENT_BITS);
                        self.out.push_str(b);
                    }
                    self.mark(SyntaxKind::Comment, start);
                    let end = self.rng.pick(LINE_ENDS);
                    self.out.push_str(end);
                }
                _ => {
                    let start = self.out.len();
                    let mut text = String::new();
                    for _ in 0..self.rng.below(4) {
                        text.push_str(self.rng.pick(COMMENT_BITS));
                        if self.rng.chance(20) {
                            text.push('\n');
                        }
                    }
                    self.out.push_str("/*");
                    self.out.push_str(&text.replace("*/", "* /"));
                    self.out.push_str("*/");
                    self.mark(SyntaxKind::Comment, start);
                }
            }
        }
    }

    fn hex(&mut self, u: u64) -> String {
        let x = if self.rng.chance(50) { "0x" } else { "0X" };
        if self.rng.chance(50) {
            format!("{x}{u:x}")
        } else {
            format!("{x}{u:X}")
        }
    }

    fn number(&mut self, n: &serde_json::Number) {
        let plain = n.to_string();
        let text = if let Some(i) = n.as_i64() {
            match self.rng.below(5) {
                0 if i < 0 => format!("-{}", self.hex(i.unsigned_abs())),
                0 => {
                    let plus = if self.rng.chance(30) { "+" } else { "" };
                    format!("{plus}{}", self.hex(i as u64))
                }
                1 if i >= 0 => format!("+{i}"),
                _ => plain.clone(),
            }
        } else if let Some(u) = n.as_u64() {
            match self.rng.below(4) {
                0 => self.hex(u),
                1 => format!("+{u}"),
                _ => plain.clone(),
            }
        } else {
            let negative = n.as_f64().is_some_and(f64::is_sign_negative);
            let mut t = match self.rng.below(3) {
                0 if plain.starts_with("0.") => plain[1..].to_string(),
                0 if plain.starts_with("-0.") => format!("-{}", &plain[2..]),
                1 if plain.ends_with(".0") => plain[..plain.len() - 1].to_string(),
                _ => plain.clone(),
            };
            if !negative && self.rng.chance(30) {
                t.insert(0, '+');
            }
            t
        };
        let start = self.out.len();
        self.out.push_str(&text);
        if text != plain {
            self.mark(SyntaxKind::Json5Number, start);
        }
    }

    fn string(&mut self, s: &str, is_key: bool) {
        let q = if self.rng.chance(35) { '\'' } else { '"' };
        let start = self.out.len();
        self.out.push(q);
        let chars: Vec<char> = s.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if self.rng.chance(4) {
                // A line continuation: adds nothing to the value.
                let es = self.out.len();
                self.out.push('\\');
                let end = self.rng.pick(LINE_ENDS);
                self.out.push_str(end);
                self.mark(SyntaxKind::Json5Escape, es);
            }
            let es = self.out.len();
            let next_is_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
            match c {
                '\'' if q == '\'' => {
                    self.out.push_str("\\'");
                    self.mark(SyntaxKind::Json5Escape, es);
                }
                '"' if q == '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\u{b}' if self.rng.chance(50) => {
                    self.out.push_str("\\v");
                    self.mark(SyntaxKind::Json5Escape, es);
                }
                '\0' if !next_is_digit && self.rng.chance(50) => {
                    self.out.push_str("\\0");
                    self.mark(SyntaxKind::Json5Escape, es);
                }
                c if (c as u32) < 0x100 && self.rng.chance(10) => {
                    let _ = write!(self.out, "\\x{:02x}", c as u32);
                    self.mark(SyntaxKind::Json5Escape, es);
                }
                c if c < ' ' && self.rng.chance(50) => {
                    self.out.push(c);
                    self.mark(SyntaxKind::ControlCharacter, es);
                }
                c if c < ' ' || self.rng.chance(8) => push_u_escape(c, self.rng, &mut self.out),
                c if !"bfnrtvux0123456789'\"\\/\u{2028}\u{2029}".contains(c)
                    && self.rng.chance(6) =>
                {
                    self.out.push('\\');
                    self.out.push(c);
                    self.mark(SyntaxKind::Json5Escape, es);
                }
                c => self.out.push(c),
            }
        }
        self.out.push(q);
        if q == '\'' {
            self.mark(SyntaxKind::SingleQuotedString, start);
        }
        if !is_key {
            if is_placeholder_text(s) {
                self.mark(SyntaxKind::Placeholder, start);
            } else if is_template_text(s) {
                self.mark(SyntaxKind::TemplateValue, start);
            }
        }
    }

    fn key(&mut self, k: &str) {
        if is_ident(k) && self.rng.chance(60) {
            let start = self.out.len();
            self.out.push_str(k);
            self.mark(SyntaxKind::UnquotedKey, start);
        } else {
            self.string(k, true);
        }
    }

    fn trailing_comma(&mut self, any: bool) {
        if any && self.rng.chance(30) {
            let start = self.out.len();
            self.out.push(',');
            self.mark(SyntaxKind::TrailingComma, start);
            self.ws();
        }
    }

    fn value(&mut self, v: &Value) {
        match v {
            Value::Null if self.rng.chance(30) => {
                let start = self.out.len();
                let t =
                    self.rng
                        .pick(&["NaN", "Infinity", "-Infinity", "+Infinity", "-NaN", "+NaN"]);
                self.out.push_str(t);
                self.mark(SyntaxKind::NonFiniteNumber, start);
            }
            Value::Number(n) => self.number(n),
            Value::String(s) => self.string(s, false),
            Value::Array(items) => {
                self.out.push('[');
                self.ws();
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                        self.ws();
                    }
                    self.value(it);
                    self.ws();
                }
                self.trailing_comma(!items.is_empty());
                self.out.push(']');
            }
            Value::Object(m) => {
                self.out.push('{');
                self.ws();
                for (i, (k, it)) in m.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                        self.ws();
                    }
                    self.key(k);
                    self.ws();
                    self.out.push(':');
                    self.ws();
                    self.value(it);
                    self.ws();
                }
                self.trailing_comma(!m.is_empty());
                self.out.push('}');
            }
            _ => self.out.push_str(&v.to_string()),
        }
    }
}

fn write_json5(v: &Value, seed: u64) -> (String, Vec<Finding>) {
    let mut rng = Rng(seed);
    let mut w = Json5Writer {
        rng: &mut rng,
        out: String::new(),
        feats: Vec::new(),
    };
    w.ws();
    w.value(v);
    w.ws();
    let mut feats = w.feats;
    sort_findings(&mut feats);
    (w.out, feats)
}

fn sort_findings(f: &mut [Finding]) {
    f.sort_by_key(|&(k, s, e)| (s, e, k));
}

fn findings(p: &Parsed) -> Vec<Finding> {
    let mut f: Vec<Finding> = p
        .issues
        .iter()
        .map(|i| (i.kind, i.span.start as usize, i.span.end as usize))
        .collect();
    sort_findings(&mut f);
    f
}

// ------------------------------------------------------------------------------------------
// Tree helpers.

fn walk<'a>(n: &'a Node, f: &mut dyn FnMut(&'a Node)) {
    f(n);
    match &n.kind {
        NodeKind::Array(items) => items.iter().for_each(|i| walk(i, f)),
        NodeKind::Object(ms) => ms.iter().for_each(|m| walk(&m.value, f)),
        _ => {}
    }
}

/// `lower`, but a placeholder read from a quoted string keeps its text (`"<name>"`).
fn lower_raw(n: &Node) -> Value {
    match &n.kind {
        NodeKind::Placeholder(name) => Value::String(format!("<{name}>")),
        NodeKind::Array(items) => Value::Array(items.iter().map(lower_raw).collect()),
        NodeKind::Object(ms) => Value::Object(
            ms.iter()
                .map(|m| (m.key.clone(), lower_raw(&m.value)))
                .collect(),
        ),
        _ => lower(n),
    }
}

fn text(src: &[u8], span: valint::source::Span) -> &[u8] {
    &src[span.start as usize..span.end as usize]
}

/// Every node span and key span lies in `lo..=hi`; children lie inside their parent, in order.
fn check_tree(n: &Node, lo: usize, hi: usize) -> Result<(), TestCaseError> {
    let (s, e) = (n.span.start as usize, n.span.end as usize);
    prop_assert!(
        lo <= s && s <= e && e <= hi,
        "node span {}..{} outside {}..{}",
        s,
        e,
        lo,
        hi
    );
    match &n.kind {
        NodeKind::Array(items) => {
            let mut at = s;
            for it in items {
                check_tree(it, at, e)?;
                at = it.span.end as usize;
            }
        }
        NodeKind::Object(ms) => {
            let mut at = s;
            for m in ms {
                let (ks, ke) = (m.key_span.start as usize, m.key_span.end as usize);
                prop_assert!(
                    at <= ks && ks <= ke && ke <= e,
                    "key span {}..{} outside {}..{}",
                    ks,
                    ke,
                    at,
                    e
                );
                check_tree(&m.value, ke, e)?;
                at = m.value.span.end as usize;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The invariants every parse result keeps, whatever the input.
fn check_parsed(p: &Parsed, src: &[u8], start: usize) -> Result<(), TestCaseError> {
    let len = src.len();
    let lo = start.min(len);
    prop_assert!(
        p.end >= lo && p.end <= len,
        "end {} outside {}..{}",
        p.end,
        lo,
        len
    );
    for i in &p.issues {
        for s in std::iter::once(i.span).chain(i.related) {
            prop_assert!(
                lo <= s.start as usize && s.start <= s.end && s.end as usize <= len,
                "issue {:?} span {:?} outside {}..{}",
                i.kind,
                s,
                lo,
                len
            );
        }
    }
    prop_assert!(
        p.issues
            .windows(2)
            .all(|w| (w[0].span.start, w[0].span.end) <= (w[1].span.start, w[1].span.end)),
        "issues not in source order"
    );
    prop_assert!(p.root.span.end as usize <= p.end, "root ends after `end`");
    check_tree(&p.root, lo, len)?;
    Ok(())
}

/// Every pointer of `v`, with the value it names.
fn pointers<'a>(v: &'a Value, prefix: String, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Array(items) => {
            for (i, it) in items.iter().enumerate() {
                pointers(it, format!("{prefix}/{i}"), out);
            }
        }
        Value::Object(m) => {
            for (k, it) in m {
                let tok = k.replace('~', "~0").replace('/', "~1");
                pointers(it, format!("{prefix}/{tok}"), out);
            }
        }
        _ => {}
    }
    out.push((prefix, v));
}

/// Property 5 on one document: every pointer of the lowered value resolves to its value, and
/// the key span of the last step reads back to the key.
fn check_resolve(root: &Node, src: &[u8], json5_keys: bool) -> Result<(), TestCaseError> {
    let lowered = lower(root);
    let mut all = Vec::new();
    pointers(&lowered, String::new(), &mut all);
    for (ptr, expected) in all {
        let (node, key_span, found) = root.resolve(&ptr);
        prop_assert!(found, "pointer {:?} not found", ptr);
        prop_assert_eq!(&lower(node), expected, "pointer {:?}", ptr);
        let parent = ptr.rsplit_once('/').map(|(p, _)| p);
        let parent_is_object = parent
            .and_then(|p| lowered.pointer(p))
            .is_some_and(Value::is_object);
        prop_assert_eq!(key_span.is_some(), parent_is_object, "pointer {:?}", ptr);
        if let (Some(ks), Some((_, tok))) = (key_span, ptr.rsplit_once('/')) {
            let key = tok.replace("~1", "/").replace("~0", "~");
            let raw = text(src, ks);
            let read = if json5_keys && !matches!(raw.first(), Some(b'"' | b'\'')) {
                String::from_utf8(raw.to_vec()).ok()
            } else if json5_keys {
                json5::from_str::<String>(std::str::from_utf8(raw).unwrap_or("")).ok()
            } else {
                serde_json::from_slice::<String>(raw).ok()
            };
            prop_assert_eq!(read.as_deref(), Some(key.as_str()), "key span of {:?}", ptr);
        }
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Property 1 + 4 + 5 on strict JSON.

fn check_strict(src: &[u8], v: &Value) -> Result<(), TestCaseError> {
    let expected: Value = serde_json::from_slice(src)
        .map_err(|e| TestCaseError::fail(format!("generator wrote bad JSON: {e}")))?;
    prop_assert_eq!(
        &expected,
        v,
        "serde_json does not round-trip the generated value"
    );
    let p = parse(src);
    prop_assert_eq!(lower(&p.root), null_placeholders(&expected));
    prop_assert_eq!(p.end, src.len());
    check_parsed(&p, src, 0)?;

    // Findings: none, except the documented ones on placeholder/template string values.
    let mut want = Vec::new();
    walk(&p.root, &mut |n| match &n.kind {
        NodeKind::Placeholder(_) => want.push((
            SyntaxKind::Placeholder,
            n.span.start as usize,
            n.span.end as usize,
        )),
        NodeKind::String(s) if is_template_text(s) => want.push((
            SyntaxKind::TemplateValue,
            n.span.start as usize,
            n.span.end as usize,
        )),
        _ => {}
    });
    sort_findings(&mut want);
    prop_assert_eq!(findings(&p), want);

    // Property 4: spans point at the text (every node, and every key).
    let mut bad = None;
    walk(&p.root, &mut |n| {
        let t = text(src, n.span);
        let want = lower_raw(n);
        if serde_json::from_slice::<Value>(t).ok().as_ref() != Some(&want) && bad.is_none() {
            bad = Some(format!(
                "span {:?} = {:?} for {want}",
                n.span,
                String::from_utf8_lossy(t)
            ));
        }
        if let NodeKind::Object(ms) = &n.kind {
            for m in ms {
                let k = serde_json::from_slice::<String>(text(src, m.key_span)).ok();
                if k.as_deref() != Some(m.key.as_str()) && bad.is_none() {
                    bad = Some(format!("key span {:?} for {:?}", m.key_span, m.key));
                }
            }
        }
    });
    prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());

    check_resolve(&p.root, src, false)
}

/// `cases` per property, unless `PROPTEST_CASES` asks for a longer (soak) run.
fn config(cases: u32) -> ProptestConfig {
    let soak = std::env::var("PROPTEST_CASES").is_ok();
    ProptestConfig {
        cases: if soak {
            ProptestConfig::default().cases
        } else {
            cases
        },
        max_shrink_iters: 20_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(2000))]

    /// Properties 1, 4 and 5: serde_json compact and pretty, and the escaping writer.
    #[test]
    fn strict_json_matches_serde_json(v in value_tree(), seed in any::<u64>()) {
        let compact = serde_json::to_vec(&v).unwrap();
        check_strict(&compact, &v)?;
        let pretty = serde_json::to_vec_pretty(&v).unwrap();
        check_strict(&pretty, &v)?;
        let mut custom = String::new();
        write_strict(&v, &mut Rng(seed), &mut custom);
        check_strict(custom.as_bytes(), &v)?;
    }
}

// ------------------------------------------------------------------------------------------
// The fast path (`valint::syntax::strict`): whenever it reads a body, it reads it as the
// spanned parser does (same value, no findings, same places for `eventType`,
// `playerTime.playhead` and `playerTime.ts`); and it does read every strict body the
// spanned parser has nothing to say about, but for the documented exceptions.

fn has_huge_number(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.as_f64().is_some_and(|f| f.abs() >= 9.2e18),
        Value::Array(items) => items.iter().any(has_huge_number),
        Value::Object(m) => m.values().any(has_huge_number),
        _ => false,
    }
}

fn check_fast(src: &[u8], must_read: bool) -> Result<(), TestCaseError> {
    let p = parse(src);
    let Some(fast) = valint::syntax::strict::parse_body(src) else {
        prop_assert!(
            !must_read,
            "the fast path gave up on {}",
            String::from_utf8_lossy(src)
        );
        return Ok(());
    };
    prop_assert_eq!(findings(&p), vec![], "fast path read a body with findings");
    prop_assert_eq!(&fast.whole_value(), &lower(&p.root));
    prop_assert_eq!(fast.span, p.root.span);
    for (ptr, got) in [
        ("/eventType", fast.event_type),
        ("/playerTime/playhead", fast.playhead),
        ("/playerTime/ts", fast.ts),
    ] {
        let (n, _, found) = p.root.resolve(ptr);
        prop_assert_eq!(got, found.then_some(n.span), "{}", ptr);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn fast_path_reads_bodies_like_the_spanned_parser(
        v in value_tree(),
        playhead in any::<f64>().prop_filter("finite", |f| f.is_finite()),
        ts in any::<i64>(),
        seed in any::<u64>(),
        // A generated value (any type: strings with escapes, objects, literals) in one of
        // the places whose spans the fast path takes.
        odd in value_tree(),
        place in 0u8..4,
    ) {
        let mut body = Map::new();
        let mut pt = serde_json::json!({"playhead": playhead, "ts": ts});
        let mut event_type = Value::String("play".into());
        match place {
            1 => event_type = odd,
            2 => pt["ts"] = odd,
            3 => pt["playhead"] = odd,
            _ => {}
        }
        body.insert("playerTime".into(), pt);
        body.insert("eventType".into(), event_type);
        body.insert("params".into(), v.clone());
        let body = Value::Object(body);
        let clean = |src: &[u8]| parse(src).issues.is_empty() && !has_huge_number(&body);
        let compact = serde_json::to_vec(&body).unwrap();
        check_fast(&compact, clean(&compact))?;
        let pretty = serde_json::to_vec_pretty(&body).unwrap();
        check_fast(&pretty, clean(&pretty))?;
        let mut custom = String::new();
        write_strict(&body, &mut Rng(seed), &mut custom);
        // The escaping writer may escape a top-level key, where the fast path gives up.
        check_fast(custom.as_bytes(), false)?;
        // A generated value as a body of its own.
        let alone = serde_json::to_vec(&v).unwrap();
        check_fast(&alone, false)?;
    }

    #[test]
    fn fast_path_never_reads_a_broken_body(src in mutated_document()) {
        check_fast(&src, false)?;
    }
}

// ------------------------------------------------------------------------------------------
// Property 2 (+4, +5) on JSON5.

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn json5_matches_json5_crate(v in value_tree(), seed in any::<u64>()) {
        let (src, feats) = write_json5(&v, seed);
        let oracle: Value = json5::from_str(&src)
            .map_err(|e| TestCaseError::fail(format!("json5 rejects {src:?}: {e}")))?;
        let p = parse(src.as_bytes());
        let lowered = lower(&p.root);
        prop_assert_eq!(&lowered, &null_placeholders(&oracle), "src {:?}", src);
        prop_assert_eq!(&lowered, &null_placeholders(&v), "generator sanity, src {:?}", src);
        prop_assert_eq!(findings(&p), feats, "src {:?}", src);
        prop_assert_eq!(p.end, src.len());
        check_parsed(&p, src.as_bytes(), 0)?;

        // Spans point at the text: each value's text reads back (with json5) to its value.
        let mut bad = None;
        walk(&p.root, &mut |n| {
            let t = std::str::from_utf8(text(src.as_bytes(), n.span)).unwrap_or("\u{0}");
            let want = lower_raw(n);
            if json5::from_str::<Value>(t).ok().as_ref() != Some(&want) && bad.is_none() {
                bad = Some(format!("span {:?} = {t:?} for {want}", n.span));
            }
        });
        prop_assert!(bad.is_none(), "{}", bad.unwrap_or_default());
        check_resolve(&p.root, src.as_bytes(), true)?;
    }
}

// ------------------------------------------------------------------------------------------
// Property 3: never panics, always terminates, spans in bounds.

const JUNK: &[&[u8]] = &[
    b"8\xc3\x9f",
    b"<timestamp>",
    b"sessionStart",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b":",
    b"\"",
    b"'",
    b"\\ud83d",
    b"\\udc00",
    b"\\ud83d\\u",
    b"\\u",
    b"\\",
    b"/*",
    b"//",
    b"\xff",
    b"\xc3",
    b"\xe2\x80",
    b"\xf0\x9f\x98",
    b"NaN",
    b"-",
    b"0x",
    b"\n",
    b"\r",
    b"\0",
    b"\xc2\xa0",
    b"\\x",
    b"<",
    b">",
    b"+.",
    b"1e",
    b"\\\n",
    b"[[[[[[[[",
    b"}}}}",
    b"\xe3\x80\x80",
    b"\\\xc3",
    b"\\\xe2\x80\xa8",
    b"\"<a>\"",
    b"truex",
    b"-Infinity",
    b"0x1g",
    b"1.2.3",
];

fn interesting_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        3 => any::<u8>().prop_map(|b| vec![b]),
        2 => prop::sample::select(b"{}[],:\"' \n\\/*<>-+.0123456789eExuabn".to_vec())
            .prop_map(|b| vec![b]),
        2 => prop::sample::select(JUNK.to_vec()).prop_map(<[u8]>::to_vec),
    ];
    prop::collection::vec(piece, 0..48).prop_map(|v| v.concat())
}

/// A valid document (strict or JSON5) with a few mutations: truncation, byte flips, inserted
/// junk, deleted ranges.
fn mutated_document() -> impl Strategy<Value = Vec<u8>> {
    (
        value_tree(),
        any::<u64>(),
        any::<bool>(),
        prop::collection::vec((0u8..4, any::<u16>(), any::<u8>()), 1..5),
    )
        .prop_map(|(v, seed, json5, muts)| {
            let mut src = if json5 {
                write_json5(&v, seed).0.into_bytes()
            } else {
                let mut s = String::new();
                write_strict(&v, &mut Rng(seed), &mut s);
                s.into_bytes()
            };
            for (op, at, b) in muts {
                let at = usize::from(at) % (src.len() + 1);
                match op {
                    0 => src.truncate(at),
                    1 if at < src.len() => src[at] ^= b.max(1),
                    2 => {
                        let j = JUNK[usize::from(b) % JUNK.len()];
                        src.splice(at..at, j.iter().copied());
                    }
                    _ => {
                        let end = (at + 1 + usize::from(b % 8)).min(src.len());
                        src.drain(at..end.max(at));
                    }
                }
            }
            src
        })
}

fn check_any(src: &[u8], starts: &[u16]) -> Result<(), TestCaseError> {
    let p = parse(src);
    check_parsed(&p, src, 0)?;
    prop_assert_eq!(p.end, src.len());
    let _ = lower(&p.root);
    let shallow = parse_with(src, ParseOptions { max_depth: 2 });
    check_parsed(&shallow, src, 0)?;
    for &s in starts {
        let start = usize::from(s) % (src.len() + 2);
        let q = parse_value_at(src, start, ParseOptions::default());
        check_parsed(&q, src, start)?;
        if start < src.len() {
            prop_assert!(q.end > start, "no progress at {}", start);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn arbitrary_bytes_keep_invariants(
        src in interesting_bytes(),
        starts in prop::collection::vec(any::<u16>(), 1..4),
    ) {
        check_any(&src, &starts)?;
    }

    #[test]
    fn mutated_documents_keep_invariants(
        src in mutated_document(),
        starts in prop::collection::vec(any::<u16>(), 1..4),
    ) {
        check_any(&src, &starts)?;
    }
}

// ------------------------------------------------------------------------------------------
// Numbers against both oracles, pointers against serde_json, and the stream mode.

fn number_token() -> impl Strategy<Value = String> {
    prop_oneof![
        "[+-]?0[xX][0-9a-fA-F]{1,34}",
        "[+-]?[0-9]{0,24}(\\.[0-9]{0,20})?([eE][+-]?[0-9]{1,3})?",
        "[+-]?(Infinity|NaN)",
        "[+-]?(1|9|18446744073709551|9223372036854775)[0-9]{0,5}",
    ]
}

proptest! {
    #![proptest_config(config(2000))]

    /// A lone number token lowers as serde_json reads it when it is strict JSON, and as the
    /// json5 crate reads it when only JSON5 accepts it (with one finding).
    #[test]
    fn number_tokens_match_oracles(tok in number_token()) {
        let p = parse(tok.as_bytes());
        let got = lower(&p.root);
        if let Ok(strict) = serde_json::from_str::<Value>(&tok) {
            prop_assert_eq!(&got, &strict);
            prop_assert!(p.issues.iter().all(|i| i.kind == SyntaxKind::IntegerOverflow));
        } else if let Ok(j5) = json5::from_str::<Value>(&tok) {
            prop_assert_eq!(&got, &j5);
            prop_assert_eq!(p.issues.len(), 1);
            prop_assert!(matches!(
                p.issues[0].kind,
                SyntaxKind::Json5Number | SyntaxKind::NonFiniteNumber
            ));
        }
    }
}

fn pointer_token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "0", "1", "2", "01", "+1", "-1", "-0", "00", " 1", "1 ", "~0", "~1", "~", "a", "",
        ])
        .prop_map(String::from),
        key(),
    ]
}

proptest! {
    #![proptest_config(config(1024))]

    /// `resolve` finds exactly what `Value::pointer` finds, and otherwise stops at the deepest
    /// ancestor that exists.
    #[test]
    fn resolve_agrees_with_value_pointer(
        v in value_tree(),
        toks in prop::collection::vec(pointer_token(), 0..5),
        pick in prop::collection::vec(any::<prop::sample::Index>(), 0..5),
    ) {
        let src = serde_json::to_vec(&v).unwrap();
        let p = parse(&src);
        let lowered = lower(&p.root);
        // Build a pointer that walks into the value where it can, then goes off the map.
        let mut ptr = String::new();
        let mut cur = Some(&lowered);
        for (i, tok) in toks.iter().enumerate() {
            let step = match (cur, pick.get(i)) {
                (Some(Value::Object(m)), Some(ix)) if !m.is_empty() => {
                    let (k, _) = m.iter().nth(ix.index(m.len())).unwrap();
                    k.replace('~', "~0").replace('/', "~1")
                }
                (Some(Value::Array(a)), Some(ix)) if !a.is_empty() => ix.index(a.len()).to_string(),
                _ => tok.clone(),
            };
            ptr.push('/');
            ptr.push_str(&step);
            cur = cur.and_then(|c| c.pointer(&format!("/{step}")));
        }
        let (node, _, found) = p.root.resolve(&ptr);
        prop_assert_eq!(found, lowered.pointer(&ptr).is_some(), "pointer {:?}", ptr);
        // The deepest ancestor that exists.
        let mut deepest = &lowered;
        let mut prefix = String::new();
        for step in ptr.split('/').skip(1) {
            prefix.push('/');
            prefix.push_str(step);
            match lowered.pointer(&prefix) {
                Some(x) => deepest = x,
                None => break,
            }
        }
        prop_assert_eq!(&lower(node), deepest, "pointer {:?}", ptr);
    }

    /// Stream mode reads concatenated values back one at a time.
    #[test]
    fn stream_mode_reads_concatenated_values(
        vs in prop::collection::vec(value_tree(), 1..5),
        seed in any::<u64>(),
    ) {
        let mut rng = Rng(seed);
        let mut src = String::new();
        for v in &vs {
            write_strict(v, &mut rng, &mut src);
            src.push_str(rng.pick(&["\n", " ", "\r\n", "\n\n", "\t"]));
        }
        let src = src.as_bytes();
        let mut at = 0;
        for v in &vs {
            let p = parse_value_at(src, at, ParseOptions::default());
            prop_assert_eq!(lower(&p.root), null_placeholders(v));
            prop_assert!(p.issues.iter().all(|i| matches!(
                i.kind,
                SyntaxKind::Placeholder | SyntaxKind::TemplateValue
            )));
            prop_assert!(p.end > at);
            at = p.end;
        }
        prop_assert!(src[at..].iter().all(u8::is_ascii_whitespace));
    }
}

// ------------------------------------------------------------------------------------------
// Property 6: one fault in a strict document gives one finding, at the fault, and the rest of
// the document reads the same (the recovery is local).

#[derive(Debug, Clone)]
enum Fault {
    /// `"k": v,` -> `"k": ,`: the member lowers to null.
    DropValue(String, usize, usize),
    /// A `,` between siblings becomes a space (`prev_end`, comma offset).
    CommaToSpace(usize, usize),
    /// The `:` of a member becomes a space (`key_end`, colon offset).
    ColonToSpace(usize, usize),
    /// A plain-word string value loses its quotes.
    Unquote(usize, usize),
    /// A number becomes `8ß`: the value lowers to null.
    BadNumber(String, usize, usize),
    /// The document's last closing bracket is dropped.
    DropClose(usize),
}

fn first_byte(src: &[u8], from: usize, to: usize, b: u8) -> Option<usize> {
    src[from..to].iter().position(|&c| c == b).map(|i| from + i)
}

fn fault_sites(n: &Node, src: &[u8], ptr: &str, out: &mut Vec<Fault>) {
    let (s, e) = (n.span.start as usize, n.span.end as usize);
    match &n.kind {
        NodeKind::Number(_) => out.push(Fault::BadNumber(ptr.to_string(), s, e)),
        NodeKind::String(w)
            if text(src, n.span) == format!("\"{w}\"").as_bytes()
                && is_ident(w)
                && w.is_ascii()
                && !["true", "false", "null", "NaN", "Infinity"].contains(&w.as_str()) =>
        {
            out.push(Fault::Unquote(s, e))
        }
        NodeKind::Array(items) => {
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    let prev = items[i - 1].span.end as usize;
                    if let Some(c) = first_byte(src, prev, it.span.start as usize, b',') {
                        out.push(Fault::CommaToSpace(prev, c));
                    }
                }
                fault_sites(it, src, &format!("{ptr}/{i}"), out);
            }
        }
        NodeKind::Object(ms) => {
            for (i, m) in ms.iter().enumerate() {
                let p = format!("{ptr}/{}", m.key.replace('~', "~0").replace('/', "~1"));
                if i > 0 {
                    let prev = ms[i - 1].value.span.end as usize;
                    if let Some(c) = first_byte(src, prev, m.key_span.start as usize, b',') {
                        out.push(Fault::CommaToSpace(prev, c));
                    }
                }
                let (ke, vs) = (m.key_span.end as usize, m.value.span.start as usize);
                if let Some(c) = first_byte(src, ke, vs, b':') {
                    out.push(Fault::ColonToSpace(ke, c));
                }
                out.push(Fault::DropValue(p.clone(), vs, m.value.span.end as usize));
                fault_sites(&m.value, src, &p, out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(config(1536))]

    #[test]
    fn single_faults_are_reported_once_where_they_are(
        v in value_tree(),
        seed in any::<u64>(),
        which in any::<prop::sample::Index>(),
    ) {
        let mut doc = String::new();
        write_strict(&v, &mut Rng(seed), &mut doc);
        let mut src = doc.into_bytes();
        let p = parse(&src);
        let mut want = lower(&p.root);
        let mut sites = Vec::new();
        fault_sites(&p.root, &src, "", &mut sites);
        if matches!(p.root.kind, NodeKind::Array(_) | NodeKind::Object(_)) {
            sites.push(Fault::DropClose(p.root.span.end as usize - 1));
        }
        prop_assume!(!sites.is_empty());
        let fault = sites[which.index(sites.len())].clone();
        let finding = match &fault {
            Fault::DropValue(ptr, s, e) => {
                src.drain(s..e);
                *want.pointer_mut(ptr).unwrap() = Value::Null;
                let at = s + src[*s..].iter().take_while(|b| b.is_ascii_whitespace()).count();
                (SyntaxKind::UnexpectedToken, at, at + 1)
            }
            Fault::CommaToSpace(prev, c) => {
                src[*c] = b' ';
                (SyntaxKind::MissingComma, *prev, *prev)
            }
            Fault::ColonToSpace(ke, c) => {
                src[*c] = b' ';
                (SyntaxKind::MissingColon, *ke, *ke)
            }
            Fault::Unquote(s, e) => {
                src.remove(e - 1);
                src.remove(*s);
                (SyntaxKind::BareWord, *s, e - 2)
            }
            Fault::BadNumber(ptr, s, e) => {
                src.splice(s..e, "8ß".bytes());
                *want.pointer_mut(ptr).unwrap() = Value::Null;
                (SyntaxKind::MalformedNumber, *s, s + 3)
            }
            Fault::DropClose(at) => {
                src.remove(*at);
                (SyntaxKind::UnexpectedEnd, src.len(), src.len())
            }
        };
        let q = parse(&src);
        let doc = String::from_utf8_lossy(&src);
        prop_assert_eq!(lower(&q.root), want, "{:?} in {:?}", fault, doc);
        let got: Vec<Finding> = findings(&q)
            .into_iter()
            .filter(|f| !matches!(f.0, SyntaxKind::Placeholder | SyntaxKind::TemplateValue))
            .collect();
        prop_assert_eq!(got, vec![finding], "{:?} in {:?}", fault, doc);
    }
}
