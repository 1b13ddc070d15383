//! TIM002 `playhead-moved-in-ad-break`: inside an ad break the playhead stays put (R12).

use crate::config::Config;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, SessionState};

declare_rule! {
    /// The playhead changes inside an ad break.
    ///
    /// ## What it checks
    /// Every event inside an ad break (from `adBreakStart` to `adBreakComplete`) carries the same
    /// playhead as the adBreakStart. Reported once per ad break.
    ///
    /// ## Why it matters
    /// During ads the playhead is the main content's position, frozen where the break interrupted
    /// it (0 for a pre-roll). A player that reports the ad's own position moves the content
    /// playhead: content progress and position reports are wrong.
    ///
    /// ## Example
    /// A player that sends the ad's own position:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":300,"ts":1700000300001},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":15,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":309,"ts":1700000309000}}
    /// ```
    ///
    /// ## Use instead
    /// Keep sending the content position at which the break started until adBreakComplete:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":300,"ts":1700000300000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":300}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":300,"ts":1700000300001},
    ///  "params":{"media.ad.id":"spot-3","media.ad.length":15,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":300,"ts":1700000309000}}
    /// ```
    ///
    /// ## Options
    /// `--ad-break-playhead-tolerance SECONDS` (default 0.5): how far the playhead may move
    /// inside a break before it is reported.
    ///
    /// ## References
    /// Adobe: events/ads/overview.md
    pub static PLAYHEAD_MOVED_IN_AD_BREAK {
        code: "TIM002",
        name: "playhead-moved-in-ad-break",
        family: Time,
        severity: Warning,
        session: PlayheadMovedInAdBreak::new,
    }
}

/// The rule.
pub struct PlayheadMovedInAdBreak {
    tolerance: f64,
    reported_break: Option<usize>,
}

impl PlayheadMovedInAdBreak {
    /// With the configured tolerance.
    pub fn new(cfg: &Config) -> Self {
        PlayheadMovedInAdBreak {
            tolerance: cfg.ad_break_playhead_tolerance_s,
            reported_break: None,
        }
    }
}

impl SessionRule for PlayheadMovedInAdBreak {
    fn meta(&self) -> &'static RuleMeta {
        &PLAYHEAD_MOVED_IN_AD_BREAK
    }

    // Every event's playhead.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some(brk) = st.ad_break else {
            return;
        };
        let (Some(start_ph), Some(now)) = (brk.playhead, ev.playhead) else {
            return;
        };
        if (now.value - start_ph).abs() <= self.tolerance || self.reported_break == Some(brk.index)
        {
            return;
        }
        self.reported_break = Some(brk.index);
        let d = sink
            .report(
                &PLAYHEAD_MOVED_IN_AD_BREAK,
                ev,
                now.span,
                format!(
                    "playhead moves from {} s to {} s inside an ad break; during ads it must stay at the content position, or content progress is miscounted",
                    format_num(start_ph),
                    format_num(now.value)
                ),
            )
            .label(format!("playhead {} s", format_num(now.value)))
            .help(format!(
                "send playhead {} s until adBreakComplete",
                format_num(start_ph)
            ));
        d.secondary_in(
            brk.file,
            brk.playhead_or_event(),
            format!("ad break started at playhead {} s", format_num(start_ph)),
        );
    }
}
