//! SYN017 `invalid-utf8`, found by the lenient parser
//! ([`SyntaxKind::InvalidUtf8`](crate::syntax::SyntaxKind::InvalidUtf8)).

declare_rule! {
    /// Bytes that are not UTF-8.
    ///
    /// ## What it checks
    /// Byte sequences that are not valid UTF-8.
    ///
    /// ## Why it matters
    /// JSON text must be UTF-8; Adobe answers HTTP 400 or stores garbled metadata.
    ///
    /// ## Example
    /// A HAR that records the body in base64; decoded, its error id is `d`, the Latin-1 byte E9,
    /// `codeur`:
    ///
    /// ```text
    /// {"log":{"version":"1.2","entries":[{"request":{"method":"POST",
    ///  "url":"https://demo.hb-api.omtrdc.net/api/v1/sessions/4e2a91c0/events",
    ///  "postData":{"mimeType":"application/json","encoding":"base64",
    ///   "text":"eyJldmVudFR5cGUiOiJlcnJvciIsInBsYXllclRpbWUiOnsicGxheWhlYWQiOjUsInRzIjoxNzAwMDAwMDA1MDAwfSwicGFyYW1zIjp7Im1lZGlhLmVycm9ySWQiOiJk6WNvZGV1ciIsIm1lZGlhLmVycm9yU291cmNlIjoicGxheWVyIn19"}}}]}}
    /// ```
    ///
    /// ## Use instead
    /// Encode metadata as UTF-8 (`é` is the bytes C3 A9):
    ///
    /// ```text
    /// {"log":{"version":"1.2","entries":[{"request":{"method":"POST",
    ///  "url":"https://demo.hb-api.omtrdc.net/api/v1/sessions/4e2a91c0/events",
    ///  "postData":{"mimeType":"application/json","encoding":"base64",
    ///   "text":"eyJldmVudFR5cGUiOiJlcnJvciIsInBsYXllclRpbWUiOnsicGxheWhlYWQiOjUsInRzIjoxNzAwMDAwMDA1MDAwfSwicGFyYW1zIjp7Im1lZGlhLmVycm9ySWQiOiJkw6ljb2RldXIiLCJtZWRpYS5lcnJvclNvdXJjZSI6InBsYXllciJ9fQ=="}}}]}}
    /// ```
    ///
    /// ## References
    /// RFC 8259 (section 8.1, character encoding)
    pub static INVALID_UTF8 {
        code: "SYN017",
        name: "invalid-utf8",
        family: Syntax,
        severity: Error,
    }
}
