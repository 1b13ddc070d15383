//! SCHEMA family: the body fails its event's JSON Schema (`schemas/`), so Adobe's server
//! answers HTTP 400 and the event is lost (FACTS §1 "Validation", §4.9).

use super::{Family, RuleMeta};
use crate::diagnostic::Severity;
use crate::schema::SchemaErrorKind;

/// Wrong JSON type.
pub static TYPE_MISMATCH: RuleMeta = RuleMeta {
    code: "SCH001",
    name: "schema-type-mismatch",
    family: Family::Schema,
    severity: Severity::Error,
    summary: "A value has the wrong JSON type for its key.",
    docs: "## What it checks\nEach key's JSON type against the event's schema: `playhead` a number (seconds), `ts` an integer (epoch milliseconds), `media.length` a number, `analytics.enableSSL` a boolean, customMetadata values strings, and so on.\n\n## Why it matters\nAdobe validates every body against a per-event JSON Schema and answers HTTP 400 when it fails: the event is lost.\n\n## Example\n```\n\"params\": {\"media.length\": \"60\"}\n```\n\n## Use instead\n```\n\"params\": {\"media.length\": 60}\n```\n\n## References\nAdobe: mc-api-impl/mc-api-validate-reqs.md, mc-api-ref/mc-api-req-params.md",
};

/// Missing required keys.
pub static MISSING_REQUIRED: RuleMeta = RuleMeta {
    code: "SCH002",
    name: "missing-required",
    family: Family::Schema,
    severity: Severity::Error,
    summary: "Required keys are missing from an object.",
    docs: "## What it checks\nThe keys each event requires: `eventType` and `playerTime` (with `playhead` and `ts`) everywhere; on sessionStart the eight mandatory params (`analytics.trackingServer`, `analytics.reportSuite`, `visitor.marketingCloudOrgId`, `media.id`, `media.length`, `media.contentType`, `media.playerName`, `media.channel`); on adBreakStart, adStart and chapterStart their params.\n\n## Why it matters\nAdobe answers HTTP 400 and the event is lost; a lost sessionStart loses the whole session.\n\n## References\nAdobe: mc-api-ref/mc-api-req-params.md, mc-api-impl/mc-api-custom-meta.md",
};

/// A key the schema does not allow.
pub static UNEXPECTED_PROPERTY: RuleMeta = RuleMeta {
    code: "SCH003",
    name: "unexpected-property",
    family: Family::Schema,
    severity: Severity::Error,
    summary: "A key the event's schema does not allow.",
    docs: "## What it checks\nKeys outside the closed objects: the top level of every event, `playerTime`, `qoeData` (only the four `media.qoe.*` keys), sessionStart's `params`, and `customMetadata` anywhere but sessionStart, adStart and chapterStart. A ping must not carry `params`.\n\n## Why it matters\nAdobe's schemas forbid additional properties there and answer HTTP 400.\n\n## Example\n```\n\"qoeData\": {\"bitrate\": 10000}\n```\n\n## Use instead\n```\n\"qoeData\": {\"media.qoe.bitrate\": 10000}\n```\n\n## References\nAdobe: mc-api-impl/mc-api-validate-reqs.md (the published sessionStart schema), mc-api-impl/mc-api-sending-qoe.md",
};

/// A value outside its allowed set or pattern.
pub static INVALID_VALUE: RuleMeta = RuleMeta {
    code: "SCH004",
    name: "invalid-value",
    family: Family::Schema,
    severity: Severity::Error,
    summary: "A value outside its allowed set, range or pattern.",
    docs: "## What it checks\nEnumerations (`eventType`, `media.errorSource`), patterns (customMetadata keys `^[a-zA-Z0-9_.]+$`, state names) and ranges (`playhead`, `ts` not negative).\n\n## Why it matters\nAdobe answers HTTP 400; an unknown `eventType` is never processed.\n\n## Example\n```\n\"eventType\": \"adBreakEnd\"\n```\n\n## Use instead\n```\n\"eventType\": \"adBreakComplete\"\n```",
};

/// Any other schema failure.
pub static OTHER: RuleMeta = RuleMeta {
    code: "SCH005",
    name: "schema-violation",
    family: Family::Schema,
    severity: Severity::Error,
    summary: "The body fails its event's schema in another way.",
    docs: "## What it checks\nSchema failures not covered by SCH001-SCH004.\n\n## Why it matters\nAdobe answers HTTP 400.",
};

/// Every SCHEMA rule.
pub static ALL: [&RuleMeta; 5] = [
    &TYPE_MISMATCH,
    &MISSING_REQUIRED,
    &UNEXPECTED_PROPERTY,
    &INVALID_VALUE,
    &OTHER,
];

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
