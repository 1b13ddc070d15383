//! CHP001 `chapter-start-while-open`: a chapterStart while a chapter is still open (R33, R34).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// A chapterStart while the previous chapter is still open.
    ///
    /// ## What it checks
    /// Every `chapterStart` comes after the previous chapter was closed with
    /// `chapterComplete` (its end was reached) or `chapterSkip` (the viewer left it).
    ///
    /// ## Why it matters
    /// Chapters cannot overlap. Adobe's SDK closes the open chapter itself with a
    /// `chapterSkip` before it starts the next one; a player that talks to the API directly
    /// has to do the same. Without it the open chapter is never closed, so its chapter
    /// metrics (completion, time spent) are likely wrong: how the back end settles an
    /// unclosed chapter is not documented.
    ///
    /// ## Example
    /// The second chapter starts while the first is open:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.chapter.index":1,"media.chapter.offset":0,"media.chapter.length":30}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":30,"ts":1700000030000},"params":{"media.chapter.index":2,"media.chapter.offset":30,"media.chapter.length":30}}
    /// ```
    ///
    /// ## Use instead
    /// Close each chapter before the next one starts:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.chapter.index":1,"media.chapter.offset":0,"media.chapter.length":30}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterComplete","playerTime":{"playhead":30,"ts":1700000030000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":30,"ts":1700000030001},"params":{"media.chapter.index":2,"media.chapter.offset":30,"media.chapter.length":30}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/chapters/chapter-start.md, events/overview.md; Adobe's Media SDK (a new
    /// chapterStart closes the open chapter with chapterSkip)
    pub static CHAPTER_START_WHILE_OPEN {
        code: "CHP001",
        name: "chapter-start-while-open",
        family: Chapter,
        severity: Warning,
        session: |_cfg| ChapterStartWhileOpen,
    }
}

/// The rule.
pub struct ChapterStartWhileOpen;

impl SessionRule for ChapterStartWhileOpen {
    fn meta(&self) -> &'static RuleMeta {
        &CHAPTER_START_WHILE_OPEN
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::ChapterStart])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::ChapterStart) {
            return;
        }
        let Some(open) = st.chapter else {
            return;
        };
        sink.report(
            &CHAPTER_START_WHILE_OPEN,
            ev,
            ev.event_type_span,
            "`chapterStart` while the previous chapter is still open; chapters cannot overlap, so that chapter's metrics are likely wrong",
        )
        .label("a chapter is open")
        .help("send chapterComplete (end reached) or chapterSkip (left early) before the next chapterStart")
        .secondary_in(open.file, open.span, "this chapter was never closed");
    }
}
