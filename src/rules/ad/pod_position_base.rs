//! AD013 `pod-position-base`: the first ad of an ad break is not at the first position
//! (FACTS §6, the podPosition index base).

use crate::config::{Config, PodPositionBase};
use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, SessionState};

declare_rule! {
    /// The first ad of an ad break does not have the first media.ad.podPosition.
    ///
    /// ## What it checks
    /// The `media.ad.podPosition` of the first `adStart` of each ad break is the first
    /// position. Adobe's pages disagree on where positions start: the request-parameter
    /// table, the timelines and Adobe's SDK count from 1; the ad-in-pod-position variable
    /// page and the Media Edge spec count from 0. By default valint accepts either;
    /// `--pod-position-base 0` or `--pod-position-base 1` holds a team to one.
    ///
    /// ## Why it matters
    /// podPosition is the ad's place in its pod. When the first ad of a break is reported
    /// at position 2, the counter was likely not reset at the break, and reports by ad
    /// position (first-in-pod rates) are wrong. Adobe's timeline 1 shows this mistake: its
    /// mid-roll's only ad has position 2.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":21,"ts":1700000000000},"params":{"media.ad.podIndex":1,"media.ad.podSecond":21}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":21,"ts":1700000000001},"params":{"media.ad.id":"spot-3","media.ad.length":8,"media.ad.podPosition":2,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// Restart the position for every ad break:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":21,"ts":1700000000000},"params":{"media.ad.podIndex":1,"media.ad.podSecond":21}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":21,"ts":1700000000001},"params":{"media.ad.id":"spot-3","media.ad.length":8,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Options
    /// `--pod-position-base either|0|1` (default `either`).
    ///
    /// ## References
    /// Adobe: mc-api-ref/mc-api-req-params.md, variables/ads/ad-in-pod-position.md,
    /// mc-api-timelines/mc-api-timeline-1.md (Action 17); the Media Edge API's OpenAPI spec
    pub static POD_POSITION_BASE {
        code: "AD013",
        name: "pod-position-base",
        family: Ad,
        severity: Warning,
        session: PodPositionFirst::new,
    }
}

/// The rule: whether the open break has had its first ad.
pub struct PodPositionFirst {
    base: PodPositionBase,
    had_ad: bool,
}

impl PodPositionFirst {
    /// With the configured base.
    pub fn new(cfg: &Config) -> Self {
        PodPositionFirst {
            base: cfg.pod_position_base,
            had_ad: false,
        }
    }
}

impl SessionRule for PodPositionFirst {
    fn meta(&self) -> &'static RuleMeta {
        &POD_POSITION_BASE
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::AdBreakStart, EventType::AdStart])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        match ev.event_type {
            Some(EventType::AdBreakStart) => self.had_ad = false,
            Some(EventType::AdStart) if st.ad_break.is_some() => {
                let first = !self.had_ad;
                self.had_ad = true;
                let Some(pos) = ev.param_f64("media.ad.podPosition") else {
                    return;
                };
                let (ok, expected) = match self.base {
                    PodPositionBase::Either => (pos == 0.0 || pos == 1.0, "0 or 1"),
                    PodPositionBase::Zero => (pos == 0.0, "0"),
                    PodPositionBase::One => (pos == 1.0, "1"),
                };
                if !first || ok {
                    return;
                }
                let d = sink
                    .report(
                        &POD_POSITION_BASE,
                        ev,
                        ev.param_span("media.ad.podPosition"),
                        format!(
                            "the first ad of this ad break has `media.ad.podPosition` {}, not {expected}; the position was likely not restarted for the break, so reports by ad position are off",
                            format_num(pos)
                        ),
                    )
                    .label(format!("position {}", format_num(pos)))
                    .help(format!("give the first ad of every ad break position {expected} (`--pod-position-base` chooses the base)"));
                if let Some(brk) = st.ad_break {
                    d.secondary_in(brk.file, brk.span, "the ad break starts here");
                }
            }
            _ => {}
        }
    }
}
