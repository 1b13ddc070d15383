//! Which files a run checks: paths as given, folders walked, and globs the shell left as
//! they were (no match, or a shell that does not expand them).
//!
//! A folder is walked with the `ignore` crate, as ripgrep and ruff do: `.gitignore`,
//! `.ignore` and git's exclude files are respected (inside a git repository or not), hidden
//! files and folders are skipped, and entries are taken in name order. Of its files, those
//! [`capture::looks_like_capture`] accepts are checked. `--extend-exclude GLOB` leaves out
//! walked files and folders whose path (as walked, or relative to the folder given) or
//! name matches. A file named explicitly is always checked.

use crate::capture;
use std::path::{Path, PathBuf};

/// What [`discover`] found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Discovered {
    /// Files to check, in the order found (explicit paths as given; a folder's files in
    /// name order).
    pub files: Vec<PathBuf>,
    /// Paths that are no file or folder, for the caller to check as they are (each is an
    /// unreadable input, exit 3): a path without glob characters (a typo or a missing
    /// capture), and globs that matched nothing when nothing else was found.
    pub unmatched: Vec<PathBuf>,
    /// Things to tell the user: a folder without captures; a glob that matched nothing
    /// while other inputs have files (a workflow's glob for a format it has no capture of
    /// yet).
    pub warnings: Vec<String>,
}

/// Whether `s` has glob metacharacters (`*`, `?`, `[`, `{`).
fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '[', '{'])
}

/// Bytes read from a file of a sniffed extension to tell whether it is a capture.
const SNIFF_BYTES: usize = 64 * 1024;

/// The first [`SNIFF_BYTES`] of `path` (empty if it cannot be read: the file is then left
/// out of a walk).
fn head_of(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut buf = Vec::new();
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f.take(SNIFF_BYTES as u64).read_to_end(&mut buf);
    }
    buf
}

/// Expands `paths` into files to check, in order; `-` (stdin, which the caller reads) is
/// passed on as it is and counts as an input. `exclude` are `--extend-exclude` globs. Errors: a glob that does not compile (in `exclude` or in
/// `paths`), with the glob and why.
pub fn discover(paths: &[PathBuf], exclude: &[String]) -> Result<Discovered, String> {
    let mut set = globset::GlobSetBuilder::new();
    for g in exclude {
        let glob = globset::GlobBuilder::new(g)
            .literal_separator(false)
            .build()
            .map_err(|e| format!("--extend-exclude `{g}`: {e}"))?;
        set.add(glob);
    }
    let exclude = set.build().map_err(|e| format!("--extend-exclude: {e}"))?;
    let mut out = Discovered::default();
    let mut empty_globs = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.files.push(p.clone());
        } else if p.is_dir() {
            let before = out.files.len();
            walk(p, &exclude, &mut out.files);
            if out.files.len() == before {
                out.warnings.push(format!(
                    "{} holds no capture file (by extension: {}; by content: {})",
                    p.display(),
                    capture::CAPTURE_EXTENSIONS.join(", "),
                    capture::SNIFFED_EXTENSIONS.join(", ")
                ));
            }
        } else if p.exists() {
            out.files.push(p.clone());
        } else {
            let text = p.to_string_lossy();
            if is_glob(&text) {
                let found = expand(&text)?;
                if found.is_empty() {
                    empty_globs.push(p.clone());
                }
                out.files.extend(found);
            } else {
                out.unmatched.push(p.clone());
            }
        }
    }
    if out.files.is_empty() {
        out.unmatched.extend(empty_globs);
    } else {
        for p in &empty_globs {
            out.warnings
                .push(format!("{} matches no file", p.display()));
        }
    }
    Ok(out)
}

/// The files under `dir` that are captures (see the module docs), in name order.
fn walk(dir: &Path, exclude: &globset::GlobSet, files: &mut Vec<PathBuf>) {
    let root = dir.to_path_buf();
    let excluded = exclude.clone();
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            let p = e.path();
            let rel = p.strip_prefix(&root).unwrap_or(p);
            !(excluded.is_match(p)
                || (!rel.as_os_str().is_empty() && excluded.is_match(rel))
                || excluded.is_match(Path::new(e.file_name())))
        })
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        let head = if capture::SNIFFED_EXTENSIONS.contains(&ext) {
            head_of(path)
        } else {
            Vec::new()
        };
        if capture::looks_like_capture(&name, &head) {
            // `valint check .` names `captures/a.har`, not `./captures/a.har`.
            let shown = if dir == Path::new(".") {
                path.strip_prefix(".").unwrap_or(path)
            } else {
                path
            };
            files.push(shown.to_path_buf());
        }
    }
}

