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
    /// ## Use instead
    /// Send the real value; a `ts` is about 13 digits (epoch milliseconds).
    pub static INTEGER_OVERFLOW {
        code: "SYN015",
        name: "integer-overflow",
        family: Syntax,
        severity: Error,
    }
}
