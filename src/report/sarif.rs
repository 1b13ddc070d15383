//! `sarif`: SARIF 2.1.0 as GitHub code scanning reads it.
//!
//! - `tool.driver.rules`: every rule of the registry, in registry order (`ruleIndex` points
//!   into it); `help` is the text `valint explain CODE` prints.
//! - Regions count columns in UTF-16 code units (`columnKind: utf16CodeUnits`), 1-based,
//!   `endColumn` exclusive; the snippet is the (redacted, under `--redact`) source text.
//! - Secondary labels become `relatedLocations`, linked from the message as `[text](id)`.
//! - `partialFingerprints.primaryLocationLineHash` hashes the file's URI, the session's
//!   ordinal in its file (not its sid, so a re-recorded capture keeps its alerts; not in the
//!   run, so adding a capture leaves the others' alerts alone; as baselines count), the rule and
//!   the event's index in the session (or, for findings outside any session, the request's
//!   ordinal in the file), never line numbers; `:N` numbers repeats of the same key.
//! - URIs are relative to the repository root (`--repo-root`, default the current
//!   directory) with `uriBaseId` `%SRCROOT%`; files outside it get absolute `file://` URIs.
//!
//! The structs below are valint's own: the subset of SARIF valint writes. A test validates
//! the output against the official SARIF 2.1.0 JSON Schema.

use super::RenderOptions;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Report;
use crate::rules::{self, RuleMeta};
use crate::source::{SourceFile, Span};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::io::{self, Write};

/// The schema URI GitHub's examples use.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Lines longer than this get no `contextRegion` (minified HAR files are one line).
const CONTEXT_LIMIT: usize = 400;
/// Longest `region.snippet.text`, in bytes.
const SNIPPET_LIMIT: usize = 1000;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    automation_details: AutomationDetails,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<Map<String, Value>>,
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    results: Vec<ResultObj>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: DefaultConfiguration,
    properties: Value,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct DefaultConfiguration {
    level: &'static str,
}

#[derive(Serialize)]
struct AutomationDetails {
    id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultObj {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: Map<String, Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<SuppressionObj>,
    /// With a baseline: `new`, or `unchanged` for a finding the baseline holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    properties: Map<String, Value>,
}

/// A result's suppression: an inline `valint: ignore`, with its reason and place.
#[derive(Serialize)]
struct SuppressionObj {
    kind: &'static str,
    justification: String,
    location: Location,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    /// For a binary capture: the transaction, by name (its region would be in the text
    /// valint derived from the file, not in the file).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    message: Text,
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
    #[serde(skip_serializing_if = "Option::is_none")]
    context_region: Option<Region>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

/// SARIF `level` of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn problem_severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "recommendation",
    }
}

fn rule(r: &RuleMeta) -> Rule {
    let why = rules::doc_section(r, "Why it matters").unwrap_or(r.summary);
    Rule {
        id: r.code,
        name: r.name,
        short_description: Text {
            text: r.summary.to_string(),
        },
        full_description: Text {
            text: format!("{} {}", r.summary, why),
        },
        help: help(r),
        default_configuration: DefaultConfiguration {
            level: level(r.severity),
        },
        properties: serde_json::json!({
            "tags": ["valint", r.family.name()],
            "precision": "high",
            "problem.severity": problem_severity(r.severity),
        }),
    }
}

/// A rule's `help`: the text `valint explain CODE` prints ([`rules::explain_text`]), and
/// the same text as Markdown with its `CODE name` header in bold.
fn help(r: &RuleMeta) -> Help {
    let text = rules::explain_text(r);
    let head = format!("{} {}", r.code, r.name);
    let markdown = match text.strip_prefix(&head) {
        Some(rest) => format!("**{head}**{rest}"),
        None => text.clone(),
    };
    Help { text, markdown }
}

/// Percent-encodes a path for a URI (RFC 3986 `pchar`s and `/` stay as they are).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The artifact location of a file: relative to the repository root when inside it.
fn artifact(name: &str, opts: &RenderOptions) -> ArtifactLocation {
    match super::relative_path(name, &opts.repo_root) {
        Some(rel) => ArtifactLocation {
            uri: encode_path(&rel),
            uri_base_id: Some("%SRCROOT%"),
        },
        None if name == "<stdin>" => ArtifactLocation {
            uri: "stdin".into(),
            uri_base_id: Some("%SRCROOT%"),
        },
        None => ArtifactLocation {
            uri: file_uri(&super::absolute_path(name).to_string_lossy()),
            uri_base_id: None,
        },
    }
}

