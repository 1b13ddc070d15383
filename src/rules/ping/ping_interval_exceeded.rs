//! PNG001 `ping-interval-exceeded`: a ping at least every 10 s once playback runs (R15-R18).

use crate::config::{Config, PingConfig, PingTimer};
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, ClockSource, Event, EventType, Mark, SessionState};

declare_rule! {
    /// Too long without a ping.
    ///
    /// ## What it checks
    /// The time (by `playerTime.ts`) the ping timer runs without a ping stays within the ping
    /// interval plus a tolerance. The timer starts when playback starts: at the first `play`,
    /// or at the first `adStart` of a pre-roll (ads before any play). Until the first ping, a
    /// repeated `play` restarts it, as Adobe's clients do (a web player often sends two plays
    /// about a second apart, and the first ping follows the second), so the first ping is due
    /// 10 s after the last play before it. From then on a ping is due every interval
    /// regardless of other events: pauses, buffering, ads and chapters do not reset it. A gap
    /// is reported once, at the event that ends it, with its full length; when the pings stop
    /// for good, it is reported at the session's last event. A session captured from its
    /// middle (no sessionStart) starts the timer at its first event.
    ///
    /// Adobe's Media SDK restarts its timer at every `play`, `pauseStart` and `bufferStart`
    /// (it pings when the playback state has not changed for an interval), so its pings around
    /// a pause can be up to twice the interval apart: `--ping-timer state-changes` accepts
    /// that.
    ///
    /// A ping whose `ts` is unusable (a placeholder, a syntax error) does not count: Adobe rejects
    /// such a request.
    ///
    /// ## Why it matters
    /// Adobe computes time spent from pings. Missing pings make durations coarse and, after 10
    /// minutes without any event, the session is closed (SES004).
    ///
    /// ## The docs disagree on ads
    /// The ping page, the events and playback overviews and the downloaded-content page ask
    /// for a ping every second in ads; the sending-pings page of the API guide says 10 s in
    /// ads since January 2024. valint defaults to 10 s because that is what Adobe's SDK and
    /// web extension send in ads unless granular ad tracking is on, and the current API page
    /// agrees; `--granular-ad-tracking` (or `--ad-ping-interval 1`) holds ads to 1 s. The ad
    /// interval applies only to the part of a gap inside an ad break; the whole gap is held
    /// to the content interval.
    ///
    /// ## The docs disagree on the first ping
    /// Most pages put the first ping 10 s after playback starts; the timelines start the ping
    /// timer at sessionStart (and send the first ping after 1 s when a pre-roll follows).
    /// `--ping-timer session-start` takes the timelines' reading: the timer starts at
    /// sessionStart and only pings restart it. `--ping-timer state-changes` takes the SDK's.
    ///
    /// On docs pages whose `ts` is a placeholder, the action table's seconds are the clock.
    ///
    /// ## Downloaded content
    /// In a downloaded session (a batch posted to `/api/v1/downloaded`, or a sessionStart with
    /// `media.downloaded: true`) Adobe's SDK pings every 50 s, in content and in ads, and
    /// valint allows that; the downloaded-content page asks for 10 s
    /// (`--downloaded-ping-interval 10`). A batch is recorded by one player in one go, so its
    /// gaps repeat one cause: valint reports the first gap of each kind (content, ad break,
    /// end of session) per downloaded session, and every gap with `--all-ping-gaps`.
    ///
    /// ## Example
    /// A player that stops its ping timer while paused:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":0,"ts":1700000000000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":5,"ts":1700000005000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":5,"ts":1700000030000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":15,"ts":1700000040000}}
    /// ```
    ///
    /// ## Use instead
    /// Keep the 10 s ping timer running while paused, until the session ends:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":0,"ts":1700000000000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"pauseStart","playerTime":{"playhead":5,"ts":1700000005000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":5,"ts":1700000010000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":5,"ts":1700000020000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":5,"ts":1700000025000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":10,"ts":1700000030000}}
    /// ```
    ///
    /// ## Options
    /// `--ping-interval S` (10), `--ad-ping-interval S` (10; 1 with `--granular-ad-tracking`),
    /// `--ping-tolerance S` (1), `--downloaded-ping-interval S` (50; the docs say 10),
    /// `--ping-timer playback|state-changes|session-start` (playback), `--all-ping-gaps` (off).
    ///
    /// ## Not checked apart
    /// Adobe's SDK logs a warning when two of its hits are 60 s or more apart. A capture
    /// with such a gap already breaks the 10 s ping interval, so this rule reports it; a
    /// gap of 10 minutes closes the session (SES004).
    ///
    /// ## References
    /// Adobe: events/playback/ping.md, events/overview.md, events/playback/overview.md,
    /// mc-api-impl/mc-api-sed-pings.md, mc-api-timelines, use-cases/track-downloaded-content.md;
    /// Adobe's Media SDK (ping intervals, timer restart on playback-state changes)
    pub static PING_INTERVAL_EXCEEDED {
        code: "PNG001",
        name: "ping-interval-exceeded",
        family: Ping,
        severity: Warning,
        session: PingInterval::new,
    }
}

