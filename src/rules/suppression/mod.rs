//! SUPPRESSION family: valint's own inline suppressions (`valint: ignore[CODE] -- reason`
//! before a request, `valint: ignore-session[CODE] -- reason` on a sessionStart; see the
//! README, "Suppressing a finding"). A suppression must say why, must suppress something,
//! and must be readable.

pub mod invalid_suppression;
pub mod suppression_without_reason;
pub mod unused_suppression;

pub use invalid_suppression::INVALID_SUPPRESSION;
pub use suppression_without_reason::SUPPRESSION_WITHOUT_REASON;
pub use unused_suppression::UNUSED_SUPPRESSION;
