//! AD010 `ad-longer-than-length`: an ad that played longer than its `media.ad.length` (R32).

use crate::config::Config;
use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, Place, SessionState};

declare_rule! {
    /// An ad played longer than its media.ad.length.
    ///
    /// ## What it checks
    /// The time from an `adStart` to the `adComplete` or `adSkip` that closes it, measured by
    /// `ts`, is at most the adStart's `media.ad.length` plus a tolerance. Time while the player
    /// is paused or buffering inside the ad (from pauseStart or bufferStart to the next play)
    /// is not counted.
    ///
    /// ## Why it matters
    /// `media.ad.length` is the ad's declared length, while Adobe measures ad time spent from
    /// the events. An ad that plays longer than its length means the declared length is wrong
    /// or the ad's events are late (often an adComplete sent on a timer rather than at the
    /// ad's end); either way ad time spent and completion reports likely disagree with the
    /// length. Adobe's timeline 2 shows a 7 s ad that runs 12 s.
    ///
    /// ## Example
    /// A 10 s ad whose adComplete comes 16 s after its adStart:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000000001},
    ///  "params":{"media.ad.id":"spot-1","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adComplete","playerTime":{"playhead":0,"ts":1700000016001}}
    /// ```
    ///
    /// ## Use instead
    /// Send the ad's real length, and adComplete when it ends:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000000001},
    ///  "params":{"media.ad.id":"spot-1","media.ad.length":10,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adComplete","playerTime":{"playhead":0,"ts":1700000010001}}
    /// ```
    ///
    /// ## Options
    /// `--ad-length-tolerance S` (default 1; `ad-length-tolerance` in `valint.toml`): how much
    /// longer than its length an ad may play before it is reported, seconds.
    ///
    /// ## References
    /// Adobe: variables/ads/ad-length.md, events/ads/ad-complete.md; FACTS R32, §5 Timeline 2 (i)
    pub static AD_LONGER_THAN_LENGTH {
        code: "AD010",
        name: "ad-longer-than-length",
        family: Ad,
        severity: Warning,
        session: AdLongerThanLength::new,
    }
}

const KEY: &str = "media.ad.length";

/// The open ad being timed.
struct Timing {
    /// Declared length, seconds, and where it is written.
    length: f64,
    length_at: (usize, Place),
    /// Playing time so far, ms.
    played_ms: i64,
    /// Clock at which the current playing stretch began; `None` while paused or buffering.
    since: Option<i64>,
}

/// The rule.
pub struct AdLongerThanLength {
    tolerance_s: f64,
    open: Option<Timing>,
}

impl AdLongerThanLength {
    /// With the configured tolerance.
    pub fn new(cfg: &Config) -> Self {
        AdLongerThanLength {
            tolerance_s: cfg.ad_length_tolerance_s,
            open: None,
        }
    }
}

impl SessionRule for AdLongerThanLength {
    fn meta(&self) -> &'static RuleMeta {
        &AD_LONGER_THAN_LENGTH
    }

    // The ad's play time runs from adStart and play to pauseStart and bufferStart.
    fn interest(&self) -> Interest {
        Interest::types(&[
            EventType::AdBreakStart,
            EventType::AdStart,
            EventType::Play,
            EventType::PauseStart,
            EventType::BufferStart,
            EventType::AdComplete,
            EventType::AdSkip,
            EventType::AdBreakComplete,
        ])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some(t) = ev.event_type else {
            return;
        };
        let now = st.clock_of(ev);
        match t {
            EventType::AdStart => {
                self.open = None;
                if st.ad_break.is_none() {
                    return;
                }
                let (Some(length), Some(start)) = (ev.param_f64(KEY), now) else {
                    return;
                };
                self.open = Some(Timing {
                    length,
                    length_at: (ev.file, ev.param_place(KEY)),
                    played_ms: 0,
                    since: Some(start),
                });
            }
            EventType::PauseStart | EventType::BufferStart => {
                if let (Some(o), Some(now)) = (&mut self.open, now) {
                    if let Some(s) = o.since.take() {
                        o.played_ms += (now - s).max(0);
                    }
                }
            }
            EventType::Play => {
                if let Some(o) = &mut self.open {
                    if o.since.is_none() {
                        o.since = now;
                    }
                }
            }
            EventType::AdComplete | EventType::AdSkip => {
                let Some(mut o) = self.open.take() else {
                    return;
                };
                if st.ad.is_none() {
                    return;
                }
                let Some(now) = now else {
                    return;
                };
                if let Some(s) = o.since {
                    o.played_ms += (now - s).max(0);
                }
                let played = o.played_ms as f64 / 1000.0;
                if played <= o.length + self.tolerance_s {
                    return;
                }
                let Some(ad) = st.ad else {
                    return;
                };
                sink.report(
                    &AD_LONGER_THAN_LENGTH,
                    ev,
                    ev.event_type_span,
                    format!(
                        "the ad played {} s but its `{KEY}` is {} s; Adobe measures ad time spent from the events, so ad time and the declared length likely disagree in reports",
                        format_num(played),
                        format_num(o.length)
                    ),
                )
                .label(format!("the ad closes here after {} s of play", format_num(played)))
                .secondary_in(o.length_at.0, o.length_at.1.span(), "the declared length")
                .secondary_in(ad.file, ad.span, "the ad started here")
                .help("send the ad's real length with adStart, and adComplete when the ad ends");
            }
            EventType::AdBreakStart | EventType::AdBreakComplete => self.open = None,
            _ => {}
        }
    }
}
