//! Agenda composition: fill a meeting's time budget with agenda items in tally order.
//!
//! The rule (see `docs/tally-rules.md`, "Agenda composition"): reserve the fixed items first
//! (the three-minute action scan, check-ins), then walk the items in tally order and include
//! each one that still fits in the minutes left, skipping an item that does not fit and
//! carrying on with the next one. Every item gets a structured [`Reason`] and a sentence such
//! as "ranked 4th; 25 minutes would pass the 60-minute budget by 10".
//!
//! ```
//! use roundtable::tally::agenda::{AgendaItem, FixedItem, compose};
//! let items = vec![
//!     AgendaItem::new("a", "Timetable", 30),
//!     AgendaItem::new("b", "Rubric", 30),
//!     AgendaItem::new("c", "Trip", 10),
//! ];
//! let agenda = compose(&items, 45, &[FixedItem::action_scan()]).unwrap();
//! let titles: Vec<&str> = agenda.slots.iter().map(|s| s.title.as_str()).collect();
//! assert_eq!(titles, ["Three-minute action scan", "Timetable", "Trip"]);
//! assert_eq!(agenda.items[1].explanation, "ranked 2nd; 30 minutes would pass the 45-minute budget by 18");
//! ```

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::phrases::{Phrases, Shares};

mod election;
mod error;
pub mod meeting;
mod reason;
pub mod tie_note;

pub use election::{RankedAgenda, rank_and_compose};
pub use error::AgendaError;
pub use reason::{Reason, ordinal};

/// Shortest estimate an item or fixed item may have, in minutes.
pub const MIN_ITEM_MINUTES: u32 = 1;
/// Longest estimate an item or fixed item may have, in minutes.
pub const MAX_ITEM_MINUTES: u32 = 240;

/// An agenda item to place, given in tally order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// Identifier, unique among the items (e.g. the proposal id).
    pub id: String,
    /// Title shown on the agenda.
    pub title: String,
    /// Estimated minutes, `1..=240`.
    pub minutes: u32,
}

impl AgendaItem {
    /// An item with its id, title and estimated minutes.
    #[must_use]
    pub fn new(id: impl Into<String>, title: impl Into<String>, minutes: u32) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            minutes,
        }
    }
}

/// A reserved item placed before the ranked items, whatever the tally says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedItem {
    /// Title shown on the agenda.
    pub title: String,
    /// Reserved minutes, `1..=240`.
    pub minutes: u32,
}

impl FixedItem {
    /// A fixed item with its title and minutes.
    #[must_use]
    pub fn new(title: impl Into<String>, minutes: u32) -> Self {
        Self {
            title: title.into(),
            minutes,
        }
    }

    /// The default fixed item: "Three-minute action scan", 3 minutes.
    #[must_use]
    pub fn action_scan() -> Self {
        Self::new("Three-minute action scan", 3)
    }
}

/// Whether a slot is a fixed item or a ranked item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SlotKind {
    /// The fixed item at this 0-based index of the fixed items given.
    Fixed {
        /// Index among the fixed items.
        index: usize,
    },
    /// A ranked item.
    Item {
        /// The item's id.
        id: String,
        /// 1-based place in tally order.
        rank: u32,
    },
}

/// One entry of the composed agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// Fixed or ranked item.
    pub kind: SlotKind,
    /// Title shown on the agenda.
    pub title: String,
    /// Minutes from the start of the meeting at which it starts.
    pub start_minute: u32,
    pub minutes: u32,
    /// Why it is here.
    pub reason: Reason,
    /// The reason as a sentence.
    pub explanation: String,
}

/// What happened to one ranked item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemOutcome {
    /// The item's id.
    pub id: String,
    pub title: String,
    /// 1-based position in the list: the place in tally order for a ranked item; a
    /// not-ranked item (see [`Reason::NotRanked`]) comes after every ranked one.
    pub rank: u32,
    pub minutes: u32,
    /// Whether it is on the agenda.
    pub included: bool,
    /// Start offset in minutes when included.
    pub start_minute: Option<u32>,
    /// Why it is in or out.
    pub reason: Reason,
    /// The reason as a sentence.
    pub explanation: String,
    /// Tie-breaks that decided its place, as sentences (see [`tie_note::sentence`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ties: Vec<String>,
    /// True when the seeded random draw decided one of those tie-breaks.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drawn: bool,
    /// On an equal-shares agenda, why the method chose it or not (`explanation` says it in
    /// English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shares: Option<Shares>,
}

impl ItemOutcome {
    /// The equal-shares verdict: as kept, or as a count stored before it was kept says it.
    #[must_use]
    pub fn shares_verdict(&self) -> Option<Shares> {
        self.shares.or_else(|| Shares::parse(&self.explanation))
    }

    /// The explanation in the language of `p` (`budget_minutes`: the agenda's budget).
    #[must_use]
    pub fn explanation_in<P: Phrases + ?Sized>(&self, p: &P, budget_minutes: u32) -> String {
        match self.shares_verdict() {
            Some(verdict) => p.shares(verdict, &self.reason, budget_minutes),
            None => p.reason(&self.reason, budget_minutes),
        }
    }
}

