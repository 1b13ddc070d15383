//! PNG001 `ping-interval-exceeded`: a ping at least every 10 s, whatever else happens (R15).

use crate::config::{Config, PingConfig};
use crate::diagnostic::{Label, Severity};
use crate::rules::{Family, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, ClockSource, Event, EventType, Mark, SessionState};

/// Metadata and explain text.
pub static META: RuleMeta = RuleMeta {
    code: "PNG001",
    name: "ping-interval-exceeded",
    family: Family::Ping,
    severity: Severity::Warning,
    summary: "Too long without a ping.",
    docs: "## What it checks\nThe time (by `playerTime.ts`) since the last `ping`, or since sessionStart before the first ping, stays within the ping interval plus a tolerance. Other events do not reset the timer: Adobe asks for a ping every 10 s regardless of them, in content, in ads and while paused. Reported once per gap, at the first event that reveals it.\n\n## Why it matters\nAdobe computes time spent from pings. Missing pings make durations coarse and, after 10 minutes without any event, the session is closed (SES004).\n\n## The docs disagree on ads\nAdobe's current ping page and the SDK (without granular ad tracking) use 10 s in ads too; the timelines and older pages use 1 s. valint defaults to 10 s and offers 1 s as an option.\n\nOn docs pages whose `ts` is a placeholder, the action table's seconds are the clock.\n\n## Example\n```\nping ts ...000, play ts ...005, pauseStart ts ...012, ping ts ...024\n```\n\n## Use instead\nRun a 10 s ping timer from sessionStart until the session ends.\n\n## Options\n`--ping-interval S` (10), `--ad-ping-interval S` (10; 1 for granular ad tracking), `--ping-tolerance S` (1).\n\n## References\nAdobe: events/playback/ping.md, mc-api-impl/mc-api-sed-pings.md, mc-api-timelines",
};

/// The rule.
pub struct PingInterval {
    cfg: PingConfig,
    idle_ms: i64,
    anchor: Option<Mark>,
    reported: bool,
}

impl PingInterval {
    /// With the configured intervals.
    pub fn new(cfg: &Config) -> Self {
        PingInterval {
            cfg: cfg.ping.clone(),
            idle_ms: cfg.idle_timeout_ms(),
            anchor: None,
            reported: false,
        }
    }
}

fn ms(s: f64) -> i64 {
    (s * 1000.0).round() as i64
}

impl SessionRule for PingInterval {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some(now) = st.clock_of(ev) else {
            return;
        };
        let mark = st.mark(ev);
        let Some(anchor) = self.anchor else {
            self.anchor = Some(mark);
            return;
        };
        let Some(then) = anchor.clock_ms else {
            self.anchor = Some(mark);
            return;
        };
        // A gap so long that Adobe closed the session is SES004's finding, not this one.
        let since_last = st.last.and_then(|l| l.clock_ms).map_or(0, |l| now - l);
        let in_ad = st.ad.is_some() || st.ad_break.is_some();
        let interval = if in_ad {
            self.cfg.ad_interval_s
        } else {
            self.cfg.interval_s
        };
        let limit = ms(interval + self.cfg.tolerance_s);
        let gap = now - then;
        if gap > limit && !self.reported && since_last < self.idle_ms {
            self.reported = true;
            let table = st.clock_source == Some(ClockSource::ActionTable);
            let what = if anchor.event_type == Some(EventType::Ping) {
                "last ping"
            } else {
                "ping timer started"
            };
            let d = sink
                .report(
                    &META,
                    ev,
                    ev.event_type_span,
                    format!(
                        "{} s without a ping {}(limit {} s{}); Adobe's time-spent figures lose accuracy",
                        format_num(gap as f64 / 1000.0),
                        if in_ad { "inside an ad break " } else { "" },
                        format_num(interval),
                        if in_ad { " in ads" } else { "" },
                    ),
                )
                .label(format!("{} s after the {what}", format_num(gap as f64 / 1000.0)))
                .help(format!(
                    "send a ping every {} s, whatever other events happen",
                    format_num(interval)
                ));
            if table {
                d.note = Some(
                    "times from the page's action table (its ts values are placeholders)".into(),
                );
            }
            if anchor.file == ev.file {
                d.secondary.push(Label::new(anchor.span, what));
            }
        }
        if ev.is(EventType::Ping) || ev.is(EventType::SessionStart) {
            self.anchor = Some(mark);
            self.reported = false;
        }
    }
}
