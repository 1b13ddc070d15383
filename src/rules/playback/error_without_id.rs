//! PLB006 `error-without-id`: an `error` event that names no error (R23, FACTS §6 on the
//! error payload).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// An error event that carries no error id.
    ///
    /// ## What it checks
    /// Every `error` names its error: `params["media.errorId"]` (the error event page) or
    /// `qoeData["media.qoe.errorID"]` (what Adobe's SDK sends). Either is accepted, because
    /// the two disagree.
    ///
    /// ## Why it matters
    /// Adobe's error reports group errors by their id; an error without one is counted, but
    /// likely cannot be told apart from any other. This is advice (info): the MC API's
    /// parameter table does not list error params at all, and Adobe's timeline 2 sends its
    /// error with none.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"error","playerTime":{"playhead":20,"ts":1700000032000}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"error","playerTime":{"playhead":20,"ts":1700000032000},"params":{"media.errorId":"decoder-3","media.errorSource":"player"}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/error.md, mc-api-timelines/mc-api-timeline-2.md (Action 11); Adobe's
    /// Media SDK (sends `media.qoe.errorID` in qoeData)
    pub static ERROR_WITHOUT_ID {
        code: "PLB006",
        name: "error-without-id",
        family: Playback,
        severity: Info,
        session: |_cfg| ErrorWithoutId,
    }
}

/// The rule.
pub struct ErrorWithoutId;

impl SessionRule for ErrorWithoutId {
    fn meta(&self) -> &'static RuleMeta {
        &ERROR_WITHOUT_ID
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::Error])
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::Error) {
            return;
        }
        let in_params = ev.param_keys().contains(&"media.errorId");
        let in_qoe = ev.qoe_has("media.qoe.errorID");
        if in_params || in_qoe {
            return;
        }
        sink.report(
            &ERROR_WITHOUT_ID,
            ev,
            ev.event_type_span,
            "`error` without an error id; Adobe's error reports likely cannot tell this error from others",
        )
        .label("no media.errorId")
        .help("send params[\"media.errorId\"] (and media.errorSource: player or external), or qoeData[\"media.qoe.errorID\"] as Adobe's SDK does");
    }
}
