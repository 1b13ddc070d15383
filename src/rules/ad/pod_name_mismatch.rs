//! AD011 `pod-name-mismatch`: an adStart whose `media.ad.podFriendlyName` differs from its
//! ad break's.

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};
use crate::source::Span;

declare_rule! {
    /// An adStart's media.ad.podFriendlyName differs from its ad break's.
    ///
    /// ## What it checks
    /// When an `adStart` repeats `media.ad.podFriendlyName`, it is the name the break's
    /// `adBreakStart` gave.
    ///
    /// ## Why it matters
    /// The pod's name is an adBreakStart parameter; Adobe's timelines also repeat it on each
    /// adStart. Two different names for one break mean one of them is wrong, likely copied from
    /// an earlier break, and Adobe likely names the pod from the adBreakStart. Adobe's timeline 2
    /// shows this mistake (an ad named `ad_pod1` inside break `ad_pod2`).
    ///
    /// ## Example
    /// A mid-roll ad that still carries the pre-roll's pod name:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":2,"media.ad.podSecond":300,"media.ad.podFriendlyName":"mid-roll 1"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":300,"ts":1700000300001},
    ///  "params":{"media.ad.id":"spot-4","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web","media.ad.podFriendlyName":"pre-roll"}}
    /// ```
    ///
    /// ## Use instead
    /// Repeat the break's own name, or leave it out of adStart:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":2,"media.ad.podSecond":300,"media.ad.podFriendlyName":"mid-roll 1"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":300,"ts":1700000300001},
    ///  "params":{"media.ad.id":"spot-4","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web","media.ad.podFriendlyName":"mid-roll 1"}}
    /// ```
    ///
    /// ## References
    /// Adobe: media-collection-api/mc-api-ref/mc-api-req-params.md,
    /// variables/ads/ad-break-name.md; FACTS §3.3, §5 Timeline 2 (ii)
    pub static POD_NAME_MISMATCH {
        code: "AD011",
        name: "pod-name-mismatch",
        family: Ad,
        severity: Warning,
        session: |_cfg| PodNameMismatch::default(),
    }
}

const KEY: &str = "media.ad.podFriendlyName";

/// A pod name and where it is written (file, span).
type Named = (String, usize, Span);

/// The rule.
#[derive(Default)]
pub struct PodNameMismatch {
    /// The open break's index, and its name with where it is written.
    brk: Option<(usize, Option<Named>)>,
}

impl SessionRule for PodNameMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &POD_NAME_MISMATCH
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::AdBreakStart, EventType::AdStart])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        match ev.event_type {
            Some(EventType::AdBreakStart) => {
                let name = ev
                    .param_str(KEY)
                    .map(|n| (n.to_string(), ev.file, ev.param_span(KEY)));
                self.brk = Some((ev.index, name));
            }
            Some(EventType::AdStart) => {
                let Some(open) = st.ad_break else {
                    return;
                };
                let Some((idx, Some((name, file, at)))) = &self.brk else {
                    return;
                };
                if *idx != open.index {
                    return;
                }
                let Some(own) = ev.param_str(KEY) else {
                    return;
                };
                if own == name {
                    return;
                }
                sink.report(
                    &POD_NAME_MISMATCH,
                    ev,
                    ev.param_span(KEY),
                    format!("adStart names its pod \"{own}\" inside ad break \"{name}\"; one of the two is wrong, and Adobe likely names the pod from adBreakStart"),
                )
                .label("not the break's name")
                .secondary_in(*file, *at, "the ad break's name")
                .help("repeat the adBreakStart's podFriendlyName on its ads, or leave it out of adStart");
            }
            _ => {}
        }
    }
}
