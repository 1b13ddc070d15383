//! SYNTAX family: the body is not strict JSON. Produced by the lenient parser.
//!
//! Adobe's collection servers parse request bodies as strict JSON (RFC 8259); any deviation
//! makes the request fail before schema validation, so these are errors unless noted.

use super::{Family, RuleMeta};
use crate::diagnostic::Severity;
use crate::syntax::SyntaxKind;

macro_rules! syntax_rule {
    ($id:ident, $code:literal, $name:literal, $sev:ident, $summary:literal, $docs:literal) => {
        #[doc = $summary]
        pub static $id: RuleMeta = RuleMeta {
            code: $code,
            name: $name,
            family: Family::Syntax,
            severity: Severity::$sev,
            summary: $summary,
            docs: $docs,
        };
    };
}

syntax_rule!(UNEXPECTED_TOKEN, "SYN001", "unexpected-token", Error,
    "A token that cannot stand at this place in a JSON body.",
    "## What it checks\nA character or word where the JSON grammar allows none (for example `{` right after a value, or `@`).\n\n## Why it matters\nThe body is not JSON; Adobe answers HTTP 400 and the event is lost. valint skips to the next `,` `}` `]` or line end and keeps checking.\n\n## Example\n```\n{\"eventType\":\"sessionStart, params\" { ... } }\n```\n\n## Use instead\n```\n{\"eventType\":\"sessionStart\", \"params\": { ... } }\n```\n\n## References\nRFC 8259; Adobe: mc-api-ref/mc-api-json-validation.md");
syntax_rule!(UNEXPECTED_END, "SYN002", "unexpected-end", Error,
    "The body ends inside an object, array, string or comment.",
    "## What it checks\nAn object, array, string or comment that is never closed.\n\n## Why it matters\nA truncated body is not JSON; Adobe answers HTTP 400. In a capture it often means the recording was cut off.\n\n## Example\n```\n{\"eventType\": \"ping\", \"playerTime\": {\"playhead\": 1\n```\n\n## Use instead\nClose every `{` and `[`; re-record the capture if it was cut.");
syntax_rule!(UNQUOTED_KEY, "SYN003", "unquoted-key", Error,
    "An object key without double quotes (JSON5 / JavaScript style).",
    "## What it checks\nKeys written without quotes, such as `playerTime:`.\n\n## Why it matters\nStrict JSON requires every key in double quotes. Adobe's docs show such bodies, but the server answers HTTP 400.\n\n## Example\n```\n{ playerTime: { playhead: 0, ts: 1700000000000 }, eventType: \"play\" }\n```\n\n## Use instead\n```\n{ \"playerTime\": { \"playhead\": 0, \"ts\": 1700000000000 }, \"eventType\": \"play\" }\n```");
syntax_rule!(SINGLE_QUOTED, "SYN004", "single-quoted-string", Error,
    "A string in single quotes.",
    "## What it checks\nStrings delimited by `'`.\n\n## Why it matters\nJSON strings use double quotes only; Adobe answers HTTP 400.\n\n## Example\n```\n{\"eventType\": 'play'}\n```\n\n## Use instead\n```\n{\"eventType\": \"play\"}\n```");
syntax_rule!(COMMENT, "SYN005", "comment", Error,
    "A `//` or `/* */` comment inside a body.",
    "## What it checks\nComments, which JSON5 allows and JSON does not.\n\n## Why it matters\nAdobe answers HTTP 400 to a body with comments.\n\n## Use instead\nRemove the comment.");
syntax_rule!(TRAILING_COMMA, "SYN006", "trailing-comma", Error,
    "A comma before `}` or `]`.",
    "## What it checks\nA comma after the last member of an object or array.\n\n## Why it matters\nStrict JSON forbids it and Adobe answers HTTP 400. Several of Adobe's own timeline examples have one.\n\n## Example\n```\n{\"eventType\": \"adStart\", \"params\": {...},}\n```\n\n## Use instead\n```\n{\"eventType\": \"adStart\", \"params\": {...}}\n```");
syntax_rule!(MISSING_COMMA, "SYN007", "missing-comma", Error,
    "Two members or elements with no comma between them.",
    "## What it checks\nA missing `,` between object members or array elements.\n\n## Why it matters\nThe body is not JSON; Adobe answers HTTP 400.\n\n## Use instead\nAdd the comma.");
