//! AD family: ad breaks and ads (FACTS §4.5, R26-R32).

pub mod ad_break_already_open;
pub mod ad_break_end_without_break;
pub mod ad_break_open_at_session_end;
pub mod ad_end_without_ad;
pub mod ad_length_changes;
pub mod ad_longer_than_length;
pub mod ad_not_closed;
pub mod ad_outside_break;
pub mod duplicate_ad_id;
pub mod duplicate_pod_position;
pub mod gap_between_ads;
pub mod playback_between_ads;
pub mod pod_name_mismatch;
pub mod pod_position_base;

use crate::session::{Event, EventType, Mark, Place, SessionState};
use crate::source::Span;

pub use ad_break_already_open::AD_BREAK_ALREADY_OPEN;
pub use ad_break_end_without_break::AD_BREAK_END_WITHOUT_BREAK;
pub use ad_break_open_at_session_end::AD_BREAK_OPEN_AT_SESSION_END;
pub use ad_end_without_ad::AD_END_WITHOUT_AD;
pub use ad_length_changes::AD_LENGTH_CHANGES;
pub use ad_longer_than_length::AD_LONGER_THAN_LENGTH;
pub use ad_not_closed::AD_NOT_CLOSED;
pub use ad_outside_break::AD_OUTSIDE_BREAK;
pub use duplicate_ad_id::DUPLICATE_AD_ID;
pub use duplicate_pod_position::DUPLICATE_POD_POSITION;
pub use gap_between_ads::GAP_BETWEEN_ADS;
pub use playback_between_ads::PLAYBACK_BETWEEN_ADS;
pub use pod_name_mismatch::POD_NAME_MISMATCH;
pub use pod_position_base::POD_POSITION_BASE;

/// The values of one adStart param seen in the open ad break, for the rules that report a
/// value repeated within a break (AD008, AD009). Forgets them when a new break opens.
#[derive(Default)]
pub struct SeenInBreak<T> {
    /// The break the values belong to (its adBreakStart's index).
    brk: Option<usize>,
    /// Values seen in that break, with the file and span where each was written.
    seen: Vec<(T, usize, Place)>,
}

impl<T: PartialEq> SeenInBreak<T> {
    /// Looks at an adStart inside an ad break whose param `key` reads as `value`: returns
    /// the break's adBreakStart (for labels) with `Ok(())` when the break has not had the
    /// value, which is remembered with its place (found only if a later ad repeats it, see
    /// [`Place`]), or with `Err((span, file, first))` when an earlier ad of the break had
    /// it (`span` is the value's place in this event, `first` its place in `file`). `None`
    /// for any other event, an adStart outside a break, or one without the param.
    #[allow(clippy::type_complexity)]
    pub fn observe(
        &mut self,
        ev: &Event,
        st: &SessionState,
        key: &'static str,
        value: impl FnOnce(&Event) -> Option<T>,
    ) -> Option<(Mark, Result<(), (Span, usize, Span)>)> {
        if !ev.is(EventType::AdStart) {
            return None;
        }
        let brk = st.ad_break?;
        if self.brk != Some(brk.index) {
            self.brk = Some(brk.index);
            self.seen.clear();
        }
        let v = value(ev)?;
        if let Some((_, file, first)) = self.seen.iter().find(|s| s.0 == v) {
            let span = ev.param_span(key);
            return Some((brk, Err((span, *file, first.span()))));
        }
        self.seen.push((v, ev.file, ev.param_place(key)));
        Some((brk, Ok(())))
    }
}
