//! TIM008 `media-length-not-positive`: `media.length` must be above 0, or Adobe makes no
//! progress markers.

use crate::config::Config;
use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, SessionState};

declare_rule! {
    /// `media.length` in sessionStart is 0 or negative.
    ///
    /// ## What it checks
    /// The `media.length` param of `sessionStart` (the content's duration, seconds, the bound of
    /// the playhead) is a number above 0. A missing or non-numeric `media.length` is a schema
    /// finding instead.
    ///
    /// ## Why it matters
    /// Adobe's docs state that without a `media.length` above 0 no progress markers (10 %, 25 %,
    /// ...) and no Average Minute Audience are produced for the session. For live streams of
    /// unknown duration the docs ask for 86400.
    ///
    /// ## Example
    /// A live stream with a length of 0:
    ///
    /// ```text
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.id":"news-24","media.length":0,"media.contentType":"live"}}
    /// ```
    ///
    /// ## Use instead
    /// Send the duration, or 86400 for a live stream of unknown length:
    ///
    /// ```text
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.id":"news-24","media.length":86400,"media.contentType":"live"}}
    /// ```
    ///
    /// ## References
    /// Adobe: variables/core/content-length.md, mc-api-ref/mc-api-req-params.md; FACTS §3.2
    pub static MEDIA_LENGTH_NOT_POSITIVE {
        code: "TIM008",
        name: "media-length-not-positive",
        family: Time,
        severity: Error,
        session: MediaLengthNotPositive::new,
    }
}

/// The rule.
pub struct MediaLengthNotPositive;

impl MediaLengthNotPositive {
    /// A fresh instance.
    pub fn new(_cfg: &Config) -> Self {
        MediaLengthNotPositive
    }
}

impl SessionRule for MediaLengthNotPositive {
    fn meta(&self) -> &'static RuleMeta {
        &MEDIA_LENGTH_NOT_POSITIVE
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::SessionStart])
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::SessionStart) {
            return;
        }
        let Some(length) = ev.param_f64("media.length") else {
            return;
        };
        if length > 0.0 {
            return;
        }
        sink.report(
            &MEDIA_LENGTH_NOT_POSITIVE,
            ev,
            ev.param_span("media.length"),
            format!(
                "media.length is {}; Adobe produces no progress markers and no Average Minute Audience for a length that is not above 0",
                format_num(length)
            ),
        )
        .label("not above 0")
        .help("send the content's duration in seconds; for a live stream of unknown length send 86400");
    }
}