/// Why a gap is reported: one finding per cause and downloaded session (`--all-ping-gaps`
/// lists all).
#[derive(Clone, Copy)]
enum Cause {
    /// The whole gap is longer than the content (or downloaded) interval.
    Content = 0,
    /// The part of the gap inside an ad break is longer than the ad interval.
    Ad = 1,
    /// The pings stopped before the session's last event.
    End = 2,
}

/// The rule.
pub struct PingInterval {
    cfg: PingConfig,
    idle_ms: i64,
    /// Where the ping timer last (re)started: a ping, or the event that started or
    /// restarted it. `None` until it runs.
    anchor: Option<Mark>,
    /// Clock at which the current stretch inside an ad break began, within the current gap.
    ad_since: Option<i64>,
    /// Longest finished stretch inside an ad break within the current gap, ms.
    ad_longest: i64,
    /// A downloaded-content session (a batch, or `media.downloaded: true`).
    downloaded: bool,
    /// Causes already reported in this session (downloaded sessions report each once).
    reported: [bool; 3],
    /// The last ping before the timer ran: a play processed after it (it came too late for
    /// Adobe's reorder buffer) but earlier by ts starts the timer at that ping instead.
    early_ping: Option<Mark>,
    /// A ping has restarted the running timer (with `--ping-timer playback`, plays restart
    /// it only until then).
    pinged: bool,
}

impl PingInterval {
    /// With the configured intervals.
    pub fn new(cfg: &Config) -> Self {
        PingInterval {
            cfg: cfg.ping.clone(),
            idle_ms: cfg.idle_timeout_ms(),
            anchor: None,
            ad_since: None,
            ad_longest: 0,
            downloaded: false,
            reported: [false; 3],
            early_ping: None,
            pinged: false,
        }
    }

    /// The content interval, seconds.
    fn interval(&self) -> f64 {
        if self.downloaded {
            self.cfg.downloaded_interval_s
        } else {
            self.cfg.interval_s
        }
    }

    /// The interval inside an ad break, seconds (never longer than the content one).
    fn ad_interval(&self) -> f64 {
        if self.downloaded {
            self.cfg.downloaded_interval_s
        } else {
            self.cfg.ad_interval_s.min(self.cfg.interval_s)
        }
    }

    fn limit_ms(&self, interval: f64) -> i64 {
        ((interval + self.cfg.tolerance_s) * 1000.0).round() as i64
    }

    /// Longest stretch of the current gap spent inside an ad break, up to `now`.
    fn ad_part(&self, now: i64) -> i64 {
        self.ad_since
            .map_or(self.ad_longest, |s| self.ad_longest.max(now - s))
    }

    /// The cause of an over-long gap ending at `now`, if it is one: the whole gap against
    /// the content interval first, then its part inside an ad break against the ad one.
    fn over(&self, gap: i64, now: i64) -> Option<(Cause, i64, f64)> {
        let ad = self.ad_interval();
        if gap > self.limit_ms(self.interval()) {
            Some((Cause::Content, gap, self.interval()))
        } else if ad < self.interval() && self.ad_part(now) > self.limit_ms(ad) {
            Some((Cause::Ad, self.ad_part(now), ad))
        } else {
            None
        }
    }

