//! Every input the fuzzers ever crashed on (`fuzz/regressions/`), through every reader and
//! the whole pipeline with every renderer: none may panic, and the request accounting holds.

use valint::capture::{read, Format};
use valint::check::{check, Input};
use valint::config::Config;
use valint::report::{self, Style};
use valint::source::SourceFile;

#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let file = SourceFile::new("fuzz", None, bytes.clone());
        for format in [
            Format::BodyStream,
            Format::Markdown,
            Format::Har,
            Format::NdjsonLog,
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
                    "{}",
                    path.display()
                );
            }
        }
        for name in ["x.har", "x.md", "x.ndjson", "x.jsonl", "x.http"] {
            let report = check(
                &[Input::Bytes(name.into(), bytes.clone())],
                &Config::default(),
            );
            let f = &report.files[0];
            assert_eq!(f.requests(), f.checked + f.unreadable);
            let mut out = Vec::new();
            report::full::render(&report, Style::default(), &mut out).unwrap();
            report::json::render(&report, &mut out).unwrap();
        }
        n += 1;
    }
    assert!(n > 0, "no regression inputs found");
}
