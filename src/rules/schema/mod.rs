//! SCHEMA family: the body fails its event's JSON Schema (`schemas/`), so Adobe's server
//! answers HTTP 400 and the event is lost (FACTS §1 "Validation", §4.9).

use super::RuleMeta;
use crate::schema::SchemaErrorKind;

pub mod invalid_value;
pub mod missing_required;
pub mod schema_type_mismatch;
pub mod schema_violation;
pub mod unexpected_property;

pub use invalid_value::INVALID_VALUE;
pub use missing_required::MISSING_REQUIRED;
pub use schema_type_mismatch::TYPE_MISMATCH;
pub use schema_violation::OTHER;
pub use unexpected_property::UNEXPECTED_PROPERTY;

/// The rule a schema error belongs to.
pub fn rule_for(kind: &SchemaErrorKind) -> &'static RuleMeta {
    match kind {
        SchemaErrorKind::TypeMismatch { .. } => &TYPE_MISMATCH,
        SchemaErrorKind::MissingRequired { .. } => &MISSING_REQUIRED,
        SchemaErrorKind::UnexpectedProperty { .. } => &UNEXPECTED_PROPERTY,
        SchemaErrorKind::InvalidValue { .. } => &INVALID_VALUE,
        SchemaErrorKind::Other { .. } => &OTHER,
    }
}
