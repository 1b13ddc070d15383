//! SCHEMA family: the body fails its event's JSON Schema (`schemas/`), so Adobe's server
//! answers HTTP 400 and the event is lost (FACTS §1 "Validation", §4.9).

use super::RuleMeta;
use crate::diagnostic::{Diagnostic, Severity};
use crate::schema::{SchemaError, SchemaErrorKind};
use crate::session::Event;
use crate::source::{SourceMap, Span};
use crate::syntax::NodeKind;
use std::collections::HashMap;

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

/// Unexpected keys named in one SCH003 finding; the rest are counted.
const KEYS_NAMED: usize = 3;

/// Turns a body's schema errors (sorted, as [`crate::schema::SchemaSet::validate`] returns
/// them) into findings: one per error, except that all the unexpected keys of one object
/// make one SCH003 finding, which names the first few in the body's order and counts the
/// rest. Linear in the number of errors: a body with 100,000 unknown keys gives one finding.
pub fn findings(file: usize, ev: &Event, errors: &[SchemaError]) -> Vec<Diagnostic> {
    let unexpected = |e: &SchemaError| matches!(e.kind, SchemaErrorKind::UnexpectedProperty { .. });
    let mut out = Vec::new();
    let mut i = 0;
    while i < errors.len() {
        let mut j = i + 1;
        if unexpected(&errors[i]) {
            while j < errors.len()
                && unexpected(&errors[j])
                && errors[j].instance_path == errors[i].instance_path
            {
                j += 1;
            }
        }
        let found = if j - i > 1 {
            unexpected_keys(file, ev, &errors[i..j])
        } else {
            finding(file, ev, &errors[i])
        };
        out.extend(found);
        i = j;
    }
    out
}

/// One finding for several unexpected keys of one object (`group`, all
/// [`SchemaErrorKind::UnexpectedProperty`] at the same path).
fn unexpected_keys(file: usize, ev: &Event, group: &[SchemaError]) -> Option<Diagnostic> {
    let by_key: HashMap<&str, &SchemaError> = group
        .iter()
        .filter_map(|e| match &e.kind {
            SchemaErrorKind::UnexpectedProperty { key } => Some((key.as_str(), e)),
            _ => None,
        })
        .collect();
    let (node, _, _) = ev.tree().resolve(&group[0].instance_path);
    if node.is_stand_in() {
        return None;
    }
    // The first few keys in the body's order, each once, with where they are.
    let mut named: Vec<(&str, Span)> = Vec::with_capacity(KEYS_NAMED);
    if let NodeKind::Object(members) = &node.kind {
        for m in members {
            if named.len() == KEYS_NAMED {
                break;
            }
            if by_key.contains_key(m.key.as_str()) && !named.iter().any(|(k, _)| *k == m.key) {
                named.push((&m.key, m.key_span));
            }
        }
    }
    let first = named
        .first()
        .and_then(|(k, _)| by_key.get(k).copied())
        .unwrap_or(&group[0]);
    let mut d = finding(file, ev, first)?;
    let total = by_key.len();
    let others: Vec<String> = named
        .iter()
        .skip(1)
        .map(|(k, _)| format!("`{k}`"))
        .collect();
    let rest = total.saturating_sub(named.len().max(1));
    let mut list = others.join(", ");
    if rest > 0 {
        if !list.is_empty() {
            list.push_str(" and ");
        }
        list.push_str(&format!("{rest} more"));
    }
    d.message = format!(
        "{}; {} other keys here are not allowed either: {list}; Adobe answers HTTP 400",
        first.message,
        total - 1
    );
    for (_, span) in named.iter().skip(1) {
        d.secondary_in(file, ev.map.span_to_file(*span), "not allowed here either");
    }
    if d.help.as_deref() == Some("remove this key") {
        d.help("remove these keys");
    }
    Some(d)
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
fn suggest_key(parent: &str, key: &str) -> String {
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
