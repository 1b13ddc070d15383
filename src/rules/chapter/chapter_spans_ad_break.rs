//! CHP003 `chapter-spans-ad-break`: an ad break starts while a chapter is open (R35).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// An ad break starts while a chapter is open.
    ///
    /// ## What it checks
    /// An `adBreakStart` that comes while a chapter opened by `chapterStart` has not been
    /// closed with `chapterComplete` or `chapterSkip`.
    ///
    /// ## Why it matters
    /// This is advice, not an error: the docs do not forbid it, and Adobe's SDK lets a
    /// chapter run on across an ad break. Adobe's chapters timeline closes the chapter right
    /// before the mid-roll break and starts the next one after it, so that chapter time
    /// spent holds content only. A chapter left open across a break likely counts the ad
    /// break's wall-clock time in the chapter.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.chapter.index":1,"media.chapter.offset":0,"media.chapter.length":60}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":30,"ts":1700000030000},"params":{"media.ad.podFriendlyName":"mid","media.ad.podIndex":1,"media.ad.podSecond":30}}
    /// ```
    ///
    /// ## Use instead
    /// Close the chapter before the break, and start the next one after it:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.chapter.index":1,"media.chapter.offset":0,"media.chapter.length":30}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterComplete","playerTime":{"playhead":30,"ts":1700000030000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"adBreakStart","playerTime":{"playhead":30,"ts":1700000030001},"params":{"media.ad.podFriendlyName":"mid","media.ad.podIndex":1,"media.ad.podSecond":30}}
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-timelines/mc-api-timeline-3.md (the chapter closes before the mid-roll)
    pub static CHAPTER_SPANS_AD_BREAK {
        code: "CHP003",
        name: "chapter-spans-ad-break",
        family: Chapter,
        severity: Info,
        session: |_cfg| ChapterSpansAdBreak,
    }
}

/// The rule.
pub struct ChapterSpansAdBreak;

impl SessionRule for ChapterSpansAdBreak {
    fn meta(&self) -> &'static RuleMeta {
        &CHAPTER_SPANS_AD_BREAK
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::AdBreakStart])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::AdBreakStart) || st.ad_break.is_some() {
            return;
        }
        let Some(open) = st.chapter else {
            return;
        };
        sink.report(
            &CHAPTER_SPANS_AD_BREAK,
            ev,
            ev.event_type_span,
            "ad break starts inside an open chapter; the chapter's time spent likely includes the break",
        )
        .label("a chapter is open")
        .help("close the chapter (chapterComplete) before adBreakStart and start the next one after adBreakComplete, as Adobe's chapters timeline does")
        .secondary_in(open.file, open.span, "this chapter is still open");
    }
}
