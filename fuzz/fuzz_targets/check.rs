//! The whole `check` pipeline (format detection, readers, parser, schemas, engine, every
//! renderer) on arbitrary bytes, under each of the names that select a reader.
#![no_main]
use libfuzzer_sys::fuzz_target;
use valint::check::{check, Input};
use valint::config::Config;
use valint::report::{self, Style};

fuzz_target!(|data: &[u8]| {
    let name = match data.first().map(|b| b % 4) {
        Some(0) => "capture.har",
        Some(1) => "page.md",
        Some(2) => "log.ndjson",
        _ => "bodies.txt",
    };
    let report = check(&[Input::Bytes(name.into(), data.to_vec())], &Config::default());
    let f = &report.files[0];
    assert_eq!(f.requests(), f.checked + f.unreadable);
    let mut out = Vec::new();
    report::full::render(&report, Style::default(), &mut out).unwrap();
    report::summary::render(&report, &mut out).unwrap();
    report::json::render(&report, &mut out).unwrap();
});