/// The files a glob matches, as a shell would expand it (`*` does not cross `/`, hidden
/// files only where the glob names them), in name order.
fn expand(pattern: &str) -> Result<Vec<PathBuf>, String> {
    let glob = globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| format!("`{pattern}`: {e}"))?
        .compile_matcher();
    // The folder the glob starts from: its leading components without metacharacters.
    let mut base = PathBuf::new();
    for c in Path::new(pattern).components() {
        if is_glob(&c.as_os_str().to_string_lossy()) {
            break;
        }
        base.push(c);
    }
    let start = if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base.clone()
    };
    if !start.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(&start)
        .standard_filters(false)
        .hidden(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        // Matched as the user wrote the glob: without a leading `./` when it had none.
        let p = entry.path();
        let shown = if base.as_os_str().is_empty() {
            p.strip_prefix(".").unwrap_or(p)
        } else {
            p
        };
        if glob.is_match(shown) {
            found.push(shown.to_path_buf());
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder holding `files` (path, text), removed on drop.
    fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let p = d.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        d
    }

    fn names(d: &Discovered, root: &Path) -> Vec<String> {
        d.files
            .iter()
            .map(|f| {
                f.strip_prefix(root)
                    .unwrap_or(f)
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn a_folder_gives_its_captures_by_name_and_content() {
        let d = tree(&[
            ("b.har", "{}"),
            ("a/x.ndjson", "{}"),
            (
                "body.json",
                r#"{"eventType":"play","playerTime":{"playhead":0}}"#,
            ),
            (
                "schema.json",
                r#"{"$schema":"x","properties":{"eventType":{},"playerTime":{}}}"#,
            ),
            ("package.json", r#"{"name":"x"}"#),
            ("README.md", "# api\n\nPOST /api/v1/sessions\n"),
            ("page.md", "# t\n\n```\n{eventType:play}\n```\n"),
            ("pic.png", "\u{89}PNG"),
            ("ignored/y.har", "{}"),
            (".hidden/z.har", "{}"),
            (".gitignore", "ignored/\n"),
        ]);
        let got = discover(&[d.path().to_path_buf()], &[]).unwrap();
        assert_eq!(
            names(&got, d.path()),
            ["a/x.ndjson", "b.har", "body.json", "page.md"]
        );
        assert!(got.warnings.is_empty() && got.unmatched.is_empty());
        let got = discover(&[d.path().to_path_buf()], &["a".into(), "*.md".into()]).unwrap();
        assert_eq!(names(&got, d.path()), ["b.har", "body.json"]);
    }

    #[test]
    fn empty_globs_are_warnings_beside_other_inputs() {
        let d = tree(&[("c/one.har", "{}"), ("empty/notes.txt", "notes")]);
        let glob_har = d.path().join("c/*.har");
        let glob_ndjson = d.path().join("c/*.ndjson");
        let got = discover(&[glob_har.clone(), glob_ndjson.clone()], &[]).unwrap();
        assert_eq!(names(&got, d.path()), ["c/one.har"]);
        assert!(got.unmatched.is_empty());
        assert_eq!(
            got.warnings,
            [format!("{} matches no file", glob_ndjson.display())]
        );
        // Alone, it is no warning: the caller reports it as an input that cannot be read.
        let got = discover(std::slice::from_ref(&glob_ndjson), &[]).unwrap();
        assert!(got.files.is_empty() && got.warnings.is_empty());
        assert_eq!(got.unmatched, [glob_ndjson]);
        // A folder without captures says so.
        let got = discover(&[d.path().join("empty")], &[]).unwrap();
        assert!(got.files.is_empty());
        assert!(got.warnings[0].ends_with(&format!(
            "holds no capture file (by extension: {}; by content: {})",
            capture::CAPTURE_EXTENSIONS.join(", "),
            capture::SNIFFED_EXTENSIONS.join(", ")
        )));
        // A path without glob characters that is not there stays an input.
        let gone = d.path().join("gone.har");
        let got = discover(&[glob_har, gone.clone()], &[]).unwrap();
        assert_eq!(got.unmatched, [gone]);
        assert!(got.warnings.is_empty());
        assert!(discover(&[], &["[".into()]).is_err());
    }
}
