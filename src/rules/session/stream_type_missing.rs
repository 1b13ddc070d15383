//! SES011 `stream-type-missing`: sessionStart without `media.streamType`, when a team takes
//! the side of the docs that requires it (FACTS §6).

use crate::config::Config;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// sessionStart without media.streamType, with `--require-stream-type`.
    ///
    /// ## What it checks
    /// With `--require-stream-type`: a `sessionStart` whose `params` has no
    /// `media.streamType`. By default nothing is reported, because Adobe's pages disagree:
    /// the stream-type variable page calls the parameter required (audio or video), while
    /// the MC API's request-parameter table does not list it and no sessionStart example
    /// sends it. Adobe's SDK sends it.
    ///
    /// ## Why it matters
    /// Without a stream type, audio and video sessions likely cannot be told apart in the
    /// reports that split them. A team that follows the variable pages turns this on.
    ///
    /// ## Example
    /// ```text
    /// # valint check --require-stream-type
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"analytics.trackingServer":"example.sc.omtrdc.net","analytics.reportSuite":"examplevod","visitor.marketingCloudOrgId":"1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg","media.id":"ep-5","media.name":"Episode 5","media.length":1200,"media.contentType":"vod","media.playerName":"web","media.channel":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # valint check --require-stream-type
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"analytics.trackingServer":"example.sc.omtrdc.net","analytics.reportSuite":"examplevod","visitor.marketingCloudOrgId":"1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg","media.id":"ep-5","media.name":"Episode 5","media.length":1200,"media.contentType":"vod","media.streamType":"video","media.playerName":"web","media.channel":"web"}}
    /// ```
    ///
    /// ## Options
    /// `--require-stream-type` (off by default).
    ///
    /// ## References
    /// Adobe: variables/core/stream-type.md, mc-api-ref/mc-api-req-params.md
    pub static STREAM_TYPE_MISSING {
        code: "SES011",
        name: "stream-type-missing",
        family: Session,
        severity: Warning,
        session: |cfg: &Config| StreamTypeMissing { on: cfg.require_stream_type },
    }
}

/// The rule; does nothing unless the position is taken.
pub struct StreamTypeMissing {
    on: bool,
}

impl SessionRule for StreamTypeMissing {
    fn meta(&self) -> &'static RuleMeta {
        &STREAM_TYPE_MISSING
    }

    // Nothing when the option is off.
    fn interest(&self) -> Interest {
        if self.on {
            Interest::types(&[EventType::SessionStart])
        } else {
            Interest::on_event(EventSet::NONE)
        }
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        if !self.on || !ev.is(EventType::SessionStart) || !ev.has_params() {
            return;
        }
        if ev.param_keys().contains(&"media.streamType") {
            return;
        }
        sink.report(
            &STREAM_TYPE_MISSING,
            ev,
            ev.span_of("/params"),
            "`sessionStart` without `media.streamType`; with `--require-stream-type` it is required, as the stream-type variable page says",
        )
        .label("no media.streamType")
        .help("add `\"media.streamType\": \"video\"` (or `\"audio\"`) to the sessionStart params");
    }
}
