//! SYN024 `misplaced-quote`, found by the lenient parser
//! ([`SyntaxKind::MisplacedQuote`](crate::syntax::SyntaxKind::MisplacedQuote)).

declare_rule! {
    /// A string's closing quote typed after the next key, as in `"sessionStart, params" {`.
    ///
    /// ## What it checks
    /// A double-quoted string value that ends in `, word"` and is followed by a value where a
    /// `,` or `}` belongs: the quote that should close the value stands after the next key.
    /// valint reads the body as meant: the value ends before the comma and `word` is the
    /// next member's key.
    ///
    /// ## Why it matters
    /// The body is not JSON; Adobe answers HTTP 400. Read literally, the value would also be
    /// wrong (an `eventType` of `"sessionStart, params"`), and the member after it lost.
    /// Adobe's timeline 1 has this mistake in its sessionStart.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play, params" {"media.qoe.timeToStart":900},"playerTime":{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## Use instead
    /// Close the string before the comma, and quote the key:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play", "params": {"media.qoe.timeToStart":900},"playerTime":{"playhead":0,"ts":1700000000300}}
    /// ```
    ///
    /// ## References
    /// RFC 8259; Adobe: mc-api-timelines/mc-api-timeline-1.md (Action 1)
    pub static MISPLACED_QUOTE {
        code: "SYN024",
        name: "misplaced-quote",
        family: Syntax,
        severity: Error,
    }
}
