//! LIM001 `body-too-large`, reported by the run when it reaches one of valint's limits.

use crate::diagnostic::Diagnostic;
use crate::source::Span;

declare_rule! {
    /// A request body larger than the body-size limit was not checked.
    ///
    /// ## What it checks
    /// Request bodies larger than `--max-body-bytes` (default 256 MiB).
    ///
    /// ## Why it matters
    /// No Media Collection event comes near that size; such a body is a corrupt capture or hostile
    /// input. valint counts it as unreadable and does not parse it, so it cannot exhaust memory.
    ///
    /// ## Example
    /// With a limit of 100 bytes (the default is 256 MiB), the second body is too large to check:
    ///
    /// ```text
    /// # valint check --max-body-bytes 100
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":9.7,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"bitrateChange","playerTime":{"playhead":14,"ts":1700000014300},
    ///  "qoeData":{"media.qoe.bitrate":3500000}}
    /// ```
    ///
    /// ## Use instead
    /// Re-record a capture whose bodies are corrupt; raise the limit when bodies that large are
    /// expected:
    ///
    /// ```text
    /// # valint check --max-body-bytes 4096
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":9.7,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"bitrateChange","playerTime":{"playhead":14,"ts":1700000014300},
    ///  "qoeData":{"media.qoe.bitrate":3500000}}
    /// ```
    ///
    /// ## Options
    /// `--max-body-bytes N`
    ///
    /// ## References
    /// valint: README.md, "Limits, speed and robustness"
    pub static BODY_TOO_LARGE {
        code: "LIM001",
        name: "body-too-large",
        family: Limit,
        severity: Error,
    }
}

/// The finding for a body of `len` bytes over `--max-body-bytes` `max` (file span `span`:
/// the body's first byte).
pub fn finding(file: usize, span: Span, len: usize, max: usize) -> Diagnostic {
    let mut d = Diagnostic::new(
        &BODY_TOO_LARGE,
        file,
        span,
        format!(
            "request body of {len} bytes is larger than --max-body-bytes {max}; it is not checked"
        ),
    );
    d.label("body starts here");
    d
}
