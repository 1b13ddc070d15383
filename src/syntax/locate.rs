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
    if !pointer.is_empty() {
        for raw in pointer.split('/').skip(1) {
            let token = unescape_pointer(raw);
            at = step(text, at, &token)?;
        }
    }
    let end = skip_value(text, at)?;
    Some(Span::new(at, end))
}

/// [`locate`] for `/params/<key>`, with `key` as it is (no pointer escapes): what rules
/// ask most, without writing the pointer out or splitting it.
pub fn locate_param(text: &[u8], key: &str) -> Option<Span> {
    let mut at = skip_ws(text, 0);
    for token in ["params", key] {
        at = step(text, at, token)?;
    }
    let end = skip_value(text, at)?;
    Some(Span::new(at, end))
}

/// The span of the value of member `key` (as it is, no pointer escapes) of the object
/// that starts at `at` in `text`; `None` when there is none, or the text is not as
/// expected.
pub fn locate_member(text: &[u8], at: usize, key: &str) -> Option<Span> {
    let at = step(text, at, key)?;
    let end = skip_value(text, at)?;
    Some(Span::new(at, end))
}

/// The start of the member or item `token` of the container at `at`.
fn step(text: &[u8], at: usize, token: &str) -> Option<usize> {
    match *text.get(at)? {
        b'{' => member(text, at, token),
        b'[' => item(text, at, token),
        _ => None,
    }
}

fn unescape_pointer(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.as_bytes().contains(&b'~') {
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
    string_end(text, at).map(|(end, _)| end)
}

/// One past the string starting (with its `"`) at `at`, and whether it has an escape.
fn string_end(text: &[u8], at: usize) -> Option<(usize, bool)> {
    let mut i = at + 1;
    let mut escaped = false;
    loop {
        let j = i + memchr::memchr2(b'"', b'\\', text.get(i..)?)?;
        if text[j] == b'\\' {
            escaped = true;
            i = j + 2;
        } else {
            return Some((j + 1, escaped));
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
        let (end, escaped) = string_end(text, i)?;
        let raw = &text[i + 1..end - 1];
        let matches = if escaped {
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

    /// `locate_param` is `locate` with `/params/<key>`.
    #[test]
    fn a_param_is_located_like_its_pointer() {
        let body = br#"{"playerTime":{"playhead":1,"ts":2},"params":{"a/b":1,"c~d":"x","e\"f":[1],"media.length":60},"qoeData":{"params":3}}"#;
        for (key, pointer) in [
            ("a/b", "/params/a~1b"),
            ("c~d", "/params/c~0d"),
            ("e\"f", "/params/e\"f"),
            ("media.length", "/params/media.length"),
            ("missing", "/params/missing"),
        ] {
            assert_eq!(locate_param(body, key), locate(body, pointer), "{key}");
        }
        assert!(locate_param(body, "media.length").is_some());
        assert_eq!(
            locate_param(br#"{"params":[1]}"#, "0"),
            locate(br#"{"params":[1]}"#, "/params/0")
        );
        assert_eq!(locate_param(b"[]", "x"), None);
    }
}
