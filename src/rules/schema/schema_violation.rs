//! SCH005 `schema-violation`, found by the schema stage
//! ([`SchemaErrorKind::Other`](crate::schema::SchemaErrorKind::Other)).

declare_rule! {
    /// The body fails its event's schema in another way.
    ///
    /// ## What it checks
    /// Schema failures not covered by SCH001-SCH004.
    ///
    /// ## Why it matters
    /// Adobe answers HTTP 400.
    ///
    /// ## Example
    /// No bundled schema can fail this way today: each keyword they use maps to SCH001-SCH004. The
    /// nearest case, a statesUpdate whose `params` match neither allowed shape, is reported as
    /// SCH002:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"statesUpdate","playerTime":{"playhead":30,"ts":1700000030000},"params":{}}
    /// ```
    ///
    /// ## Use instead
    /// Send what the event's schema allows:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"statesUpdate","playerTime":{"playhead":30,"ts":1700000030000},
    ///  "params":{"statesStart":[{"media.state.name":"fullscreen"}]}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-impl/mc-api-validate-reqs.md
    pub static OTHER {
        code: "SCH005",
        name: "schema-violation",
        family: Schema,
        severity: Error,
    }
}
