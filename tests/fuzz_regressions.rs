//! Every input the fuzzers ever crashed on (`fuzz/regressions/`), through every reader and
//! the whole pipeline with every renderer: none may panic, every span lies inside the file,
//! and the request accounting is the one counted by hand from the input (see [`EXPECTED`]).
//!

use valint::capture::{read, Format};
use valint::check::{check, Input};
use valint::config::Config;
use valint::report::{self, Style};
use valint::source::SourceFile;

/// (format detected, checked, unreadable, skipped).
type Counts = (&'static str, usize, usize, usize);

/// What `check` makes of each regression input, counted from its bytes by hand: under a
/// `.har` name, a `.md` name, a name that leaves the format to sniffing (`.ndjson` and
/// `.jsonl`) and a `.http` name. A new input needs a row here: count what it holds (as the
/// notes below do) and add it.
const EXPECTED: [(&str, [Counts; 4]); 4] = [
    // `OPTIONS /`, a Content-Length near 2^64, a blank line (47 bytes; the body's end
    // overflowed). HAR: no `log.entries`. Docs page: nothing to read. Sniffed: the request
    // line has no `HTTP/x`, so a body stream, where neither line is a body or a request
    // line it knows (`OPTIONS` is no Media Collection method): 2 unreadable. Transcript:
    // one request that is no Media Collection request (a preflight's method): skipped.
    (
        "transcript-request-content-length-overflow",
        [
            ("HAR", 0, 1, 0),
            ("docs page", 0, 0, 0),
            ("body stream", 0, 2, 0),
            ("HTTP transcript", 0, 0, 1),
        ],
    ),
    // An answer with no request before it: `HTTP/1.1 200 OK`, a Content-Length near 2^64,
    // a blank line (54 bytes; its sum with the offset wrapped and the reader went back to
    // the status line forever). HAR: no `log.entries`. Docs page: nothing to read.
    // Sniffed: no request line, so a body stream: the status line is an answer with no
    // request (skipped) and the header line is text that is no body (unreadable).
    // Transcript: the answer is skipped; there is no request.
    (
        "transcript-answer-content-length-wraps",
        [
            ("HAR", 0, 1, 0),
            ("docs page", 0, 0, 0),
            ("body stream", 0, 1, 1),
            ("HTTP transcript", 0, 0, 1),
        ],
    ),
    // An SCH005 note, in prose: 20 lines, 4 blank, one `#` heading; no `{`, `[`, code
    // fence, request line or status line. HAR: no `log.entries`, one unreadable for the
    // file. Docs page: no code block, nothing to read. Sniffed: no record and no fences,
    // so a body stream, where each of the 15 lines of prose is an unreadable line.
    // Transcript: no request or status line, so the prose is one stray run, unreadable.
    // (`crash-cb1ad8feffb0...` holds the same bytes.)
    (
        "cb1ad8feffb0",
        [
            ("HAR", 0, 1, 0),
            ("docs page", 0, 0, 0),
            ("body stream", 0, 15, 0),
            ("HTTP transcript", 0, 1, 0),
        ],
    ),
    // A mangled timeline page, 15 lines: a heading, then a code fence on line 2 that is
    // never closed (the "```json" on line 14 opens, it does not close). Docs page: the
    // rest of the file is one code block, in which the `#` lines are comments, lines 6, 7,
    // 11, 12 and 14 are text that is no request (5 unreadable), and line 15 opens a body
    // that is never closed (1 checked); the unclosed fence is the 6th unreadable.
    // Sniffed: two fences and a heading make it a docs page too. HAR: no `log.entries`.
    // Transcript: no request or status line, one stray run. (`crash-46e3d3961f47...`
    // holds the same bytes.)
    (
        "46e3d3961f47",
        [
            ("HAR", 0, 1, 0),
            ("docs page", 1, 6, 0),
            ("docs page", 1, 6, 0),
            ("HTTP transcript", 0, 1, 0),
        ],
    ),
];

#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue; // an `open/` folder: crashes not fixed yet, which do not run
        }
        let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let file = SourceFile::new("fuzz", None, bytes.clone());
        for format in [
            Format::BodyStream,
            Format::Markdown,
            Format::Har,
            Format::NdjsonLog,
            Format::Transcript,
        ] {
            let r = read(&file, format);
            let spans = r
                .requests
                .iter()
                .map(|q| q.span)
                .chain(r.unreadable.iter().map(|u| u.span))
                .chain(r.skipped.iter().map(|s| s.0))
                .chain(r.trailing.iter().map(|t| t.span));
            for s in spans {
                assert!(
                    s.start <= s.end && s.end as usize <= bytes.len(),
                    "{file_name}: {format:?}"
                );
            }
        }
        let mut got = Vec::new();
        for name in ["x.har", "x.md", "x.ndjson", "x.jsonl", "x.http"] {
            let report = check(
                &[Input::Bytes(name.into(), bytes.clone())],
                &Config::default(),
            );
            let f = &report.files[0];
            got.push((f.format.clone(), f.checked, f.unreadable, f.skipped));
            let mut out = Vec::new();
            report::full::render(&report, Style::default(), &mut out).unwrap();
            report::json::render(&report, &mut out).unwrap();
        }
        // `.ndjson` and `.jsonl` are both sniffed: the same reader, the same counts.
        assert_eq!(got[2], got[3], "{file_name}");
        got.remove(3);
        let Some((_, want)) = EXPECTED.iter().find(|(k, _)| file_name.contains(k)) else {
            panic!(
                "{file_name}: no expected counts in EXPECTED; valint gives {got:?} for \
                 .har, .md, sniffed and .http (format, checked, unreadable, skipped): count \
                 them from the input by hand and add a row"
            );
        };
        let want: Vec<_> = want
            .iter()
            .map(|&(f, c, u, s)| (f.to_string(), c, u, s))
            .collect();
        assert_eq!(got, want, "{file_name}: .har, .md, sniffed, .http");
        n += 1;
    }
    assert!(n > 0, "no regression inputs found");
}
