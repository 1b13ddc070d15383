//! SYN015 `integer-overflow`, found by the lenient parser
//! ([`SyntaxKind::IntegerOverflow`](crate::syntax::SyntaxKind::IntegerOverflow)).

declare_rule! {
    /// An integer that does not fit 64 bits.
    ///
    /// ## What it checks
    /// Integer literals beyond the 64-bit range.
    ///
    /// ## Why it matters
    /// The value cannot be an epoch-millisecond `ts` or any other Adobe integer. Strict parsers
    /// reject it or round it to a double; valint reads it as the nearest double and leaves it out
    /// of time checks, so the event does not count for ping cadence or ts order.
    ///
    /// ## Example
    /// Two clocks' digits run together:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":10,"ts":17000000100001700000010000}}
    /// ```
    ///
    /// ## Use instead
    /// Send the real value; a `ts` is about 13 digits (epoch milliseconds).
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":10,"ts":1700000010000}}
    /// ```
    ///
    /// ## References
    /// RFC 8259 (section 6, interoperable numbers); Adobe: mc-api-ref/mc-api-sessions-req.md (`ts`)
    pub static INTEGER_OVERFLOW {
        code: "SYN015",
        name: "integer-overflow",
        family: Syntax,
        severity: Error,
    }
}