syntax_rule!(MISSING_COLON, "SYN008", "missing-colon", Error,
    "A key with no `:` before its value.",
    "## What it checks\nAn object key followed directly by a value.\n\n## Why it matters\nThe body is not JSON; Adobe answers HTTP 400.\n\n## Use instead\nAdd the `:`.");
syntax_rule!(BARE_WORD, "SYN009", "bare-word-value", Error,
    "A value written as a bare word, such as `eventType:sessionStart`.",
    "## What it checks\nString values written without quotes, a style found in Adobe's documentation pages and their translations.\n\n## Why it matters\nThe body is not JSON; Adobe answers HTTP 400. valint reads the word as a string so the rest of the checks still run.\n\n## Example\n```\n{ \"eventType\": sessionStart }\n```\n\n## Use instead\n```\n{ \"eventType\": \"sessionStart\" }\n```");
syntax_rule!(PLACEHOLDER, "SYN010", "placeholder-value", Error,
    "A documentation placeholder such as `<timestamp>` where a real value belongs.",
    "## What it checks\nValues such as `<timestamp>` or the string `\"<timestamp>\"` copied from Adobe's examples.\n\n## Why it matters\n`<timestamp>` is not JSON; the string form has the wrong type for `ts` (an integer, epoch milliseconds). Adobe answers HTTP 400. On a docs page, valint uses the action table's seconds as the clock instead and says so.\n\n## Example\n```\n\"playerTime\": {\"playhead\": 0, \"ts\": \"<timestamp>\"}\n```\n\n## Use instead\n```\n\"playerTime\": {\"playhead\": 0, \"ts\": 1700000000000}\n```");
syntax_rule!(TEMPLATE_VALUE, "SYN011", "template-value", Warning,
    "An unfilled template value such as `\"[ _YOUR-TS_ ]\"`.",
    "## What it checks\nString values in capitals between square brackets, as Adobe's examples write the values you must fill in.\n\n## Why it matters\nThe request is valid JSON and Adobe accepts it, but the data goes to a tracking server, report suite or organisation that does not exist: it never reaches your reports.\n\n## Example\n```\n\"analytics.reportSuite\": \"[ _YOUR-RSID_ ]\"\n```\n\n## Use instead\n```\n\"analytics.reportSuite\": \"mycompanyprod\"\n```");
syntax_rule!(MALFORMED_NUMBER, "SYN012", "malformed-number", Error,
    "Text in a number's place that is not a number, such as `8ß`.",
    "## What it checks\nA token that starts like a number but is not one.\n\n## Why it matters\nThe body is not JSON; Adobe answers HTTP 400. valint treats the value as unknown and keeps checking the rest of the body and the session.\n\n## Example\n```\n\"playhead\": 8ß,\n```\n\n## Use instead\n```\n\"playhead\": 8,\n```");
syntax_rule!(JSON5_NUMBER, "SYN013", "json5-number", Error,
    "A JSON5-only number form: hex, leading `+`, `.5` or `5.`.",
    "## What it checks\nNumbers JSON5 accepts and JSON does not.\n\n## Why it matters\nAdobe answers HTTP 400.\n\n## Example\n```\n\"playhead\": .5\n```\n\n## Use instead\n```\n\"playhead\": 0.5\n```");
syntax_rule!(NON_FINITE, "SYN014", "non-finite-number", Error,
    "`NaN`, `Infinity` or a number too large for a double.",
    "## What it checks\nNumbers JSON cannot represent.\n\n## Why it matters\nAdobe answers HTTP 400. A player that divides by zero when computing the playhead sends these.\n\n## Use instead\nSend a finite number; guard the playhead computation.");
syntax_rule!(INTEGER_OVERFLOW, "SYN015", "integer-overflow", Error,
    "An integer that does not fit 64 bits.",
    "## What it checks\nInteger literals beyond the 64-bit range.\n\n## Why it matters\nThe value cannot be an epoch-millisecond `ts` or any other Adobe integer. Strict parsers reject it or round it to a double; valint reads it as the nearest double and leaves it out of time checks, so the event does not count for ping cadence or ts order.\n\n## Use instead\nSend the real value; a `ts` is about 13 digits (epoch milliseconds).");
