//! AD014 `ad-length-changes`: one `media.ad.id` declared with two different lengths in a
//! session (R32).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, SessionState};
use crate::source::Span;

declare_rule! {
    /// One ad id declared with two different media.ad.length values in a session.
    ///
    /// ## What it checks
    /// Every `adStart` of a session that repeats an earlier ad's `media.ad.id` declares the
    /// same `media.ad.length` (seconds). An ad shown twice, in two breaks, is fine; the same
    /// id with another length is not the same ad.
    ///
    /// ## Why it matters
    /// The ad id names the creative in Adobe's ad reports, and its declared length is the
    /// creative's length. Two lengths under one id mean the id is reused for different ads
    /// or a length is wrong, so reports by ad likely merge two creatives. This is advice
    /// (info): the docs say nothing of it. Adobe's timeline 2 has it: its pre-roll and its
    /// mid-roll ad are both `002`, declared 7 s and 8 s.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000000001},"params":{"media.ad.id":"002","media.ad.length":7,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adComplete","playerTime":{"playhead":0,"ts":1700000007000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000007001},"params":{"media.ad.id":"002","media.ad.length":8,"media.ad.podPosition":2,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## Use instead
    /// Give each creative its own id:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.ad.podIndex":1,"media.ad.podSecond":0}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000000001},"params":{"media.ad.id":"002","media.ad.length":7,"media.ad.podPosition":1,"media.ad.playerName":"web"}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adComplete","playerTime":{"playhead":0,"ts":1700000007000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adStart","playerTime":{"playhead":0,"ts":1700000007001},"params":{"media.ad.id":"003","media.ad.length":8,"media.ad.podPosition":2,"media.ad.playerName":"web"}}
    /// ```
    ///
    /// ## References
    /// Adobe: variables/ads/ad-id.md, variables/ads/ad-length.md,
    /// mc-api-timelines/mc-api-timeline-2.md (Actions 4 and 15)
    pub static AD_LENGTH_CHANGES {
        code: "AD014",
        name: "ad-length-changes",
        family: Ad,
        severity: Info,
        session: |_cfg| AdLengthChanges::default(),
    }
}

/// The rule: each ad id's first declared length, and where.
#[derive(Default)]
pub struct AdLengthChanges {
    seen: Vec<(String, f64, usize, Span)>,
}

impl SessionRule for AdLengthChanges {
    fn meta(&self) -> &'static RuleMeta {
        &AD_LENGTH_CHANGES
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::AdStart])
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::AdStart) {
            return;
        }
        let (Some(id), Some(length)) =
            (ev.param_str("media.ad.id"), ev.param_f64("media.ad.length"))
        else {
            return;
        };
        let span = ev.param_span("media.ad.length");
        let Some((_, first, file, first_span)) = self.seen.iter().find(|(i, ..)| i == id) else {
            self.seen.push((id.to_string(), length, ev.file, span));
            return;
        };
        if *first == length {
            return;
        }
        sink.report(
            &AD_LENGTH_CHANGES,
            ev,
            span,
            format!(
                "ad `{id}` is declared {} s long here and {} s earlier in the session; ad reports likely merge two different creatives",
                format_num(length),
                format_num(*first)
            ),
        )
        .label(format!("{} s", format_num(length)))
        .help("give every creative its own media.ad.id, and declare its real length")
        .secondary_in(*file, *first_span, format!("`{id}` declared {} s here", format_num(*first)));
    }
}
