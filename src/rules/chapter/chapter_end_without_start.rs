//! CHP002 `chapter-end-without-start`: chapterComplete or chapterSkip with no open chapter
//! (R33, R34).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{Event, EventType, SessionState};

declare_rule! {
    /// chapterComplete or chapterSkip with no chapter open.
    ///
    /// ## What it checks
    /// Every `chapterComplete` and `chapterSkip` closes a chapter opened by a `chapterStart`
    /// that is still open.
    ///
    /// ## Why it matters
    /// Adobe's SDK refuses to close a chapter that is not open, so a player that sends one
    /// has lost track of its chapters: a `chapterStart` was never sent, or the chapter was
    /// closed twice. The back end likely ignores the event (its handling is not documented),
    /// and the chapter it meant to close has no metrics.
    ///
    /// ## Example
    /// A chapter closed twice:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.chapter.index":1,"media.chapter.offset":0,"media.chapter.length":30}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterComplete","playerTime":{"playhead":30,"ts":1700000030000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterSkip","playerTime":{"playhead":30,"ts":1700000030001}}
    /// ```
    ///
    /// ## Use instead
    /// Close each chapter once:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.chapter.index":1,"media.chapter.offset":0,"media.chapter.length":30}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterComplete","playerTime":{"playhead":30,"ts":1700000030000}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/chapters/chapter-complete.md, events/chapters/chapter-skip.md; Adobe's
    /// Media SDK (closing a chapter that is not open is refused)
    pub static CHAPTER_END_WITHOUT_START {
        code: "CHP002",
        name: "chapter-end-without-start",
        family: Chapter,
        severity: Warning,
        session: |_cfg| ChapterEndWithoutStart,
    }
}

/// The rule.
pub struct ChapterEndWithoutStart;

impl SessionRule for ChapterEndWithoutStart {
    fn meta(&self) -> &'static RuleMeta {
        &CHAPTER_END_WITHOUT_START
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::ChapterComplete, EventType::ChapterSkip])
    }

    fn on_event(&mut self, ev: &Event, st: &SessionState, sink: &mut Sink) {
        let Some(t @ (EventType::ChapterComplete | EventType::ChapterSkip)) = ev.event_type else {
            return;
        };
        if st.chapter.is_some() {
            return;
        }
        sink.report(
            &CHAPTER_END_WITHOUT_START,
            ev,
            ev.event_type_span,
            format!("`{}` with no chapter open; Adobe likely ignores it, and the chapter it meant to close has no metrics", t.name()),
        )
        .label("no chapter is open")
        .help("send chapterStart when a chapter begins, and close each chapter once");
    }
}
