//! HTTP family: what the capture recorded of Adobe's answers (FACTS §1 response codes).
//! A status of 0 or a missing response means "not recorded" and is never a finding.

use super::RuleMeta;
use crate::diagnostic::Diagnostic;
use crate::source::Span;

pub mod request_rejected;
pub mod session_gone;
pub mod session_not_found;

pub use request_rejected::REJECTED;
pub use session_gone::GONE;
pub use session_not_found::NOT_FOUND;

/// The rule and message for a recorded status, when it is a finding.
fn for_status(status: u16) -> Option<(&'static RuleMeta, &'static str)> {
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

/// The finding for a request Adobe answered with `status` (file span `span`: the body's
/// first byte), when that answer is a finding.
pub fn finding(file: usize, span: Span, status: u16) -> Option<Diagnostic> {
    let (rule, msg) = for_status(status)?;
    let mut d = Diagnostic::new(rule, file, span, msg);
    d.label(format!("answered {status}"));
    Some(d)
}
