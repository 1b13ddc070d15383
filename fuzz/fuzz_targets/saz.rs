//! The Fiddler archive reader (`.saz`, zip of raw exchanges) on arbitrary bytes: never
//! panics; what it derives is a transcript the transcript reader reads with every request
//! inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use valint::capture::{read, saz, Format};
use valint::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    if let Ok((text, arrivals)) = saz::derive_transcript("fuzz.saz", data) {
        let len = text.len();
        let mut file = SourceFile::new("fuzz.saz", None, text);
        file.arrivals = arrivals;
        let r = read(&file, Format::Transcript);
        for q in &r.requests {
            assert!(q.span.end as usize <= len);
        }
    }
});
