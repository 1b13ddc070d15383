//! PNG001 `ping-interval-exceeded`: a ping at least every 10 s, whatever else happens (R15).

use crate::config::{Config, PingConfig};
use crate::rules::{RuleMeta, SessionRule, Sink};
use crate::session::{format_num, ClockSource, Event, EventType, Mark, SessionState};

declare_rule! {
    /// Too long without a ping.
    ///
    /// ## What it checks
    /// The time (by `playerTime.ts`) between two pings, or from sessionStart to the first ping,
    /// stays within the ping interval plus a tolerance. Other events do not reset the timer: Adobe
    /// asks for a ping every 10 s regardless of them, in content, in ads and while paused. A gap is
    /// reported once, at the ping that ends it, with its full length; when the pings stop for good,
    /// it is reported at the session's last event.
    ///
    /// A ping whose `ts` is unusable (a placeholder, a syntax error) does not count: Adobe rejects
    /// such a request.
    ///
    /// ## Why it matters
    /// Adobe computes time spent from pings. Missing pings make durations coarse and, after 10
    /// minutes without any event, the session is closed (SES004).
    ///
    /// ## The docs disagree on ads
    /// Adobe's current ping page and the SDK (without granular ad tracking) use 10 s in ads too;
    /// the timelines and older pages use 1 s. valint defaults to 10 s and offers 1 s as an option.
    /// The stricter interval applies when any part of the gap was inside an ad break.
    ///
    /// On docs pages whose `ts` is a placeholder, the action table's seconds are the clock.
    ///
    /// ## Example
    /// A player that restarts its ping timer on every other event:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":0,"ts":1700000000000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":7,"ts":1700000007000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":7,"ts":1700000015000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":17,"ts":1700000025000}}
    /// ```
    ///
    /// ## Use instead
    /// Run a 10 s ping timer from sessionStart until the session ends:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":0,"ts":1700000000000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":7,"ts":1700000007000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":7,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":7,"ts":1700000015000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":12,"ts":1700000020000}}
    /// ```
    ///
    /// ## Options
    /// `--ping-interval S` (10), `--ad-ping-interval S` (10; 1 with `--granular-ad-tracking`),
    /// `--ping-tolerance S` (1).
    ///
    /// ## References
    /// Adobe: events/playback/ping.md, mc-api-impl/mc-api-sed-pings.md, mc-api-timelines
    pub static PING_INTERVAL_EXCEEDED {
        code: "PNG001",
        name: "ping-interval-exceeded",
        family: Ping,
        severity: Warning,
        session: PingInterval::new,
    }
}

/// The rule.
pub struct PingInterval {
    cfg: PingConfig,
    idle_ms: i64,
    /// The last ping (or sessionStart) with a usable clock.
    anchor: Option<Mark>,
    /// Whether any part of the current gap was inside an ad break.
    in_ad: bool,
}

impl PingInterval {
    /// With the configured intervals.
    pub fn new(cfg: &Config) -> Self {
        PingInterval {
            cfg: cfg.ping.clone(),
            idle_ms: cfg.idle_timeout_ms(),
            anchor: None,
            in_ad: false,
        }
    }

    fn interval(&self) -> f64 {
        if self.in_ad {
            self.cfg.ad_interval_s.min(self.cfg.interval_s)
        } else {
            self.cfg.interval_s
        }
    }

    fn limit_ms(&self) -> i64 {
        ((self.interval() + self.cfg.tolerance_s) * 1000.0).round() as i64
    }

    fn message(&self, gap_ms: i64, ended: bool) -> String {
        // Name the ad break only when it changes the limit.
        let in_ad = self.in_ad && self.cfg.ad_interval_s < self.cfg.interval_s;
        format!(
            "{} s {}without a ping{} (limit {} s{}); Adobe's time-spent figures lose accuracy",
            format_num(gap_ms as f64 / 1000.0),
            if ended {
                "until the session's last event "
            } else {
                ""
            },
            if in_ad {
                ", partly inside an ad break"
            } else {
                ""
            },
            format_num(self.interval()),
            if in_ad { " in ads" } else { "" },
        )
    }
}

fn what(anchor: &Mark) -> &'static str {
    if anchor.event_type == Some(EventType::Ping) {
        "previous ping"
    } else {
        "ping timer started here"
    }
}

impl SessionRule for PingInterval {
    fn meta(&self) -> &'static RuleMeta {
        &PING_INTERVAL_EXCEEDED
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some(now) = st.clock_of(ev) else {
            return;
        };
        let mark = st.mark(ev);
        if st.ad.is_some() || st.ad_break.is_some() || ev.is(EventType::AdBreakStart) {
            self.in_ad = true;
        }
        let resets = ev.is(EventType::Ping) || ev.is(EventType::SessionStart);
        let Some(anchor) = self.anchor.filter(|a| a.clock_ms.is_some()) else {
            self.anchor = Some(mark);
            return;
        };
        if !resets {
            return;
        }
        let gap = now - anchor.clock_ms.unwrap_or(now);
        // A gap so long that Adobe closed the session is SES004's finding, not this one.
        let since_last = st.last.and_then(|l| l.clock_ms).map_or(0, |l| now - l);
        if gap > self.limit_ms() && since_last < self.idle_ms {
            let table = st.clock_source == Some(ClockSource::ActionTable);
            let msg = self.message(gap, false);
            let interval = self.interval();
            let d = sink
                .report(&PING_INTERVAL_EXCEEDED, ev, ev.event_type_span, msg)
                .label(format!(
                    "{} s after the {}{}",
                    format_num(gap as f64 / 1000.0),
                    what(&anchor),
                    if anchor.file == ev.file {
                        ""
                    } else {
                        " (in an earlier file)"
                    }
                ))
                .help(format!(
                    "send a ping every {} s, whatever other events happen",
                    format_num(interval)
                ));
            if table {
                d.note = Some(
                    "times from the page's action table (its ts values are placeholders)".into(),
                );
            }
            d.secondary_in(anchor.file, anchor.span, what(&anchor));
        }
        self.anchor = Some(mark);
        self.in_ad = st.ad.is_some() || st.ad_break.is_some();
    }

    fn on_session_end(&mut self, st: &SessionState, sink: &mut Sink) {
        let (Some(anchor), Some(last)) = (self.anchor, st.ended.or(st.last)) else {
            return;
        };
        let (Some(then), Some(end)) = (anchor.clock_ms, last.clock_ms) else {
            return;
        };
        if last.index == anchor.index || st.timed_out.is_some() {
            return;
        }
        let gap = end - then;
        if gap > self.limit_ms() {
            let msg = self.message(gap, true);
            let interval = self.interval();
            let d = sink
                .report_mark(&PING_INTERVAL_EXCEEDED, &last, msg)
                .label("no ping since")
                .help(format!(
                    "keep the ping timer running every {} s until the session ends",
                    format_num(interval)
                ));
            d.secondary_in(anchor.file, anchor.span, what(&anchor));
        }
    }
}
