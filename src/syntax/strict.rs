//! The borrowed fast path (DESIGN "Fast path"): a request body that is plain strict JSON
//! is read with serde_json straight into the values schema validation and the rules read
//! ([`super::lite`], borrowed from the text), without building the spanned tree. Only the spans sequencing reads on every
//! event (`eventType`, `playerTime.playhead`, `playerTime.ts`) are taken: their keys are
//! borrowed from the text, and each value is found right after its key and scanned to its
//! end (it is well formed: serde_json has just read it). Anything else is found by parsing
//! the body again with the spanned parser, which happens only when a finding needs a place.
//!
//! [`parse_body`] gives up (`None`) on every body about which the spanned parser would
//! have something to say or would read differently, so a body read either way gives the
//! same findings (`tests/fast_path.rs` checks whole runs both ways, and
//! `tests/parser_props.rs` single bodies, generated and mutated):
//! anything serde_json rejects (JSON5, comments, invalid UTF-8, lone surrogates, raw
//! control characters, numbers out of range, trailing text), repeated keys, placeholders
//! (`"<timestamp>"`) and template values (`"[ _YOUR-TS_ ]"`), integer literals beyond 64
//! bits, nesting deeper than [`MAX_DEPTH`], keys written with escapes at the two
//! levels whose spans are taken, and bodies that are not objects (batches take the
//! spanned path).

use super::lite::{Lite, LiteMap};
use super::parser::{is_placeholder_text, is_template_text};
use crate::source::Span;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::Deserializer;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;

/// Deepest nesting the fast path reads (the spanned parser's default limit is 128).
pub const MAX_DEPTH: u32 = 64;

/// A body read by the fast path, borrowing from its text (`'a`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StrictBody<'a> {
    /// The body's members; for a [`Bare`] body, none (its two members are kept apart):
    /// see [`StrictBody::whole_value`].
    pub value: LiteMap<'a>,
    /// The values of a body that has nothing but a string `eventType` and a `playerTime`
    /// with nothing but `playhead` and `ts` (a ping, a play, most events): kept apart, so
    /// that reading and validating such a body allocates nothing for its value.
    pub bare: Option<Bare>,
    /// Span of the whole body, relative to the text (surrounding whitespace excluded).
    pub span: Span,
    /// Span of the top-level `eventType` value.
    pub event_type: Option<Span>,
    /// Span of `playerTime.playhead`'s value.
    pub playhead: Option<Span>,
    /// Span of `playerTime.ts`'s value.
    pub ts: Option<Span>,
    /// The `eventType` value, when it is a string.
    pub event_type_raw: Option<std::borrow::Cow<'static, str>>,
    /// The `playerTime.playhead` value (seconds), when it is a number.
    pub playhead_s: Option<f64>,
    /// The `playerTime.ts` value (epoch milliseconds) as `Node::as_i64` reads it.
    pub ts_ms: Option<i64>,
    /// Offset of the first byte of the top-level `params` value, found for free from its
    /// borrowed key: a rule looking for a param's place scans from there
    /// ([`crate::syntax::locate_member`]).
    pub params_at: Option<usize>,
}

/// The `playerTime` values of a body with nothing but a string `eventType` (its text is
/// [`StrictBody::event_type_raw`]) and a `playerTime` with nothing but `playhead` and `ts`.
#[derive(Debug, Clone, PartialEq)]
pub struct Bare {
    /// `playerTime.playhead`, as serde_json reads it.
    pub playhead: Value,
    /// `playerTime.ts`, as serde_json reads it.
    pub ts: Value,
}

impl Bare {
    /// The whole body's value (allocates).
    pub fn to_value(&self, event_type: &str) -> Value {
        let mut pt = Map::new();
        pt.insert("playhead".into(), self.playhead.clone());
        pt.insert("ts".into(), self.ts.clone());
        let mut body = Map::new();
        body.insert("eventType".into(), Value::String(event_type.into()));
        body.insert("playerTime".into(), Value::Object(pt));
        Value::Object(body)
    }

    /// Calls `f` with the whole body's value, assembled in a value this thread keeps for
    /// the purpose: once its keys exist, filling it allocates nothing (the playhead and
    /// ts are numbers, the event type's text fits the string's capacity).
    pub fn with_value<R>(&self, event_type: &str, f: impl FnOnce(&Value) -> R) -> R {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Option<Value>> = const { std::cell::RefCell::new(None) };
        }
        SCRATCH.with(|cell| {
            let Ok(mut scratch) = cell.try_borrow_mut() else {
                // (Not reached: `f` validates, it does not read bodies.)
                return f(&self.to_value(event_type));
            };
            let value = scratch.get_or_insert_with(|| self.to_value(event_type));
            if let Value::Object(body) = value {
                if let Some(Value::String(t)) = body.get_mut("eventType") {
                    t.clear();
                    t.push_str(event_type);
                }
                if let Some(Value::Object(pt)) = body.get_mut("playerTime") {
                    for (key, v) in [("playhead", &self.playhead), ("ts", &self.ts)] {
                        if let Some(slot) = pt.get_mut(key) {
                            slot.clone_from(v);
                        }
                    }
                }
            }
            debug_assert_eq!(*value, self.to_value(event_type));
            f(value)
        })
    }
}

