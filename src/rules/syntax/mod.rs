//! SYNTAX family: the body is not strict JSON. Produced by the lenient parser.
//!
//! Adobe's collection servers parse request bodies as strict JSON (RFC 8259); any deviation
//! makes the request fail before schema validation, so these are errors unless noted.

use super::RuleMeta;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceMap, Span};
use crate::syntax::{SyntaxIssue, SyntaxKind};

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
pub mod misplaced_quote;
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
pub use misplaced_quote::MISPLACED_QUOTE;
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
        SyntaxKind::MisplacedQuote => &MISPLACED_QUOTE,
    }
}

/// Where a syntax finding sits, which decides how it reads.
#[derive(Debug, Clone, Copy)]
enum Place<'a> {
    /// In a request body read with nesting up to `max_depth` levels: Adobe parses bodies as
    /// strict JSON, so an error-severity deviation means it answers HTTP 400.
    Body {
        /// `--max-depth`, for the nesting finding.
        max_depth: usize,
    },
    /// In the capture file's own structure (the JSON of a HAR file), not in a body: no
    /// request went to Adobe with it. `context` says where (an entry, a field); an issue
    /// outside any Media Collection entry is only information.
    Capture {
        /// A few words on where in the capture, put before the message.
        context: Option<&'a str>,
        /// Whether the issue sits inside an entry of Media Collection traffic.
        in_media_entry: bool,
    },
}

/// What Adobe does with a body that has an error-severity syntax finding.
const REJECTED: &str = "; Adobe answers HTTP 400";

/// Message, label and help for a parser finding at `place`; `raw` is the offending source
/// bytes.
fn describe(
    kind: SyntaxKind,
    raw: &[u8],
    expected: Option<&str>,
    place: Place,
) -> (String, String, Option<String>) {
    let text = String::from_utf8_lossy(raw);
    let t = shorten(&text);
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
        SyntaxKind::MisplacedQuote => {
            let key = t.trim_start_matches([',', ' ']).trim_end_matches('"');
            (
                format!(
                    "the closing quote stands after `{key}`: the string swallowed the next key"
                ),
                "the value's quote belongs before the comma".into(),
                Some(format!(
                    "end the string before the comma and quote the key: `\", \"{key}\":`"
                )),
            )
        }
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
        SyntaxKind::InvalidUtf8 => match place {
            Place::Body { .. } => {
                let hex: Vec<String> = raw.iter().take(8).map(|b| format!("0x{b:02X}")).collect();
                let (what, verb) = if raw.len() == 1 {
                    ("byte", "is")
                } else {
                    ("bytes", "are")
                };
                let help = match raw {
                    [b] if *b >= 0xA0 => Some(format!(
                        "this looks like Latin-1 `{}`: encode text as UTF-8",
                        char::from(*b)
                    )),
                    _ => None,
                };
                (
                    format!("{what} {} {verb} not UTF-8", hex.join(" ")),
                    "invalid UTF-8".into(),
                    help,
                )
            }
            Place::Capture { .. } => (
                "bytes that are not UTF-8".into(),
                "invalid UTF-8".into(),
                None,
            ),
        },
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
            match place {
                Place::Body { max_depth } => {
                    format!("nesting deeper than {max_depth} levels; the nested value is skipped")
                }
                Place::Capture { .. } => {
                    "nesting deeper than the limit; the nested value is skipped".into()
                }
            },
            "too deep".into(),
            None,
        ),
        SyntaxKind::TrailingData => (
            "text after the end of the body".into(),
            "trailing text".into(),
            None,
        ),
    };
    let rejected = rule_for(kind).severity == Severity::Error;
    let msg = match place {
        Place::Body { .. } if rejected => format!("{msg}{REJECTED}"),
        Place::Body { .. } => msg,
        Place::Capture {
            context: Some(c),
            in_media_entry: true,
        } => format!("in the capture file: {c}: {msg}"),
        Place::Capture {
            context: None,
            in_media_entry: true,
        } if rejected => format!("in the capture file: {msg}{REJECTED}"),
        Place::Capture {
            context: None,
            in_media_entry: true,
        } => format!("in the capture file: {msg}"),
        Place::Capture {
            context: Some(c),
            in_media_entry: false,
        } => format!("in the capture file, outside Media Collection traffic: {c}: {msg}"),
        Place::Capture {
            context: None,
            in_media_entry: false,
        } => format!("in the capture file, outside Media Collection traffic: {msg}"),
    };
    (msg, label, help)
}

/// The finding for a parser issue in a request body: `body` is the body's text, `map`
/// turns its offsets into file offsets, `max_depth` is `--max-depth`. The request's
/// context (label, ordinal) is the caller's to fill in.
pub fn body_finding(
    file: usize,
    issue: &SyntaxIssue,
    body: &[u8],
    map: &SourceMap,
    max_depth: usize,
) -> Diagnostic {
    let s = (issue.span.start as usize).min(body.len());
    let e = (issue.span.end as usize).min(body.len()).max(s);
    let (msg, label, help) = describe(
        issue.kind,
        &body[s..e],
        issue.expected,
        Place::Body { max_depth },
    );
    let mut d = Diagnostic::new(
        rule_for(issue.kind),
        file,
        map.span_to_file(issue.span),
        msg,
    );
    d.label(label);
    if let Some(h) = help {
        d.help(h);
    }
    if let Some(rel) = issue.related {
        let what = match issue.kind {
            SyntaxKind::DuplicateKey => "first used here",
            _ => "opened here",
        };
        d.secondary(map.span_to_file(rel), what);
    }
    d
}

/// The finding for a parser issue in the capture file's own structure (the JSON around the
/// bodies of a HAR file): `src` is the whole file and the issue's span is a file span. Outside
/// Media Collection traffic it is information only: no request to Adobe carries it.
pub fn capture_finding(
    file: usize,
    issue: &SyntaxIssue,
    src: &[u8],
    context: Option<&str>,
    in_media_entry: bool,
) -> Diagnostic {
    let s = (issue.span.start as usize).min(src.len());
    let e = (issue.span.end as usize).min(src.len()).max(s);
    let (msg, label, help) = describe(
        issue.kind,
        &src[s..e],
        issue.expected,
        Place::Capture {
            context,
            in_media_entry,
        },
    );
    let mut d = Diagnostic::new(rule_for(issue.kind), file, issue.span, msg);
    if !in_media_entry {
        d.severity = Severity::Info;
    }
    d.label(label);
    if let Some(h) = help {
        d.help(h);
    }
    d
}

/// The finding for text after the end of a body (file span `span`): the reader's own
/// `message`, when it has one, and its `help`.
pub fn trailing_finding(
    file: usize,
    span: Span,
    src: &[u8],
    message: Option<&str>,
    help: &str,
) -> Diagnostic {
    let raw = &src[span.start as usize..span.end as usize];
    let (msg, label, _) = describe(
        SyntaxKind::TrailingData,
        raw,
        None,
        Place::Body {
            max_depth: crate::config::defaults::MAX_DEPTH,
        },
    );
    let mut d = Diagnostic::new(
        &TRAILING_DATA,
        file,
        span,
        message.map_or(msg, str::to_string),
    );
    d.label(label);
    d.help(help);
    d
}

/// The finding for a part of a capture that is no request (file span `span`), and why.
pub fn not_a_request_finding(file: usize, span: Span, reason: &str) -> Diagnostic {
    let mut d = Diagnostic::new(
        &NOT_A_REQUEST,
        file,
        span,
        format!("{reason}; it is not checked"),
    );
    d.label("cannot read this as a request");
    d
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
