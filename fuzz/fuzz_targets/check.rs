//! The whole `check` pipeline (format detection, readers, parser, schemas, engine, every
//! renderer) on arbitrary bytes, under each of the names that select a reader.
//!
//! The request accounting is checked against counts taken apart from the pipeline: the
//! reader run on its own, whole (the pipeline reads in pieces; the HAR reader's whole read
//! is a separate implementation), and, where the input allows it, counts taken from the
//! bytes themselves: an NDJSON log's lines, a HAR file's `log.entries` as serde_json reads
//! them.
#![no_main]
use libfuzzer_sys::fuzz_target;
use valint::capture::{detect, read, Format};
use valint::check::{check, Input};
use valint::config::Config;
use valint::report::{self, Style};
use valint::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    let name = match data.first().map(|b| b % 5) {
        Some(0) => "capture.har",
        Some(1) => "page.md",
        Some(2) => "log.ndjson",
        Some(3) => "exchange.http",
        _ => "bodies.txt",
    };
    let report = check(
        &[Input::Bytes(name.into(), data.to_vec())],
        &Config::default(),
    );
    let f = &report.files[0];
    let total = f.checked + f.unreadable + f.skipped;

    // The reader on its own finds the same requests: each is checked, or unreadable (a
    // body over --max-body-bytes), and every region it could not read or skipped is
    // counted once.
    let file = SourceFile::new(name, None, data.to_vec());
    let format = detect(&file);
    assert_eq!(f.format, format.name());
    let whole = read(&file, format);
    assert_eq!(
        (f.checked + f.unreadable, f.skipped),
        (
            whole.requests.len() + whole.unreadable.len(),
            whole.skipped.len()
        ),
        "{name}: the pipeline's counts against the reader's"
    );

    match format {
        // Each line that is not blank or a comment is at least one record, checked,
        // unreadable or skipped; a line holds more than one only as several JSON values
        // one after another, each opening with `{` or `[`.
        Format::NdjsonLog => {
            let (mut lines, mut opens) = (0, 0);
            for line in data.split(|&b| b == b'\n') {
                let t = line.trim_ascii();
                if t.is_empty() || t.starts_with(b"#") || t.starts_with(b"//") {
                    continue;
                }
                lines += 1;
                opens += t.iter().filter(|&&b| b == b'{' || b == b'[').count();
            }
            assert!(
                lines <= total && total <= lines + opens,
                "{name}: {total} records on {lines} lines with {opens} brackets"
            );
        }
        // A HAR file that is strict JSON, with one `log` and one `entries` key: each entry
        // is one request, checked, unreadable or skipped, and nothing else is reported.
        Format::Har => {
            let once = |key: &[u8]| data.windows(key.len()).filter(|w| *w == key).count() == 1;
            if once(b"\"log\"") && once(b"\"entries\"") {
                if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
                    if let Some(entries) = v["log"]["entries"].as_array() {
                        assert_eq!(total, entries.len(), "{name}: one outcome per entry");
                    }
                }
            }
        }
        _ => {}
    }

    let mut out = Vec::new();
    report::full::render(&report, Style::default(), &mut out).unwrap();
    report::summary::render(&report, &mut out).unwrap();
    report::json::render(&report, &mut out).unwrap();
});