syntax_rule!(DUPLICATE_KEY, "SYN016", "duplicate-key", Warning,
    "A key repeated in one object.",
    "## What it checks\nThe same key twice in one object.\n\n## Why it matters\nJSON leaves the meaning open; most parsers, Adobe's presumably too, keep the last value, so the first is silently lost.\n\n## Use instead\nSend each key once.");
syntax_rule!(INVALID_UTF8, "SYN017", "invalid-utf8", Error,
    "Bytes that are not UTF-8.",
    "## What it checks\nByte sequences that are not valid UTF-8.\n\n## Why it matters\nJSON text must be UTF-8; Adobe answers HTTP 400 or stores garbled metadata.\n\n## Use instead\nEncode metadata as UTF-8.");
syntax_rule!(INVALID_ESCAPE, "SYN018", "invalid-escape", Error,
    "A backslash escape that is not valid, or a lone UTF-16 surrogate.",
    "## What it checks\nEscapes such as `\\q`, `\\u12` or a `\\ud83d` without its low surrogate.\n\n## Why it matters\nStrict parsers reject the whole body. valint replaces a lone surrogate with U+FFFD and goes on.\n\n## Use instead\nEscape characters correctly, pairing surrogates.");
syntax_rule!(JSON5_ESCAPE, "SYN019", "json5-escape", Error,
    "A JSON5-only escape such as `\\'`, `\\x41`, `\\v` or a line continuation.",
    "## What it checks\nEscapes JSON5 accepts and JSON does not.\n\n## Why it matters\nAdobe answers HTTP 400.\n\n## Use instead\nUse `\\uXXXX` or the character itself.");
syntax_rule!(CONTROL_CHARACTER, "SYN020", "control-character", Error,
    "A raw control character inside a string.",
    "## What it checks\nCharacters below U+0020 (tab, NUL ...) written raw inside a string.\n\n## Why it matters\nJSON requires them escaped; Adobe answers HTTP 400.\n\n## Use instead\nEscape them (`\\t`, `\\u0000`).");
syntax_rule!(NESTING_TOO_DEEP, "SYN021", "nesting-too-deep", Error,
    "Objects or arrays nested deeper than the limit.",
    "## What it checks\nNesting deeper than the configured limit (default 128).\n\n## Why it matters\nNo Media Collection body nests more than four levels; deeper input is corrupt or hostile. valint skips it without recursion.\n\n## Options\n`--max-depth N`");
syntax_rule!(TRAILING_DATA, "SYN022", "trailing-data", Error,
    "Text after the end of the body.",
    "## What it checks\nNon-whitespace text after the body's closing bracket where no other body may follow.\n\n## Why it matters\nAdobe answers HTTP 400 to a body with trailing text.");
syntax_rule!(NOT_A_REQUEST, "SYN023", "not-a-request", Error,
    "Text in a capture that is neither a request body nor a request line.",
    "## What it checks\nLines of a body stream that valint cannot read as a request.\n\n## Why it matters\nEvery request in a capture is either checked or reported: this one could not be read, so any problem in it goes unchecked.\n\n## Use instead\nKeep captures to request lines and JSON bodies, or export them as HAR or NDJSON.");

/// Every SYNTAX rule.
pub static ALL: [&RuleMeta; 23] = [
    &UNEXPECTED_TOKEN,
    &UNEXPECTED_END,
    &UNQUOTED_KEY,
    &SINGLE_QUOTED,
    &COMMENT,
    &TRAILING_COMMA,
    &MISSING_COMMA,
    &MISSING_COLON,
    &BARE_WORD,
    &PLACEHOLDER,
    &TEMPLATE_VALUE,
    &MALFORMED_NUMBER,
    &JSON5_NUMBER,
    &NON_FINITE,
    &INTEGER_OVERFLOW,
    &DUPLICATE_KEY,
    &INVALID_UTF8,
    &INVALID_ESCAPE,
    &JSON5_ESCAPE,
    &CONTROL_CHARACTER,
    &NESTING_TOO_DEEP,
    &TRAILING_DATA,
    &NOT_A_REQUEST,
];

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
