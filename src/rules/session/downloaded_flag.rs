//! SES005 `downloaded-flag`: `media.downloaded` matches the endpoint a sessionStart is posted
//! to (FACTS §1, downloaded content).

use crate::capture::Endpoint;
use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

/// Metadata and explain text.
pub static META: RuleMeta = RuleMeta {
    code: "SES005",
    name: "downloaded-flag",
    family: Family::Session,
    severity: Severity::Error,
    summary: "A batch on the deprecated /api/v1/sessions path without media.downloaded: true, or the flag on a live session.",
    docs: "## What it checks\nThe `media.downloaded` param of a `sessionStart` posted to `/api/v1/sessions`:\n\n- a downloaded-content batch (a JSON array of events) posted to the deprecated `/api/v1/sessions` path must set `\"media.downloaded\": true` on its sessionStart;\n- a live session (a single sessionStart posted to `/api/v1/sessions`) must not set it to true.\n\nBatches posted to `/api/v1/downloaded` need no flag, and a capture that does not record the endpoint (a bare body stream) is not checked.\n\n## Why it matters\nAdobe answers 400 in both cases. For a batch that means the whole batch is discarded: every event of the downloaded session is lost.\n\n## Example\n```\nPOST /api/v1/sessions\n[{\"eventType\": \"sessionStart\", \"params\": {...no media.downloaded...}, ...}, {\"eventType\": \"play\", ...}, ...]\n```\n\n## Use instead\nPost downloaded-content batches to `/api/v1/downloaded`, where the flag is not needed; on the old path, set `\"media.downloaded\": true`. Never set the flag on a live session.\n\n## References\nAdobe: use-cases/track-downloaded-content.md, variables/core/media-downloaded-flag.md",
};

/// The rule.
pub struct DownloadedFlag;

impl SessionRule for DownloadedFlag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::SessionStart) || ev.endpoint != Endpoint::Sessions {
            return;
        }
        // Read from the body's value; the flag's place only when there is a finding.
        let flag = ev.param_is_true("media.downloaded");
        let set = flag == Some(true);
        let flag_span = || ev.span_of("/params/media.downloaded");
        match (ev.batch.is_some(), flag) {
            (true, _) if set => {}
            (true, None) => {
                sink.report(
                    &META,
                    ev,
                    ev.event_type_span,
                    "a downloaded batch posted to the deprecated /api/v1/sessions path needs `\"media.downloaded\": true` on its sessionStart; Adobe answers 400 and discards the whole batch",
                )
                .label("no `media.downloaded` in this sessionStart's params")
                .help("post the batch to /api/v1/downloaded, where the flag is not needed, or add `\"media.downloaded\": true` to the sessionStart's params");
            }
            (true, Some(_)) => {
                sink.report(
                    &META,
                    ev,
                    flag_span(),
                    "a downloaded batch posted to the deprecated /api/v1/sessions path needs `\"media.downloaded\": true` on its sessionStart; Adobe answers 400 and discards the whole batch",
                )
                .label("must be `true`")
                .help("post the batch to /api/v1/downloaded, where the flag is not needed, or set the flag to `true`");
            }
            (false, Some(_)) if set => {
                sink.report(
                    &META,
                    ev,
                    flag_span(),
                    "`\"media.downloaded\": true` on a live session's sessionStart; Adobe answers 400 and the session is never opened",
                )
                .label("only for downloaded content")
                .help("remove the flag: downloaded content is posted as one array of events to /api/v1/downloaded");
            }
            _ => {}
        }
    }
}
