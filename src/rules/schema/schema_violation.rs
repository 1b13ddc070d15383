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
    pub static OTHER {
        code: "SCH005",
        name: "schema-violation",
        family: Schema,
        severity: Error,
    }
}
