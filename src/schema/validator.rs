//! The wrapper around `jsonschema` 0.60.2: compiling the bundled schemas and turning its
//! errors into [`SchemaError`]s with our own messages.
//!
//! Nothing from `jsonschema` escapes this file.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use super::accept::{BareCheck, Docs, Inst, Node};
use super::{SchemaError, SchemaErrorKind, COMMON_FILE, SCHEMA_BASE_URI};

/// Longest rendering of an offending value quoted in a message.
const MAX_VALUE_CHARS: usize = 48;
/// Enums with at most this many options are listed in full in messages.
const MAX_LISTED_OPTIONS: usize = 6;
/// Closed objects with at most this many properties list them when a key is rejected.
const MAX_LISTED_KEYS: usize = 6;

/// Compiled validators plus the parsed schema documents (for `description` look-ups).
pub(super) struct Compiled {
    per_event: FxHashMap<&'static str, Validator>,
    envelope: Validator,
    /// file name -> parsed schema
    docs: HashMap<String, Value>,
    /// The acceptor of each event type's schema ([`super::accept`]), tried first.
    accept: FxHashMap<&'static str, Node>,
    /// The acceptor of the envelope schema.
    accept_envelope: Node,
    /// Whether [`Compiled::validate`] tries the acceptors.
    typed: bool,
    /// Each acceptor's judgement of bare bodies ([`BareCheck`]), by event type.
    bare: FxHashMap<&'static str, BareCheck>,
    /// The envelope acceptor's.
    bare_envelope: BareCheck,
}

