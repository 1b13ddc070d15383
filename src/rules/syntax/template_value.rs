//! SYN011 `template-value`, found by the lenient parser
//! ([`SyntaxKind::TemplateValue`](crate::syntax::SyntaxKind::TemplateValue)).

declare_rule! {
    /// An unfilled template value such as `"[ _YOUR-TS_ ]"`.
    ///
    /// ## What it checks
    /// String values in capitals between square brackets, as Adobe's examples write the values you
    /// must fill in.
    ///
    /// ## Why it matters
    /// The request is valid JSON and Adobe accepts it, but the data goes to a tracking server,
    /// report suite or organisation that does not exist: it never reaches your reports.
    ///
    /// ## Example
    /// ```text
    /// "analytics.reportSuite": "[ _YOUR-RSID_ ]"
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "analytics.reportSuite": "mycompanyprod"
    /// ```
    pub static TEMPLATE_VALUE {
        code: "SYN011",
        name: "template-value",
        family: Syntax,
        severity: Warning,
    }
}
