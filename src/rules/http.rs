//! HTTP family: what the capture recorded of Adobe's answers (FACTS §1 response codes).
//! A status of 0 or a missing response means "not recorded" and is never a finding.

use super::{Family, RuleMeta};
use crate::diagnostic::Severity;

/// 400 Bad Request.
pub static REJECTED: RuleMeta = RuleMeta {
    code: "HTTP001",
    name: "request-rejected",
    family: Family::Http,
    severity: Severity::Error,
    summary: "Adobe answered 400 Bad Request: the event was rejected.",
    docs: "## What it checks\nRequests whose recorded answer is `400 Bad Request`.\n\n## Why it matters\nAdobe validates every body against its event's JSON Schema and rejects what fails: the event is lost. For a downloaded-content batch, the whole batch is discarded. The SYNTAX and SCHEMA findings on the same body usually say why.\n\n## Use instead\nFix the body so it passes its schema (`valint explain SCH001` ...).\n\n## References\nAdobe: mc-api-ref/mc-api-events-req.md, mc-api-impl/mc-api-validate-reqs.md",
};

/// 404 Not Found.
pub static NOT_FOUND: RuleMeta = RuleMeta {
    code: "HTTP002",
    name: "session-not-found",
    family: Family::Http,
    severity: Severity::Error,
    summary: "Adobe answered 404: the session id is unknown.",
    docs: "## What it checks\nEvents requests whose recorded answer is `404 Not Found`.\n\n## Why it matters\nThe back end does not know the session id (never created, mistyped, or expired): the event is lost. The player must open a new session with sessionStart and track on it.\n\n## References\nAdobe: mc-api-ref/mc-api-events-req.md",
};

/// 410 Gone.
pub static GONE: RuleMeta = RuleMeta {
    code: "HTTP003",
    name: "session-gone",
    family: Family::Http,
    severity: Severity::Error,
    summary: "Adobe answered 410: the session can no longer be reported on.",
    docs: "## What it checks\nEvents requests whose recorded answer is `410 Gone`.\n\n## Why it matters\nThe session exists but is closed for reporting (for example after sessionEnd or a timeout): the event is lost. The player must open a new session.\n\n## References\nAdobe: mc-api-ref/mc-api-events-req.md, events/session/session-end.md",
};

/// Every HTTP rule.
pub static ALL: [&RuleMeta; 3] = [&REJECTED, &NOT_FOUND, &GONE];

/// The rule and message for a recorded status, when it is a finding.
pub fn for_status(status: u16) -> Option<(&'static RuleMeta, &'static str)> {
    match status {
        400 => Some((
            &REJECTED,
            "Adobe answered 400 Bad Request: this event was rejected and is lost",
        )),
        404 => Some((
            &NOT_FOUND,
            "Adobe answered 404 Not Found: it does not know this session id, so the event is lost",
        )),
        410 => Some((
            &GONE,
            "Adobe answered 410 Gone: the session is closed for reporting, so the event is lost",
        )),
        _ => None,
    }
}