fn file_uri(abs: &str) -> String {
    let p = abs.replace('\\', "/");
    let p = if p.starts_with('/') {
        p
    } else {
        format!("/{p}")
    };
    format!("file://{}", encode_path(&p))
}

fn clip(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn region(src: &SourceFile, span: Span) -> Region {
    let (start_line, start_column) = src.line_col_utf16(span.start);
    let (end_line, end_column) = src.line_col_utf16(span.end);
    let s = (span.start as usize).min(src.bytes.len());
    let e = (span.end as usize).min(src.bytes.len()).max(s);
    let text = String::from_utf8_lossy(&src.bytes[s..e]);
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
        snippet: (!text.is_empty()).then(|| Text {
            text: clip(&text, SNIPPET_LIMIT).to_string(),
        }),
    }
}

/// The whole lines around a span, when they are short enough to be useful.
fn context_region(src: &SourceFile, span: Span) -> Option<Region> {
    let (first, _) = src.line_col(span.start);
    let (last, _) = src.line_col(span.end);
    let start = src.line_range(first).0;
    let end = src.line_range(last).1;
    if end < start || end - start > CONTEXT_LIMIT {
        return None;
    }
    let text = String::from_utf8_lossy(&src.bytes[start..end]).into_owned();
    let (end_line, end_column) = src.line_col_utf16(end as u32);
    Some(Region {
        start_line: first,
        start_column: 1,
        end_line,
        end_column,
        snippet: Some(Text { text }),
    })
}

/// The file and region of `span`. A binary capture (read through a derived text) has no
/// region: the result names its transaction as a logical location instead.
fn physical(report: &Report, file: usize, span: Span, opts: &RenderOptions) -> PhysicalLocation {
    let src = &report.sources[file];
    let binary = src.derived_from.is_some();
    PhysicalLocation {
        artifact_location: artifact(&src.name, opts),
        region: (!binary).then(|| region(src, span)),
        context_region: if binary {
            None
        } else {
            context_region(src, span)
        },
    }
}

/// Escapes text for a SARIF message that may also hold embedded links: `[`, `]` and a
/// backslash before them are escaped with `\`.
fn escape_message(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\\' if matches!(chars.get(i + 1), Some('[' | ']')) => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out
}

fn message(d: &Diagnostic) -> String {
    let mut text = escape_message(&d.message);
    if let Some(l) = &d.primary.text {
        text.push_str(&format!(" ({})", escape_message(l)));
    }
    if !d.secondary.is_empty() {
        let links: Vec<String> = d
            .secondary
            .iter()
            .enumerate()
            .map(|(i, l)| {
                format!(
                    "[{}]({})",
                    escape_message(l.text.as_deref().unwrap_or("related location")),
                    i + 1
                )
            })
            .collect();
        text.push_str(&format!(". See: {}", links.join(", ")));
    }
    if let Some(h) = &d.help {
        text.push_str(&format!(". Help: {}", escape_message(h)));
    }
    text
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike `DefaultHasher`.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0u8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The key a finding's fingerprint hashes (see the module docs).
pub fn fingerprint_key(sessions: &super::SessionIndex, d: &Diagnostic, uri: &str) -> Vec<String> {
    let session = sessions.position_of(d).map(|i| format!("session#{i}"));
    match (session, d.context.event_index) {
        (Some(s), Some(ev)) => vec![
            uri.to_string(),
            s,
            d.rule.code.to_string(),
            format!("event#{ev}"),
        ],
        (Some(s), None) => vec![uri.to_string(), s, d.rule.code.to_string()],
        (None, _) => vec![
            uri.to_string(),
            "file".into(),
            d.rule.code.to_string(),
            d.context
                .request
                .map_or_else(|| "request#-".into(), |r| format!("request#{r}")),
        ],
    }
}

fn properties(d: &Diagnostic) -> Map<String, Value> {
    let mut p = Map::new();
    if let Some(s) = &d.context.session {
        p.insert("session".into(), Value::String(s.clone()));
    }
    if let Some(i) = d.context.event_index {
        p.insert("eventIndex".into(), Value::from(i));
    }
    if let Some(t) = &d.context.event_type {
        p.insert("eventType".into(), Value::String(t.clone()));
    }
    if let Some(r) = &d.context.request_label {
        p.insert("request".into(), Value::String(r.clone()));
    }
    if !d.context.state.is_empty() {
        let state: Map<String, Value> = d
            .context
            .state
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_json()))
            .collect();
        p.insert("state".into(), Value::Object(state));
    }
    p.insert(
        "tags".into(),
        Value::Array(vec![Value::String(d.rule.family.name().into())]),
    );
    p
}

