//! SCH001 `schema-type-mismatch`, found by the schema stage
//! ([`SchemaErrorKind::TypeMismatch`](crate::schema::SchemaErrorKind::TypeMismatch)).

declare_rule! {
    /// A value has the wrong JSON type for its key.
    ///
    /// ## What it checks
    /// Each key's JSON type against the event's schema: `playhead` a number (seconds), `ts` an
    /// integer (epoch milliseconds), `media.length` a number, `analytics.enableSSL` a boolean,
    /// customMetadata values strings, and so on.
    ///
    /// ## Why it matters
    /// Adobe validates every body against a per-event JSON Schema and answers HTTP 400 when it
    /// fails: the event is lost.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":"12.5","ts":1700000012500}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":12.5,"ts":1700000012500}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-impl/mc-api-validate-reqs.md, mc-api-ref/mc-api-req-params.md
    pub static TYPE_MISMATCH {
        code: "SCH001",
        name: "schema-type-mismatch",
        family: Schema,
        severity: Error,
    }
}