/// The composed agenda and the reason for every item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// The meeting's time budget in minutes.
    pub budget_minutes: u32,
    /// The agenda in order: fixed items, then the included items in tally order.
    pub slots: Vec<Slot>,
    /// Every item in tally order, included or not; items the count did not need to rank
    /// come last.
    pub items: Vec<ItemOutcome>,
    /// Minutes taken by the slots (never more than the budget).
    pub minutes_used: u32,
    /// Minutes of the budget left unused.
    pub minutes_left: u32,
}

fn validate(items: &[AgendaItem], budget: u32, fixed: &[FixedItem]) -> Result<(), AgendaError> {
    if budget == 0 {
        return Err(AgendaError::ZeroBudget);
    }
    let range = MIN_ITEM_MINUTES..=MAX_ITEM_MINUTES;
    if let Some(f) = fixed.iter().find(|f| !range.contains(&f.minutes)) {
        return Err(AgendaError::FixedMinutes {
            title: f.title.clone(),
            minutes: f.minutes,
        });
    }
    let mut ids = HashSet::new();
    for item in items {
        if !ids.insert(item.id.as_str()) {
            return Err(AgendaError::DuplicateId(item.id.clone()));
        }
        if !range.contains(&item.minutes) {
            return Err(AgendaError::ItemMinutes {
                id: item.id.clone(),
                minutes: item.minutes,
            });
        }
    }
    let fixed_minutes: u64 = fixed.iter().map(|f| u64::from(f.minutes)).sum();
    match u32::try_from(fixed_minutes) {
        Ok(m) if m <= budget => Ok(()),
        _ => Err(AgendaError::FixedItemsOverBudget {
            fixed_minutes,
            budget_minutes: budget,
            over_by: fixed_minutes - u64::from(budget),
        }),
    }
}

/// Compose the agenda: fixed items first, then each item of `items` (in tally order) that
/// still fits in the minutes left; an item that does not fit is skipped and the walk goes on.
///
/// Errors: a zero budget, fixed items over the budget, duplicate item ids, or minutes
/// outside `1..=240`. Never panics; the same input always gives the same agenda.
pub fn compose(
    items: &[AgendaItem],
    budget_minutes: u32,
    fixed: &[FixedItem],
) -> Result<Agenda, AgendaError> {
    validate(items, budget_minutes, fixed)?;
    let mut used = 0u32;
    let mut slots = Vec::with_capacity(fixed.len() + items.len());
    for (index, f) in fixed.iter().enumerate() {
        let start = used;
        used += f.minutes;
        let reason = Reason::Reserved {
            minutes: f.minutes,
            minutes_left: budget_minutes - used,
        };
        slots.push(Slot {
            kind: SlotKind::Fixed { index },
            title: f.title.clone(),
            start_minute: start,
            minutes: f.minutes,
            reason,
            explanation: reason.sentence(budget_minutes),
        });
    }
    let mut outcomes = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let left = budget_minutes - used;
        let fits = item.minutes <= left;
        let start = fits.then_some(used);
        let reason = if fits {
            used += item.minutes;
            Reason::Fits {
                rank,
                minutes: item.minutes,
                minutes_left: left - item.minutes,
            }
        } else {
            Reason::TooLong {
                rank,
                minutes: item.minutes,
                minutes_left: left,
                over_by: item.minutes - left,
            }
        };
        let explanation = reason.sentence(budget_minutes);
        if let Some(start_minute) = start {
            slots.push(Slot {
                kind: SlotKind::Item {
                    id: item.id.clone(),
                    rank,
                },
                title: item.title.clone(),
                start_minute,
                minutes: item.minutes,
                reason,
                explanation: explanation.clone(),
            });
        }
        outcomes.push(ItemOutcome {
            id: item.id.clone(),
            title: item.title.clone(),
            rank,
            minutes: item.minutes,
            included: fits,
            start_minute: start,
            reason,
            explanation,
            ties: Vec::new(),
            drawn: false,
            shares: None,
        });
    }
    Ok(Agenda {
        budget_minutes,
        slots,
        items: outcomes,
        minutes_used: used,
        minutes_left: budget_minutes - used,
    })
}

/// [`compose`] the `ranked` items, then list `not_ranked` (items the count stopped before
/// ranking because none of them fitted any more) as left out with [`Reason::NotRanked`].
///
/// Errors: as [`compose`], over both lists together.
pub fn compose_ranked(
    ranked: &[AgendaItem],
    not_ranked: &[AgendaItem],
    budget_minutes: u32,
    fixed: &[FixedItem],
) -> Result<Agenda, AgendaError> {
    let all: Vec<AgendaItem> = ranked.iter().chain(not_ranked).cloned().collect();
    validate(&all, budget_minutes, fixed)?;
    let mut agenda = compose(ranked, budget_minutes, fixed)?;
    let left = agenda.minutes_left;
    for (i, item) in not_ranked.iter().enumerate() {
        let reason = Reason::NotRanked {
            minutes: item.minutes,
            minutes_left: left,
        };
        agenda.items.push(ItemOutcome {
            id: item.id.clone(),
            title: item.title.clone(),
            rank: u32::try_from(ranked.len() + i + 1).unwrap_or(u32::MAX),
            minutes: item.minutes,
            included: false,
            start_minute: None,
            reason,
            explanation: reason.sentence(budget_minutes),
            ties: Vec::new(),
            drawn: false,
            shares: None,
        });
    }
    Ok(agenda)
}

#[cfg(test)]
mod rank_tests;
#[cfg(test)]
mod tests;
