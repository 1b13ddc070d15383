//! `valint timeline`: a picture of each session against wall time, from the session's
//! trace ([`crate::session::metrics::Trace`]) and findings: in the terminal
//! ([`terminal`]), as SVG ([`svg`]) and as one self-contained HTML report ([`html`]).
//!
//! Every picture has the same lanes, top to bottom: the player state (starting, playing,
//! paused, buffering), ad breaks, ads, chapters, one lane per player state (`mute`,
//! `fullscreen`, ...), pings, the playhead (seconds of content against wall time) and the
//! findings (markers at their event, labelled with their codes). Times are seconds from
//! the session's start (its sessionStart's clock: body `ts`, or a docs page's action
//! timeline).

pub mod html;
pub mod svg;
pub mod terminal;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Report;
use crate::session::metrics::{Lane, PhaseName, SessionMetrics, Trace, TraceSpan};

/// One session, ready to draw: its digest, trace and findings placed in time.
pub struct SessionView<'a> {
    /// The digest (with its trace).
    pub metrics: &'a SessionMetrics,
    /// The trace.
    pub trace: &'a Trace,
    /// The origin of the time axis, ms on the session's clock; `None` when no event of
    /// the session has a clock (nothing can be placed in time).
    pub origin_ms: Option<i64>,
    /// The end of the session, seconds from the origin (its last event, counted or not).
    pub end_s: f64,
    /// The session's findings with the time of their event (seconds from the origin;
    /// `None` for an event without a clock), in report order.
    pub findings: Vec<(&'a Diagnostic, Option<f64>)>,
}

impl SessionView<'_> {
    /// Seconds from the origin of a clock value.
    pub fn at(&self, clock_ms: i64) -> f64 {
        (clock_ms - self.origin_ms.unwrap_or(clock_ms)) as f64 / 1000.0
    }

    /// The spans of `lane`, in seconds from the origin.
    pub fn spans<'s>(
        &'s self,
        lane: &'s Lane,
    ) -> impl Iterator<Item = (f64, f64, &'s TraceSpan)> + 's {
        self.trace
            .spans
            .iter()
            .filter(move |s| &s.lane == lane)
            .map(|s| (self.at(s.from_ms), self.at(s.to_ms), s))
    }

    /// The lanes of this session, in drawing order: player, ad breaks, ads, chapters, then
    /// each player state by name.
    pub fn lanes(&self) -> Vec<Lane> {
        let mut v = vec![Lane::Player(PhaseName::Playing), Lane::AdBreak, Lane::Ad];
        v.push(Lane::Chapter);
        let mut states: Vec<&str> = self
            .trace
            .spans
            .iter()
            .filter_map(|s| match &s.lane {
                Lane::State(n) => Some(n.as_str()),
                _ => None,
            })
            .collect();
        states.sort_unstable();
        states.dedup();
        v.extend(states.into_iter().map(|s| Lane::State(s.to_string())));
        v
    }

    /// The pings' times, seconds from the origin (counted pings only).
    pub fn pings(&self) -> Vec<f64> {
        self.trace
            .events
            .iter()
            .filter(|e| {
                e.event_type == "ping" && e.counted == crate::session::metrics::Counted::Yes
            })
            .filter_map(|e| e.clock_ms.map(|c| self.at(c)))
            .collect()
    }

    /// `(time, playhead)` of the counted events with both, in processing order.
    pub fn playheads(&self) -> Vec<(f64, f64)> {
        self.trace
            .events
            .iter()
            .filter(|e| e.counted == crate::session::metrics::Counted::Yes)
            .filter_map(|e| Some((self.at(e.clock_ms?), e.playhead?)))
            .collect()
    }
}

