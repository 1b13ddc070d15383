//! CAP001 `repeated-traffic`, reported by the run when a file repeats requests of an
//! earlier file exactly.

use crate::diagnostic::Diagnostic;
use crate::source::Span;

declare_rule! {
    /// A capture file repeats requests of an earlier file of the run exactly.
    ///
    /// ## What it checks
    /// Requests of a file that have the same session id and the same body bytes (so the same
    /// `ts`) as requests of an earlier file of the same run. One finding per pair of files,
    /// on the later file's first repeated request, counting the repeats. A request is
    /// recognised while the earlier file's session is in memory (open, or among the last
    /// 4,096 closed ones), which is when it could be taken for a continuation; in a run of
    /// files of many thousands of sessions the count can be lower than the repeats.
    ///
    /// ## Why it matters
    /// The same traffic recorded twice (two exports of one proxy session, a HAR and the
    /// NDJSON log of the same run, a copied fixture) is not a continuation of the session:
    /// Adobe received those requests once. valint checks each such file as a capture of its
    /// own, so each keeps exactly the findings it has alone, and never joins the repeated
    /// requests into one session (which would show a second sessionStart and equal `ts`
    /// values that the player never sent). This finding says that the two files overlap, so
    /// that their findings are not counted twice when read together.
    ///
    /// ## Example
    /// Two files of one run; the second holds the first's requests again (it takes two
    /// files, so this block alone is clean: `tests/files_apart.rs` runs the pair):
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":9.7,"ts":1700000010000}}
    /// ```
    ///
    /// saved as `a.txt` and as `b.txt`, then `valint check a.txt b.txt`: `b.txt` repeats 2
    /// requests of `a.txt`.
    ///
    /// ## Use instead
    /// Check one recording of the traffic, or files that continue each other (a capture
    /// split when a proxy restarted):
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":9.7,"ts":1700000010000}}
    /// ```
    ///
    /// ## References
    /// valint: README.md, sessions across files.
    pub static REPEATED_TRAFFIC {
        code: "CAP001",
        name: "repeated-traffic",
        family: Capture,
        severity: Info,
    }
}

/// The finding on file `file` whose `requests` requests repeat those of the earlier file
/// named `of`; `first` is the first repeated request's body.
pub fn finding(file: usize, first: Span, requests: usize, of: &str) -> Diagnostic {
    let noun = if requests == 1 { "request" } else { "requests" };
    let mut d = Diagnostic::new(
        &REPEATED_TRAFFIC,
        file,
        first,
        format!(
            "repeats {requests} {noun} of {of} (same session id, body and ts): the same traffic recorded twice, checked as a capture of its own"
        ),
    );
    d.label("first repeated request");
    d.help(
        "check one recording of the traffic; these requests are not a continuation of the session",
    );
    d
}
