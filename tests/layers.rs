//! The shape of `src/`: every top-level module sits in a layer, and code may only use
//! modules of lower layers. A new import against the flow (which is also what any cycle
//! needs) fails this test with the file and line that made it, and so does a new module
//! that is in no layer.
//!
//! Read from the source text, not from rustc: every `crate::NAME` and `super::NAME` that
//! resolves to another top-level module, in code (comments and doc comments are skipped).

use std::path::{Path, PathBuf};

/// Bottom to top. A module may use modules of lower layers only; modules of one layer
/// are independent of each other.
const LAYERS: &[&[&str]] = &[
    // Byte spans, source files and their line index; a small ordered-heap helper.
    &["source", "keyed"],
    // The shared vocabulary: findings with their rule metadata, and the Media Collection
    // API's own terms (event types, endpoints).
    &["diagnostic", "wire"],
    // Settings of a run.
    &["config"],
    // Reading one body: the lenient parser (and the fast path's values)...
    &["syntax"],
    // ...and the JSON Schemas, which judge what it read (the acceptor walks the fast
    // path's values as they are).
    &["schema"],
    // Reading a capture file into requests.
    &["capture"],
    // Sessions: events, the state machine, the engine and the rule interface.
    &["session"],
    // The rule catalog.
    &["rules"],
    // The result of a run.
    &["model"],
    // Orchestration of a run; masking a result.
    &["check", "redact"],
    // Rendering a result in every output format.
    &["report"],
    // The binary's own modules beside main.rs (settings files read against clap's
    // definition of `check`).
    &["cli"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file belongs to, and the module `super::` names in it (`None`
/// for the crate root).
fn module_of(src: &Path, file: &Path) -> (String, Option<String>) {
    let rel = file.strip_prefix(src).unwrap();
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    let top = parts[0].clone();
    // src/x.rs and src/x/mod.rs: `super` is the crate root; deeper files stay in `x`.
    let sup = if parts.len() == 1 || (parts.len() == 2 && parts[1] == "mod") {
        None
    } else {
        Some(top.clone())
    };
    (top, sup)
}

/// The code of a line: without `//` comments (a `//` inside a string literal is rare in
/// import paths, and only shortens what is searched).
fn code_of(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Top-level modules named in `code` after `crate::` or `super::` (when `super` is the
/// crate root), including each name in a `crate::{a, b::c}` group, with the byte offset
/// of each name.
fn referenced_at(code: &str, super_is_root: bool) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut prefixes = vec!["crate::"];
    if super_is_root {
        prefixes.push("super::");
    }
    for prefix in prefixes {
        let mut from = 0;
        while let Some(i) = code[from..].find(prefix) {
            let i = from + i;
            let before_ok = i == 0 || {
                let c = code.as_bytes()[i - 1];
                !(c.is_ascii_alphanumeric() || c == b'_')
            };
            let at = i + prefix.len();
            let after = &code[at..];
            if before_ok {
                if let Some(group) = after.strip_prefix('{') {
                    // Top-level names of a group: the first name of each depth-0 item.
                    let mut depth = 0;
                    let mut start = true;
                    for (j, c) in group.char_indices() {
                        match c {
                            '{' => depth += 1,
                            '}' if depth == 0 => break,
                            '}' => depth -= 1,
                            ',' if depth == 0 => start = true,
                            c if c.is_whitespace() => {}
                            _ if start && depth == 0 => {
                                out.push((ident_at(&group[j..]).to_string(), at + 1 + j));
                                start = false;
                            }
                            _ => {}
                        }
                    }
                } else {
                    out.push((ident_at(after).to_string(), at));
                }
            }
            from = at;
        }
    }
    out
}

fn referenced(code: &str, super_is_root: bool) -> Vec<String> {
    let mut v = referenced_at(code, super_is_root);
    v.sort_by_key(|r| r.1);
    v.into_iter().map(|r| r.0).collect()
}

#[test]
fn modules_only_use_their_own_layer_or_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in &files {
        let (module, sup) = module_of(&src, file);
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(from) = layer_of(&module) else {
            problems.push(format!(
                "{}: module `{module}` is in no layer of tests/layers.rs",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        // The file's code as one string (so a `use crate::{...}` group may span lines),
        // with the offset where each line starts.
        let mut code = String::new();
        let mut starts = Vec::new();
        for line in text.lines() {
            starts.push(code.len());
            code.push_str(code_of(line));
            code.push('\n');
        }
        for (name, at) in referenced_at(&code, sup.is_none()) {
            if name == module || name.is_empty() || name == "self" {
                continue;
            }
            let Some(to) = layer_of(&name) else {
                continue;
            };
            let line = starts.partition_point(|&s| s <= at);
            if to > from {
                problems.push(format!(
                    "src/{}:{line}: `{module}` (layer {from}) uses `{name}` (layer {to}), a higher layer",
                    file.strip_prefix(&src).unwrap().display()
                ));
            } else if to == from {
                problems.push(format!(
                    "src/{}:{line}: `{module}` uses `{name}`, a module of its own layer {from}",
                    file.strip_prefix(&src).unwrap().display()
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "imports against the layering:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn the_reference_scanner_reads_paths_and_groups() {
    assert_eq!(referenced("use crate::session::Event;", false), ["session"]);
    assert_eq!(
        referenced("use crate::{capture::X, session::{a, b}, wire};", false),
        ["capture", "session", "wire"]
    );
    assert_eq!(
        referenced("use super::Family;", false),
        Vec::<String>::new()
    );
    assert_eq!(referenced("use super::Family;", true), ["Family"]);
    assert_eq!(
        referenced("let x = notcrate::a;", false),
        Vec::<String>::new()
    );
}
