//! SYNTAX family: the body is not strict JSON. Produced by the lenient parser.
//!
//! Adobe's collection servers parse request bodies as strict JSON (RFC 8259); any deviation
//! makes the request fail before schema validation, so these are errors unless noted.

use super::RuleMeta;
use crate::diagnostic::Severity;
use crate::syntax::SyntaxKind;

pub mod bare_word_value;
pub mod comment;
pub mod control_character;
pub mod duplicate_key;
pub mod integer_overflow;
pub mod invalid_escape;
pub mod invalid_utf8;
pub mod json5_escape;
pub mod json5_number;
pub mod malformed_number;
pub mod missing_colon;
pub mod missing_comma;
pub mod nesting_too_deep;
pub mod non_finite_number;
pub mod not_a_request;
pub mod placeholder_value;
pub mod single_quoted_string;
pub mod template_value;
pub mod trailing_comma;
pub mod trailing_data;
pub mod unexpected_end;
pub mod unexpected_token;
pub mod unquoted_key;

pub use bare_word_value::BARE_WORD;
pub use comment::COMMENT;
pub use control_character::CONTROL_CHARACTER;
pub use duplicate_key::DUPLICATE_KEY;
pub use integer_overflow::INTEGER_OVERFLOW;
pub use invalid_escape::INVALID_ESCAPE;
pub use invalid_utf8::INVALID_UTF8;
pub use json5_escape::JSON5_ESCAPE;
pub use json5_number::JSON5_NUMBER;
pub use malformed_number::MALFORMED_NUMBER;
pub use missing_colon::MISSING_COLON;
pub use missing_comma::MISSING_COMMA;
pub use nesting_too_deep::NESTING_TOO_DEEP;
pub use non_finite_number::NON_FINITE;
pub use not_a_request::NOT_A_REQUEST;
pub use placeholder_value::PLACEHOLDER;
pub use single_quoted_string::SINGLE_QUOTED;
pub use template_value::TEMPLATE_VALUE;
pub use trailing_comma::TRAILING_COMMA;
pub use trailing_data::TRAILING_DATA;
pub use unexpected_end::UNEXPECTED_END;
pub use unexpected_token::UNEXPECTED_TOKEN;
pub use unquoted_key::UNQUOTED_KEY;

/// The rule a parser finding belongs to.
pub fn rule_for(kind: SyntaxKind) -> &'static RuleMeta {
    match kind {
        SyntaxKind::UnexpectedToken => &UNEXPECTED_TOKEN,
        SyntaxKind::UnexpectedEnd => &UNEXPECTED_END,
        SyntaxKind::UnquotedKey => &UNQUOTED_KEY,
        SyntaxKind::SingleQuotedString => &SINGLE_QUOTED,
        SyntaxKind::Comment => &COMMENT,
        SyntaxKind::TrailingComma => &TRAILING_COMMA,
        SyntaxKind::MissingComma => &MISSING_COMMA,
        SyntaxKind::MissingColon => &MISSING_COLON,
        SyntaxKind::BareWord => &BARE_WORD,
        SyntaxKind::Placeholder => &PLACEHOLDER,
        SyntaxKind::TemplateValue => &TEMPLATE_VALUE,
        SyntaxKind::MalformedNumber => &MALFORMED_NUMBER,
        SyntaxKind::Json5Number => &JSON5_NUMBER,
        SyntaxKind::NonFiniteNumber => &NON_FINITE,
        SyntaxKind::IntegerOverflow => &INTEGER_OVERFLOW,
        SyntaxKind::DuplicateKey => &DUPLICATE_KEY,
        SyntaxKind::InvalidUtf8 => &INVALID_UTF8,
        SyntaxKind::InvalidEscape => &INVALID_ESCAPE,
        SyntaxKind::Json5Escape => &JSON5_ESCAPE,
        SyntaxKind::ControlCharacter => &CONTROL_CHARACTER,
        SyntaxKind::NestingTooDeep => &NESTING_TOO_DEEP,
        SyntaxKind::TrailingData => &TRAILING_DATA,
    }
}

