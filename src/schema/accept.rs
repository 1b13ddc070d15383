//! A conservative acceptor compiled from the bundled schemas: it proves a body valid
//! without asking `jsonschema`, or says nothing.
//!
//! Most bodies are valid, and proving one valid needs only a few JSON Schema keywords
//! (`type`, `const`, `enum`, `properties`, `required`, `additionalProperties`, a
//! `minimum`, `$ref` into the bundled files, and `patternProperties`/`pattern` written
//! as one character class with a count, like `^[a-zA-Z0-9_.]+$`). [`Node::proves`]
//! answers `true` only when the body is valid by every keyword of its subschema; a
//! keyword it does not model (anything else: `items`, `anyOf`, a `$ref` beside other
//! keywords, a pattern of any other form) makes that subschema [`Node::Unsure`], and a
//! value it cannot judge exactly (an integer written `1.0`, a `const` or `enum` value
//! equal only numerically) makes it answer `false`. A body it does not prove valid is
//! validated by `jsonschema` as before, so the findings cannot change: an accepted body
//! is one `jsonschema` accepts too (`schema::tests` checks near-valid bodies of every
//! event type both ways, and `tests/schema_acceptor.rs` whole runs).
//!
//! The saving is `jsonschema`'s walk of a valid body (its keyword validators, the
//! required keys looked up in the body's map); the acceptor walks the body's keys once
//! against each object's properties, sorted by name.

use serde_json::Value;

use crate::syntax::lite::{Lite, LiteMap};

use super::SCHEMA_BASE_URI;

/// Deepest chain of `$ref`s and subschemas compiled; beyond it a subschema is
/// [`Node::Unsure`] (the bundled schemas nest five deep).
const MAX_COMPILE_DEPTH: u32 = 32;

/// Annotation keywords, which never reject a value.
const ANNOTATIONS: [&str; 8] = [
    "description",
    "$comment",
    "title",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// A compiled subschema.
#[derive(Debug)]
pub(super) enum Node {
    /// A subschema the acceptor does not model: it proves nothing.
    Unsure,
    /// `true`, or annotations only: every value.
    Any,
    /// `false`: no value.
    Never,
    /// Modelled keywords, each of which the value must pass.
    Check(Box<Check>),
}

/// The modelled keywords of one subschema.
#[derive(Debug, Default)]
pub(super) struct Check {
    /// `type`: a bit per [`TYPE_NAMES`] entry.
    types: Option<u8>,
    /// `const`.
    konst: Option<Value>,
    /// `enum`.
    one_of: Option<Vec<Value>>,
    /// `minimum`, when it is an integer (the bundled schemas use 0).
    minimum: Option<i64>,
    /// `pattern`.
    pattern: Option<Box<KeyClass>>,
    /// `properties`, `patternProperties`, `required`, `additionalProperties`.
    object: Option<Obj>,
}

/// The object keywords of a subschema.
#[derive(Debug)]
struct Obj {
    /// `properties`, sorted by the length of the name and then the name (a length
    /// settles most comparisons without comparing bytes), each with whether `required`
    /// names it.
    props: Vec<(String, Node, bool)>,
    /// How many of `props` are required.
    required_in_props: usize,
    /// Required keys that `properties` does not list.
    required_elsewhere: Vec<String>,
    /// `patternProperties` (at most one, of the one form modelled).
    pattern_props: Option<Box<(KeyClass, Node)>>,
    /// `additionalProperties` (absent: [`Node::Any`]).
    additional: Node,
}

/// The JSON Schema type names, in the order of [`Check::types`]' bits.
const TYPE_NAMES: [&str; 7] = [
    "null", "boolean", "object", "array", "number", "integer", "string",
];

/// A regular expression of the form `^[class]+$`, `^[class]*$`, `^[class]{m,n}$` or
/// `^[class]{m}$`, the class made of ASCII characters and ranges: a string matches when it
/// has between `min` and `max` characters, all in the class.
#[derive(Debug, Clone)]
pub(super) struct KeyClass {
    /// The class, a bit per ASCII byte.
    class: [bool; 128],
    min: usize,
    max: usize,
}

impl KeyClass {
    /// Reads `re`; `None` when it is not of the modelled form.
    pub(super) fn parse(re: &str) -> Option<KeyClass> {
        let rest = re.strip_prefix("^[")?.strip_suffix('$')?;
        let close = rest.find(']')?;
        let (body, quant) = (&rest.as_bytes()[..close], &rest[close + 1..]);
        if body.is_empty() || body[0] == b'^' {
            return None;
        }
        let mut class = [false; 128];
        let mut i = 0;
        while i < body.len() {
            let c = body[i];
            if !c.is_ascii() || matches!(c, b'\\' | b'[' | b']') {
                return None;
            }
            if i + 2 < body.len() && body[i + 1] == b'-' {
                let hi = body[i + 2];
                if !hi.is_ascii() || hi < c || matches!(hi, b'\\' | b'[' | b']') {
                    return None;
                }
                for b in c..=hi {
                    class[usize::from(b)] = true;
                }
                i += 3;
            } else {
                class[usize::from(c)] = true;
                i += 1;
            }
        }
        let (min, max) = match quant {
            "+" => (1, usize::MAX),
            "*" => (0, usize::MAX),
            _ => {
                let counts = quant.strip_prefix('{')?.strip_suffix('}')?;
                let num = |s: &str| -> Option<usize> {
                    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| s.parse().ok())
                        .flatten()
                };
                match counts.split_once(',') {
                    Some((m, n)) => (num(m)?, num(n)?),
                    None => {
                        let m = num(counts)?;
                        (m, m)
                    }
                }
            }
        };
        (min <= max).then_some(KeyClass { class, min, max })
    }

    /// Whether `s` matches (every character in the class: ASCII, so its bytes are its
    /// characters).
    pub(super) fn matches(&self, s: &str) -> bool {
        (self.min..=self.max).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii() && self.class[usize::from(b)])
    }
}

