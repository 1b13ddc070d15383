//! TIM002 `playhead-moved-in-ad-break`: inside an ad break the playhead stays put (R12).

use crate::config::Config;
use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, SessionState};

/// Metadata and explain text.
pub static META: RuleMeta = RuleMeta {
    code: "TIM002",
    name: "playhead-moved-in-ad-break",
    family: Family::Time,
    severity: Severity::Warning,
    summary: "The playhead changes inside an ad break.",
    docs: "## What it checks\nEvery event inside an ad break (from `adBreakStart` to `adBreakComplete`) carries the same playhead as the adBreakStart. Reported once per ad break.\n\n## Why it matters\nDuring ads the playhead is the main content's position, frozen where the break interrupted it (0 for a pre-roll). A player that reports the ad's own position moves the content playhead: content progress and position reports are wrong.\n\n## Example\n```\nadBreakStart (playhead 300), adStart (playhead 300), ping (playhead 301)\n```\n\n## Use instead\nKeep sending the content position at which the break started until adBreakComplete.\n\n## Options\n`ad_break_playhead_tolerance_s` (default 0.5).\n\n## References\nAdobe: events/ads/overview.md",
};

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
        &META
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
                &META,
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
