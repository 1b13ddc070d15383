//! SES005 `downloaded-flag`: `media.downloaded` matches the endpoint a sessionStart is posted
//! to (FACTS §1, downloaded content).

use crate::capture::Endpoint;
use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// A batch on the deprecated /api/v1/sessions path without media.downloaded: true, or the flag
    /// on a live session.
    ///
    /// ## What it checks
    /// The `media.downloaded` param of a `sessionStart` posted to `/api/v1/sessions`:
    ///
    /// - a downloaded-content batch (a JSON array of events) posted to the deprecated
    ///   `/api/v1/sessions` path must set `"media.downloaded": true` on its sessionStart;
    /// - a live session (a single sessionStart posted to `/api/v1/sessions`) must not set it to
    ///   true.
    ///
    /// Batches posted to `/api/v1/downloaded` need no flag, and a capture that does not record the
    /// endpoint (a bare body stream) is not checked.
    ///
    /// ## Why it matters
    /// Adobe answers 400 in both cases. For a batch that means the whole batch is discarded: every
    /// event of the downloaded session is lost.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions
    /// [{"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{
    ///   "analytics.trackingServer":"demo.sc.omtrdc.net","analytics.reportSuite":"demovod",
    ///   "visitor.marketingCloudOrgId":"0A1B2C3D4E5F@AdobeOrg","media.id":"clip-7","media.length":90,
    ///   "media.contentType":"vod","media.playerName":"web","media.channel":"web"}},
    ///  {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}},
    ///  {"eventType":"sessionEnd","playerTime":{"playhead":8,"ts":1700000008300}}]
    /// ```
    ///
    /// ## Use instead
    /// Post downloaded-content batches to `/api/v1/downloaded`, where the flag is not needed; on
    /// the old path, set `"media.downloaded": true`. Never set the flag on a live session.
    ///
    /// ```text
    /// POST /api/v1/downloaded
    /// [{"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{
    ///   "analytics.trackingServer":"demo.sc.omtrdc.net","analytics.reportSuite":"demovod",
    ///   "visitor.marketingCloudOrgId":"0A1B2C3D4E5F@AdobeOrg","media.id":"clip-7","media.length":90,
    ///   "media.contentType":"vod","media.playerName":"web","media.channel":"web"}},
    ///  {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000300}},
    ///  {"eventType":"sessionEnd","playerTime":{"playhead":8,"ts":1700000008300}}]
    /// ```
    ///
    /// ## References
    /// Adobe: use-cases/track-downloaded-content.md, variables/core/media-downloaded-flag.md
    pub static DOWNLOADED_FLAG {
        code: "SES005",
        name: "downloaded-flag",
        family: Session,
        severity: Error,
        session: |_cfg| DownloadedFlag,
    }
}

/// The rule.
pub struct DownloadedFlag;

impl SessionRule for DownloadedFlag {
    fn meta(&self) -> &'static RuleMeta {
        &DOWNLOADED_FLAG
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::SessionStart])
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::SessionStart) || ev.endpoint != Endpoint::Sessions {
            return;
        }
        // Read from the body's value; the flag's place only when there is a finding.
        let flag = ev.param_is_true("media.downloaded");
        let set = flag == Some(true);
        let flag_span = || ev.param_span("media.downloaded");
        match (ev.batch.is_some(), flag) {
            (true, _) if set => {}
            (true, None) => {
                sink.report(
                    &DOWNLOADED_FLAG,
                    ev,
                    ev.event_type_span,
                    "a downloaded batch posted to the deprecated /api/v1/sessions path needs `\"media.downloaded\": true` on its sessionStart; Adobe answers 400 and discards the whole batch",
                )
                .label("no `media.downloaded` in this sessionStart's params")
                .help("post the batch to /api/v1/downloaded, where the flag is not needed, or add `\"media.downloaded\": true` to the sessionStart's params");
            }
            (true, Some(_)) => {
                sink.report(
                    &DOWNLOADED_FLAG,
                    ev,
                    flag_span(),
                    "a downloaded batch posted to the deprecated /api/v1/sessions path needs `\"media.downloaded\": true` on its sessionStart; Adobe answers 400 and discards the whole batch",
                )
                .label("must be `true`")
                .help("post the batch to /api/v1/downloaded, where the flag is not needed, or set the flag to `true`");
            }
            (false, Some(_)) if set => {
                sink.report(
                    &DOWNLOADED_FLAG,
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
