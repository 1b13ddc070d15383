//! JSON Schema validation of Media Collection API request bodies.
//!
//! The schemas live in `schemas/*.json` at the crate root (draft 2020-12, one file per event
//! type plus `common.json`) and are embedded into the binary with `include_str!`. They are
//! compiled once, against a local registry keyed by their `$id`, with remote retrieval disabled.
//!
//! This module is the only place in the crate that talks to the `jsonschema` crate. Its error
//! types never leave `validator`: callers see [`SchemaError`] only.
//!
//! A subschema whose limit (`minimum`, `pattern`, `enum`) is not in the MC API's published
//! schema names where it comes from in `x-valint-source`; [`SchemaError::source`] carries
//! it, and SCH004 makes such a finding a warning.
//!
//! Message convention: when a subschema's `description` ends in a parenthesised phrase, that
//! phrase is treated as the unit or value hint and is quoted in messages, e.g. the `ts`
//! description ends in "(epoch milliseconds)".

use std::cmp::Ordering;
use std::sync::OnceLock;

mod accept;
mod validator;

/// Base URI of every bundled schema's `$id`.
pub const SCHEMA_BASE_URI: &str = "https://valint.invalid/schemas/";

/// Event types with a dedicated schema, in the fixed order reported by
/// [`SchemaSet::event_types`].
const EVENT_TYPES: [&str; 20] = [
    "sessionStart",
    "play",
    "ping",
    "bitrateChange",
    "bufferStart",
    "pauseStart",
    "adBreakStart",
    "adStart",
    "adComplete",
    "adSkip",
    "adBreakComplete",
    "chapterStart",
    "chapterComplete",
    "chapterSkip",
    "error",
    "sessionComplete",
    "sessionEnd",
    "stateStart",
    "stateEnd",
    "statesUpdate",
];

/// File name of the shared definitions.
const COMMON_FILE: &str = "common.json";

/// Every bundled schema file: (file name, text).
const EMBEDDED: [(&str, &str); 21] = [
    (COMMON_FILE, include_str!("../../schemas/common.json")),
    (
        "sessionStart.json",
        include_str!("../../schemas/sessionStart.json"),
    ),
    ("play.json", include_str!("../../schemas/play.json")),
    ("ping.json", include_str!("../../schemas/ping.json")),
    (
        "bitrateChange.json",
        include_str!("../../schemas/bitrateChange.json"),
    ),
    (
        "bufferStart.json",
        include_str!("../../schemas/bufferStart.json"),
    ),
    (
        "pauseStart.json",
        include_str!("../../schemas/pauseStart.json"),
    ),
    (
        "adBreakStart.json",
        include_str!("../../schemas/adBreakStart.json"),
    ),
    ("adStart.json", include_str!("../../schemas/adStart.json")),
    (
        "adComplete.json",
        include_str!("../../schemas/adComplete.json"),
    ),
    ("adSkip.json", include_str!("../../schemas/adSkip.json")),
    (
        "adBreakComplete.json",
        include_str!("../../schemas/adBreakComplete.json"),
    ),
    (
        "chapterStart.json",
        include_str!("../../schemas/chapterStart.json"),
    ),
    (
        "chapterComplete.json",
        include_str!("../../schemas/chapterComplete.json"),
    ),
    (
        "chapterSkip.json",
        include_str!("../../schemas/chapterSkip.json"),
    ),
    ("error.json", include_str!("../../schemas/error.json")),
    (
        "sessionComplete.json",
        include_str!("../../schemas/sessionComplete.json"),
    ),
    (
        "sessionEnd.json",
        include_str!("../../schemas/sessionEnd.json"),
    ),
    (
        "stateStart.json",
        include_str!("../../schemas/stateStart.json"),
    ),
    ("stateEnd.json", include_str!("../../schemas/stateEnd.json")),
    (
        "statesUpdate.json",
        include_str!("../../schemas/statesUpdate.json"),
    ),
];

/// All event schemas, compiled once.
///
/// Schemas are embedded with `include_str!` (never read from disk) and resolved through a local
/// registry keyed by `$id` with retrieval switched off, so validation never touches the network.
pub struct SchemaSet {
    inner: validator::Compiled,
}