impl Compiled {
    pub(super) fn build(
        embedded: &[(&'static str, &'static str)],
        event_types: &[&'static str],
        typed: bool,
    ) -> Result<Compiled, String> {
        let mut docs: Vec<(String, String, Value)> = Vec::with_capacity(embedded.len());
        for (file, text) in embedded {
            let doc: Value = serde_json::from_str(text)
                .map_err(|e| format!("schemas/{file} is not valid JSON: {e}"))?;
            let id = format!("{SCHEMA_BASE_URI}{file}");
            match doc.get("$id").and_then(Value::as_str) {
                Some(found) if found == id => {}
                other => {
                    return Err(format!(
                        "schemas/{file} must have \"$id\": \"{id}\", found {other:?}"
                    ))
                }
            }
            docs.push(((*file).to_string(), id, doc));
        }

        let registry = jsonschema::Registry::new()
            .extend(docs.iter().map(|(_, id, doc)| (id.as_str(), doc)))
            .and_then(|builder| builder.prepare())
            .map_err(|e| format!("cannot register the bundled schemas: {e}"))?;

        let compile = |schema: &Value, what: &str| -> Result<Validator, String> {
            jsonschema::draft202012::options()
                .with_registry(&registry)
                .offline()
                .build(schema)
                .map_err(|e| format!("cannot compile {what}: {e}"))
        };

        let doc_of = |file: &str| -> Result<&Value, String> {
            docs.iter()
                .find(|(f, _, _)| f == file)
                .map(|(_, _, d)| d)
                .ok_or_else(|| format!("schemas/{file} is not bundled"))
        };

        let mut per_event = FxHashMap::default();
        for et in event_types {
            let file = format!("{et}.json");
            let doc = doc_of(&file)?;
            per_event.insert(*et, compile(doc, &format!("schemas/{file}"))?);
        }
        let envelope = compile(
            &serde_json::json!({ "$ref": format!("{SCHEMA_BASE_URI}{COMMON_FILE}#/$defs/envelope") }),
            "the envelope schema (common.json#/$defs/envelope)",
        )?;

        let files: Vec<(String, Value)> = docs
            .iter()
            .map(|(f, _, d)| (f.clone(), d.clone()))
            .collect();
        let acceptors = Docs { files: &files };
        let mut accept = FxHashMap::default();
        for et in event_types {
            let file = format!("{et}.json");
            accept.insert(*et, acceptors.compile(&file, doc_of(&file)?));
        }
        let accept_envelope = acceptors.compile(
            COMMON_FILE,
            &serde_json::json!({ "$ref": format!("{SCHEMA_BASE_URI}{COMMON_FILE}#/$defs/envelope") }),
        );
        let bare = accept
            .iter()
            .map(|(et, node)| (*et, BareCheck::compile(node)))
            .collect();
        let bare_envelope = BareCheck::compile(&accept_envelope);
        Ok(Compiled {
            per_event,
            envelope,
            docs: files.into_iter().collect(),
            accept,
            accept_envelope,
            typed,
            bare,
            bare_envelope,
        })
    }

    /// The acceptor [`Compiled::validate`] asks first for `event_type` (`None` when the
    /// set was built without acceptors).
    fn acceptor(&self, event_type: Option<&str>) -> Option<&Node> {
        if !self.typed {
            return None;
        }
        match event_type.filter(|et| self.per_event.contains_key(et)) {
            Some(et) => self.accept.get(et),
            None => Some(&self.accept_envelope),
        }
    }

    /// Whether the acceptor that [`Compiled::validate`] asks proves `body` valid, the body
    /// given as parts ([`Inst`]); `false` when it cannot tell.
    pub(super) fn proves(&self, event_type: Option<&str>, body: Inst<'_>) -> bool {
        self.acceptor(event_type)
            .is_some_and(|node| node.proves_inst(body))
    }

    /// [`Compiled::proves`] for the bare body `{"eventType": event_type_text,
    /// "playerTime": {"playhead": playhead, "ts": ts}}`, by the acceptor's compiled
    /// [`BareCheck`] where it has one.
    pub(super) fn proves_bare(
        &self,
        event_type: Option<&str>,
        event_type_text: &str,
        playhead: &Value,
        ts: &Value,
    ) -> bool {
        if !self.typed {
            return false;
        }
        let check = event_type
            .and_then(|et| self.bare.get(et))
            .unwrap_or(&self.bare_envelope);
        if let Some(verdict) = check.proves(event_type_text, playhead, ts) {
            return verdict;
        }
        let player_time = [("playhead", Inst::Value(playhead)), ("ts", Inst::Value(ts))];
        let body = [
            ("eventType", Inst::Str(event_type_text)),
            ("playerTime", Inst::Object(&player_time)),
        ];
        self.proves(event_type, Inst::Object(&body))
    }

    pub(super) fn validate(&self, event_type: Option<&str>, body: &Value) -> Vec<SchemaError> {
        let (validator, exact) = match event_type.and_then(|et| self.per_event.get(et)) {
            Some(v) => (v, true),
            None => (&self.envelope, false),
        };
        if self
            .acceptor(event_type)
            .is_some_and(|node| node.proves(body))
        {
            return Vec::new();
        }
        if validator.is_valid(body) {
            return Vec::new();
        }
        let root_file = if exact {
            format!("{}.json", event_type.unwrap_or_default())
        } else {
            COMMON_FILE.to_string()
        };
        let ctx = Ctx {
            docs: &self.docs,
            root_file: &root_file,
        };
        let mut out = Vec::new();
        let mut missing: Vec<Missing> = Vec::new();
        for err in validator.iter_errors(body) {
            ctx.convert(&err, &mut out, &mut missing);
        }
        for m in missing {
            out.push(ctx.missing_error(m));
        }
        drop_redundant_value_errors(&mut out);
        out
    }
}

impl Compiled {
    /// Whether the acceptor of `event_type`'s schema (the envelope's for `None`) proves
    /// `body` valid ([`super::accept`]).
    pub(super) fn accepts(&self, event_type: Option<&str>, body: &Value) -> bool {
        match event_type.and_then(|et| self.accept.get(et)) {
            Some(node) => node.proves(body),
            None if event_type.is_none() => self.accept_envelope.proves(body),
            None => false,
        }
    }

    /// Whether `jsonschema` finds `body` valid against `event_type`'s schema (the
    /// envelope's for `None` or an unknown type).
    pub(super) fn jsonschema_valid(&self, event_type: Option<&str>, body: &Value) -> bool {
        event_type
            .and_then(|et| self.per_event.get(et))
            .unwrap_or(&self.envelope)
            .is_valid(body)
    }
}

/// A value of the wrong type usually also fails `enum`/`const`; report only the type.
fn drop_redundant_value_errors(out: &mut Vec<SchemaError>) {
    let typed: Vec<String> = out
        .iter()
        .filter(|e| matches!(e.kind, SchemaErrorKind::TypeMismatch { .. }))
        .map(|e| e.instance_path.clone())
        .collect();
    if typed.is_empty() {
        return;
    }
    out.retain(|e| {
        !(matches!(e.kind, SchemaErrorKind::InvalidValue { .. })
            && typed.contains(&e.instance_path))
    });
}

/// Required keys missing from one object, merged across `required` errors.
struct Missing {
    instance_path: String,
    keys: Vec<String>,
    schema_file: String,
    /// Pointer (inside `schema_file`) of the subschema holding the `required` keyword.
    schema_ptr: String,
}

/// Where a failing keyword lives.
struct KeywordLoc {
    /// Schema file name, e.g. "adStart.json".
    file: String,
    /// JSON pointer of the subschema holding the keyword (keyword segment removed).
    parent_ptr: String,
    /// JSON pointer of the keyword itself.
    keyword_ptr: String,
}

struct Ctx<'a> {
    docs: &'a HashMap<String, Value>,
    root_file: &'a str,
}

