//! SES006 `session-complete-early`: sessionComplete long before the end of the content (R2,
//! R3).

use crate::config::Config;
use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, SessionState};

declare_rule! {
    /// sessionComplete sent long before the content's end.
    ///
    /// ## What it checks
    /// A `sessionComplete` of on-demand content (`media.contentType` or `media.streamType` of
    /// the sessionStart says so, with a `media.length` above 0) comes at a playhead within
    /// 10 s or 10 % of `media.length`, whichever is larger.
    ///
    /// ## Why it matters
    /// `sessionComplete` tells Adobe that the end of the content was reached. Sent at the
    /// half-way mark, it likely counts a completed view that did not happen (completion and
    /// the 100 % progress marker are inflated); a viewer who leaves early is reported with
    /// `sessionEnd`. Adobe's own timelines 1 and 3 send it at 45 s of 60.33 s.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"analytics.trackingServer":"example.sc.omtrdc.net","analytics.reportSuite":"examplevod","visitor.marketingCloudOrgId":"1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg","media.id":"ep-3","media.name":"Short film","media.length":120,"media.contentType":"vod","media.playerName":"web","media.channel":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionComplete","playerTime":{"playhead":60,"ts":1700000060000}}
    /// ```
    ///
    /// ## Use instead
    /// Send sessionComplete when the playhead reaches the end; a viewer who leaves earlier
    /// ends the session with sessionEnd:
    ///
    /// ```text
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"analytics.trackingServer":"example.sc.omtrdc.net","analytics.reportSuite":"examplevod","visitor.marketingCloudOrgId":"1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg","media.id":"ep-3","media.name":"Short film","media.length":120,"media.contentType":"vod","media.playerName":"web","media.channel":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionEnd","playerTime":{"playhead":60,"ts":1700000060000}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/session/session-complete.md, events/session/overview.md,
    /// mc-api-timelines (Action 26 of timelines 1 and 3)
    pub static SESSION_COMPLETE_EARLY {
        code: "SES006",
        name: "session-complete-early",
        family: Session,
        severity: Warning,
        session: SessionCompleteEarly::new,
    }
}

/// Seconds before the end within which sessionComplete is on time, at least.
const EARLY_S: f64 = 10.0;
/// Share of `media.length` before the end within which sessionComplete is on time, at
/// least.
const EARLY_SHARE: f64 = 0.10;

/// The rule: remembers the on-demand content's length from the sessionStart.
pub struct SessionCompleteEarly {
    /// `media.length` (seconds) of on-demand content.
    length: Option<f64>,
}

impl SessionCompleteEarly {
    /// A fresh instance.
    pub fn new(_cfg: &Config) -> Self {
        SessionCompleteEarly { length: None }
    }
}

impl SessionRule for SessionCompleteEarly {
    fn meta(&self) -> &'static RuleMeta {
        &SESSION_COMPLETE_EARLY
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::SessionStart, EventType::SessionComplete])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if ev.is(EventType::SessionStart) && st.started.is_none() {
            let vod = ev.content_is_live() == Some(false);
            self.length = ev.param_f64("media.length").filter(|l| vod && *l > 0.0);
            return;
        }
        if !ev.is(EventType::SessionComplete) || st.completed.is_some() {
            return;
        }
        let (Some(length), Some(at)) = (self.length, ev.playhead) else {
            return;
        };
        let early = length - at.value;
        if early <= EARLY_S.max(length * EARLY_SHARE) {
            return;
        }
        let d = sink.report(
            &SESSION_COMPLETE_EARLY,
            ev,
            ev.event_type_span,
            format!(
                "`sessionComplete` at playhead {} s, {} s before the end of the content ({} s); it tells Adobe the end was reached, so a completed view is likely counted that did not happen",
                format_num(at.value),
                format_num((early * 100.0).round() / 100.0),
                format_num(length)
            ),
        )
        .label(format!("playhead {} s", format_num(at.value)))
        .help("send sessionComplete when the content ends; a viewer who leaves early ends the session with sessionEnd");
        if let Some((file, span)) = st.media_length_at {
            d.secondary_in(file, span, format!("media.length {} s", format_num(length)));
        }
    }
}
