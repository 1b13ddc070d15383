//! The usual record, read by hand: a request log's line such as
//! `{"timestamp":"…","method":"POST","url":"…","status":204,"body":{"playerTime":{…},"eventType":"ping"}}`.
//!
//! [`read`] takes a record whose members are strings without escapes, plain non-negative
//! numbers (see [`crate::syntax::strict::plain_number`]), `true`, `false`, `null`, and one
//! or more bare bodies (see
//! [`crate::syntax::strict::plain_bare_body`]) under the body's names, with any JSON
//! whitespace between; it gives the members exactly as [`super::LineSeed`] reads them.
//! Anything else (an escape, an exponent, a nested object under another name, a body with
//! more members, a repeated key, a bare body on its own line) is `None`, and serde_json
//! reads the line as before: the hand reading only ever agrees with it or stands aside
//! (`tests::plain_records_read_as_serde_json_reads_them` holds the two to that).
//!
//! Why: serde_json spends about 6,000 instructions on such a line, most of them in the
//! machinery around a dozen short tokens; by hand it is a scan per string.

use super::record::{BODY, BODY_MEMBERS};
use super::{Bodies, LineValue, Members};
use crate::syntax::strict::{plain_bare_body, plain_key, plain_number, plain_string_end, skip_ws};
use std::borrow::Cow;

/// Reads the record that is the whole of `text` (a line, UTF-8 already checked, starting
/// with its opening brace; JSON whitespace may follow the closing one) into `members` and
/// `bodies` (both empty), as [`super::LineSeed`] would; `None` when the record is not
/// written plainly (see the module docs), leaving `members` and `bodies` partly filled:
/// the caller empties them and reads the line with serde_json.
pub(super) fn read<'a>(
    text: &'a str,
    members: &mut Members<'a>,
    bodies: &mut Bodies<'a>,
) -> Option<()> {
    let b = text.as_bytes();
    if b.first() != Some(&b'{') {
        return None;
    }
    let mut i = skip_ws(b, 1);
    loop {
        // (An empty record is not read here either: serde_json says what it is.)
        let (key, value) = plain_key(b, i)?;
        let key = &text[key];
        i = value;
        if BODY_MEMBERS.contains(&key) || members.iter().any(|(k, _)| *k == key) {
            return None; // a bare body on its own line, or a repeated key
        }
        let body = BODY.contains(&key);
        let value = match b.get(i)? {
            // (A body that is not an object is not read by the fast path at all.)
            _ if body && b[i] != b'{' => return None,
            b'{' if body => {
                let (body, len) = plain_bare_body(&text[i..])?;
                let slot = bodies.iter().position(Option::is_none)?;
                bodies[slot] = Some(body);
                let value = LineValue::Body(slot, i, i + len);
                i += len;
                value
            }
            b'"' => {
                let end = plain_string_end(b, i + 1)?;
                let value = LineValue::Str(Cow::Borrowed(&text[i + 1..end]));
                i = end + 1;
                value
            }
            b'0'..=b'9' => {
                let (n, end) = plain_number(b, i)?;
                i = end;
                LineValue::Value(n)
            }
            _ => {
                let (value, word): (_, &[u8]) = match b[i] {
                    b't' => (serde_json::Value::Bool(true), b"true"),
                    b'f' => (serde_json::Value::Bool(false), b"false"),
                    b'n' => (serde_json::Value::Null, b"null"),
                    _ => return None,
                };
                if !b[i..].starts_with(word) {
                    return None;
                }
                i += word.len();
                LineValue::Value(value)
            }
        };
        members.push((key, value));
        i = skip_ws(b, i);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b'}') => break,
            _ => return None,
        }
    }
    // Nothing but whitespace after the record.
    (skip_ws(b, i + 1) == b.len()).then_some(())
}