impl std::fmt::Debug for SchemaSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SchemaSet")
            .field("event_types", &self.event_types())
            .finish_non_exhaustive()
    }
}

impl SchemaSet {
    /// Compiles every embedded schema; `Err(String)` only if a bundled schema is broken (a bug).
    ///
    /// # Errors
    ///
    /// A bundled schema is not valid JSON, has the wrong `$id`, or does not compile.
    pub fn load() -> Result<SchemaSet, String> {
        let inner = validator::Compiled::build(&EMBEDDED, &EVENT_TYPES, true)?;
        Ok(SchemaSet { inner })
    }

    /// Like [`SchemaSet::load`], but every body is validated by `jsonschema`, without the
    /// acceptor that proves most valid bodies valid first (`schema::accept`). Findings are
    /// the same either way; this exists for the tests that check it
    /// (`Config::jsonschema_only`) and for measuring the acceptor.
    ///
    /// # Errors
    ///
    /// As [`SchemaSet::load`].
    pub fn load_jsonschema_only() -> Result<SchemaSet, String> {
        let inner = validator::Compiled::build(&EMBEDDED, &EVENT_TYPES, false)?;
        Ok(SchemaSet { inner })
    }

    /// The global instance (`std::sync::OnceLock`); panics only if bundled schemas are broken.
    ///
    /// # Panics
    ///
    /// On first use, if [`SchemaSet::load`] fails.
    pub fn global() -> &'static SchemaSet {
        static GLOBAL: OnceLock<SchemaSet> = OnceLock::new();
        GLOBAL.get_or_init(|| {
            SchemaSet::load().unwrap_or_else(|e| panic!("bundled JSON schemas are broken: {e}"))
        })
    }

    /// The global instance of [`SchemaSet::load_jsonschema_only`].
    ///
    /// # Panics
    ///
    /// On first use, if the bundled schemas are broken.
    pub fn global_jsonschema_only() -> &'static SchemaSet {
        static GLOBAL: OnceLock<SchemaSet> = OnceLock::new();
        GLOBAL.get_or_init(|| {
            SchemaSet::load_jsonschema_only()
                .unwrap_or_else(|e| panic!("bundled JSON schemas are broken: {e}"))
        })
    }

    /// Whether the acceptor proves `body` valid against `event_type`'s schema (the
    /// envelope's for `None`) without `jsonschema`; `false` also when it cannot tell.
    /// When it says `true`, [`SchemaSet::jsonschema_valid`] does too (the property the
    /// tests check).
    #[must_use]
    pub fn acceptor_proves(&self, event_type: Option<&str>, body: &serde_json::Value) -> bool {
        self.inner.accepts(event_type, body)
    }

    /// Whether the acceptor that [`SchemaSet::validate`] asks first proves valid the body
    /// `{"eventType": event_type_text, "playerTime": {"playhead": playhead, "ts": ts}}`
    /// against `event_type`'s schema (the envelope's for `None` or an unknown name),
    /// judged from its parts without assembling it (a bare body: see
    /// [`crate::syntax::strict::Bare`]). `true` means `validate` finds no error; `false`
    /// means nothing (validate the whole body).
    #[must_use]
    pub fn proves_bare(
        &self,
        event_type: Option<&str>,
        event_type_text: &str,
        playhead: &serde_json::Value,
        ts: &serde_json::Value,
    ) -> bool {
        self.inner
            .proves_bare(event_type, event_type_text, playhead, ts)
    }

    /// [`SchemaSet::validate`] for a body read by the fast path (see
    /// [`crate::syntax::lite`]): the acceptor judges its members as they are, and only a
    /// body it cannot prove valid is assembled into a `Value` for `jsonschema`.
    #[must_use]
    pub fn validate_members(
        &self,
        event_type: Option<&str>,
        body: &crate::syntax::lite::LiteMap<'_>,
    ) -> Vec<SchemaError> {
        if self.inner.proves(event_type, accept::Inst::LiteMap(body)) {
            return Vec::new();
        }
        self.validate(event_type, &body.to_value())
    }

    /// Whether `jsonschema` finds `body` valid against `event_type`'s schema (the
    /// envelope's for `None` or an unknown name).
    #[must_use]
    pub fn jsonschema_valid(&self, event_type: Option<&str>, body: &serde_json::Value) -> bool {
        self.inner.jsonschema_valid(event_type, body)
    }

    /// Validates one request body. `event_type` selects the per-event schema; `None` or an
    /// unknown name uses the envelope schema from `common.json`.
    ///
    /// Errors are sorted by instance path, then kind, and are free of duplicates.
    #[must_use]
    pub fn validate(&self, event_type: Option<&str>, body: &serde_json::Value) -> Vec<SchemaError> {
        let mut errors = self.inner.validate(event_type, body);
        errors.sort_by(SchemaError::sort_cmp);
        errors.dedup();
        errors
    }

    /// Names of the event types that have a schema, in a fixed order.
    #[must_use]
    pub fn event_types(&self) -> &[&'static str] {
        &EVENT_TYPES
    }
}

