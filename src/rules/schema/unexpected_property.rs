//! SCH003 `unexpected-property`, found by the schema stage
//! ([`SchemaErrorKind::UnexpectedProperty`](crate::schema::SchemaErrorKind::UnexpectedProperty)).

declare_rule! {
    /// A key the event's schema does not allow.
    ///
    /// ## What it checks
    /// Keys outside the closed objects: the top level of every event, `playerTime`, `qoeData` (only
    /// the four `media.qoe.*` keys), sessionStart's `params`, and `customMetadata` anywhere but
    /// sessionStart, adStart and chapterStart. A ping must not carry `params`. All the unexpected
    /// keys of one object make one finding, which names the first three in the body's order and
    /// counts the others.
    ///
    /// ## Why it matters
    /// Adobe's schemas forbid additional properties there and answer HTTP 400.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"bitrateChange","playerTime":{"playhead":48,"ts":1700000048000},
    ///  "qoeData":{"bitrate":3500000}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"bitrateChange","playerTime":{"playhead":48,"ts":1700000048000},
    ///  "qoeData":{"media.qoe.bitrate":3500000}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-impl/mc-api-validate-reqs.md (the published sessionStart schema),
    /// mc-api-impl/mc-api-sending-qoe.md
    pub static UNEXPECTED_PROPERTY {
        code: "SCH003",
        name: "unexpected-property",
        family: Schema,
        severity: Error,
    }
}