/// The bundled schema documents, by file name, for resolving `$ref`s.
pub(super) struct Docs<'a> {
    pub(super) files: &'a [(String, Value)],
}

impl Docs<'_> {
    /// Compiles `schema`, a subschema of the document `file`.
    pub(super) fn compile(&self, file: &str, schema: &Value) -> Node {
        self.node(file, schema, 0)
    }

    fn node(&self, file: &str, schema: &Value, depth: u32) -> Node {
        if depth > MAX_COMPILE_DEPTH {
            return Node::Unsure;
        }
        let members = match schema {
            Value::Bool(true) => return Node::Any,
            Value::Bool(false) => return Node::Never,
            Value::Object(m) => m,
            _ => return Node::Unsure,
        };
        let mut check = Check::default();
        let mut modelled = false;
        let mut object_keys = false;
        let annotation = |k: &str| {
            ANNOTATIONS.contains(&k)
                || k.starts_with("x-")
                || (depth == 0 && matches!(k, "$schema" | "$id"))
        };
        if let Some(target) = members.get("$ref") {
            // A `$ref` beside assertions would need both applied: not modelled.
            if members.keys().any(|k| k != "$ref" && !annotation(k)) {
                return Node::Unsure;
            }
            return match target.as_str().and_then(|r| self.resolve(file, r)) {
                Some((target_file, sub)) => self.node(target_file, sub, depth + 1),
                None => Node::Unsure,
            };
        }
        for (key, v) in members {
            match key.as_str() {
                k if annotation(k) => continue,
                "type" => {
                    let mut bits = 0u8;
                    let names: Vec<&Value> = match v {
                        Value::Array(a) => a.iter().collect(),
                        other => vec![other],
                    };
                    for name in names {
                        let Some(i) = name
                            .as_str()
                            .and_then(|n| TYPE_NAMES.iter().position(|t| *t == n))
                        else {
                            return Node::Unsure;
                        };
                        bits |= 1 << i;
                    }
                    check.types = Some(bits);
                }
                "const" => check.konst = Some(v.clone()),
                "enum" => match v {
                    Value::Array(a) => check.one_of = Some(a.clone()),
                    _ => return Node::Unsure,
                },
                "minimum" => match v.as_i64() {
                    Some(m) => check.minimum = Some(m),
                    None => return Node::Unsure,
                },
                "pattern" => match v.as_str().and_then(KeyClass::parse) {
                    Some(p) => check.pattern = Some(Box::new(p)),
                    None => return Node::Unsure,
                },
                "properties" | "patternProperties" | "required" | "additionalProperties" => {
                    object_keys = true;
                }
                _ => return Node::Unsure,
            }
            modelled = true;
        }
        if object_keys {
            match self.object(file, members, depth) {
                Some(obj) => check.object = Some(obj),
                None => return Node::Unsure,
            }
        }
        if modelled {
            Node::Check(Box::new(check))
        } else {
            Node::Any
        }
    }

    fn object(
        &self,
        file: &str,
        members: &serde_json::Map<String, Value>,
        depth: u32,
    ) -> Option<Obj> {
        let mut required: Vec<&str> = Vec::new();
        if let Some(r) = members.get("required") {
            for name in r.as_array()? {
                required.push(name.as_str()?);
            }
        }
        let mut props = Vec::new();
        if let Some(p) = members.get("properties") {
            for (name, sub) in p.as_object()? {
                let node = self.node(file, sub, depth + 1);
                props.push((name.clone(), node, required.contains(&name.as_str())));
            }
        }
        props.sort_by(|a, b| by_length(&a.0).cmp(&by_length(&b.0)));
        let required_in_props = props.iter().filter(|p| p.2).count();
        let mut required_elsewhere: Vec<String> = required
            .iter()
            .filter(|r| !props.iter().any(|p| p.0 == **r))
            .map(|r| (*r).to_string())
            .collect();
        required_elsewhere.sort();
        required_elsewhere.dedup();
        let pattern_props = match members.get("patternProperties") {
            None => None,
            Some(pp) => {
                let pp = pp.as_object()?;
                if pp.len() != 1 {
                    return None;
                }
                let (re, sub) = pp.iter().next()?;
                Some(Box::new((
                    KeyClass::parse(re)?,
                    self.node(file, sub, depth + 1),
                )))
            }
        };
        let additional = match members.get("additionalProperties") {
            None => Node::Any,
            Some(sub) => self.node(file, sub, depth + 1),
        };
        Some(Obj {
            props,
            required_in_props,
            required_elsewhere,
            pattern_props,
            additional,
        })
    }

    /// The document and subschema a `$ref` written in `file` points to: a bundled file
    /// (by name or by its full id) and a JSON pointer without escapes.
    fn resolve<'d>(&'d self, file: &'d str, reference: &str) -> Option<(&'d str, &'d Value)> {
        let (target, fragment) = reference.split_once('#')?;
        let target = target.strip_prefix(SCHEMA_BASE_URI).unwrap_or(target);
        let target_file = if target.is_empty() { file } else { target };
        if target_file.contains('/') || fragment.contains(['~', '%']) {
            return None;
        }
        let (name, doc) = self.files.iter().find(|(f, _)| f == target_file)?;
        let sub = if fragment.is_empty() {
            doc
        } else {
            doc.pointer(fragment)?
        };
        Some((name.as_str(), sub))
    }
}