/// One schema violation in a request body.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaError {
    pub kind: SchemaErrorKind,
    /// JSON pointer (RFC 6901) of the offending value; for Missing/Unexpected it is the PARENT
    /// object's pointer.
    pub instance_path: String,
    /// One-line message in our own words, naming the key and the expected type.
    pub message: String,
    /// The schema file name the failing keyword lives in, e.g. "adStart.json" or "common.json".
    pub schema_file: String,
    /// For an [`SchemaErrorKind::InvalidValue`] whose limit is not in the MC API's published
    /// schema: where it comes from (the subschema's `x-valint-source`, e.g. "the Media Edge
    /// API"). Such a value is likely accepted by Adobe, so its finding is a warning.
    pub source: Option<String>,
}

/// What kind of violation a [`SchemaError`] is.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemaErrorKind {
    /// A value has the wrong JSON type. `expected` is a JSON Schema type name (several are
    /// joined with " or "); `found` is the type of the value, with whole numbers reported as
    /// "integer".
    TypeMismatch { expected: String, found: String },
    /// Every missing required key of one object, in one error.
    MissingRequired { keys: Vec<String> },
    /// One error per unexpected key; `key` is raw (not pointer-escaped). Also used for keys a
    /// schema forbids outright, such as `params` on `ping`.
    UnexpectedProperty { key: String },
    /// The value has the right type but is not allowed (enum, const, pattern, minimum, ...).
    InvalidValue { detail: String },
    /// Anything else.
    Other { detail: String },
}

impl SchemaErrorKind {
    fn rank(&self) -> u8 {
        match self {
            SchemaErrorKind::MissingRequired { .. } => 0,
            SchemaErrorKind::UnexpectedProperty { .. } => 1,
            SchemaErrorKind::TypeMismatch { .. } => 2,
            SchemaErrorKind::InvalidValue { .. } => 3,
            SchemaErrorKind::Other { .. } => 4,
        }
    }

    /// The text that orders two errors of the same rank.
    fn sort_text(&self) -> String {
        match self {
            SchemaErrorKind::MissingRequired { keys } => keys.join("\u{0}"),
            SchemaErrorKind::UnexpectedProperty { key } => key.clone(),
            SchemaErrorKind::TypeMismatch { expected, found } => format!("{expected}\u{0}{found}"),
            SchemaErrorKind::InvalidValue { detail } | SchemaErrorKind::Other { detail } => {
                detail.clone()
            }
        }
    }
}

impl SchemaError {
    fn sort_cmp(a: &SchemaError, b: &SchemaError) -> Ordering {
        a.instance_path
            .cmp(&b.instance_path)
            .then_with(|| a.kind.rank().cmp(&b.kind.rank()))
            .then_with(|| a.kind.sort_text().cmp(&b.kind.sort_text()))
            .then_with(|| a.message.cmp(&b.message))
            .then_with(|| a.schema_file.cmp(&b.schema_file))
            .then_with(|| a.source.cmp(&b.source))
    }
}

#[cfg(test)]
mod tests;
