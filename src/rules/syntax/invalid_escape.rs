//! SYN018 `invalid-escape`, found by the lenient parser
//! ([`SyntaxKind::InvalidEscape`](crate::syntax::SyntaxKind::InvalidEscape)).

declare_rule! {
    /// A backslash escape that is not valid, or a lone UTF-16 surrogate.
    ///
    /// ## What it checks
    /// Escapes such as `\q`, `\u12` or a `\ud83d` without its low surrogate.
    ///
    /// ## Why it matters
    /// Strict parsers reject the whole body. valint replaces a lone surrogate with U+FFFD and goes
    /// on.
    ///
    /// ## Example
    /// A title cut to a fixed number of UTF-16 units, between the two halves of an emoji:
    ///
    /// ```text
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{
    ///  "analytics.trackingServer":"demo.sc.omtrdc.net","analytics.reportSuite":"demovod",
    ///  "visitor.marketingCloudOrgId":"0A1B2C3D4E5F@AdobeOrg","media.id":"clip-7","media.length":90,
    ///  "media.contentType":"vod","media.playerName":"web","media.channel":"web",
    ///  "media.name":"Campfire \ud83d"}}
    /// ```
    ///
    /// ## Use instead
    /// Escape characters correctly, pairing surrogates.
    ///
    /// ```text
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{
    ///  "analytics.trackingServer":"demo.sc.omtrdc.net","analytics.reportSuite":"demovod",
    ///  "visitor.marketingCloudOrgId":"0A1B2C3D4E5F@AdobeOrg","media.id":"clip-7","media.length":90,
    ///  "media.contentType":"vod","media.playerName":"web","media.channel":"web",
    ///  "media.name":"Campfire \ud83d\udd25"}}
    /// ```
    ///
    /// ## References
    /// RFC 8259 (section 7, strings)
    pub static INVALID_ESCAPE {
        code: "SYN018",
        name: "invalid-escape",
        family: Syntax,
        severity: Error,
    }
}
