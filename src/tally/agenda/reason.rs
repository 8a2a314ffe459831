//! Why an item is on the agenda or not, as a structured reason and as an English sentence.

use serde::{Deserialize, Serialize};

use super::super::decimal::Decimal;
use super::super::explain::votes;

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
        let budget = minutes(budget_minutes);
        match *self {
            Self::Reserved {
                minutes: m,
                minutes_left,
            } => format!(
                "fixed item; {} reserved first ({} of {budget} left)",
                minutes(m),
                number(minutes_left)
            ),
            Self::Fits {
                rank,
                minutes: m,
                minutes_left,
            } => format!(
                "ranked {}; {} fits ({} of {budget} left)",
                ordinal(rank),
                minutes(m),
                number(minutes_left)
            ),
            Self::TooLong {
                rank,
                minutes: m,
                over_by,
                ..
            } => format!(
                "ranked {}; {} would pass the {}-minute budget by {}",
                ordinal(rank),
                minutes(m),
                number(budget_minutes),
                number(over_by)
            ),
            Self::NotRanked {
                minutes: m,
                minutes_left,
            } => format!(
                "not ranked: the agenda was full ({}; {} of {budget} left)",
                minutes(m),
                number(minutes_left)
            ),
        }
    }
}

/// English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 101st, 111th, 112th.
#[must_use]
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub(super) fn number(n: u32) -> String {
    votes(Decimal::from_int(i128::from(n)))
}

/// "1 minute", "20 minutes", "1,440 minutes".
pub(super) fn minutes(n: u32) -> String {
    let unit = if n == 1 { "minute" } else { "minutes" };
    format!("{} {unit}", number(n))
}
