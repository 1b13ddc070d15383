//! LIMIT family: valint reached one of its resource limits. Each limit is a named option
//! with a documented default; reaching it is reported, never a crash and never silent.

use super::{Family, RuleMeta};
use crate::diagnostic::Severity;

/// A body larger than `--max-body-bytes`.
pub static BODY_TOO_LARGE: RuleMeta = RuleMeta {
    code: "LIM001",
    name: "body-too-large",
    family: Family::Limit,
    severity: Severity::Error,
    summary: "A request body larger than the body-size limit was not checked.",
    docs: "## What it checks\nRequest bodies larger than `--max-body-bytes` (default 256 MiB).\n\n## Why it matters\nNo Media Collection event comes near that size; such a body is a corrupt capture or hostile input. valint counts it as unreadable and does not parse it, so it cannot exhaust memory.\n\n## Options\n`--max-body-bytes N`",
};

/// More findings than `--max-findings`.
pub static FINDINGS_CAPPED: RuleMeta = RuleMeta {
    code: "LIM002",
    name: "findings-capped",
    family: Family::Limit,
    severity: Severity::Info,
    summary: "More findings than the findings limit; the rest are counted, not listed.",
    docs: "## What it checks\nRuns with more findings than `--max-findings` (default 100,000).\n\n## Why it matters\nThe findings beyond the limit are still counted by severity in the summary (and decide the exit code) but are not listed, so output and memory stay bounded. Raise the limit or narrow the run with `--select` to see them.\n\n## Options\n`--max-findings N`",
};

/// More sessions open at once than `--max-open-sessions`.
pub static SESSIONS_EVICTED: RuleMeta = RuleMeta {
    code: "LIM003",
    name: "sessions-evicted",
    family: Family::Limit,
    severity: Severity::Info,
    summary: "More sessions were open at once than the open-sessions limit.",
    docs: "## What it checks\nCaptures with more sessions open at the same time than `--max-open-sessions` (default 100,000).\n\n## Why it matters\nvalint keeps only open sessions in memory. Beyond the limit it finishes the session idle longest early (its end-of-session checks run then); a later event of that session is checked as the start of a new one and may get a missing-sessionStart finding.\n\n## Options\n`--max-open-sessions N`",
};

/// Every LIMIT rule.
pub static ALL: [&RuleMeta; 3] = [&BODY_TOO_LARGE, &FINDINGS_CAPPED, &SESSIONS_EVICTED];
