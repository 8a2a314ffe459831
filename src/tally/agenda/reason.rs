//! Why an item is on the agenda or not, as a structured reason and as an English sentence
//! ([`English`]; other languages through [`Phrases::reason`]).

use serde::{Deserialize, Serialize};

use super::super::phrases::{English, Phrases, english_ordinal};

/// Why an item is on the agenda or not. Minutes are whole minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// A fixed item, reserved before the ranked items.
    Reserved {
        minutes: u32,
        /// Minutes of the budget left after reserving it.
        minutes_left: u32,
    },
    /// A ranked item that fits in the minutes left, so it is on the agenda.
    Fits {
        /// 1-based place in tally order.
        rank: u32,
        minutes: u32,
        /// Minutes of the budget left after including it.
        minutes_left: u32,
    },
    /// A ranked item longer than the minutes left when it was considered, so it is left out.
    TooLong {
        /// 1-based place in tally order.
        rank: u32,
        minutes: u32,
        /// Minutes of the budget left when it was considered.
        minutes_left: u32,
        /// How far it would pass the budget: `minutes - minutes_left`.
        over_by: u32,
    },
    /// The count stopped before ranking this item: no item still to place fitted in the
    /// minutes left, so its place could not change the agenda.
    NotRanked {
        minutes: u32,
        /// Minutes of the budget left when the count stopped.
        minutes_left: u32,
    },
}

impl Reason {
    /// The reason as a sentence, e.g. "ranked 1st; 20 minutes fits (40 of 60 minutes left)".
    #[must_use]
    pub fn sentence(&self, budget_minutes: u32) -> String {
        English.reason(self, budget_minutes)
    }
}

/// English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 101st, 111th, 112th.
#[must_use]
pub fn ordinal(n: u32) -> String {
    english_ordinal(n)
}
