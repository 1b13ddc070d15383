//! AD003 `ad-break-end-without-break`: an adBreakComplete with no open ad break (R27).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// adBreakComplete with no open ad break.
    ///
    /// ## What it checks
    /// Every `adBreakComplete` closes the ad break an earlier `adBreakStart` opened. One with
    /// no open break (none started, or the last one already closed) is reported.
    ///
    /// ## Why it matters
    /// adBreakStart and adBreakComplete come in pairs. A stray adBreakComplete is likely a
    /// second close of a break, or the close of a break whose adBreakStart was never sent, in
    /// which case the break's ads were ignored and counted as main content. Adobe's SDK refuses
    /// to send an adBreakComplete without an open break.
    ///
    /// ## Example
    /// A break closed twice:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakComplete","playerTime":{"playhead":0,"ts":1700000000001}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakComplete","playerTime":{"playhead":0,"ts":1700000000002}}
    /// ```
    ///
    /// ## Use instead
    /// One adBreakComplete per adBreakStart:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakComplete","playerTime":{"playhead":0,"ts":1700000000001}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/ads/ad-break-complete.md; FACTS R27, R31
    pub static AD_BREAK_END_WITHOUT_BREAK {
        code: "AD003",
        name: "ad-break-end-without-break",
        family: Ad,
        severity: Warning,
        session: |_cfg| AdBreakEndWithoutBreak,
    }
}

/// The rule.
pub struct AdBreakEndWithoutBreak;

impl SessionRule for AdBreakEndWithoutBreak {
    fn meta(&self) -> &'static RuleMeta {
        &AD_BREAK_END_WITHOUT_BREAK
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::AdBreakComplete])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::AdBreakComplete) || st.ad_break.is_some() {
            return;
        }
        let d = sink
            .report(
                &AD_BREAK_END_WITHOUT_BREAK,
                ev,
                ev.event_type_span,
                "`adBreakComplete` with no open ad break",
            )
            .label("no ad break is open")
            .help("send one adBreakComplete for each adBreakStart, after the break's last ad");
        if let Some(end) = st.last_ad_break_end {
            d.secondary_in(
                end.file,
                end.span,
                "the last ad break was already closed here",
            );
        } else {
            d.note("no adBreakStart was sent in this session");
        }
    }
}