/// Builds the SARIF log as a JSON value.
pub fn to_value(report: &Report, opts: &RenderOptions) -> Value {
    let registry = rules::registry();
    let index: HashMap<&str, usize> = registry
        .iter()
        .enumerate()
        .map(|(i, r)| (r.code, i))
        .collect();
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let sessions = super::SessionIndex::new(report);
    let mut results = Vec::with_capacity(report.diagnostics.len() + report.suppressed.len());
    let with_baseline = report.baseline.is_some();
    let unchanged = report.baseline.iter().flat_map(|b| b.unchanged.iter());
    // The log is built whole in memory: so are the findings it lists.
    let listed = report.diagnostics.to_vec();
    let all = listed
        .iter()
        .map(|d| (d, None, "new"))
        .chain(
            report
                .suppressed
                .iter()
                .map(|s| (&s.finding, Some(s), "new")),
        )
        .chain(unchanged.map(|d| (d, None, "unchanged")));
    for (d, suppressed, state) in all {
        let loc = physical(report, d.file, d.primary.span, opts);
        let key = fingerprint_key(&sessions, d, &loc.artifact_location.uri);
        let parts: Vec<&str> = key.iter().map(String::as_str).collect();
        let hash = fnv1a(&parts);
        let n = seen.entry(hash).or_insert(0);
        *n += 1;
        let mut fp = Map::new();
        fp.insert(
            "primaryLocationLineHash".into(),
            Value::String(format!("{hash:016x}:{n}")),
        );
        let related = d
            .secondary
            .iter()
            .enumerate()
            .map(|(i, l)| RelatedLocation {
                id: i + 1,
                message: Text {
                    text: escape_message(l.text.as_deref().unwrap_or("related location")),
                },
                physical_location: physical(report, d.file, l.span, opts),
            })
            .collect();
        results.push(ResultObj {
            rule_id: d.rule.code,
            rule_index: index.get(d.rule.code).copied().unwrap_or(0),
            level: level(d.severity),
            message: Text { text: message(d) },
            locations: vec![Location {
                physical_location: loc,
                logical_locations: match (
                    &report.sources[d.file].derived_from,
                    &d.context.request_label,
                ) {
                    (Some(_), Some(label)) => vec![LogicalLocation {
                        name: label.clone(),
                        kind: "object",
                    }],
                    _ => Vec::new(),
                },
            }],
            related_locations: related,
            partial_fingerprints: fp,
            suppressions: suppressed
                .map(|s| SuppressionObj {
                    kind: "inSource",
                    justification: s.reason.clone(),
                    location: Location {
                        physical_location: physical(report, s.directive_file, s.directive, opts),
                        logical_locations: Vec::new(),
                    },
                })
                .into_iter()
                .collect(),
            baseline_state: with_baseline.then_some(state),
            properties: properties(d),
        });
    }
    let problems = report.capture_problems();
    let notifications = problems
        .iter()
        .map(|p| Notification {
            level: "error",
            message: Text {
                text: format!("cannot check {}: {}", p.name, p.reason),
            },
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: artifact(&p.name, opts),
                    region: None,
                    context_region: None,
                },
                logical_locations: Vec::new(),
            }],
        })
        .collect();
    let root = super::absolute_path(&opts.repo_root.to_string_lossy());
    let mut root_uri = file_uri(&root.to_string_lossy());
    if !root_uri.ends_with('/') {
        root_uri.push('/');
    }
    let mut bases = Map::new();
    bases.insert("%SRCROOT%".into(), serde_json::json!({ "uri": root_uri }));
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "valint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: registry.iter().map(|r| rule(r)).collect(),
                },
            },
            automation_details: AutomationDetails {
                id: opts.automation_id.clone(),
            },
            original_uri_base_ids: Some(bases),
            invocations: vec![Invocation {
                execution_successful: problems.is_empty(),
                tool_execution_notifications: notifications,
            }],
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    serde_json::to_value(log).unwrap_or(Value::Null)
}

/// Writes the SARIF log, pretty-printed.
pub fn render(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(report, opts))?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_escaping() {
        assert_eq!(escape_message("expected `]`"), "expected `\\]`");
        assert_eq!(escape_message(r"a\[b"), r"a\\\[b");
        assert_eq!(escape_message(r"a\b"), r"a\b");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(encode_path("a b/c#d.har"), "a%20b/c%23d.har");
        assert_eq!(encode_path("ß.har"), "%C3%9F.har");
        assert_eq!(file_uri("/tmp/x y"), "file:///tmp/x%20y");
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(&["a", "bc"]), fnv1a(&["ab", "c"]));
    }
}