impl StrictBody<'_> {
    /// The body's whole value as serde_json reads it: [`StrictBody::value`], with a
    /// [`Bare`] body's members put back (allocates).
    pub fn whole_value(&self) -> Value {
        match (&self.bare, &self.event_type_raw) {
            (Some(bare), Some(t)) => bare.to_value(t),
            _ => self.value.to_value(),
        }
    }

    /// The same body owning all its text (for a body read from text that does not live
    /// as long as the capture).
    pub fn into_owned(self) -> StrictBody<'static> {
        StrictBody {
            value: self.value.into_owned(),
            ..self
        }
    }
}

/// Reads `text` (one request body) when it is a strict JSON object that the spanned parser
/// would read without a finding; `None` otherwise (the caller takes the spanned path).
pub fn parse_body(text: &[u8]) -> Option<StrictBody<'_>> {
    // As text: see `capture::ndjson::fast_line_in` (a body that is not UTF-8 is not read).
    let mut de = serde_json::Deserializer::from_str(simdutf8::basic::from_utf8(text).ok()?);
    let body = BodySeed { text }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    let start = text.iter().position(|b| !b.is_ascii_whitespace())?;
    let end = text.iter().rposition(|b| !b.is_ascii_whitespace())? + 1;
    Some(StrictBody {
        span: Span::new(start, end),
        ..body
    })
}

/// Reads a body object; see [`parse_body`] for when it gives up. Offsets are counted from
/// the start of `text`, which holds the body: its keys are borrowed from `text`, and a
/// value's place is found from its key's.
pub(crate) struct BodySeed<'de> {
    text: &'de [u8],
}

