//! The lenient parser on arbitrary bytes: whole-body and stream mode, with a small depth
//! limit too. Checks spans stay in bounds and lowering never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use valint::syntax::{lower, parse, parse_value_at, parse_with, ParseOptions};

fuzz_target!(|data: &[u8]| {
    let p = parse(data);
    let _ = lower(&p.root);
    for i in &p.issues {
        assert!(i.span.start <= i.span.end && i.span.end as usize <= data.len());
    }
    let _ = parse_with(data, ParseOptions { max_depth: 3 });
    let mut pos = 0;
    while pos < data.len() {
        let q = parse_value_at(data, pos, ParseOptions::default());
        assert!(q.end <= data.len());
        if q.end <= pos {
            break;
        }
        pos = q.end;
    }
});
