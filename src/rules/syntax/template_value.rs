//! SYN011 `template-value`, found by the lenient parser
//! ([`SyntaxKind::TemplateValue`](crate::syntax::SyntaxKind::TemplateValue)).

declare_rule! {
    /// An unfilled template value such as `"[ _YOUR-TS_ ]"`.
    ///
    /// ## What it checks
    /// String values in capitals between square brackets, as Adobe's examples write the values you
    /// must fill in.
    ///
    /// ## Why it matters
    /// The request is valid JSON and Adobe accepts it, but the data goes to a tracking server,
    /// report suite or organisation that does not exist: it never reaches your reports.
    ///
    /// ## Example
    /// ```text
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{
    ///  "analytics.trackingServer":"demo.sc.omtrdc.net","analytics.reportSuite":"[ _YOUR-RSID_ ]",
    ///  "visitor.marketingCloudOrgId":"0A1B2C3D4E5F@AdobeOrg","media.id":"clip-7","media.length":90,
    ///  "media.contentType":"vod","media.playerName":"web","media.channel":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{
    ///  "analytics.trackingServer":"demo.sc.omtrdc.net","analytics.reportSuite":"demovod",
    ///  "visitor.marketingCloudOrgId":"0A1B2C3D4E5F@AdobeOrg","media.id":"clip-7","media.length":90,
    ///  "media.contentType":"vod","media.playerName":"web","media.channel":"web"}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-timelines/mc-api-timeline-1.md (template values in its request bodies)
    pub static TEMPLATE_VALUE {
        code: "SYN011",
        name: "template-value",
        family: Syntax,
        severity: Warning,
    }
}
