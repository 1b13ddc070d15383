//! The lenient, span-preserving JSON/JSON5/docs-dialect parser: the heart of valint.
//!
//! `parser` turns bytes into a [`Node`] tree plus a list of [`SyntaxIssue`]s; `lower` turns
//! the tree into a `serde_json::Value` for schema validation; [`Node::resolve`] maps a JSON
//! pointer from a schema error back to the span of the value (or key) it names.

pub mod lite;
pub mod locate;
pub mod lower;
pub mod node;
pub mod parser;
pub mod strict;

pub use locate::{locate, locate_member, locate_param};
pub use lower::lower;
pub use node::{Member, Node, NodeKind, Number};
pub use parser::{
    parse, parse_value_at, parse_with, MemberAt, Outline, OutlineArray, OutlineObject,
    ParseOptions, Parsed, SyntaxIssue, SyntaxKind,
};
