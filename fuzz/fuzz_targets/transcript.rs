//! The HTTP-transcript reader on arbitrary bytes: never panics or hangs; every request,
//! unreadable region, skipped request and trailing text lies inside the file; requests,
//! unreadable regions and skipped requests are in file order and do not overlap (each
//! part of the file is one request at most); each checked request starts with its `POST`
//! line; and each body is the file's own bytes where its map says it is.
#![no_main]
use libfuzzer_sys::fuzz_target;
use valint::capture::{read, Format};
use valint::source::{SourceFile, SourceMap, Span};

fuzz_target!(|data: &[u8]| {
    let file = SourceFile::new("fuzz.http", None, data.to_vec());
    let r = read(&file, Format::Transcript);
    let in_file = |s: Span| s.start <= s.end && s.end as usize <= data.len();
    let mut parts: Vec<Span> = Vec::new();
    for q in &r.requests {
        assert!(in_file(q.span), "request {:?}", q.span);
        parts.push(q.span);
        // A checked request is a POST: its span starts at the request line (after curl's
        // `> ` when there is one).
        let rest = &data[q.span.start as usize..];
        let line = &rest[..rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())];
        let line = line.strip_prefix(b"> ").unwrap_or(line);
        let method = std::str::from_utf8(line)
            .ok()
            .and_then(|l| l.split_whitespace().next());
        assert_eq!(method, Some("POST"), "request {:?}", q.span);
        // The body is where its map says, inside the request.
        match &q.map {
            SourceMap::Offset(base) => {
                let at = *base as usize;
                assert!(at + q.body.len() <= q.span.end as usize);
                assert!(at >= q.span.start as usize);
                assert_eq!(&data[at..at + q.body.len()], &q.body[..]);
            }
            SourceMap::Escaped(cps) => {
                // A body pasted as `> ` lines: each line's text, joined with `\n`.
                for (k, &(b, f)) in cps.iter().enumerate() {
                    let end = cps.get(k + 1).map_or(q.body.len(), |n| n.0 as usize - 1);
                    let chunk = &q.body[b as usize..end];
                    let f = f as usize;
                    assert!(f >= q.span.start as usize && f + chunk.len() <= q.span.end as usize);
                    assert_eq!(&data[f..f + chunk.len()], chunk);
                    if k + 1 < cps.len() {
                        assert_eq!(q.body[end], b'\n');
                    }
                }
            }
            SourceMap::Opaque(_) => panic!("a transcript body is the file's own text"),
        }
    }
    for u in &r.unreadable {
        assert!(in_file(u.span), "unreadable {:?}", u.span);
        parts.push(u.span);
    }
    for (s, _) in &r.skipped {
        assert!(in_file(*s), "skipped {s:?}");
        parts.push(*s);
    }
    for t in &r.trailing {
        assert!(in_file(t.span), "trailing {:?}", t.span);
    }
    parts.sort_by_key(|s| (s.start, s.end));
    for w in parts.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "overlapping parts {:?} and {:?}",
            w[0],
            w[1]
        );
    }
    // Requests are numbered in file order.
    for (i, q) in r.requests.iter().enumerate() {
        assert_eq!(q.ordinal, i);
    }
});