/// The order of [`Obj::props`].
fn by_length(name: &str) -> (usize, &str) {
    (name.len(), name)
}

/// A value the acceptor judges: a `serde_json::Value`, or a body's members held apart
/// and judged without being assembled into one (a bare body's `eventType` text and
/// `playerTime` numbers: see `syntax::strict::Bare`). Both judge alike: an object of
/// parts is proven valid exactly when the `Value` it stands for is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Inst<'v> {
    /// A value.
    Value(&'v Value),
    /// A string.
    Str(&'v str),
    /// An object of these members (no key twice).
    Object(&'v [(&'v str, Inst<'v>)]),
    /// A value read by the fast path.
    Lite(&'v Lite<'v>),
    /// An object read by the fast path.
    LiteMap(&'v LiteMap<'v>),
}

/// What JSON Schema's `type` sees of an [`Inst`]: the bit of [`TYPE_NAMES`] it matches
/// (a number matches `integer` too when it is an integer: [`Kind::Integer`]).
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Null,
    Bool,
    Object,
    Array,
    /// A number that is not an integer as serde_json reads it (`1.0` included).
    Number,
    /// An integer (`i64` or `u64`).
    Integer,
    String,
}

impl<'v> Inst<'v> {
    fn kind(self) -> Kind {
        let number = |n: &serde_json::Number| {
            if n.is_i64() || n.is_u64() {
                Kind::Integer
            } else {
                Kind::Number
            }
        };
        match self {
            Inst::Value(Value::Null) | Inst::Lite(Lite::Null) => Kind::Null,
            Inst::Value(Value::Bool(_)) | Inst::Lite(Lite::Bool(_)) => Kind::Bool,
            Inst::Value(Value::Object(_))
            | Inst::Object(_)
            | Inst::Lite(Lite::Object(_))
            | Inst::LiteMap(_) => Kind::Object,
            Inst::Value(Value::Array(_)) | Inst::Lite(Lite::Array(_)) => Kind::Array,
            Inst::Value(Value::Number(n)) | Inst::Lite(Lite::Number(n)) => number(n),
            Inst::Value(Value::String(_)) | Inst::Str(_) | Inst::Lite(Lite::String(_)) => {
                Kind::String
            }
        }
    }

    fn number(self) -> Option<&'v serde_json::Number> {
        match self {
            Inst::Value(Value::Number(n)) | Inst::Lite(Lite::Number(n)) => Some(n),
            _ => None,
        }
    }

    fn str(&self) -> Option<&str> {
        match *self {
            Inst::Value(Value::String(s)) => Some(s),
            Inst::Lite(Lite::String(s)) => Some(s),
            Inst::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Equal to `k` as serde_json compares values (numbers of the same kind); an object or
    /// array held apart or read by the fast path is not compared: `false`.
    fn equals(self, k: &Value) -> bool {
        match self {
            Inst::Value(v) => v == k,
            Inst::Lite(Lite::Null) => k.is_null(),
            Inst::Lite(Lite::Bool(b)) => k.as_bool() == Some(*b),
            Inst::Lite(Lite::Number(n)) => matches!(k, Value::Number(m) if m == n),
            Inst::Str(_) | Inst::Lite(Lite::String(_)) => k.as_str() == self.str(),
            Inst::Object(_) | Inst::LiteMap(_) | Inst::Lite(Lite::Array(_) | Lite::Object(_)) => {
                false
            }
        }
    }
}

impl Node {
    /// Whether `v` is valid against this subschema, proven: `false` when it is not, or when
    /// the acceptor cannot tell.
    pub(super) fn proves(&self, v: &Value) -> bool {
        self.proves_inst(Inst::Value(v))
    }

    /// [`Node::proves`] for any [`Inst`].
    pub(super) fn proves_inst(&self, v: Inst<'_>) -> bool {
        match self {
            Node::Any => true,
            Node::Never | Node::Unsure => false,
            Node::Check(c) => c.proves(v),
        }
    }
}

impl Check {
    fn proves(&self, v: Inst<'_>) -> bool {
        if let Some(bits) = self.types {
            let ok = match v.kind() {
                Kind::Null => bits & 1 != 0,
                Kind::Bool => bits & (1 << 1) != 0,
                Kind::Object => bits & (1 << 2) != 0,
                Kind::Array => bits & (1 << 3) != 0,
                // An integer written as a float (`1.0`) is an integer to JSON Schema: not
                // judged here.
                Kind::Number => bits & (1 << 4) != 0,
                Kind::Integer => bits & (1 << 4) != 0 || bits & (1 << 5) != 0,
                Kind::String => bits & (1 << 6) != 0,
            };
            if !ok {
                return false;
            }
        }
        // Equal as serde_json compares (numbers of the same kind): stricter than JSON
        // Schema's numeric equality.
        if let Some(k) = &self.konst {
            if !v.equals(k) {
                return false;
            }
        }
        if let Some(options) = &self.one_of {
            if !options.iter().any(|k| v.equals(k)) {
                return false;
            }
        }
        if let (Some(min), Some(n)) = (self.minimum, v.number()) {
            let ok = if let Some(i) = n.as_i64() {
                i >= min
            } else if n.is_u64() {
                true
            } else {
                // (|min| is far below 2^53 in the bundled schemas; a float compares
                // exactly against an integer that fits.)
                n.as_f64()
                    .is_some_and(|f| min.unsigned_abs() < (1 << 53) && f >= min as f64)
            };
            if !ok {
                return false;
            }
        }
        if let Some(p) = &self.pattern {
            if v.str().is_some_and(|s| !p.matches(s)) {
                return false;
            }
        }
        let lite_map = |m: &'_ LiteMap<'_>| {
            self.object.as_ref().is_none_or(|obj| {
                obj.proves(m.iter().map(|(k, v)| (k, Inst::Lite(v))), |r| {
                    m.contains_key(r)
                })
            })
        };
        match (&self.object, v) {
            (_, Inst::LiteMap(m) | Inst::Lite(Lite::Object(m))) => lite_map(m),
            (Some(obj), Inst::Value(Value::Object(map))) => obj
                .proves(map.iter().map(|(k, v)| (k.as_str(), Inst::Value(v))), |r| {
                    map.contains_key(r)
                }),
            (Some(obj), Inst::Object(members)) => obj.proves(members.iter().copied(), |r| {
                members.iter().any(|(k, _)| *k == r)
            }),
            _ => true,
        }
    }
}

impl Obj {
    /// Whether an object of `members` passes these keywords; `has` tells whether the
    /// object has a key.
    fn proves<'v>(
        &self,
        members: impl Iterator<Item = (&'v str, Inst<'v>)>,
        has: impl Fn(&str) -> bool,
    ) -> bool {
        let mut required_seen = 0;
        for (key, value) in members {
            let mut matched = false;
            if let Ok(i) = self
                .props
                .binary_search_by(|p| by_length(&p.0).cmp(&by_length(key)))
            {
                let (_, node, required) = &self.props[i];
                if !node.proves_inst(value) {
                    return false;
                }
                required_seen += usize::from(*required);
                matched = true;
            }
            if let Some((class, node)) = self.pattern_props.as_deref() {
                if class.matches(key) {
                    if !node.proves_inst(value) {
                        return false;
                    }
                    matched = true;
                }
            }
            if !matched && !self.additional.proves_inst(value) {
                return false;
            }
        }
        required_seen == self.required_in_props && self.required_elsewhere.iter().all(|r| has(r))
    }
}

/// A subschema's judgement of bare bodies (a string `eventType` and a `playerTime` of
/// `playhead` and `ts`, nothing else: see `syntax::strict::Bare`), compiled once from its
/// [`Node`]: what the text and the two values must each be. Most bodies are bare, and
/// walking the subschema for each (its objects' properties looked up by name, twice)
/// cost more than reading the body. It judges exactly as [`Node::proves_inst`] judges
/// the body's parts; a subschema with keywords it does not reduce to that is
/// [`BareCheck::Walk`], and the parts are walked as before.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // (one per event type, compiled once)
pub(super) enum BareCheck {
    /// Walk the subschema ([`Node::proves_inst`]).
    Walk,
    /// No bare body is proven valid.
    Never,
    /// Proven when the text passes `event_type` and the two values pass theirs.
    Parts {
        event_type: PartCheck,
        playhead: PartCheck,
        ts: PartCheck,
    },
}

/// What one part of a bare body must pass: a subschema's keywords, cloned, but for the
/// object keywords (which judge no string; a value subschema with them is walked).
#[derive(Debug)]
pub(super) struct PartCheck {
    /// `false`: nothing passes (`false`, or a subschema the acceptor does not model).
    any: bool,
    check: Check,
}

impl PartCheck {
    fn any() -> PartCheck {
        PartCheck {
            any: true,
            check: Check::default(),
        }
    }

    /// `node`'s check of a part; `None` when it has object keywords and `string` is false
    /// (the part may be an object: walked instead).
    fn compile(node: &Node, string: bool) -> Option<PartCheck> {
        match node {
            Node::Any => Some(PartCheck::any()),
            Node::Never | Node::Unsure => Some(PartCheck {
                any: false,
                check: Check::default(),
            }),
            Node::Check(c) if c.object.is_some() && !string => None,
            Node::Check(c) => Some(PartCheck {
                any: true,
                check: Check {
                    types: c.types,
                    konst: c.konst.clone(),
                    one_of: c.one_of.clone(),
                    minimum: c.minimum,
                    pattern: c.pattern.clone(),
                    object: None,
                },
            }),
        }
    }

    /// As [`Check::proves`] judges `v`.
    fn passes(&self, v: Inst<'_>) -> bool {
        self.any && self.check.proves(v)
    }
}

impl BareCheck {
    /// Compiles `node`'s judgement of bare bodies.
    pub(super) fn compile(node: &Node) -> BareCheck {
        let c = match node {
            Node::Any => return BareCheck::always(),
            Node::Never | Node::Unsure => return BareCheck::Never,
            Node::Check(c) => c,
        };
        // An object of parts: `type` must allow an object, and `const`/`enum` never
        // equal one (see `Inst::equals`).
        if !allows_object(c) {
            return BareCheck::Never;
        }
        let Some(obj) = &c.object else {
            return BareCheck::always();
        };
        let [event_type, player_time] = match obj.bare_members(["eventType", "playerTime"]) {
            None => return BareCheck::Walk,
            Some(None) => return BareCheck::Never,
            Some(Some(m)) => m,
        };
        let Some(event_type) = PartCheck::compile(event_type, true) else {
            return BareCheck::Walk;
        };
        let (playhead, ts) = match player_time {
            Node::Any => (PartCheck::any(), PartCheck::any()),
            Node::Never | Node::Unsure => return BareCheck::Never,
            Node::Check(pc) if !allows_object(pc) => return BareCheck::Never,
            Node::Check(pc) => match &pc.object {
                None => (PartCheck::any(), PartCheck::any()),
                Some(pobj) => match pobj.bare_members(["playhead", "ts"]) {
                    None => return BareCheck::Walk,
                    Some(None) => return BareCheck::Never,
                    Some(Some([p, t])) => {
                        match (PartCheck::compile(p, false), PartCheck::compile(t, false)) {
                            (Some(p), Some(t)) => (p, t),
                            _ => return BareCheck::Walk,
                        }
                    }
                },
            },
        };
        BareCheck::Parts {
            event_type,
            playhead,
            ts,
        }
    }

    fn always() -> BareCheck {
        BareCheck::Parts {
            event_type: PartCheck::any(),
            playhead: PartCheck::any(),
            ts: PartCheck::any(),
        }
    }

    /// Whether the bare body of `event_type` (its text), `playhead` and `ts` is proven
    /// valid; `None` for [`BareCheck::Walk`].
    pub(super) fn proves(&self, event_type: &str, playhead: &Value, ts: &Value) -> Option<bool> {
        match self {
            BareCheck::Walk => None,
            BareCheck::Never => Some(false),
            BareCheck::Parts {
                event_type: e,
                playhead: p,
                ts: t,
            } => Some(
                e.passes(Inst::Str(event_type))
                    && p.passes(Inst::Value(playhead))
                    && t.passes(Inst::Value(ts)),
            ),
        }
    }
}

/// Whether an object of parts can pass `c`'s own keywords: its `type` allows an object,
/// and it has no `const` or `enum` (which never equal one: see `Inst::equals`).
fn allows_object(c: &Check) -> bool {
    c.types.is_none_or(|b| b & (1 << 2) != 0) && c.konst.is_none() && c.one_of.is_none()
}

impl Obj {
    /// The subschemas the values of an object of exactly the two members `keys` must
    /// pass, in that order: `Some(None)` when no such object passes (a member required
    /// that it lacks), `None` when a member must pass more than one subschema (a
    /// property that a pattern property matches too: walked instead).
    fn bare_members(&self, keys: [&str; 2]) -> Option<Option<[&Node; 2]>> {
        let mut required_seen = 0;
        let mut nodes = [&self.additional; 2];
        for (slot, key) in nodes.iter_mut().zip(keys) {
            let prop = self
                .props
                .binary_search_by(|p| by_length(&p.0).cmp(&by_length(key)))
                .ok()
                .map(|i| &self.props[i]);
            let pattern = self
                .pattern_props
                .as_deref()
                .filter(|(class, _)| class.matches(key))
                .map(|(_, node)| node);
            *slot = match (prop, pattern) {
                (Some(_), Some(_)) => return None,
                (Some((_, node, required)), None) => {
                    required_seen += usize::from(*required);
                    node
                }
                (None, Some(node)) => node,
                (None, None) => &self.additional,
            };
        }
        let complete = required_seen == self.required_in_props
            && self
                .required_elsewhere
                .iter()
                .all(|r| keys.contains(&r.as_str()));
        Some(complete.then_some(nodes))
    }
}
