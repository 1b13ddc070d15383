//! SES010 `end-without-complete`: the content played to its end, and the session ended
//! with sessionEnd but no sessionComplete (R3).

use crate::config::Config;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, SessionState};
use crate::source::Span;

declare_rule! {
    /// The content played to its end, but the session ends without sessionComplete.
    ///
    /// ## What it checks
    /// A `sessionEnd` of on-demand content (`media.length` above 0 on the sessionStart) that
    /// no `sessionComplete` came before, although the playhead reached the end of the
    /// content: within 2 s or 1 % of `media.length`, whichever is larger. A playhead far
    /// past the end is a wrong value (TIM007) and does not count.
    ///
    /// ## Why it matters
    /// Adobe counts a completed view from `sessionComplete`; `sessionEnd` means the viewer
    /// left. The session-events page asks for sessionComplete before sessionEnd when the
    /// content was watched to the end. Without it the view is likely reported as abandoned,
    /// and completion rates come out low.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"analytics.trackingServer":"example.sc.omtrdc.net","analytics.reportSuite":"examplevod","visitor.marketingCloudOrgId":"1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg","media.id":"ep-4","media.name":"Trailer","media.length":20,"media.contentType":"vod","media.playerName":"web","media.channel":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000100}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":10,"ts":1700000010100}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionEnd","playerTime":{"playhead":20,"ts":1700000020100}}
    /// ```
    ///
    /// ## Use instead
    /// Send sessionComplete when the content ends, then sessionEnd:
    ///
    /// ```text
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"analytics.trackingServer":"example.sc.omtrdc.net","analytics.reportSuite":"examplevod","visitor.marketingCloudOrgId":"1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg","media.id":"ep-4","media.name":"Trailer","media.length":20,"media.contentType":"vod","media.playerName":"web","media.channel":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000100}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":10,"ts":1700000010100}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionComplete","playerTime":{"playhead":20,"ts":1700000020100}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionEnd","playerTime":{"playhead":20,"ts":1700000020200}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/session/overview.md, events/session/session-complete.md,
    /// events/session/session-end.md
    pub static END_WITHOUT_COMPLETE {
        code: "SES010",
        name: "end-without-complete",
        family: Session,
        severity: Warning,
        session: EndWithoutComplete::new,
    }
}

/// How close to `media.length` the playhead must come to have reached the end, at least
/// (seconds).
const END_S: f64 = 2.0;
/// The same as a share of `media.length`, at least.
const END_SHARE: f64 = 0.01;

/// The rule: remembers the content's length and the furthest playhead.
pub struct EndWithoutComplete {
    /// `media.length` (seconds) of on-demand content.
    length: Option<f64>,
    /// The furthest playhead so far (seconds), and where.
    furthest: Option<(f64, usize, Span)>,
}

impl EndWithoutComplete {
    /// A fresh instance.
    pub fn new(_cfg: &Config) -> Self {
        EndWithoutComplete {
            length: None,
            furthest: None,
        }
    }
}

impl SessionRule for EndWithoutComplete {
    fn meta(&self) -> &'static RuleMeta {
        &END_WITHOUT_COMPLETE
    }

    // Every event's playhead counts toward the furthest reached.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if ev.is(EventType::SessionStart) && st.started.is_none() {
            let vod = ev.content_is_live() == Some(false);
            self.length = ev.param_f64("media.length").filter(|l| vod && *l > 0.0);
        }
        // Inside an ad break the playhead is the content's, standing still (R12). A playhead
        // past the end is a wrong value (TIM007), not the end reached.
        let within = |v: f64| {
            self.length
                .is_none_or(|l| v <= l + END_S.max(l * END_SHARE))
        };
        if let Some(p) = ev.playhead.filter(|p| within(p.value)) {
            if self.furthest.is_none_or(|(f, _, _)| p.value > f) {
                self.furthest = Some((p.value, ev.file, p.span));
            }
        }
        if !ev.is(EventType::SessionEnd) || st.completed.is_some() || st.ended.is_some() {
            return;
        }
        let (Some(length), Some((at, afile, aspan))) = (self.length, self.furthest) else {
            return;
        };
        if length - at > END_S.max(length * END_SHARE) {
            return;
        }
        let d = sink.report(
            &END_WITHOUT_COMPLETE,
            ev,
            ev.event_type_span,
            format!(
                "`sessionEnd` after the playhead reached the end of the content ({} s of {} s) with no `sessionComplete`; Adobe likely reports this view as abandoned, not completed",
                format_num(at),
                format_num(length)
            ),
        )
        .label("the session ends without sessionComplete")
        .help("send sessionComplete when the content ends, before sessionEnd")
        .secondary_in(afile, aspan, format!("playhead {} s", format_num(at)));
        if let Some((file, span)) = st.media_length_at {
            d.secondary_in(file, span, format!("media.length {} s", format_num(length)));
        }
    }
}
