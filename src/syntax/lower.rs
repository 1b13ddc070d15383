//! Lowering the spanned tree to `serde_json::Value`, the shape jsonschema validates.

use super::node::{Node, NodeKind, Number};
use serde_json::{Map, Value};

/// Lowers `node` to a `serde_json::Value`.
///
/// Placeholders, unreadable values and non-finite numbers become `null` (the json5 crate does
/// the same for NaN/Infinity); a repeated key keeps its last value, as serde_json does.
/// Integers beyond 64 bits are already doubles in the tree.
pub fn lower(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Null | NodeKind::Placeholder(_) | NodeKind::Invalid => Value::Null,
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Number(n) => match *n {
            Number::Int(i) => Value::from(i),
            Number::UInt(u) => Value::from(u),
            Number::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
            Number::NonFinite => Value::Null,
        },
        NodeKind::String(s) => Value::String(s.clone()),
        NodeKind::Array(items) => Value::Array(items.iter().map(lower).collect()),
        NodeKind::Object(members) => {
            let mut map = Map::with_capacity(members.len());
            for m in members {
                map.insert(m.key.clone(), lower(&m.value));
            }
            Value::Object(map)
        }
    }
}
