//! TIM009 `playhead-differs-from-table`: on a docs page, a body's playhead disagrees with
//! the playhead its action table gives.

use crate::rules::{EventSet, Interest, RuleMeta, SessionRule, Sink};
use crate::session::{format_num, Event, SessionState};

declare_rule! {
    /// On a docs page, the body's playhead differs from its action table's.
    ///
    /// ## What it checks
    /// Adobe's timeline pages put a small table before each request body, whose row gives
    /// the action's wall-clock second and the playhead. When the body's
    /// `playerTime.playhead` differs from the table's by more than half a second, one of
    /// the two is wrong. Only docs pages have such tables; other captures are not judged.
    /// The check holds for every block, also those Adobe would reject.
    ///
    /// ## Why it matters
    /// A team that copies the page's bodies into a player, or its table into a test plan,
    /// takes the mistake with it, and valint's sequencing rules judge the body's value,
    /// not the table's. Adobe's timelines 2 and 3 have three such blocks (a play whose
    /// table says 20 and body 18; a chapterStart at 1 vs 0; a chapterComplete at 44 vs 0).
    ///
    /// ## Example
    /// ```text
    /// # valint check --stdin-filename page.md
    /// ### Action 12 - Chapter start
    ///
    /// | Action | Action Timeline (Seconds) | Playhead Position (Seconds) | Client Request |
    /// | --- | :---: | :---: | --- |
    /// | Chapter start | 23 | 1 | `https://{uri}/api/v1/sessions/{sid}/events` |
    ///
    /// ~~~json
    /// {"eventType":"chapterStart","playerTime":{"playhead":0,"ts":1700000023000},"params":{"media.chapter.index":1,"media.chapter.offset":0,"media.chapter.length":20}}
    /// ~~~
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # valint check --stdin-filename page.md
    /// ### Action 12 - Chapter start
    ///
    /// | Action | Action Timeline (Seconds) | Playhead Position (Seconds) | Client Request |
    /// | --- | :---: | :---: | --- |
    /// | Chapter start | 23 | 1 | `https://{uri}/api/v1/sessions/{sid}/events` |
    ///
    /// ~~~json
    /// {"eventType":"chapterStart","playerTime":{"playhead":1,"ts":1700000023000},"params":{"media.chapter.index":1,"media.chapter.offset":0,"media.chapter.length":20}}
    /// ~~~
    /// ```
    ///
    /// ## References
    /// Adobe: mc-api-timelines/mc-api-timeline-2.md (Action 12),
    /// mc-api-timelines/mc-api-timeline-3.md (Actions 12 and 29)
    pub static PLAYHEAD_DIFFERS_FROM_TABLE {
        code: "TIM009",
        name: "playhead-differs-from-table",
        family: Time,
        severity: Warning,
        session: |_cfg| PlayheadDiffersFromTable,
    }
}

/// Seconds of difference that are not reported.
const SLACK_S: f64 = 0.5;

/// The rule.
pub struct PlayheadDiffersFromTable;

impl SessionRule for PlayheadDiffersFromTable {
    fn meta(&self) -> &'static RuleMeta {
        &PLAYHEAD_DIFFERS_FROM_TABLE
    }

    // Every event's playhead.
    fn interest(&self) -> Interest {
        Interest::on_event(EventSet::ALL)
    }

    // The page's text is judged, not the sequence Adobe sees.
    fn sees_rejected(&self) -> bool {
        true
    }

    fn sees_closed_sessions(&self) -> bool {
        true
    }

    fn on_event(&mut self, ev: &Event, _st: &SessionState, sink: &mut Sink) {
        let (Some(table), Some(body)) = (ev.table_playhead_s, ev.playhead) else {
            return;
        };
        if (table - body.value).abs() <= SLACK_S {
            return;
        }
        sink.report(
            &PLAYHEAD_DIFFERS_FROM_TABLE,
            ev,
            body.span,
            format!(
                "the body's playhead is {} s, but the page's action table gives {} s; one of the two is wrong",
                format_num(body.value),
                format_num(table)
            ),
        )
        .label(format!("playhead {} s", format_num(body.value)))
        .help("make the body and the action table agree");
    }
}
