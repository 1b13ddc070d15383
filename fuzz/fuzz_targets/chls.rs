//! The Charles native session reader (`.chls`, Java serialization read by jaded) on
//! arbitrary bytes: never panics; what it derives is NDJSON that the NDJSON reader reads
//! with every record inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use valint::capture::{chls, read, Format};
use valint::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    // The stream magic, so that the fuzzer spends its time past it.
    let mut bytes = vec![0xAC, 0xED, 0x00, 0x05];
    bytes.extend_from_slice(data);
    if let Ok(text) = chls::derive_ndjson("fuzz.chls", &bytes) {
        let len = text.len();
        let file = SourceFile::new("fuzz.chls", None, text);
        let r = read(&file, Format::NdjsonLog);
        for q in &r.requests {
            assert!(q.span.end as usize <= len);
        }
    }
});
