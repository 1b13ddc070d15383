//! SYN014 `non-finite-number`, found by the lenient parser
//! ([`SyntaxKind::NonFiniteNumber`](crate::syntax::SyntaxKind::NonFiniteNumber)).

declare_rule! {
    /// `NaN`, `Infinity` or a number too large for a double.
    ///
    /// ## What it checks
    /// Numbers JSON cannot represent.
    ///
    /// ## Why it matters
    /// Adobe answers HTTP 400. A player that divides by zero when computing the playhead sends
    /// these.
    ///
    /// ## Use instead
    /// Send a finite number; guard the playhead computation.
    pub static NON_FINITE {
        code: "SYN014",
        name: "non-finite-number",
        family: Syntax,
        severity: Error,
    }
}
