//! SYN020 `control-character`, found by the lenient parser
//! ([`SyntaxKind::ControlCharacter`](crate::syntax::SyntaxKind::ControlCharacter)).

declare_rule! {
    /// A raw control character inside a string.
    ///
    /// ## What it checks
    /// Characters below U+0020 (tab, NUL ...) written raw inside a string.
    ///
    /// ## Why it matters
    /// JSON requires them escaped; Adobe answers HTTP 400.
    ///
    /// ## Use instead
    /// Escape them (`\t`, `\u0000`).
    pub static CONTROL_CHARACTER {
        code: "SYN020",
        name: "control-character",
        family: Syntax,
        severity: Error,
    }
}
