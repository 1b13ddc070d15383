//! TIM007 `playhead-out-of-range`: the playhead stays below `media.length` for VOD and
//! below 86,400 for live content (R11).

use crate::config::Config;
use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, SessionState};

declare_rule! {
    /// The playhead is beyond the content's length (VOD) or beyond a day (live).
    ///
    /// ## What it checks
    /// The session's `sessionStart` params say what bounds the playhead: for on-demand content
    /// (`media.contentType` `vod`, `dvod`, `ugc`, `song`, `podcast`, `audiobook` or `aod`, any
    /// case) no event's playhead may be above `media.length` (1 s of slack covers a length
    /// rounded to whole seconds); for live content (`live`, `linear`, `radio`) the playhead
    /// must stay below 86,400. When `media.contentType` is another value, `media.streamType` is
    /// read the same way; when neither says, nothing is checked. Reported once per session.
    ///
    /// ## Why it matters
    /// Adobe's API reference states these bounds for the playhead, but not what the back end
    /// does beyond them, hence a warning. A VOD playhead past the end usually means a wrong
    /// `media.length` or a playhead in the wrong unit, and progress markers are computed from
    /// both. Sessions resumed by Adobe's SDKs and long-running live streams can cross the bound
    /// legitimately; a live stream should then start a new session.
    ///
    /// ## Example
    /// A 30-minute episode whose playhead is reported in milliseconds:
    ///
    /// ```text
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.id":"ep-7","media.length":1800,"media.contentType":"vod"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000500}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":10000,"ts":1700000010000}}
    /// ```
    ///
    /// ## Use instead
    /// Report the playhead in seconds of content:
    ///
    /// ```text
    /// POST /api/v1/sessions
    /// {"eventType":"sessionStart","playerTime":{"playhead":0,"ts":1700000000000},
    ///  "params":{"media.id":"ep-7","media.length":1800,"media.contentType":"vod"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"play","playerTime":{"playhead":0,"ts":1700000000500}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"ping","playerTime":{"playhead":10,"ts":1700000010000}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-ref/mc-api-sessions-req.md (playhead), variables/core/content-length.md,
    /// variables/core/content-type.md; FACTS R11
    pub static PLAYHEAD_OUT_OF_RANGE {
        code: "TIM007",
        name: "playhead-out-of-range",
        family: Time,
        severity: Warning,
        session: PlayheadOutOfRange::new,
    }
}

/// A length rounded to whole seconds may be this much short, seconds.
const LENGTH_SLACK_S: f64 = 1.0;
/// The live bound, seconds (a day).
const LIVE_BOUND_S: f64 = 86_400.0;

/// What bounds the playhead.
#[derive(Clone, Copy)]
enum Bound {
    /// On demand: at most `media.length` (+ slack).
    Vod { length: f64 },
    /// Live: below a day.
    Live,
}

/// The rule.
pub struct PlayheadOutOfRange {
    bound: Option<Bound>,
    reported: bool,
}

impl PlayheadOutOfRange {
    /// A fresh instance.
    pub fn new(_cfg: &Config) -> Self {
        PlayheadOutOfRange {
            bound: None,
            reported: false,
        }
    }
}

impl SessionRule for PlayheadOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &PLAYHEAD_OUT_OF_RANGE
    }

    // Every event's playhead.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if ev.is(EventType::SessionStart) && st.started.is_none() {
            self.bound = match ev.content_is_live() {
                Some(true) => Some(Bound::Live),
                Some(false) => ev
                    .param_f64("media.length")
                    .filter(|l| *l > 0.0)
                    .map(|length| Bound::Vod { length }),
                None => None,
            };
        }
        let (Some(bound), Some(now)) = (self.bound, ev.playhead) else {
            return;
        };
        if self.reported {
            return;
        }
        match bound {
            Bound::Vod { length } => {
                if now.value <= length + LENGTH_SLACK_S {
                    return;
                }
                self.reported = true;
                // The sessionStart itself is not applied yet: its place comes from it.
                let (file, span) = match st.media_length_at {
                    Some(at) => at,
                    None => (ev.file, ev.param_span("media.length")),
                };
                sink.report(
                    &PLAYHEAD_OUT_OF_RANGE,
                    ev,
                    now.span,
                    format!(
                        "playhead {} s is past the end of the content (media.length {} s); Adobe's API reference bounds a VOD playhead by media.length, so the length or the playhead's unit is likely wrong and progress markers with it",
                        format_num(now.value),
                        format_num(length)
                    ),
                )
                .label(format!("playhead {} s", format_num(now.value)))
                .help("report the playhead in seconds of content, and media.length as the content's duration in seconds")
                .secondary_in(file, span, format!("media.length {} s", format_num(length)));
            }
            Bound::Live => {
                if now.value < LIVE_BOUND_S {
                    return;
                }
                self.reported = true;
                sink.report(
                    &PLAYHEAD_OUT_OF_RANGE,
                    ev,
                    now.span,
                    format!(
                        "playhead {} s of a live stream is 86400 s or more; Adobe's API reference bounds a live playhead below a day",
                        format_num(now.value)
                    ),
                )
                .label(format!("playhead {} s", format_num(now.value)))
                .help("keep a live playhead below 86400 s; a live session that runs longer than a day is ended and a new one started");
            }
        }
    }
}
