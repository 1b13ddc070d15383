//! The Charles JSON session reader (`.chlsj`) on arbitrary bytes: never panics, every
//! request and every unreadable region lies inside the file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use valint::capture::{read, Format};
use valint::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    let file = SourceFile::new("fuzz.chlsj", None, data.to_vec());
    let r = read(&file, Format::CharlesJson);
    for q in &r.requests {
        assert!(q.span.end as usize <= data.len());
    }
    for u in &r.unreadable {
        assert!(u.span.end as usize <= data.len());
    }
    for (s, _) in &r.skipped {
        assert!(s.end as usize <= data.len());
    }
});
