//! SCH004 `invalid-value`, found by the schema stage
//! ([`SchemaErrorKind::InvalidValue`](crate::schema::SchemaErrorKind::InvalidValue)).

declare_rule! {
    /// A value outside its allowed set, range or pattern.
    ///
    /// ## What it checks
    /// Enumerations (`eventType`, `media.errorSource`), patterns (customMetadata keys
    /// `^[a-zA-Z0-9_.]+$`, state names) and ranges (`playhead`, `ts` not negative).
    ///
    /// ## Why it matters
    /// A value outside the MC API's schema is answered with HTTP 400; an unknown `eventType` is
    /// never processed.
    ///
    /// Three of these limits are not in the MC API's published schema, so a value outside them is
    /// a **warning** whose message names where the limit comes from: Adobe likely accepts it.
    ///
    /// - `playhead` not negative: the MC API docs' prose gives its range; the schema has no
    ///   minimum. `ts` not negative: valint's reading of epoch milliseconds.
    /// - State names `^[a-zA-Z0-9_.]{1,64}$`: the Media Edge API and Adobe's SDK check them.
    /// - `media.errorSource` `player` or `external`: the values the Media Edge API lists.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakEnd","playerTime":{"playhead":300,"ts":1700000330000}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakComplete","playerTime":{"playhead":300,"ts":1700000330000}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-impl/mc-api-validate-reqs.md, mc-api-ref/mc-api-events-req.md
    pub static INVALID_VALUE {
        code: "SCH004",
        name: "invalid-value",
        family: Schema,
        severity: Error,
    }
}
