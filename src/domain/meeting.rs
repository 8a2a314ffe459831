//! Meetings as values: parsed fields, ballot options, the windows and the lifecycle phase
//! that follows the clock, and the rules for changing a meeting once people have taken part.
//!
//! Pure: the current time is always passed in (from the injected `Clock`).

mod fields;
mod options;
#[cfg(test)]
mod tests;
mod windows;

pub use fields::{
    BudgetMinutes, ItemMinutes, ItemTitle, MeetingTitle, Place, Problems, PurposeLine, Reason, Why,
    input_value, parse_local,
};
pub(crate) use fields::{text_between, text_newtype};
pub(crate) use options::stored_enum;
pub use options::{AgendaRule, Privacy, ResultsVisibility};
pub use windows::{Current, Phase, WindowChange, Windows, check_change, time_left, time_until};