/// Message, label and help for a parser finding; `text` is the offending source text.
pub fn describe(
    kind: SyntaxKind,
    text: &str,
    expected: Option<&str>,
) -> (String, String, Option<String>) {
    let t = shorten(text);
    let (msg, label, help): (String, String, Option<String>) = match kind {
        SyntaxKind::UnexpectedToken => (
            format!(
                "unexpected `{t}`: expected {}",
                expected.unwrap_or("a value")
            ),
            "not valid here".into(),
            None,
        ),
        SyntaxKind::UnexpectedEnd => (
            format!(
                "the body ends early: expected {}",
                expected.unwrap_or("more input")
            ),
            "ends here".into(),
            Some(
                "close every `{`, `[` and string; if the capture was cut off, re-record it".into(),
            ),
        ),
        SyntaxKind::UnquotedKey => (
            format!("key `{t}` is not quoted"),
            "unquoted key".into(),
            Some(format!("write `\"{t}\"`")),
        ),
        SyntaxKind::SingleQuotedString => (
            "string in single quotes".into(),
            "single quotes".into(),
            Some("use double quotes".into()),
        ),
        SyntaxKind::Comment => (
            "comment inside a body".into(),
            "comment".into(),
            Some("remove the comment".into()),
        ),
        SyntaxKind::TrailingComma => (
            "trailing comma before the closing bracket".into(),
            "trailing comma".into(),
            Some("remove this comma".into()),
        ),
        SyntaxKind::MissingComma => (
            "missing comma".into(),
            "expected `,` here".into(),
            Some("add a comma".into()),
        ),
        SyntaxKind::MissingColon => (
            "missing colon after the key".into(),
            "expected `:` here".into(),
            Some("add `:`".into()),
        ),
        SyntaxKind::BareWord => (
            format!("value `{t}` is a bare word, not a JSON string"),
            "bare word".into(),
            Some(format!("write `\"{t}\"`")),
        ),
        SyntaxKind::Placeholder => (
            format!("`{t}` is a documentation placeholder, not a value"),
            "placeholder".into(),
            Some("send the real value (for `ts`: epoch milliseconds, an integer)".into()),
        ),
        SyntaxKind::TemplateValue => (
            format!(
                "`{t}` is an unfilled template value; data sent with it never reaches your reports"
            ),
            "fill this in".into(),
            Some("replace it with your own value from Adobe".into()),
        ),
        SyntaxKind::MalformedNumber => {
            let digits: String = t
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
                .collect();
            (
                format!("`{t}` is not a number"),
                "not a number".into(),
                (!digits.is_empty()).then(|| format!("did you mean `{digits}`?")),
            )
        }
        SyntaxKind::Json5Number => (
            format!("`{t}` is a JSON5 number form that JSON does not allow"),
            "JSON5 number".into(),
            Some("write the number in decimal, with digits on both sides of `.`".into()),
        ),
        SyntaxKind::NonFiniteNumber => (
            format!("`{t}` is not a finite number"),
            "not representable in JSON".into(),
            None,
        ),
        SyntaxKind::IntegerOverflow => (
            format!("integer `{t}` does not fit 64 bits"),
            "too large".into(),
            None,
        ),
        SyntaxKind::DuplicateKey => (
            format!("key {t} appears twice; the first value is lost"),
            "repeated here".into(),
            Some("send each key once".into()),
        ),
        SyntaxKind::InvalidUtf8 => (
            "bytes that are not UTF-8".into(),
            "invalid UTF-8".into(),
            None,
        ),
        SyntaxKind::InvalidEscape => (
            format!("invalid escape `{t}`"),
            "invalid escape".into(),
            Some("pair UTF-16 surrogates and use only JSON's escapes".into()),
        ),
        SyntaxKind::Json5Escape => (
            format!("`{t}` is a JSON5 escape that JSON does not allow"),
            "JSON5 escape".into(),
            None,
        ),
        SyntaxKind::ControlCharacter => (
            "raw control character in a string".into(),
            "escape this".into(),
            None,
        ),
        SyntaxKind::NestingTooDeep => (
            "nesting deeper than the limit; the nested value is skipped".into(),
            "too deep".into(),
            None,
        ),
        SyntaxKind::TrailingData => (
            "text after the end of the body".into(),
            "trailing text".into(),
            None,
        ),
    };
    let msg = if rule_for(kind).severity == Severity::Error {
        format!("{msg}; Adobe answers HTTP 400")
    } else {
        msg
    };
    (msg, label, help)
}

fn shorten(text: &str) -> String {
    let one_line = text.lines().next().unwrap_or("");
    if one_line.chars().count() > 40 {
        let s: String = one_line.chars().take(37).collect();
        format!("{s}...")
    } else {
        one_line.to_string()
    }
}
