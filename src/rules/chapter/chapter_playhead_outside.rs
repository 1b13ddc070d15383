//! CHP005 `chapter-playhead-outside`: a chapter event's playhead disagrees with the
//! chapter's declared offset and length (R33).

use crate::rules::{Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, EventType, Place, SessionState};

declare_rule! {
    /// A chapter's playhead is outside the chapter its chapterStart declares.
    ///
    /// ## What it checks
    /// The chapter's `media.chapter.offset` and `media.chapter.length` (seconds of content,
    /// from its `chapterStart`) against the playhead:
    /// - a `chapterStart` comes at a playhead inside the chapter, from its offset to its
    ///   end (a viewer may seek into the middle of a chapter, and a resumed session starts
    ///   the open chapter again where it was);
    /// - a `chapterComplete`, which says the chapter's end was reached, comes at its end.
    ///
    /// Both within 1 s. `chapterSkip` may come anywhere.
    ///
    /// ## Why it matters
    /// Chapter reports use the declared offset and length; a playhead that disagrees means
    /// either the chapter table or the playhead is wrong, and the chapter's completion and
    /// time spent are likely off. Adobe's chapters timeline sends its last chapterComplete
    /// with playhead 0 for a chapter that ends at 44 s.
    ///
    /// ## Example
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":22,"ts":1700000000000},"params":{"media.chapter.index":2,"media.chapter.offset":22,"media.chapter.length":22}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterComplete","playerTime":{"playhead":0,"ts":1700000022000}}
    /// ```
    ///
    /// ## Use instead
    /// Send the content playhead, which is at the chapter's end when it completes:
    ///
    /// ```text
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterStart","playerTime":{"playhead":22,"ts":1700000000000},"params":{"media.chapter.index":2,"media.chapter.offset":22,"media.chapter.length":22}}
    /// POST /api/v1/sessions/4e2a91c0/events
    /// {"eventType":"chapterComplete","playerTime":{"playhead":44,"ts":1700000022000}}
    /// ```
    ///
    /// ## References
    /// Adobe: events/chapters/chapter-start.md, events/chapters/chapter-complete.md,
    /// variables/chapters (offset, length), mc-api-timelines/mc-api-timeline-3.md
    pub static CHAPTER_PLAYHEAD_OUTSIDE {
        code: "CHP005",
        name: "chapter-playhead-outside",
        family: Chapter,
        severity: Warning,
        session: |_cfg| ChapterPlayheadOutside { open: None },
    }
}

/// Seconds of content the playhead may be off.
const SLACK_S: f64 = 1.0;

/// The rule: remembers the open chapter's declared bounds.
pub struct ChapterPlayheadOutside {
    /// The open chapter's offset and end (seconds), and where its chapterStart gives them.
    open: Option<(f64, f64, usize, Place)>,
}

impl SessionRule for ChapterPlayheadOutside {
    fn meta(&self) -> &'static RuleMeta {
        &CHAPTER_PLAYHEAD_OUTSIDE
    }

    fn interest(&self) -> Interest {
        Interest::types(&[
            EventType::ChapterStart,
            EventType::ChapterComplete,
            EventType::ChapterSkip,
        ])
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        match ev.event_type {
            Some(EventType::ChapterStart) => {
                let bounds = ev
                    .param_f64("media.chapter.offset")
                    .zip(ev.param_f64("media.chapter.length"));
                self.open = bounds.map(|(offset, length)| {
                    (
                        offset,
                        offset + length,
                        ev.file,
                        ev.param_place("media.chapter.offset"),
                    )
                });
                let (Some((offset, end, _, place)), Some(at)) = (&self.open, ev.playhead) else {
                    return;
                };
                let (offset, end) = (*offset, *end);
                if at.value >= offset - SLACK_S && at.value <= end + SLACK_S {
                    return;
                }
                let span = place.span();
                sink.report(
                    &CHAPTER_PLAYHEAD_OUTSIDE,
                    ev,
                    at.span,
                    format!(
                        "`chapterStart` at playhead {} s, outside the chapter it declares ({} s to {} s); the chapter's reports are likely off",
                        format_num(at.value),
                        format_num(offset),
                        format_num(end)
                    ),
                )
                .label(format!("playhead {} s", format_num(at.value)))
                .help("send the content playhead, and the chapter's offset and length in seconds of content")
                .secondary_in(ev.file, span, format!("offset {} s", format_num(offset)));
            }
            Some(EventType::ChapterComplete) => {
                let (Some((_, end, file, place)), Some(at)) = (self.open.take(), ev.playhead)
                else {
                    return;
                };
                if (at.value - end).abs() <= SLACK_S {
                    return;
                }
                sink.report(
                    &CHAPTER_PLAYHEAD_OUTSIDE,
                    ev,
                    at.span,
                    format!(
                        "`chapterComplete` at playhead {} s, but the chapter ends at {} s; the chapter's completion and time spent are likely off",
                        format_num(at.value),
                        format_num(end)
                    ),
                )
                .label(format!("playhead {} s", format_num(at.value)))
                .help("send chapterComplete when the playhead reaches the chapter's end; a viewer who leaves the chapter early gets chapterSkip")
                .secondary_in(file, place.span(), format!("the chapter ends at {} s (offset + length)", format_num(end)));
            }
            Some(EventType::ChapterSkip) => self.open = None,
            _ => {}
        }
    }
}