impl Ctx<'_> {
    fn locate(&self, err: &ValidationError<'_>) -> KeywordLoc {
        let (file, fragment) = match err.absolute_keyword_location() {
            Some(uri) => {
                let s = uri.as_str();
                let (base, frag) = s.split_once('#').unwrap_or((s, ""));
                let file = base.rsplit('/').next().unwrap_or(base).to_string();
                (file, percent_decode(frag))
            }
            None => (
                self.root_file.to_string(),
                err.schema_path().as_str().to_string(),
            ),
        };
        let file = if self.docs.contains_key(&file) {
            file
        } else {
            self.root_file.to_string()
        };
        let parent_ptr = match fragment.rfind('/') {
            Some(i) => fragment[..i].to_string(),
            None => String::new(),
        };
        KeywordLoc {
            file,
            parent_ptr,
            keyword_ptr: fragment,
        }
    }

    fn subschema(&self, file: &str, ptr: &str) -> Option<&Value> {
        self.docs.get(file)?.pointer(ptr)
    }

    /// Like [`Ctx::subschema`], but follows a plain `$ref` between the bundled files (used to
    /// describe keys whose schema is only a reference, such as `media.state.name`).
    fn resolved_subschema(&self, file: &str, ptr: &str) -> Option<&Value> {
        let mut file = file.to_string();
        let mut schema = self.subschema(&file, ptr)?;
        for _ in 0..8 {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
                return Some(schema);
            };
            if schema.get("type").is_some() || schema.get("description").is_some() {
                return Some(schema);
            }
            let (base, fragment) = reference.split_once('#').unwrap_or((reference, ""));
            if !base.is_empty() {
                file = base.rsplit('/').next().unwrap_or(base).to_string();
            }
            schema = self.subschema(&file, &percent_decode(fragment))?;
        }
        Some(schema)
    }

    /// The parenthesised hint at the end of a subschema's description, if any.
    fn unit(&self, file: &str, ptr: &str) -> Option<String> {
        let desc = self
            .resolved_subschema(file, ptr)?
            .get("description")?
            .as_str()?;
        unit_of(desc)
    }

    fn convert(
        &self,
        err: &ValidationError<'_>,
        out: &mut Vec<SchemaError>,
        missing: &mut Vec<Missing>,
    ) {
        let instance_path = err.instance_path().as_str().to_string();
        let loc = self.locate(err);
        let instance = err.instance();
        let name = display_name(&instance_path);
        // Where the failing limit comes from, when not the MC API's published schema.
        let source = self
            .subschema(&loc.file, &loc.parent_ptr)
            .and_then(|s| s.get("x-valint-source"))
            .and_then(Value::as_str);
        let push =
            |out: &mut Vec<SchemaError>, kind: SchemaErrorKind, path: String, message: String| {
                let source = match kind {
                    SchemaErrorKind::InvalidValue { .. } => source.map(str::to_string),
                    _ => None,
                };
                out.push(SchemaError {
                    kind,
                    instance_path: path,
                    message,
                    schema_file: loc.file.clone(),
                    source,
                });
            };

        match err.kind() {
            ValidationErrorKind::Type { kind } => {
                let expected = match kind {
                    TypeKind::Single(t) => t.as_str().to_string(),
                    TypeKind::Multiple(set) => set
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(" or "),
                };
                let found = json_type_name(instance).to_string();
                let unit = self
                    .unit(&loc.file, &loc.parent_ptr)
                    .map(|u| format!(" ({u})"))
                    .unwrap_or_default();
                let message = format!(
                    "{} must be {}{unit}, found {}",
                    capitalise(&name),
                    with_article(&expected),
                    with_article(&found)
                );
                push(
                    out,
                    SchemaErrorKind::TypeMismatch { expected, found },
                    instance_path,
                    message,
                );
            }
            ValidationErrorKind::Required { property } => {
                let key = property
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| property.to_string());
                match missing
                    .iter_mut()
                    .find(|m| m.instance_path == instance_path)
                {
                    Some(m) => {
                        if !m.keys.contains(&key) {
                            m.keys.push(key);
                        }
                    }
                    None => missing.push(Missing {
                        instance_path,
                        keys: vec![key],
                        schema_file: loc.file.clone(),
                        schema_ptr: loc.parent_ptr.clone(),
                    }),
                }
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for key in unexpected {
                    let message = self.unexpected_message(&loc, &instance_path, key);
                    push(
                        out,
                        SchemaErrorKind::UnexpectedProperty { key: key.clone() },
                        instance_path.clone(),
                        message,
                    );
                }
            }
            ValidationErrorKind::FalseSchema => match split_last(&instance_path) {
                Some((parent, key)) => {
                    let message = self.forbidden_message(&parent, &key);
                    push(
                        out,
                        SchemaErrorKind::UnexpectedProperty { key },
                        parent,
                        message,
                    );
                }
                None => push(
                    out,
                    SchemaErrorKind::Other {
                        detail: "the schema accepts no value here".to_string(),
                    },
                    instance_path,
                    "The request body is rejected outright by its schema".to_string(),
                ),
            },
            ValidationErrorKind::Enum { options } => {
                let opts: Vec<&Value> = options
                    .as_array()
                    .map(|a| a.iter().collect())
                    .unwrap_or_default();
                let found = render_value(instance);
                let (detail, message) = if opts.len() <= MAX_LISTED_OPTIONS {
                    let list = opts
                        .iter()
                        .map(|v| render_value(v))
                        .collect::<Vec<_>>()
                        .join(", ");
                    (
                        format!("expected one of {list}"),
                        format!("{} must be one of {list}, found {found}", capitalise(&name)),
                    )
                } else if loc.keyword_ptr.ends_with("/$defs/eventType/enum") {
                    (
                        format!("not one of the {} known event types", opts.len()),
                        format!(
                            "{} {found} is not one of the {} Media Collection API event types",
                            capitalise(&name),
                            opts.len()
                        ),
                    )
                } else {
                    (
                        format!("not one of the {} allowed values", opts.len()),
                        format!(
                            "{} is {found}, which is not one of its {} allowed values",
                            capitalise(&name),
                            opts.len()
                        ),
                    )
                };
                push(
                    out,
                    SchemaErrorKind::InvalidValue { detail },
                    instance_path,
                    message,
                );
            }
            ValidationErrorKind::Constant { expected_value } => {
                let expected = render_value(expected_value);
                let message = format!(
                    "{} must be {expected} here (checked against {}), found {}",
                    capitalise(&name),
                    loc.file,
                    render_value(instance)
                );
                push(
                    out,
                    SchemaErrorKind::InvalidValue {
                        detail: format!("expected {expected}"),
                    },
                    instance_path,
                    message,
                );
            }
            ValidationErrorKind::Pattern { pattern } => {
                let hint = self
                    .unit(&loc.file, &loc.parent_ptr)
                    .map(|u| format!(" ({u})"))
                    .unwrap_or_default();
                let message = format!(
                    "{} must match `{pattern}`{hint}, found {}",
                    capitalise(&name),
                    render_value(instance)
                );
                push(
                    out,
                    SchemaErrorKind::InvalidValue {
                        detail: format!("does not match the pattern {pattern}"),
                    },
                    instance_path,
                    message,
                );
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => {
                let bound = match err.kind() {
                    ValidationErrorKind::Minimum { .. } => "at least",
                    ValidationErrorKind::Maximum { .. } => "at most",
                    ValidationErrorKind::ExclusiveMinimum { .. } => "greater than",
                    _ => "less than",
                };
                let unit = self
                    .unit(&loc.file, &loc.parent_ptr)
                    .map(|u| format!(" ({u})"))
                    .unwrap_or_default();
                let message = format!(
                    "{} must be {bound} {limit}{unit}, found {}",
                    capitalise(&name),
                    render_value(instance)
                );
                push(
                    out,
                    SchemaErrorKind::InvalidValue {
                        detail: format!("must be {bound} {limit}"),
                    },
                    instance_path,
                    message,
                );
            }
            ValidationErrorKind::MinLength { limit }
            | ValidationErrorKind::MaxLength { limit }
            | ValidationErrorKind::MinItems { limit }
            | ValidationErrorKind::MaxItems { limit }
            | ValidationErrorKind::MinProperties { limit }
            | ValidationErrorKind::MaxProperties { limit } => {
                let what = match err.kind() {
                    ValidationErrorKind::MinLength { .. } => "at least {} characters",
                    ValidationErrorKind::MaxLength { .. } => "at most {} characters",
                    ValidationErrorKind::MinItems { .. } => "at least {} items",
                    ValidationErrorKind::MaxItems { .. } => "at most {} items",
                    ValidationErrorKind::MinProperties { .. } => "at least {} keys",
                    _ => "at most {} keys",
                }
                .replace("{}", &limit.to_string());
                push(
                    out,
                    SchemaErrorKind::InvalidValue {
                        detail: format!("must have {what}"),
                    },
                    instance_path,
                    format!("{} must have {what}", capitalise(&name)),
                );
            }
            ValidationErrorKind::AnyOf { context } => {
                match one_of_required(context, &instance_path) {
                    Some(keys) => {
                        let list = keys
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(" or ");
                        let message =
                            format!("{} must contain at least one of {list}", capitalise(&name));
                        push(
                            out,
                            SchemaErrorKind::MissingRequired { keys },
                            instance_path,
                            message,
                        );
                    }
                    None => push(
                        out,
                        SchemaErrorKind::Other {
                            detail: "matches none of the allowed shapes (anyOf)".to_string(),
                        },
                        instance_path,
                        format!(
                            "{} matches none of the shapes its schema allows",
                            capitalise(&name)
                        ),
                    ),
                }
            }
            other => {
                let keyword = other.keyword().to_string();
                push(
                    out,
                    SchemaErrorKind::Other {
                        detail: format!("fails the `{keyword}` keyword"),
                    },
                    instance_path,
                    format!("{} fails the schema's `{keyword}` check", capitalise(&name)),
                );
            }
        }
    }

    fn missing_error(&self, m: Missing) -> SchemaError {
        let described: Vec<String> = m
            .keys
            .iter()
            .map(|k| {
                let ptr = format!("{}/properties/{}", m.schema_ptr, escape_pointer(k));
                let ty = self
                    .resolved_subschema(&m.schema_file, &ptr)
                    .and_then(|s| s.get("type"))
                    .and_then(Value::as_str);
                let unit = self.unit(&m.schema_file, &ptr);
                match (ty, unit) {
                    (Some(t), Some(u)) => format!("`{k}` ({t}, {u})"),
                    (Some(t), None) => format!("`{k}` ({t})"),
                    _ => format!("`{k}`"),
                }
            })
            .collect();
        let noun = if m.keys.len() == 1 { "key" } else { "keys" };
        let message = format!(
            "{} is missing the required {noun} {}",
            capitalise(&display_name(&m.instance_path)),
            described.join(", ")
        );
        SchemaError {
            kind: SchemaErrorKind::MissingRequired { keys: m.keys },
            instance_path: m.instance_path,
            message,
            schema_file: m.schema_file,
            source: None,
        }
    }

    fn unexpected_message(&self, loc: &KeywordLoc, instance_path: &str, key: &str) -> String {
        let parent = self.subschema(&loc.file, &loc.parent_ptr);
        let event = event_of_file(&loc.file);
        if instance_path.is_empty() {
            if let Some(event) = event {
                if key == "customMetadata" {
                    return format!(
                        "`customMetadata` is not allowed on {event} events (only on sessionStart, adStart and chapterStart)"
                    );
                }
                return format!("`{key}` is not a top-level field of {event} events");
            }
            return format!("`{key}` is not a top-level field of a Media Collection API request");
        }
        let name = display_name(instance_path);
        if let Some(patterns) = parent
            .and_then(|p| p.get("patternProperties"))
            .and_then(Value::as_object)
        {
            let list = patterns
                .keys()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(" or ");
            return format!("Key `{key}` in {name} does not match {list}: keys may use only letters, digits, `_` and `.`");
        }
        let allowed: Vec<&String> = parent
            .and_then(|p| p.get("properties"))
            .and_then(Value::as_object)
            .map(|p| p.keys().collect())
            .unwrap_or_default();
        if !allowed.is_empty() && allowed.len() <= MAX_LISTED_KEYS {
            let list = allowed
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            return format!(
                "{} does not allow the key `{key}` (allowed keys: {list})",
                capitalise(&name)
            );
        }
        match event {
            Some(event) => format!(
                "{} does not allow the key `{key}` (the {event} schema lists every accepted key)",
                capitalise(&name)
            ),
            None => format!("{} does not allow the key `{key}`", capitalise(&name)),
        }
    }

    /// Message for a key whose schema is `false` (e.g. `params` on ping).
    fn forbidden_message(&self, parent: &str, key: &str) -> String {
        match (parent.is_empty(), event_of_file(self.root_file)) {
            (true, Some(event)) => format!("`{key}` is not allowed on {event} events"),
            _ => format!(
                "{} must not contain the key `{key}`",
                capitalise(&display_name(parent))
            ),
        }
    }
}

