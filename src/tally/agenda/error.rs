//! Why an agenda cannot be composed.

use thiserror::Error;

use super::super::TallyError;

/// Input that cannot be composed into an agenda.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum AgendaError {
    /// The meeting has no time.
    #[error("the time budget is 0 minutes; a meeting needs at least 1 minute")]
    ZeroBudget,
    /// The fixed items alone do not fit.
    #[error(
        "the fixed items take {fixed_minutes} minutes, {over_by} more than the \
         {budget_minutes}-minute budget"
    )]
    FixedItemsOverBudget {
        /// Minutes of all fixed items together.
        fixed_minutes: u64,
        budget_minutes: u32,
        /// `fixed_minutes - budget_minutes`.
        over_by: u64,
    },
    /// Two items share an id.
    #[error("two agenda items have the id {0:?}")]
    DuplicateId(String),
    /// An item's estimate is outside `1..=240`.
    #[error("agenda item {id:?} is estimated at {minutes} minutes; estimates are 1 to 240 minutes")]
    ItemMinutes {
        /// The item's id.
        id: String,
        /// The estimate given.
        minutes: u32,
    },
    /// A fixed item's minutes are outside `1..=240`.
    #[error("fixed item {title:?} has {minutes} minutes; fixed items take 1 to 240 minutes")]
    FixedMinutes {
        /// The fixed item's title.
        title: String,
        /// The minutes given.
        minutes: u32,
    },
    /// [`super::rank_and_compose`]: the minutes list does not match the candidates.
    #[error("{minutes} minute estimates given for {candidates} candidates")]
    MinutesPerCandidate {
        /// Candidates in the election.
        candidates: usize,
        /// Estimates given.
        minutes: usize,
    },
    /// [`super::rank_and_compose`]: the tally failed.
    #[error("the tally failed: {0}")]
    Tally(#[from] TallyError),
    /// [`super::rank_and_compose`]: the ranking stopped on a tie the rules leave to a person.
    #[error("the ranking placed {ranked} of {items} items: a tie must be decided by a person")]
    IncompleteRanking {
        /// Items placed before the tie.
        ranked: usize,
        /// Items to place.
        items: usize,
    },
}
