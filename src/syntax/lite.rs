//! The values of a body read by the fast path ([`super::strict`]): JSON values that borrow
//! their keys and strings from the text they were read from (when written without an
//! escape), with objects as lists of members in the order written.
//!
//! A `serde_json::Value` gives every key and string an allocation of its own and every
//! object an ordered tree; a sessionStart's `params` and `customMetadata` made about forty
//! allocations, built only for the acceptor to walk once, the rules to look up a few
//! params, and the whole to be freed. A [`LiteMap`] is one list per object. When a body
//! needs `jsonschema` (the acceptor cannot prove it valid), [`LiteMap::to_value`] gives
//! the `Value` serde_json would have read: the same members, numbers and strings.

use serde_json::{Map, Number, Value};
use std::borrow::Cow;

/// A JSON value, borrowing from the text it was read from (`'a`).
#[derive(Debug, Clone, PartialEq)]
pub enum Lite<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as serde_json reads it.
    Number(Number),
    /// A string, borrowed when written without an escape.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Lite<'a>>),
    /// An object.
    Object(LiteMap<'a>),
}

/// An object's members in the order written; no key twice (the fast path gives up on a
/// repeated key).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LiteMap<'a>(Vec<(Cow<'a, str>, Lite<'a>)>);

/// Members up to which a repeated key is looked for as each one is added; past it, once
/// the object is read, in a sorted copy of the keys (a body with 100,000 keys stays
/// linear-logarithmic).
const SCAN_KEYS: usize = 16;

impl<'a> Lite<'a> {
    /// The member `key` of an object (`None` for anything else).
    pub fn get(&self, key: &str) -> Option<&Lite<'a>> {
        match self {
            Lite::Object(m) => m.get(key),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Lite::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number as `f64` (as `serde_json::Value::as_f64`).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Lite::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// The items of an array.
    pub fn as_array(&self) -> Option<&[Lite<'a>]> {
        match self {
            Lite::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members of an object.
    pub fn as_object(&self) -> Option<&LiteMap<'a>> {
        match self {
            Lite::Object(m) => Some(m),
            _ => None,
        }
    }

    /// Whether it is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Lite::Object(_))
    }

    /// The `serde_json::Value` serde_json reads from the same text (allocates).
    pub fn to_value(&self) -> Value {
        match self {
            Lite::Null => Value::Null,
            Lite::Bool(b) => Value::Bool(*b),
            Lite::Number(n) => Value::Number(n.clone()),
            Lite::String(s) => Value::String(s.to_string()),
            Lite::Array(items) => Value::Array(items.iter().map(Lite::to_value).collect()),
            Lite::Object(m) => m.to_value(),
        }
    }

    /// The same value owning all its text.
    pub fn into_owned(self) -> Lite<'static> {
        match self {
            Lite::Null => Lite::Null,
            Lite::Bool(b) => Lite::Bool(b),
            Lite::Number(n) => Lite::Number(n),
            Lite::String(s) => Lite::String(Cow::Owned(s.into_owned())),
            Lite::Array(items) => Lite::Array(items.into_iter().map(Lite::into_owned).collect()),
            Lite::Object(m) => Lite::Object(m.into_owned()),
        }
    }

    /// The value of a `serde_json::Value` (owning its text).
    pub fn from_value(v: Value) -> Lite<'static> {
        match v {
            Value::Null => Lite::Null,
            Value::Bool(b) => Lite::Bool(b),
            Value::Number(n) => Lite::Number(n),
            Value::String(s) => Lite::String(Cow::Owned(s)),
            Value::Array(items) => Lite::Array(items.into_iter().map(Lite::from_value).collect()),
            Value::Object(m) => Lite::Object(LiteMap(
                m.into_iter()
                    .map(|(k, v)| (Cow::Owned(k), Lite::from_value(v)))
                    .collect(),
            )),
        }
    }
}

impl<'a> LiteMap<'a> {
    /// An empty object with room for `n` members.
    pub fn with_capacity(n: usize) -> LiteMap<'a> {
        LiteMap(Vec::with_capacity(n))
    }

    /// The member `key`.
    pub fn get(&self, key: &str) -> Option<&Lite<'a>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether there is a member `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// The keys, in the order written.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_ref())
    }

    /// The members, in the order written.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Lite<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no member.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds a member read after the others; `false` (and nothing added) when the key is
    /// already there among the first few (see [`LiteMap::has_repeated_key`] for the rest).
    pub fn push(&mut self, key: Cow<'a, str>, value: Lite<'a>) -> bool {
        if self.0.len() < SCAN_KEYS && self.contains_key(&key) {
            return false;
        }
        self.0.push((key, value));
        true
    }

    /// Whether some key is there twice, among members added by [`LiteMap::push`] past the
    /// first few (which `push` checks itself).
    pub fn has_repeated_key(&self) -> bool {
        if self.0.len() <= SCAN_KEYS {
            return false;
        }
        let mut keys: Vec<&str> = self.keys().collect();
        keys.sort_unstable();
        keys.windows(2).any(|w| w[0] == w[1])
    }

    /// Keeps the members for which `f` holds.
    pub fn retain(&mut self, mut f: impl FnMut(&str) -> bool) {
        self.0.retain(|(k, _)| f(k));
    }

    /// The object as a `serde_json::Value` (allocates).
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        for (k, v) in &self.0 {
            m.insert(k.to_string(), v.to_value());
        }
        Value::Object(m)
    }

    /// The same object owning all its text.
    pub fn into_owned(self) -> LiteMap<'static> {
        LiteMap(
            self.0
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_are_found_past_the_first_few() {
        let mut m = LiteMap::default();
        for i in 0..10 {
            assert!(m.push(Cow::Owned(format!("k{i}")), Lite::Null));
        }
        assert!(
            !m.push("k3".into(), Lite::Null),
            "among the first few: refused"
        );
        for i in 10..40 {
            assert!(m.push(Cow::Owned(format!("k{i}")), Lite::Null));
        }
        assert!(!m.has_repeated_key());
        assert!(
            m.push("k30".into(), Lite::Null),
            "past them: found at the end"
        );
        assert_eq!(m.len(), 41);
        assert!(m.has_repeated_key());
    }

    #[test]
    fn converts_to_and_from_values() {
        let v = serde_json::json!({"a": [1, -2, 2.5, "x", null, true, {"b": {}}], "c": "é"});
        let lite = Lite::from_value(v.clone());
        assert_eq!(lite.to_value(), v);
        assert_eq!(lite.get("c").and_then(Lite::as_str), Some("é"));
        assert_eq!(
            lite.get("a").and_then(Lite::as_array).map(<[_]>::len),
            Some(7)
        );
        assert_eq!(lite.clone().into_owned(), lite);
    }
}