impl<'de> BodySeed<'de> {
    /// Reads a body that starts at `body[0]` inside a larger document (a request record),
    /// with offsets counted from there. The [`StrictBody::span`] it gives is empty: the
    /// caller, which knows where the body ends, sets it.
    pub(crate) fn at(body: &'de [u8]) -> BodySeed<'de> {
        BodySeed { text: body }
    }
}

/// Offset in `text` of the first byte of the value of `key`, a key borrowed from `text`
/// (past its closing quote, the colon and whitespace); `None` when `key` is not in `text`.
pub(crate) fn value_after_key(text: &[u8], key: &str) -> Option<usize> {
    let at = (key.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let mut i = at + key.len() + 1;
    while i < text.len() && (text[i] == b':' || text[i].is_ascii_whitespace()) {
        i += 1;
    }
    (i < text.len()).then_some(i)
}

/// End offset of the JSON value that starts at `text[i]`, a value serde_json has just
/// read (so it is well formed): a string to its closing quote, an object or array to its
/// closing bracket, a literal or number to its last byte.
fn value_end(text: &[u8], i: usize) -> Option<usize> {
    // End of the string whose opening quote is at `q`.
    let string_end = |q: usize| {
        let mut j = q + 1;
        loop {
            let k = j + memchr::memchr2(b'"', b'\\', text.get(j..)?)?;
            if text[k] == b'"' {
                return Some(k + 1);
            }
            j = k + 2;
        }
    };
    match *text.get(i)? {
        b'"' => string_end(i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while let Some(&c) = text.get(j) {
                match c {
                    b'"' => {
                        j = string_end(j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let n = text[i..]
                .iter()
                .position(
                    |c| !matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E' | b'a'..=b'z'),
                )
                .unwrap_or(text.len() - i);
            Some(i + n)
        }
    }
}

/// The span of the value of `key` (borrowed from `text`), just read.
fn value_span<E: de::Error>(text: &[u8], key: &str) -> Result<Span, E> {
    let start = value_after_key(text, key).ok_or_else(|| E::custom("value's place"))?;
    let end = value_end(text, start).ok_or_else(|| E::custom("value's end"))?;
    Ok(Span::new(start, end))
}

impl<'de> DeserializeSeed<'de> for BodySeed<'de> {
    type Value = StrictBody<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<StrictBody<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for BodySeed<'de> {
    type Value = StrictBody<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<StrictBody<'de>, A::Error> {
        let mut map = LiteMap::default();
        let mut out = StrictBody::default();
        // `eventType` and `playerTime` are put in the map at the end, when the body turns
        // out to have other members (see `Bare`).
        let mut event_type: Option<Member<'de>> = None;
        let mut player_time: Option<PlayerTime> = None;
        let repeated = || de::Error::custom("repeated key");
        // Keys are borrowed: a key written with an escape fails (the spanned path reads it).
        while let Some(key) = a.next_key::<&'de str>()? {
            match key {
                "eventType" => {
                    if event_type.is_some() {
                        return Err(repeated());
                    }
                    let v = a.next_value_seed(MemberSeed)?;
                    out.event_type = Some(value_span(self.text, key)?);
                    out.event_type_raw = match &v {
                        Member::Str(s) => Some(crate::wire::event_type_text(s)),
                        Member::Value(_) => None,
                    };
                    event_type = Some(v);
                }
                "playerTime" => {
                    if player_time.is_some() {
                        return Err(repeated());
                    }
                    let at = value_after_key(self.text, key)
                        .ok_or_else(|| de::Error::custom("playerTime's place"))?;
                    player_time =
                        Some(if let Some((plain, _)) = plain_player_time(self.text, at) {
                            // serde_json still passes over it (without building anything).
                            a.next_value::<de::IgnoredAny>()?;
                            let [(playhead_span, playhead), (ts_span, ts)] = plain;
                            out.playhead = Some(playhead_span);
                            out.playhead_s = playhead.as_f64();
                            out.ts = Some(ts_span);
                            out.ts_ms = crate::wire::value_as_i64(&ts);
                            PlayerTime::Parts(playhead, ts)
                        } else if self.text[at] == b'{' {
                            a.next_value_seed(PlayerTimeSeed {
                                text: self.text,
                                out: &mut out,
                            })?
                        } else {
                            PlayerTime::Whole(a.next_value_seed(Strict { depth: 1 })?)
                        });
                }
                _ => {
                    if key == "params" {
                        out.params_at = value_after_key(self.text, key);
                    }
                    let v = a.next_value_seed(LiteSeed { depth: 1 })?;
                    if !map.push(Cow::Borrowed(key), v) {
                        return Err(repeated());
                    }
                }
            }
        }
        if map.has_repeated_key() {
            return Err(repeated());
        }
        match (player_time, event_type) {
            (Some(PlayerTime::Parts(playhead, ts)), Some(Member::Str(_))) if map.is_empty() => {
                out.bare = Some(Bare { playhead, ts });
            }
            (player_time, event_type) => {
                // (Neither key is in the map: each has its own arm above.)
                if let Some(pt) = player_time {
                    map.push(Cow::Borrowed("playerTime"), pt.into_lite());
                }
                if let Some(et) = event_type {
                    let v = match et {
                        Member::Str(s) => Lite::String(s),
                        Member::Value(v) => Lite::from_value(v),
                    };
                    map.push(Cow::Borrowed("eventType"), v);
                }
            }
        }
        out.value = map;
        Ok(out)
    }
}

/// The `playhead` and `ts` (each its span and value) of a `playerTime` at `text[at]`
/// written in the plain form most players send: an object of exactly those two members,
/// in either order, their keys without escapes, each value a plain number (see
/// [`plain_number`]), with any JSON whitespace between. `None` for anything else, which
/// [`PlayerTimeSeed`] reads. Read by hand, this is a third of serde_json's cost, and
/// gives the same values and spans (`tests::plain_player_times_read_as_serde_json_reads_them`).
fn plain_player_time(text: &[u8], at: usize) -> Option<([(Span, Value); 2], usize)> {
    let ws = |i: usize| skip_ws(text, i);
    if text.get(at) != Some(&b'{') {
        return None;
    }
    let mut i = at + 1;
    let mut playhead = None;
    let mut ts = None;
    for member in 0..2 {
        i = ws(i);
        let slot = if text[i..].starts_with(b"\"playhead\"") {
            i += 10;
            &mut playhead
        } else if text[i..].starts_with(b"\"ts\"") {
            i += 4;
            &mut ts
        } else {
            return None;
        };
        i = ws(i);
        if text.get(i) != Some(&b':') {
            return None;
        }
        i = ws(i + 1);
        let (value, end) = plain_number(text, i)?;
        if slot.replace((Span::new(i, end), value)).is_some() {
            return None; // (a repeated key: the seed reports it)
        }
        i = ws(end);
        let next = if member == 0 { b',' } else { b'}' };
        if text.get(i) != Some(&next) {
            return None;
        }
        i += 1;
    }
    Some(([playhead?, ts?], i))
}

/// JSON whitespace from `text[i]` on: where it ends.
pub(crate) fn skip_ws(text: &[u8], mut i: usize) -> usize {
    while matches!(text.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The closing quote of the string whose contents start at `text[i]`, when it holds no
/// escape and no control character (which JSON does not allow in a string); `None` for
/// anything else, which serde_json reads.
pub(crate) fn plain_string_end(text: &[u8], i: usize) -> Option<usize> {
    let end = super::parser::string_stop(text, i, b'"');
    (text.get(end) == Some(&b'"')).then_some(end)
}

/// The key at `text[i]`, a string without escapes (see [`plain_string_end`]), and the
/// colon after it: the key's text (quotes excluded) and where its value starts.
#[inline]
pub(crate) fn plain_key(text: &[u8], i: usize) -> Option<(std::ops::Range<usize>, usize)> {
    if text.get(i) != Some(&b'"') {
        return None;
    }
    let end = plain_string_end(text, i + 1)?;
    let colon = skip_ws(text, end + 1);
    (text.get(colon) == Some(&b':')).then(|| (i + 1..end, skip_ws(text, colon + 1)))
}

/// A bare body (see [`Bare`]) at `text[0]`, written plainly: an object of exactly a
/// `playerTime` in the plain form [`plain_player_time`] reads and an `eventType` string
/// without escapes, in either order, with any JSON whitespace between. Gives the body as
/// [`BodySeed`] reads it (spans from `text[0]`; `span` left for the caller) and the offset
/// just past its closing brace; `None` for anything else, which the seed reads. Checked
/// against the seed in `capture::ndjson`'s tests.
pub(crate) fn plain_bare_body(text: &str) -> Option<(StrictBody<'_>, usize)> {
    let b = text.as_bytes();
    if b.first() != Some(&b'{') {
        return None;
    }
    let mut i = skip_ws(b, 1);
    let mut player_time = None;
    let mut event_type = None;
    for member in 0..2 {
        let (key, value) = plain_key(b, i)?;
        i = value;
        match &b[key] {
            b"playerTime" if player_time.is_none() => {
                let (parts, end) = plain_player_time(b, i)?;
                player_time = Some(parts);
                i = end;
            }
            b"eventType" if event_type.is_none() => {
                if b.get(i) != Some(&b'"') {
                    return None;
                }
                let end = plain_string_end(b, i + 1)?;
                event_type = Some((i, end));
                i = end + 1;
            }
            _ => return None,
        }
        i = skip_ws(b, i);
        let next = if member == 0 { b',' } else { b'}' };
        if b.get(i) != Some(&next) {
            return None;
        }
        i = if member == 0 {
            skip_ws(b, i + 1)
        } else {
            i + 1
        };
    }
    let [(playhead_span, playhead), (ts_span, ts)] = player_time?;
    let (quote, end) = event_type?;
    let body = StrictBody {
        event_type: Some(Span::new(quote, end + 1)),
        event_type_raw: Some(crate::wire::event_type_text(&text[quote + 1..end])),
        playhead: Some(playhead_span),
        playhead_s: playhead.as_f64(),
        ts: Some(ts_span),
        ts_ms: crate::wire::value_as_i64(&ts),
        bare: Some(Bare { playhead, ts }),
        ..StrictBody::default()
    };
    Some((body, i))
}

/// The number at `text[i]` and where it ends, when it is written plainly: not negative,
/// no exponent, at most 18 digits in all (an integer, or a decimal of at most 15
/// significant digits), valid JSON (no leading zero, a digit after the point). Such a
/// number is read exactly as serde_json reads it: an integer as a `u64`; a decimal as its
/// digits, a whole number below 10^15 (so below 2^53), divided by a power of ten up to
/// 10^17, both exact in an `f64`, so the division's one rounding gives the correctly
/// rounded value. Anything else is `None` (the caller's seed reads it).
pub(crate) fn plain_number(text: &[u8], start: usize) -> Option<(Value, usize)> {
    /// Digits read at most: 10^18 fits a `u64`.
    const MOST: usize = 18;
    // The digits from `i`, at most up to `limit`, onto `m`: where they stop.
    let digits = |mut i: usize, limit: usize, m: &mut u64| {
        let limit = limit.min(text.len());
        while i < limit {
            let d = text[i].wrapping_sub(b'0');
            if d > 9 {
                break;
            }
            *m = *m * 10 + u64::from(d);
            i += 1;
        }
        i
    };
    let mut m: u64 = 0;
    let i = digits(start, start + MOST, &mut m);
    let int_digits = i - start;
    if int_digits == 0 || (int_digits > 1 && text[start] == b'0') {
        return None;
    }
    match text.get(i) {
        Some(b'0'..=b'9' | b'e' | b'E') => None, // (more than 18 digits, or an exponent)
        Some(b'.') => {
            let end = digits(i + 1, start + MOST + 1, &mut m);
            let frac_digits = end - (i + 1);
            // At most 15 significant digits: the digits without leading zeros, below 10^15.
            if frac_digits == 0
                || m >= 1_000_000_000_000_000
                || matches!(text.get(end), Some(b'0'..=b'9' | b'e' | b'E' | b'.'))
            {
                return None;
            }
            let n = serde_json::Number::from_f64(m as f64 / POW10[frac_digits])?;
            Some((Value::Number(n), end))
        }
        _ => Some((Value::from(m), i)),
    }
}

/// The powers of ten an `f64` holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A body's `playerTime` as [`PlayerTimeSeed`] reads it.
enum PlayerTime {
    /// An object with nothing but `playhead` and `ts`: their values.
    Parts(Value, Value),
    /// Anything else.
    Whole(Value),
}

impl PlayerTime {
    fn into_lite(self) -> Lite<'static> {
        match self {
            PlayerTime::Parts(playhead, ts) => {
                let mut pt = LiteMap::with_capacity(2);
                pt.push(Cow::Borrowed("playhead"), Lite::from_value(playhead));
                pt.push(Cow::Borrowed("ts"), Lite::from_value(ts));
                Lite::Object(pt)
            }
            PlayerTime::Whole(v) => Lite::from_value(v),
        }
    }
}

/// Reads a body's `playerTime` object, taking the places and values of `playhead` and
/// `ts` into `out` (offsets in `text`, the body).
struct PlayerTimeSeed<'o, 'de> {
    text: &'de [u8],
    out: &'o mut StrictBody<'de>,
}

impl<'de> DeserializeSeed<'de> for PlayerTimeSeed<'_, 'de> {
    type Value = PlayerTime;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<PlayerTime, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PlayerTimeSeed<'_, 'de> {
    type Value = PlayerTime;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<PlayerTime, A::Error> {
        let mut other = Map::new();
        let (mut playhead, mut ts) = (None, None);
        // Borrowed keys, as in the body: a key with an escape fails.
        while let Some(k) = a.next_key::<&'de str>()? {
            let v = a.next_value_seed(Strict { depth: 2 })?;
            let slot = if k == "playhead" {
                self.out.playhead = Some(value_span(self.text, k)?);
                self.out.playhead_s = v.as_f64();
                &mut playhead
            } else if k == "ts" {
                self.out.ts = Some(value_span(self.text, k)?);
                self.out.ts_ms = crate::wire::value_as_i64(&v);
                &mut ts
            } else {
                insert_once(&mut other, k.to_string(), v)?;
                continue;
            };
            if slot.replace(v).is_some() {
                return Err(de::Error::custom("repeated key"));
            }
        }
        Ok(match (playhead, ts) {
            (Some(playhead), Some(ts)) if other.is_empty() => PlayerTime::Parts(playhead, ts),
            (playhead, ts) => {
                for (k, v) in [("playhead", playhead), ("ts", ts)] {
                    if let Some(v) = v {
                        other.insert(k.into(), v);
                    }
                }
                PlayerTime::Whole(Value::Object(other))
            }
        })
    }
}

/// One value of a record around a body (URL, time, status, headers), read like
/// [`parse_body`] reads a body's values (failing where the spanned parser would have a
/// finding). A string is borrowed from the line when it has no escape: a record's URL,
/// method and time are read without allocating.
pub(crate) enum Member<'de> {
    /// A string.
    Str(std::borrow::Cow<'de, str>),
    /// Any other value.
    Value(Value),
}

/// Reads a [`Member`].
pub(crate) struct MemberSeed;

impl<'de> DeserializeSeed<'de> for MemberSeed {
    type Value = Member<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Member<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MemberSeed {
    type Value = Member<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    // Everything but strings is read as `LiteSeed` reads it, into a `Value`.
    fn visit_unit<E: de::Error>(self) -> Result<Member<'de>, E> {
        Ok(Member::Value(Value::Null))
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Member<'de>, E> {
        Ok(Member::Value(Value::Bool(b)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Member<'de>, E> {
        Ok(Member::Value(Value::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Member<'de>, E> {
        Ok(Member::Value(Value::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Member<'de>, E> {
        LiteSeed { depth: 1 }
            .visit_f64(v)
            .map(|l| Member::Value(l.to_value()))
    }
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Member<'de>, E> {
        text_ok(s)?;
        Ok(Member::Str(s.into()))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Member<'de>, E> {
        text_ok(s)?;
        Ok(Member::Str(s.to_string().into()))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Member<'de>, E> {
        text_ok(&s)?;
        Ok(Member::Str(s.into()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> Result<Member<'de>, A::Error> {
        LiteSeed { depth: 1 }
            .visit_seq(a)
            .map(|l| Member::Value(l.to_value()))
    }
    fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<Member<'de>, A::Error> {
        LiteSeed { depth: 1 }
            .visit_map(a)
            .map(|l| Member::Value(l.to_value()))
    }
}

/// Adds a member to an object being read; a repeated key fails (the spanned parser reports
/// it, and serde_json would keep the last).
fn insert_once<E: de::Error>(
    map: &mut Map<String, Value>,
    key: String,
    value: Value,
) -> Result<(), E> {
    if map.insert(key, value).is_some() {
        return Err(E::custom("repeated key"));
    }
    Ok(())
}

/// Builds a `Value`, failing where the spanned parser would report or read differently:
/// a [`LiteSeed`] reading turned into the `Value` (record members, an unusual
/// `playerTime`), so the two readings accept exactly the same values.
struct Strict {
    depth: u32,
}

fn text_ok<E: de::Error>(s: &str) -> Result<(), E> {
    if is_placeholder_text(s) || is_template_text(s) {
        Err(E::custom("placeholder"))
    } else {
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        LiteSeed { depth: self.depth }
            .deserialize(d)
            .map(|v| v.to_value())
    }
}

/// Reads a body's member into a [`Lite`] value, borrowing keys and strings written
/// without an escape, and failing where the spanned parser would report or read
/// differently (placeholders, integers beyond 64 bits, repeated keys, nesting past
/// [`MAX_DEPTH`]).
struct LiteSeed {
    depth: u32,
}

impl<'de> DeserializeSeed<'de> for LiteSeed {
    type Value = Lite<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Lite<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LiteSeed {
    type Value = Lite<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Lite<'de>, E> {
        Ok(Lite::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Lite<'de>, E> {
        Ok(Lite::Bool(b))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Lite<'de>, E> {
        Ok(Lite::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Lite<'de>, E> {
        Ok(Lite::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Lite<'de>, E> {
        // serde_json reads an integer literal beyond 64 bits as a double, which the spanned
        // parser reports (IntegerOverflow).
        if v.abs() >= 9.2e18 {
            return Err(E::custom("number the spanned parser reads differently"));
        }
        serde_json::Number::from_f64(v)
            .map(Lite::Number)
            .ok_or_else(|| E::custom("not finite"))
    }
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Lite<'de>, E> {
        text_ok(s)?;
        Ok(Lite::String(Cow::Borrowed(s)))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Lite<'de>, E> {
        text_ok(s)?;
        Ok(Lite::String(Cow::Owned(s.to_string())))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Lite<'de>, E> {
        text_ok(&s)?;
        Ok(Lite::String(Cow::Owned(s)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Lite<'de>, A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(de::Error::custom("too deep"));
        }
        let mut items = Vec::with_capacity(a.size_hint().unwrap_or(0));
        while let Some(v) = a.next_element_seed(LiteSeed {
            depth: self.depth + 1,
        })? {
            items.push(v);
        }
        Ok(Lite::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Lite<'de>, A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(de::Error::custom("too deep"));
        }
        let mut map = LiteMap::default();
        while let Some(k) = a.next_key_seed(KeySeed)? {
            let v = a.next_value_seed(LiteSeed {
                depth: self.depth + 1,
            })?;
            if !map.push(k, v) {
                return Err(de::Error::custom("repeated key"));
            }
        }
        if map.has_repeated_key() {
            return Err(de::Error::custom("repeated key"));
        }
        Ok(Lite::Object(map))
    }
}

/// Reads a key, borrowed when it is written without an escape.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(s))
    }
    fn visit_str<E>(self, s: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{lower, parse};

    #[test]
    fn reads_a_clean_body_like_the_spanned_parser() {
        let text = br#" {"playerTime":{"playhead":12.5,"ts":1731672000155},"eventType":"play","params":{"a":[1,-2,3.25,true,null,"x\u00e9"]}} "#;
        let fast = parse_body(text).expect("strict JSON");
        let slow = parse(text);
        assert!(slow.issues.is_empty());
        assert_eq!(fast.whole_value(), lower(&slow.root));
        assert_eq!(fast.span, slow.root.span);
        let (n, _, _) = slow.root.resolve("/eventType");
        assert_eq!(fast.event_type, Some(n.span));
        let (n, _, _) = slow.root.resolve("/playerTime/playhead");
        assert_eq!(fast.playhead, Some(n.span));
        let (n, _, _) = slow.root.resolve("/playerTime/ts");
        assert_eq!(fast.ts, Some(n.span));
    }

    #[test]
    fn a_body_of_playertime_and_eventtype_alone_is_kept_apart() {
        let lowered = |text: &[u8]| lower(&parse(text).root);
        // Nothing but the two: their values apart, the value empty, the whole the same.
        for text in [
            &br#"{"playerTime":{"playhead":12.5,"ts":1731672000155},"eventType":"ping"}"#[..],
            br#"{"eventType":"pla\u0079","playerTime":{"ts":1,"playhead":-0}}"#,
            br#"{"eventType":"bogus","playerTime":{"playhead":"x","ts":[1]}}"#,
        ] {
            let fast = parse_body(text).expect("strict JSON");
            assert!(fast.bare.is_some(), "{}", String::from_utf8_lossy(text));
            assert!(fast.value.is_empty());
            assert_eq!(fast.whole_value(), lowered(text));
            let t = fast.event_type_raw.as_deref().expect("a string");
            let bare = fast.bare.as_ref().expect("bare");
            // Twice: the second fills the value the first left.
            for _ in 0..2 {
                assert_eq!(bare.with_value(t, Value::clone), lowered(text));
            }
        }
        // Anything more, or less, and the value is whole.
        for text in [
            &br#"{"playerTime":{"playhead":1,"ts":2},"eventType":"ping","params":{}}"#[..],
            br#"{"playerTime":{"playhead":1,"ts":2,"x":3},"eventType":"ping"}"#,
            br#"{"playerTime":{"playhead":1},"eventType":"ping"}"#,
            br#"{"playerTime":{"playhead":1,"ts":2},"eventType":7}"#,
            br#"{"playerTime":{"playhead":1,"ts":2}}"#,
            br#"{"playerTime":[1,2],"eventType":"ping"}"#,
            br#"{"eventType":"ping"}"#,
        ] {
            let fast = parse_body(text).expect("strict JSON");
            assert!(fast.bare.is_none(), "{}", String::from_utf8_lossy(text));
            assert_eq!(fast.value.to_value(), lowered(text));
            assert_eq!(fast.whole_value(), lowered(text));
        }
        // Repeated keys still fail, kept apart or not.
        for text in [
            r#"{"playerTime":{"playhead":1,"ts":2},"eventType":"ping","eventType":"play"}"#,
            r#"{"playerTime":{"playhead":1,"ts":2},"playerTime":{"playhead":1,"ts":2},"eventType":"ping"}"#,
            r#"{"playerTime":{"playhead":1,"ts":2,"ts":3},"eventType":"ping"}"#,
        ] {
            assert!(parse_body(text.as_bytes()).is_none(), "{text}");
        }
    }

    /// Plain `playerTime`s, read by hand, give serde_json's values and the spans and
    /// values [`PlayerTimeSeed`] gives; anything else is left to the seed.
    #[test]
    fn plain_player_times_read_as_serde_json_reads_them() {
        let numbers = [
            "0",
            "7",
            "12",
            "0.000",
            "0.5",
            "12.50",
            "1.1",
            "0.1",
            "0.3",
            "86400.697",
            "123456789.123456",
            "999999999999999",
            "1731672004133",
            "123456789012345678",
            "0.000000000000000000001",
            "4503599627370497.5",
            "9007199254740993",
            "1234567890123456789",
            "01",
            "1.",
            ".5",
            "-1",
            "-0",
            "1e3",
            "1E-2",
            "1.5e1",
            "12345678901234567890123.5",
            "0.12345678901234567",
        ];
        let mut plain = 0;
        for (i, a) in numbers.iter().enumerate() {
            let b = numbers[(i * 7 + 3) % numbers.len()];
            for text in [
                format!(r#"{{"playerTime":{{"playhead":{a},"ts":{b}}},"eventType":"ping"}}"#),
                format!("{{\"eventType\":\"ping\",\"playerTime\": {{ \"ts\" :\n{b} ,\t\"playhead\":{a} }} }}"),
            ] {
                let at = text.find("\"playerTime\"").expect("key") + 13;
                let at = at + text[at..].find('{').expect("object");
                let by_hand = plain_player_time(text.as_bytes(), at);
                let fast = parse_body(text.as_bytes());
                let tree = parse(text.as_bytes());
                let slow = lower(&tree.root);
                if let Some(([(ps, pv), (ts_span, tv)], end)) = by_hand {
                    assert_eq!(Some(end), value_end(text.as_bytes(), at), "{text}");
                    plain += 1;
                    let fast = fast.expect("strict JSON");
                    let want: Value = serde_json::from_str(&text).expect("JSON");
                    assert_eq!(pv, want["playerTime"]["playhead"], "{text}");
                    assert_eq!(tv, want["playerTime"]["ts"], "{text}");
                    assert_eq!(fast.whole_value(), slow, "{text}");
                    let (n, _, _) = tree.root.resolve("/playerTime/playhead");
                    assert_eq!(ps, n.span, "{text}");
                    let (n, _, _) = tree.root.resolve("/playerTime/ts");
                    assert_eq!(ts_span, n.span, "{text}");
                    assert_eq!((fast.playhead, fast.ts), (Some(ps), Some(ts_span)));
                    assert_eq!(fast.playhead_s, pv.as_f64());
                    assert_eq!(fast.ts_ms, crate::wire::value_as_i64(&tv));
                } else if let Some(fast) = fast {
                    assert_eq!(fast.whole_value(), slow, "{text}");
                }
            }
        }
        assert!(plain > 10, "{plain}");
        // Not the plain form: a third member, a repeated key, an escape, a string.
        for text in [
            r#"{"playhead":1,"ts":2,"x":3}"#,
            r#"{"playhead":1,"playhead":2}"#,
            r#"{"play\u0068ead":1,"ts":2}"#,
            r#"{"playhead":"1","ts":2}"#,
            r#"{"playhead":1}"#,
            r#"{"playhead":1,"ts":2"#,
        ] {
            assert!(plain_player_time(text.as_bytes(), 0).is_none(), "{text}");
        }
    }

    proptest::proptest! {
        /// The eight-bytes-at-a-time scan (`parser::string_stop`, for either quote, and
        /// `plain_string_end` on it) finds what a byte-by-byte one finds, on any bytes
        /// (UTF-8 lead and continuation bytes, DEL, control characters) from any place.
        #[test]
        fn plain_string_ends_where_a_byte_scan_ends(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(b"\"\\\x00\x1f\x20\x21\x7f\x80\xbf\xc3\xff\x5c\x22\x27\n\rab".to_vec()),
                    proptest::prelude::any::<u8>(),
                ],
                0..40,
            ),
            from in 0usize..40,
        ) {
            let from = from.min(bytes.len());
            for quote in [b'"', b'\'']  {
                let stop = bytes[from..]
                    .iter()
                    .position(|&c| c == quote || c == b'\\' || c < 0x20)
                    .map_or(bytes.len(), |k| from + k);
                proptest::prop_assert_eq!(super::super::parser::string_stop(&bytes, from, quote), stop);
            }
            let by_byte = bytes[from..]
                .iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
                .map(|k| from + k)
                .filter(|&k| bytes[k] == b'"');
            proptest::prop_assert_eq!(plain_string_end(&bytes, from), by_byte);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        /// Any number in the digits-and-point shape: what the hand reading gives is what
        /// serde_json reads, value and end.
        #[test]
        fn plain_numbers_are_serde_json_numbers(text in "[0-9]{1,20}(\\.[0-9]{0,25})?[ ,}]") {
            if let Some((v, end)) = plain_number(text.as_bytes(), 0) {
                let want: Value = serde_json::from_str(&text[..end]).expect("a JSON number");
                proptest::prop_assert_eq!(&v, &want);
                proptest::prop_assert_eq!(end, text.len() - 1);
            }
        }
    }

    #[test]
    fn gives_up_where_the_spanned_parser_has_findings() {
        for text in [
            r#"{"eventType":"play","eventType":"ping"}"#,
            r#"{"params":{"a":1,"a":2}}"#,
            r#"{"playerTime":{"ts":"<timestamp>"}}"#,
            r#"{"params":{"x":"[ _YOUR-TS_ ]"}}"#,
            r#"{"a":123456789012345678901234}"#,
            r#"{eventType:"play"}"#,
            r#"{"a":1,}"#,
            r#"{"a":1} x"#,
            r#"{"a":"\ud800"}"#,
            r#"{"a":1e999}"#,
            r#"[{"eventType":"play"}]"#,
        ] {
            assert!(parse_body(text.as_bytes()).is_none(), "{text}");
            assert!(
                !parse(text.as_bytes()).issues.is_empty() || text.starts_with('['),
                "{text}"
            );
        }
        // `-0` is -0.0 both ways.
        let minus_zero = br#"{"a":-0,"b":-0.0}"#;
        assert_eq!(
            parse_body(minus_zero).map(|b| b.whole_value()),
            Some(lower(&parse(minus_zero).root))
        );
        // A key with an escape where spans are taken: read by the spanned parser.
        assert!(parse_body(br#"{"play\u0065rTime":{"ts":1}}"#).is_none());
        // Bytes that are not UTF-8, in a string or out of one.
        for text in [&b"{\"a\":\"\xff\"}"[..], b"{\"a\":1}\xc3", b"{\"a\xe9\":1}"] {
            assert!(parse_body(text).is_none());
            assert!(!parse(text).issues.is_empty());
        }
        let deep = format!("{{\"a\":{}1{}}}", "[".repeat(70), "]".repeat(70));
        assert!(parse_body(deep.as_bytes()).is_none());
    }
}