/// If every branch of a failed `anyOf` failed only because of one missing required key on the
/// same object, the keys (in branch order).
fn one_of_required(
    context: &[Vec<ValidationError<'static>>],
    instance_path: &str,
) -> Option<Vec<String>> {
    let mut keys = Vec::new();
    for branch in context {
        if branch.is_empty() {
            return None;
        }
        for err in branch {
            match err.kind() {
                ValidationErrorKind::Required { property }
                    if err.instance_path().as_str() == instance_path =>
                {
                    let key = property.as_str()?.to_string();
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
                _ => return None,
            }
        }
    }
    (!keys.is_empty()).then_some(keys)
}

/// Event name for a per-event schema file ("adStart.json" -> "adStart").
fn event_of_file(file: &str) -> Option<&str> {
    file.strip_suffix(".json").filter(|stem| *stem != "common")
}

/// The parenthesised phrase at the very end of a description.
fn unit_of(desc: &str) -> Option<String> {
    let body = desc.trim_end().strip_suffix(')')?;
    let open = body.rfind('(')?;
    let unit = body[open + 1..].trim();
    (!unit.is_empty()).then(|| unit.to_string())
}

/// JSON type name of a value, whole numbers reported as "integer".
fn json_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn with_article(type_name: &str) -> String {
    if type_name.contains(" or ") || type_name == "null" {
        return type_name.to_string();
    }
    match type_name.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {type_name}"),
        _ => format!("a {type_name}"),
    }
}

/// Compact JSON rendering of a value, truncated for messages.
fn render_value(v: &Value) -> String {
    let s = match v {
        Value::Object(m) if !m.is_empty() => return "an object".to_string(),
        Value::Array(a) if !a.is_empty() => return "an array".to_string(),
        _ => v.to_string(),
    };
    if s.chars().count() <= MAX_VALUE_CHARS {
        s
    } else {
        let cut: String = s.chars().take(MAX_VALUE_CHARS - 1).collect();
        format!("{cut}…")
    }
}

/// How a message names the value at a JSON pointer: "`ts`", "`statesStart[0]`" or
/// "the request body".
fn display_name(pointer: &str) -> String {
    let segments: Vec<String> = pointer.split('/').skip(1).map(unescape_pointer).collect();
    match segments.as_slice() {
        [] => "the request body".to_string(),
        [.., parent, last] if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) => {
            format!("`{parent}[{last}]`")
        }
        [.., last] => format!("`{last}`"),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Splits "/a/b~1c" into ("/a", "b/c"); None for the root pointer.
fn split_last(pointer: &str) -> Option<(String, String)> {
    let i = pointer.rfind('/')?;
    Some((
        pointer[..i].to_string(),
        unescape_pointer(&pointer[i + 1..]),
    ))
}

fn unescape_pointer(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Decodes %XX escapes in a URI fragment (invalid escapes are kept as they are).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod helper_tests {
    use super::*;

    #[test]
    fn units_come_from_the_trailing_parenthesis() {
        assert_eq!(
            unit_of("Wall clock (UTC) time (epoch milliseconds)").as_deref(),
            Some("epoch milliseconds")
        );
        assert_eq!(unit_of("No unit here"), None);
        assert_eq!(unit_of("Empty ()"), None);
    }

    #[test]
    fn pointers_and_names() {
        assert_eq!(display_name(""), "the request body");
        assert_eq!(display_name("/playerTime/ts"), "`ts`");
        assert_eq!(display_name("/params/statesStart/0"), "`statesStart[0]`");
        assert_eq!(display_name("/customMetadata/a~1b"), "`a/b`");
        assert_eq!(
            split_last("/params"),
            Some((String::new(), "params".to_string()))
        );
        assert_eq!(split_last(""), None);
        assert_eq!(percent_decode("/x/%5Ea%2B%24/%zz%"), "/x/^a+$/%zz%");
    }
}
