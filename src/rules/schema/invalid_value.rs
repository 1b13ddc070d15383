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
    /// Adobe answers HTTP 400; an unknown `eventType` is never processed.
    ///
    /// ## Example
    /// ```text
    /// "eventType": "adBreakEnd"
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "eventType": "adBreakComplete"
    /// ```
    pub static INVALID_VALUE {
        code: "SCH004",
        name: "invalid-value",
        family: Schema,
        severity: Error,
    }
}
