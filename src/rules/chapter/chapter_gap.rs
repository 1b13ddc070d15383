//! CHP004 `chapter-gap`: content between two chapters that belongs to neither (R33, R35).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, SessionState};
use crate::source::Span;

declare_rule! {
    /// A chapter starts after the end of the previous one, leaving content in no chapter.
    ///
    /// ## What it checks
    /// A `chapterStart` whose `media.chapter.offset` lies more than 1 s beyond the end of
    /// the session's previous chapter (its `media.chapter.offset` plus
    /// `media.chapter.length`, seconds of content), when the two are consecutive chapters
    /// (`media.chapter.index` one apart). A viewer who skips a chapter or seeks back is
    /// not judged.
    ///
    /// ## Why it matters
    /// This is advice: chapters are optional and need not cover everything. But when a
    /// player splits content into chapters, seconds that fall between two of them are in no
    /// chapter's time spent, which is usually an off-by-some mistake in the chapter table.
    /// Adobe's chapters timeline has one: chapter 1 covers 0-20 s and chapter 2 starts at
    /// 22 s.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.chapter.index":1,"media.chapter.offset":0,"media.chapter.length":20}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterComplete","playerTime":{"playhead":20,"ts":1700000020000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":22,"ts":1700000022000},"params":{"media.chapter.index":2,"media.chapter.offset":22,"media.chapter.length":22}}
    /// ```
    ///
    /// ## Use instead
    /// Let each chapter start where the previous one ends:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":0,"ts":1700000000000},"params":{"media.chapter.index":1,"media.chapter.offset":0,"media.chapter.length":20}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterComplete","playerTime":{"playhead":20,"ts":1700000020000}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":20,"ts":1700000020001},"params":{"media.chapter.index":2,"media.chapter.offset":20,"media.chapter.length":24}}
    /// ```
    ///
    /// ## References
    /// Adobe: variables/chapters (offset, length), mc-api-timelines/mc-api-timeline-3.md
    pub static CHAPTER_GAP {
        code: "CHP004",
        name: "chapter-gap",
        family: Chapter,
        severity: Info,
        session: |_cfg| ChapterGap { previous: None },
    }
}

/// Seconds of content between two chapters that are not reported.
const SLACK_S: f64 = 1.0;

/// The rule: remembers the end of the previous chapter.
pub struct ChapterGap {
    /// The previous chapter: its `media.chapter.index`, its end (offset + length,
    /// seconds), and where its chapterStart gives the length.
    previous: Option<(f64, f64, usize, Span)>,
}

impl SessionRule for ChapterGap {
    fn meta(&self) -> &'static RuleMeta {
        &CHAPTER_GAP
    }

    fn interest(&self) -> Interest {
        Interest::types(&[EventType::ChapterStart])
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        if !ev.is(EventType::ChapterStart) {
            return;
        }
        let offset = ev.param_f64("media.chapter.offset");
        let length = ev.param_f64("media.chapter.length");
        let index = ev.param_f64("media.chapter.index");
        if let (Some(offset), Some(index), Some((before, end, file, span))) =
            (offset, index, self.previous)
        {
            if index == before + 1.0 && offset - end > SLACK_S {
                sink.report(
                    &CHAPTER_GAP,
                    ev,
                    ev.param_span("media.chapter.offset"),
                    format!(
                        "chapter starts at {} s, {} s after the previous chapter ended ({} s); that content is in no chapter",
                        format_num(offset),
                        format_num(((offset - end) * 1000.0).round() / 1000.0),
                        format_num(end)
                    ),
                )
                .label(format!("offset {} s", format_num(offset)))
                .help("start each chapter where the previous one ends, or check the chapter table's offsets and lengths")
                .secondary_in(file, span, format!("the previous chapter ends at {} s", format_num(end)));
            }
        }
        self.previous = match (index, offset, length) {
            (Some(index), Some(offset), Some(length)) => Some((
                index,
                offset + length,
                ev.file,
                ev.param_span("media.chapter.length"),
            )),
            _ => None,
        };
    }
}