/// The views of every session of `report` that has a trace, in the order sessions opened,
/// with their findings (a finding belongs to the session [`Report::metrics_of`] names):
/// `listed` is the report's findings, read back (`report.diagnostics.to_vec()`).
pub fn views<'a>(report: &'a Report, listed: &'a [Diagnostic]) -> Vec<SessionView<'a>> {
    let mut by_session: Vec<Vec<&Diagnostic>> = vec![Vec::new(); report.session_metrics.len()];
    let mut by_id: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    for (i, m) in report.session_metrics.iter().enumerate() {
        by_id.entry(m.id.as_str()).or_default().push(i);
    }
    for d in listed {
        let Some(cands) = d.context.session.as_deref().and_then(|id| by_id.get(id)) else {
            continue;
        };
        if let Some(&s) = cands
            .iter()
            .rev()
            .find(|&&s| report.session_metrics[s].file <= d.file)
        {
            by_session[s].push(d);
        }
    }
    report
        .session_metrics
        .iter()
        .zip(by_session)
        .filter_map(|(m, found)| {
            let trace = m.trace.as_ref()?;
            let origin_ms = m
                .origin_ms
                .or_else(|| trace.events.iter().filter_map(|e| e.clock_ms).min());
            let mut v = SessionView {
                metrics: m,
                trace,
                origin_ms,
                end_s: 0.0,
                findings: Vec::new(),
            };
            let last_event = trace.events.iter().filter_map(|e| e.clock_ms).max();
            let last_span = trace.spans.iter().map(|s| s.to_ms).max();
            v.end_s = match last_event.max(last_span) {
                Some(c) if origin_ms.is_some() => v.at(c).max(0.0),
                _ => 0.0,
            };
            v.findings = found
                .into_iter()
                .map(|d| {
                    let t = d.context.event_index.and_then(|i| {
                        let e = trace.events.iter().find(|e| e.index == i)?;
                        Some(v.at(e.clock_ms?))
                    });
                    (d, t)
                })
                .collect();
            Some(v)
        })
        .collect()
}

/// A number of seconds for people: whole seconds without a fraction, else one decimal.
pub fn secs(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The rank of a severity for picking the most severe of several findings.
pub fn rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 2,
        Severity::Warning => 1,
        Severity::Info => 0,
    }
}

/// The digest of a session as short items, joined with ` · ` and wrapped to the width
/// below the terminal picture (the HTML report's table has the same fields).
pub fn digest_items(m: &SessionMetrics) -> Vec<String> {
    let opt = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{} s", secs(v)));
    let progress = if m.progress.is_empty() {
        "none".to_string()
    } else {
        m.progress
            .iter()
            .map(|p| format!("{p}%"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    vec![
        format!("content {}", opt(m.content_time_s)),
        format!(
            "ads {} ({} breaks, {} of {} ads completed, {} skipped)",
            opt(m.ad_time_s),
            m.ad_breaks,
            m.ads_completed,
            m.ads_started,
            m.ads_skipped
        ),
        format!("paused {} ({}×)", opt(m.pause_time_s), m.pauses),
        format!("buffering {} ({}×)", opt(m.buffer_time_s), m.buffers),
        format!("time to start {}", opt(m.time_to_start_s)),
        m.completion.name().to_string(),
        format!("progress markers {progress}"),
        format!(
            "chapters {} of {} completed",
            m.chapters_completed, m.chapters_started
        ),
        format!(
            "pings {} (largest gap {})",
            m.pings,
            opt(m.largest_ping_gap_s)
        ),
        format!(
            "average bitrate {}",
            m.avg_bitrate.map_or("-".to_string(), secs)
        ),
        format!("findings: {}", findings_text(m.findings)),
    ]
}

/// `items` joined with ` · ` into lines of at most `width` characters (an item longer
/// than that gets a line of its own), each line after the first indented by `indent`.
pub fn wrap(items: &[String], width: usize, first: &str, indent: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = first.to_string();
    let mut empty = true;
    for it in items {
        let add = if empty {
            it.chars().count()
        } else {
            it.chars().count() + 3
        };
        if !empty && cur.chars().count() + add > width {
            lines.push(std::mem::replace(&mut cur, indent.to_string()));
            empty = true;
        }
        if !empty {
            cur.push_str(" · ");
        }
        cur.push_str(it);
        empty = false;
    }
    lines.push(cur);
    lines
}

/// `2 errors, 1 warning, 0 info`.
pub fn findings_text(f: [usize; 3]) -> String {
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    format!(
        "{}, {}, {} info",
        plural(f[0], "error"),
        plural(f[1], "warning"),
        f[2]
    )
}

/// The header of a session as items: its id, file, content name, kind, length and events.
pub fn header_items(report: &Report, m: &SessionMetrics) -> Vec<String> {
    let mut h = vec![format!("session {}", m.id)];
    if let Some(f) = report.sources.get(m.file) {
        h.push(f.name.clone());
    }
    if let Some(n) = &m.content_name {
        h.push(format!("\"{n}\""));
    }
    match m.live {
        Some(true) => h.push("live".into()),
        Some(false) => h.push("VOD".into()),
        None => {}
    }
    if let Some(l) = m.length_s {
        h.push(format!("media.length {} s", secs(l)));
    }
    let mut events = format!("{} events", m.events);
    if m.rejected > 0 || m.dropped > 0 {
        events.push_str(&format!(
            " ({} rejected, {} after the session closed)",
            m.rejected, m.dropped
        ));
    }
    h.push(events);
    h
}

/// The header of a session on one line.
pub fn header(report: &Report, m: &SessionMetrics) -> String {
    header_items(report, m).join(" · ")
}
