//! The spanned tree the lenient parser builds: every value and every key keeps its byte span.

use crate::source::Span;

/// One parsed value with the byte span of its source text (relative to the parsed text).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value's text is.
    pub span: Span,
    /// What the value is.
    pub kind: NodeKind,
}

/// The kinds of value the lenient dialect has.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as lowered (see [`Number`]).
    Number(Number),
    /// A string: quoted (either quote) or a bare word such as `sessionStart`.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object, members in source order (duplicates kept; lowering keeps the last).
    Object(Vec<Member>),
    /// A documentation placeholder such as `<timestamp>` or `"<timestamp>"`; holds the name
    /// between the angle brackets. Lowers to `null`.
    Placeholder(String),
    /// Text that could not be read as a value (`8ß`, `@`); a syntax finding covers it.
    /// Lowers to `null`.
    Invalid,
}

/// A number as the parser understood it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// An integer that fits `i64` (negative ones are always stored here).
    Int(i64),
    /// A non-negative integer above `i64::MAX` that fits `u64`.
    UInt(u64),
    /// Any other finite number, including integers too large for 64 bits (with a finding).
    Float(f64),
    /// `NaN`, `Infinity`, `-Infinity`, or a literal that overflows `f64` (with a finding).
    /// Lowers to `null`, as the json5 crate does.
    NonFinite,
}

/// One `key: value` pair of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The decoded key.
    pub key: String,
    /// Where the key's text is (including quotes when quoted).
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

impl Node {
    /// A `null` with an empty span at 0 (a stand-in for a value taken out of a tree).
    pub fn null() -> Node {
        Node {
            span: Span::default(),
            kind: NodeKind::Null,
        }
    }

    /// The member `key` of an object (the last one, when the key is repeated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// The member `key` of an object (the last one, when the key is repeated).
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.kind {
            NodeKind::Object(members) => members.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }

    /// The string value, for a string node.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The numeric value as `f64`, for a finite number node.
    pub fn as_f64(&self) -> Option<f64> {
        match self.kind {
            NodeKind::Number(Number::Int(i)) => Some(i as f64),
            NodeKind::Number(Number::UInt(u)) => Some(u as f64),
            NodeKind::Number(Number::Float(f)) => Some(f),
            _ => None,
        }
    }

    /// The numeric value as `i64` when it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self.kind {
            NodeKind::Number(Number::Int(i)) => Some(i),
            NodeKind::Number(Number::Float(f))
                if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 =>
            {
                Some(f as i64)
            }
            _ => None,
        }
    }

    /// True for placeholders and unreadable values: a syntax finding already covers them.
    pub fn is_stand_in(&self) -> bool {
        matches!(
            self.kind,
            NodeKind::Placeholder(_) | NodeKind::Invalid | NodeKind::Number(Number::NonFinite)
        )
    }

    /// The node at RFC 6901 JSON pointer `pointer`, and the key span of the last member
    /// stepped through (if the last step was an object member). Returns the deepest node
    /// reached when the pointer leads nowhere.
    pub fn resolve(&self, pointer: &str) -> (&Node, Option<Span>, bool) {
        let mut node = self;
        let mut key_span = None;
        if pointer.is_empty() {
            return (node, None, true);
        }
        for raw in pointer.split('/').skip(1) {
            let token = unescape_pointer(raw);
            let next = match &node.kind {
                NodeKind::Object(members) => members
                    .iter()
                    .rev()
                    .find(|m| m.key == token)
                    .map(|m| (&m.value, Some(m.key_span))),
                NodeKind::Array(items) => parse_index(&token)
                    .and_then(|i| items.get(i))
                    .map(|n| (n, None)),
                _ => None,
            };
            match next {
                Some((n, ks)) => {
                    node = n;
                    key_span = ks;
                }
                None => return (node, key_span, false),
            }
        }
        (node, key_span, true)
    }
}

/// An RFC 6901 array index: `0`, or digits with no leading zero and no sign.
fn parse_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() > 1) {
        return None;
    }
    token.parse().ok()
}

fn unescape_pointer(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains('~') {
        raw.replace("~1", "/").replace("~0", "~").into()
    } else {
        raw.into()
    }
}