    /// Whether a finding for `cause` is to be made, and records it.
    fn take(&mut self, cause: Cause) -> bool {
        let first = !self.reported[cause as usize];
        self.reported[cause as usize] = true;
        first || !self.downloaded || self.cfg.all_gaps
    }

    fn message(&self, cause: Cause, len_ms: i64, interval: f64, ended: bool) -> String {
        let secs = format_num(len_ms as f64 / 1000.0);
        let until = if ended {
            "until the session's last event "
        } else {
            ""
        };
        let limit = format_num(interval);
        match cause {
            Cause::Ad => format!(
                "{secs} s inside an ad break without a ping {until}(limit {limit} s in ads); Adobe's ad time-spent figures lose accuracy"
            ),
            _ if self.downloaded => format!(
                "{secs} s {until}without a ping (limit {limit} s in downloaded content); Adobe's time-spent figures lose accuracy"
            ),
            _ => format!(
                "{secs} s {until}without a ping (limit {limit} s); Adobe's time-spent figures lose accuracy"
            ),
        }
    }

    fn help(&self, interval: f64, ended: bool) -> String {
        let every = format_num(interval);
        match (ended, self.cfg.timer) {
            (true, _) => format!("keep the ping timer running every {every} s until the session ends"),
            (false, PingTimer::Playback) => format!(
                "send the first ping {every} s after play, then one every {every} s, whatever other events happen"
            ),
            (false, PingTimer::StateChanges) => format!(
                "send a ping {every} s after the last ping, play, pauseStart or bufferStart, whatever other events happen"
            ),
            (false, PingTimer::SessionStart) => {
                format!("send a ping every {every} s, whatever other events happen")
            }
        }
    }

    fn note(&self) -> Option<String> {
        (self.downloaded && !self.cfg.all_gaps).then(|| {
            "one finding per downloaded session and cause; --all-ping-gaps lists every gap".into()
        })
    }

    /// Whether `ev` starts the timer when it is not running.
    fn starts(&self, ev: &Event, st: &SessionState) -> bool {
        match self.cfg.timer {
            PingTimer::SessionStart => true,
            PingTimer::Playback | PingTimer::StateChanges => {
                // A capture that begins mid-session: playback is assumed to run.
                (st.started.is_none() && !ev.is(EventType::SessionStart))
                    || ev.is(EventType::Play)
                    || (ev.is(EventType::AdStart) && st.ad_break.is_some())
            }
        }
    }

    /// Whether `ev` restarts the running timer (and so ends a gap).
    fn restarts(&self, ev: &Event) -> bool {
        match self.cfg.timer {
            PingTimer::SessionStart => ev.is(EventType::Ping) || ev.is(EventType::SessionStart),
            // Until the first ping, a repeated play restarts the timer (the first ping comes
            // an interval after the last play before it); then only pings do.
            PingTimer::Playback => {
                ev.is(EventType::Ping) || (!self.pinged && ev.is(EventType::Play))
            }
            PingTimer::StateChanges => {
                ev.is(EventType::Ping)
                    || ev.is(EventType::Play)
                    || ev.is(EventType::PauseStart)
                    || ev.is(EventType::BufferStart)
            }
        }
    }

    /// Starts a new gap at `mark`; `in_break` tells whether it begins inside an ad break.
    fn restart(&mut self, mark: Mark, now: i64, in_break: bool) {
        self.pinged |= mark.event_type == Some(EventType::Ping);
        self.anchor = Some(mark);
        self.ad_longest = 0;
        self.ad_since = in_break.then_some(now);
    }
}

/// The label of the event a gap is measured from: a ping, a play that started the timer
/// (no ping has restarted it yet), or a playback change that restarted it.
fn what(anchor: &Mark, pinged: bool) -> &'static str {
    match anchor.event_type {
        Some(EventType::Ping) => "previous ping",
        Some(EventType::Play | EventType::PauseStart | EventType::BufferStart) if pinged => {
            "ping timer restarted here"
        }
        _ => "ping timer started here",
    }
}

