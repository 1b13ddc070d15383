//! QOE003 `qoe-in-params`: QoE keys inside `params` when a team takes the `qoeData` side of
//! the docs' contradiction (FACTS §6).

use crate::config::Config;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, SessionState};

declare_rule! {
    /// A QoE key (`media.qoe.*`) inside params rather than qoeData.
    ///
    /// ## What it checks
    /// With `--qoe-data-only`: every `params` key that starts with `media.qoe.`. By default
    /// such keys are accepted and this rule reports nothing, because Adobe's pages disagree
    /// on where QoE data goes: the MC API overview, its QoE page, the bitrate-change event
    /// page and the published schema sample put it in the `qoeData` object, while the
    /// quality variable pages show the keys among `params`.
    ///
    /// ## Why it matters
    /// The published schema sample closes the objects it describes, so a team that follows
    /// the MC API pages sends QoE in `qoeData` only; a key in `params` then likely misses
    /// the QoE reports (or, on a closed params object, fails the schema).
    ///
    /// ## Example
    /// ```text
    /// # valint check --qoe-data-only
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.qoe.timeToStart":850}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # valint check --qoe-data-only
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000000},"qoeData":{"media.qoe.timeToStart":850}}
    /// ```
    ///
    /// ## Options
    /// `--qoe-data-only` (off by default: QoE keys are accepted in both places).
    ///
    /// ## References
    /// Adobe: mc-api-overview.md, mc-api-impl/mc-api-sending-qoe.md,
    /// events/playback/bitrate-change.md, variables/quality (bitrate, dropped frames, time
    /// to start)
    pub static QOE_IN_PARAMS {
        code: "QOE003",
        name: "qoe-in-params",
        family: Qoe,
        severity: Warning,
        session: |cfg: &Config| QoeInParams { on: !cfg.qoe_in_params },
    }
}

/// The rule; does nothing unless the position is taken.
pub struct QoeInParams {
    on: bool,
}

impl SessionRule for QoeInParams {
    fn meta(&self) -> &'static RuleMeta {
        &QOE_IN_PARAMS
    }

    // Any event's params may hold QoE keys; nothing when the option is off.
    fn interest(&self) -> Interest {
        if self.on {
            Interest::on_event(EventSet::ALL)
        } else {
            Interest::on_event(EventSet::NONE)
        }
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        if !self.on {
            return;
        }
        let keys: Vec<String> = ev
            .param_keys()
            .into_iter()
            .filter(|k| k.starts_with("media.qoe."))
            .map(str::to_string)
            .collect();
        for key in keys {
            let span = ev.param_span(&key);
            sink.report(
                &QOE_IN_PARAMS,
                ev,
                span,
                format!("QoE key `{key}` inside `params`; with `--qoe-data-only` QoE data goes in `qoeData`, where the MC API pages and schema put it"),
            )
            .label("in params")
            .help(format!("move `{key}` into the event's `qoeData` object"));
        }
    }
}
