//! SCHEMA family: the body fails its event's JSON Schema (`schemas/`), so Adobe's server
//! answers HTTP 400 and the event is lost (FACTS §1 "Validation", §4.9).

use super::RuleMeta;
use crate::diagnostic::{Diagnostic, Severity};
use crate::schema::{SchemaError, SchemaErrorKind};
use crate::session::Event;
use crate::source::{SourceMap, Span};

pub mod invalid_value;
pub mod missing_required;
pub mod schema_type_mismatch;
pub mod schema_violation;
pub mod unexpected_property;

pub use invalid_value::INVALID_VALUE;
pub use missing_required::MISSING_REQUIRED;
pub use schema_type_mismatch::TYPE_MISMATCH;
pub use schema_violation::OTHER;
pub use unexpected_property::UNEXPECTED_PROPERTY;

/// The rule a schema error belongs to.
pub fn rule_for(kind: &SchemaErrorKind) -> &'static RuleMeta {
    match kind {
        SchemaErrorKind::TypeMismatch { .. } => &TYPE_MISMATCH,
        SchemaErrorKind::MissingRequired { .. } => &MISSING_REQUIRED,
        SchemaErrorKind::UnexpectedProperty { .. } => &UNEXPECTED_PROPERTY,
        SchemaErrorKind::InvalidValue { .. } => &INVALID_VALUE,
        SchemaErrorKind::Other { .. } => &OTHER,
    }
}

/// Turns one schema error into a diagnostic on the right bytes; `None` when the value is a
/// placeholder or unreadable (its syntax finding already says everything).
pub fn finding(file: usize, ev: &Event, err: &SchemaError) -> Option<Diagnostic> {
    let (node, key_span, found) = ev.tree().resolve(&err.instance_path);
    if node.is_stand_in() {
        return None;
    }
    let map: &SourceMap = &ev.map;
    let rule = rule_for(&err.kind);
    let (span, label) = match &err.kind {
        SchemaErrorKind::UnexpectedProperty { key } => match node.member(key) {
            Some(m) => (m.key_span, "not allowed here".to_string()),
            None => (node.span, "not allowed here".to_string()),
        },
        SchemaErrorKind::MissingRequired { keys } => {
            let one_of = err.message.contains("at least one");
            let what = match (one_of, keys.len()) {
                (true, _) => "needs one of",
                (false, 1) => "missing key",
                (false, _) => "missing keys",
            };
            let label = format!(
                "{what} {}",
                keys.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            match (key_span, err.instance_path.is_empty()) {
                (Some(ks), false) if found => (ks, label),
                _ => (
                    Span::new(node.span.start as usize, node.span.start as usize + 1),
                    label,
                ),
            }
        }
        SchemaErrorKind::TypeMismatch { expected, .. } => {
            (node.span, format!("expected {expected}"))
        }
        SchemaErrorKind::InvalidValue { .. } | SchemaErrorKind::Other { .. } => {
            (node.span, "invalid value".to_string())
        }
    };
    let message = match &err.source {
        Some(source) => format!(
            "{}; this limit comes from {source}, not from the MC API's published schema, so Adobe likely accepts it",
            err.message
        ),
        None => format!("{}; Adobe answers HTTP 400", err.message),
    };
    let mut d = Diagnostic::new(rule, file, map.span_to_file(span), message);
    if err.source.is_some() {
        d.severity = Severity::Warning;
    }
    d.label(label);
    d.help(match &err.kind {
        SchemaErrorKind::UnexpectedProperty { key } => suggest_key(&err.instance_path, key),
        SchemaErrorKind::MissingRequired { .. } => "add the missing keys".to_string(),
        _ => format!("see schemas/{}", err.schema_file),
    });
    d.context.event_type = ev.event_type_raw.as_deref().map(str::to_string);
    d.context.request_label = ev.label.clone();
    Some(d)
}

/// A fix for an unexpected key: the documented key it most likely meant, or what to do.
pub fn suggest_key(parent: &str, key: &str) -> String {
    const QOE: [&str; 4] = ["bitrate", "droppedFrames", "framesPerSecond", "timeToStart"];
    if parent.ends_with("/qoeData") && QOE.contains(&key) {
        return format!("did you mean `media.qoe.{key}`?");
    }
    if parent.is_empty() && key == "params" {
        return "this event carries no params; remove them".into();
    }
    if parent.is_empty() && key == "customMetadata" {
        return "customMetadata goes on sessionStart, adStart or chapterStart only".into();
    }
    if parent.ends_with("/params") && !key.starts_with("media.") && !key.contains('.') {
        return format!("if this is a standard parameter, it is spelled `media.{key}`; custom data goes in customMetadata");
    }
    "remove this key".into()
}
