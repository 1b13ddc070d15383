//! [`locate`]: the span of the value a JSON pointer names in a body that is strict JSON,
//! found by scanning the text, without building the spanned tree.
//!
//! Rules point at params of bodies the fast path read ([`super::strict`]); most of those
//! bodies never need their tree otherwise, and parsing one only to find where
//! `media.length` is cost more than checking the body.

use crate::source::Span;

/// The span (relative to `text`) of the value at RFC 6901 `pointer` in `text`, which must
/// be one strict JSON value (as the fast path accepts it: no repeated keys). The span is
/// the one [`super::Node::resolve`] gives on the parsed tree: the value's first byte to one
/// past its last, quotes included. `None` when the pointer names nothing, or the text is not
/// as expected: the caller then asks the tree.
pub fn locate(text: &[u8], pointer: &str) -> Option<Span> {
    let mut at = skip_ws(text, 0);
    if pointer.is_empty() {
        let end = skip_value(text, at)?;
        return Some(Span::new(at, end));
    }
    for raw in pointer.split('/').skip(1) {
        let token = unescape_pointer(raw);
        at = match *text.get(at)? {
            b'{' => member(text, at, &token)?,
            b'[' => item(text, at, &token)?,
            _ => return None,
        };
    }
    let end = skip_value(text, at)?;
    Some(Span::new(at, end))
}

fn unescape_pointer(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains('~') {
        raw.replace("~1", "/").replace("~0", "~").into()
    } else {
        raw.into()
    }
}

fn skip_ws(text: &[u8], mut at: usize) -> usize {
    while matches!(text.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// One past the string starting (with its `"`) at `at`.
fn skip_string(text: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        let j = i + memchr::memchr2(b'"', b'\\', text.get(i..)?)?;
        if text[j] == b'\\' {
            i = j + 2;
        } else {
            return Some(j + 1);
        }
    }
}

/// One past the value starting at `at`.
fn skip_value(text: &[u8], at: usize) -> Option<usize> {
    match *text.get(at)? {
        b'"' => skip_string(text, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            loop {
                match *text.get(i)? {
                    b'"' => {
                        i = skip_string(text, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = at;
            while let Some(b) = text.get(i) {
                if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                i += 1;
            }
            (i > at).then_some(i)
        }
    }
}

/// The start of the value of member `key` of the object at `at`.
fn member(text: &[u8], at: usize, key: &str) -> Option<usize> {
    let mut i = skip_ws(text, at + 1);
    if text.get(i) == Some(&b'}') {
        return None;
    }
    loop {
        if text.get(i) != Some(&b'"') {
            return None;
        }
        let end = skip_string(text, i)?;
        let raw = &text[i + 1..end - 1];
        let matches = if raw.contains(&b'\\') {
            serde_json::from_slice::<String>(&text[i..end]).ok()? == key
        } else {
            raw == key.as_bytes()
        };
        i = skip_ws(text, end);
        if text.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(text, i + 1);
        if matches {
            return Some(i);
        }
        i = skip_ws(text, skip_value(text, i)?);
        match text.get(i) {
            Some(b',') => i = skip_ws(text, i + 1),
            _ => return None,
        }
    }
}

/// The start of item `index` (an RFC 6901 array index) of the array at `at`.
fn item(text: &[u8], at: usize, index: &str) -> Option<usize> {
    if index.starts_with('+') || (index.starts_with('0') && index.len() > 1) {
        return None;
    }
    let n: usize = index.parse().ok()?;
    let mut i = skip_ws(text, at + 1);
    if text.get(i) == Some(&b']') {
        return None;
    }
    for _ in 0..n {
        i = skip_ws(text, skip_value(text, i)?);
        match text.get(i) {
            Some(b',') => i = skip_ws(text, i + 1),
            _ => return None,
        }
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    /// The same span as the tree's, for every pointer into a few bodies.
    #[test]
    fn agrees_with_the_tree() {
        let bodies: [&[u8]; 3] = [
            br#"{"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.length":60.5,"a\"b":"x\\y","media.id":"ep/1","nested":{"k":[1,{"z":null},"s"]}}}"#,
            b" { \"params\" : { \"media.ad.podPosition\" : 2 , \"t\" : true } , \"qoeData\":{} } ",
            br#"[{"eventType":"play"},{"eventType":"ping","params":{"x~y":[]}}]"#,
        ];
        let pointers = [
            "",
            "/eventType",
            "/playerTime",
            "/playerTime/ts",
            "/params",
            "/params/media.length",
            "/params/a\"b",
            "/params/media.id",
            "/params/nested/k",
            "/params/nested/k/1",
            "/params/nested/k/1/z",
            "/params/nested/k/2",
            "/params/media.ad.podPosition",
            "/params/t",
            "/qoeData",
            "/0",
            "/1/params/x~0y",
            "/1/eventType",
            "/params/missing",
            "/2",
            "/params/nested/k/01",
        ];
        let mut found = 0;
        for body in bodies {
            let root = parse(body).root;
            for p in pointers {
                let (node, _, exists) = root.resolve(p);
                let got = locate(body, p);
                if exists {
                    assert_eq!(
                        got,
                        Some(node.span),
                        "{p} in {}",
                        String::from_utf8_lossy(body)
                    );
                    found += 1;
                } else {
                    assert_eq!(got, None, "{p}");
                }
            }
        }
        assert!(found > 15);
    }
}