impl SessionRule for PingInterval {
    fn meta(&self) -> &'static RuleMeta {
        &PING_INTERVAL_EXCEEDED
    }

    // Every event with a clock restarts or measures the interval.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if ev.batch.is_some()
            || (ev.is(EventType::SessionStart)
                && ev.param_is_true("media.downloaded") == Some(true))
        {
            self.downloaded = true;
        }
        let Some(now) = st.clock_of(ev) else {
            return;
        };
        let mark = st.mark(ev);
        let Some(anchor) = self.anchor else {
            if self.starts(ev, st) {
                let in_break = st.ad_break.is_some() || ev.is(EventType::AdBreakStart);
                match self
                    .early_ping
                    .filter(|p| p.clock_ms.is_some_and(|c| c > now))
                {
                    Some(p) => self.restart(p, p.clock_ms.unwrap_or(now), in_break),
                    None => self.restart(mark, now, in_break),
                }
            } else if ev.is(EventType::Ping) {
                self.early_ping = Some(mark);
            }
            return;
        };
        // The stretches of the gap inside an ad break.
        if ev.is(EventType::AdBreakStart) && self.ad_since.is_none() {
            self.ad_since = Some(now);
        }
        if ev.is(EventType::AdBreakComplete) {
            if let Some(s) = self.ad_since.take() {
                self.ad_longest = self.ad_longest.max(now - s);
            }
        }
        if !self.restarts(ev) {
            return;
        }
        let then = anchor.clock_ms.unwrap_or(now);
        // An event processed after a later one (it came too late for Adobe's reorder
        // buffer, TIM004) does not move the timer back.
        if now < then {
            return;
        }
        let gap = now - then;
        // A gap so long that Adobe closed the session is SES004's finding, not this one.
        let since_last = st.last.and_then(|l| l.clock_ms).map_or(0, |l| now - l);
        let over = self.over(gap, now).filter(|_| since_last < self.idle_ms);
        if let Some((cause, len, interval)) = over {
            if self.take(cause) {
                let table = st.clock_source == Some(ClockSource::ActionTable);
                let msg = self.message(cause, len, interval, false);
                let help = self.help(interval, false);
                let note = if table {
                    Some(
                        "times from the page's action table (its ts values are placeholders)"
                            .into(),
                    )
                } else {
                    self.note()
                };
                let label = match cause {
                    Cause::Ad => format!(
                        "{} s after the {}, {} s of it inside an ad break",
                        format_num(gap as f64 / 1000.0),
                        what(&anchor, self.pinged),
                        format_num(len as f64 / 1000.0)
                    ),
                    _ => format!(
                        "{} s after the {}",
                        format_num(gap as f64 / 1000.0),
                        what(&anchor, self.pinged)
                    ),
                };
                let d = sink
                    .report(&PING_INTERVAL_EXCEEDED, ev, ev.event_type_span, msg)
                    .label(format!(
                        "{label}{}",
                        if anchor.file == ev.file {
                            ""
                        } else {
                            " (in an earlier file)"
                        }
                    ))
                    .help(help);
                d.note = note;
                d.secondary_in(anchor.file, anchor.span, what(&anchor, self.pinged));
            }
        }
        self.restart(mark, now, st.ad_break.is_some());
    }

    fn on_session_end(&mut self, st: &SessionState, sink: &mut Sink) {
        let (Some(anchor), Some(last)) = (self.anchor, st.ended.or(st.last)) else {
            return;
        };
        let (Some(then), Some(end)) = (anchor.clock_ms, last.clock_ms) else {
            return;
        };
        if last.index == anchor.index || st.timed_out.is_some() || st.frozen_out.is_some() {
            return;
        }
        let Some((cause, len, interval)) = self.over(end - then, end) else {
            return;
        };
        let cause = match cause {
            Cause::Content => Cause::End,
            other => other,
        };
        if !self.take(cause) {
            return;
        }
        let msg = self.message(cause, len, interval, true);
        let help = self.help(interval, true);
        let note = self.note();
        let d = sink
            .report_mark(&PING_INTERVAL_EXCEEDED, &last, msg)
            .label("no ping since")
            .help(help);
        d.note = note;
        d.secondary_in(anchor.file, anchor.span, what(&anchor, self.pinged));
    }
}
