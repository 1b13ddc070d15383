//! AD004 `ad-break-open-at-session-end`: an ad break (or ad) still open when the session
//! ends (R27, R31).

use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, SessionState};

declare_rule! {
    /// An ad break is still open when the session ends.
    ///
    /// ## What it checks
    /// When a session ends (its `sessionEnd`, or Adobe's inactivity timeout) or completes
    /// (`sessionComplete`), the last `adBreakStart` has had its `adBreakComplete`. An ad still
    /// open then is named in the same finding. A session the capture stops in without any of
    /// these is not reported: it may well have gone on after the capture.
    ///
    /// ## Why it matters
    /// Every ad break needs an adBreakComplete. Adobe's SDK closes an open ad and ad break
    /// itself (adSkip, then adBreakComplete) before it sends sessionComplete or sessionEnd; the
    /// Media Collection API does not document what the back end does with a break left open.
    /// This is advice: close the break the way the SDK does.
    ///
    /// ## Example
    /// The viewer leaves during a mid-roll:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":300,"ts":1700000300001},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":15,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionEnd","playerTime":{"playhead":300,"ts":1700000304000}}
    /// ```
    ///
    /// ## Use instead
    /// Close the ad and the break first, as Adobe's SDK does:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":300,"ts":1700000300001},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":15,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adSkip","playerTime":{"playhead":300,"ts":1700000303998}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakComplete","playerTime":{"playhead":300,"ts":1700000303999}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"sessionEnd","playerTime":{"playhead":300,"ts":1700000304000}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/ads/ad-break-complete.md, events/session/session-end.md; FACTS R27, R31
    /// (the SDK's implicit close), §5 Timeline 2 (ix)
    pub static AD_BREAK_OPEN_AT_SESSION_END {
        code: "AD004",
        name: "ad-break-open-at-session-end",
        family: Ad,
        severity: Info,
        session: |_cfg| AdBreakOpenAtSessionEnd,
    }
}

/// The rule.
pub struct AdBreakOpenAtSessionEnd;

impl SessionRule for AdBreakOpenAtSessionEnd {
    fn meta(&self) -> &'static RuleMeta {
        &AD_BREAK_OPEN_AT_SESSION_END
    }

    // Judged at the session's end only.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::NONE)
    }

    fn on_event(&mut self, _ev: &Event, _st: &SessionState, _sink: &mut Sink) {}

    fn on_session_end(&mut self, st: &SessionState, sink: &mut Sink) {
        let Some(brk) = st.ad_break else {
            return;
        };
        // A capture that stops mid-break says nothing about how the session went on.
        if !st.is_closed() && st.completed.is_none() {
            return;
        }
        let what = if st.ad.is_some() {
            "an ad and its ad break are still open"
        } else {
            "an ad break is still open"
        };
        let d = sink
            .report_mark(
                &AD_BREAK_OPEN_AT_SESSION_END,
                &brk,
                format!(
                    "{what} when the session ends; Adobe's SDK would close them first (adSkip, adBreakComplete), the API's handling is undocumented"
                ),
            )
            .label("this ad break has no adBreakComplete");
        if let Some(ad) = st.ad {
            d.secondary_in(ad.file, ad.span, "this ad has no adComplete or adSkip");
        }
        if let Some(end) = st.ended.or(st.completed) {
            d.secondary_in(end.file, end.span, "the session ends here");
        } else if let Some(last) = st.timed_out {
            d.secondary_in(
                last.file,
                last.span,
                "the session's last event before Adobe's inactivity timeout",
            );
        } else if let Some(last) = st.frozen_out {
            d.secondary_in(
                last.file,
                last.span,
                "the session's last event before Adobe's frozen-playhead timeout",
            );
        }
        d.help(
            "send adSkip for an open ad and adBreakComplete before sessionComplete or sessionEnd",
        );
    }
}
