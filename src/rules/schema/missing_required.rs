//! SCH002 `missing-required`, found by the schema stage
//! ([`SchemaErrorKind::MissingRequired`](crate::schema::SchemaErrorKind::MissingRequired)).

declare_rule! {
    /// Required keys are missing from an object.
    ///
    /// ## What it checks
    /// The keys each event requires: `eventType` and `playerTime` (with `playhead` and `ts`)
    /// everywhere; on sessionStart the eight mandatory params (`analytics.trackingServer`,
    /// `analytics.reportSuite`, `visitor.marketingCloudOrgId`, `media.id`, `media.length`,
    /// `media.contentType`, `media.playerName`, `media.channel`); on adBreakStart, adStart and
    /// chapterStart their params.
    ///
    /// ## Why it matters
    /// Adobe answers HTTP 400 and the event is lost; a lost sessionStart loses the whole session.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0}}
    /// ```
    ///
    /// ## Use instead
    /// Send every key the event requires; `playerTime` always has `playhead` and `ts`.
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-ref/mc-api-req-params.md, mc-api-impl/mc-api-custom-meta.md
    pub static MISSING_REQUIRED {
        code: "SCH002",
        name: "missing-required",
        family: Schema,
        severity: Error,
    }
}
