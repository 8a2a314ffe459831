//! Walking one ballot from rank 1 to find the candidate it counts for this round, applying
//! the skipped-rank, duplicate and overvote rules on every walk, as RCTab does.

use super::ballots::{Cell, Slot, slots};
use super::rules::{OvervoteRule, Rules};

/// Why a ballot stopped counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Reason {
    Overvotes = 0,
    SkippedRankings = 1,
    ExhaustedChoices = 2,
    RepeatedRankings = 3,
    FinalRoundSurplus = 4,
}

/// Where a ballot counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    For(u32),
    Inactive(Reason),
}

/// The rules a walk needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WalkRules {
    overvote: OvervoteRule,
    max_skip: Option<u32>,
    max_rank: Option<u32>,
    duplicates_exhaust: bool,
}

impl WalkRules {
    pub(crate) fn new(rules: &Rules) -> Self {
        Self {
            overvote: rules.overvote_rule,
            max_skip: rules.max_skipped_ranks_allowed,
            max_rank: rules.max_rankings_allowed,
            duplicates_exhaust: rules.exhaust_on_duplicate_candidate,
        }
    }
}

fn is_continuing(continuing: &[bool], id: u32) -> bool {
    continuing.get(id as usize).copied().unwrap_or(false)
}

/// Find where the ballot counts given which candidates are `continuing`.
pub(crate) fn walk(cells: &[Cell], rules: &WalkRules, continuing: &[bool]) -> Place {
    let mut last_rank = 0u32;
    let mut seen: Vec<u32> = Vec::new();
    for (rank, slot) in slots(cells) {
        if slot == Slot::Empty {
            continue;
        }
        if rules.max_rank.is_some_and(|m| rank > m) {
            break;
        }
        if let Some(m) = rules.max_skip
            && rank - last_rank > m.saturating_add(1)
        {
            return Place::Inactive(Reason::SkippedRankings);
        }
        last_rank = rank;
        if rules.duplicates_exhaust {
            let mut repeated = false;
            let mut note = |id: u32| {
                if seen.contains(&id) {
                    repeated = true;
                } else {
                    seen.push(id);
                }
            };
            match &slot {
                Slot::One(id) => note(id.0),
                Slot::Many(many) => many
                    .iter()
                    .filter_map(|c| c.candidate_id())
                    .for_each(|id| note(id.0)),
                Slot::Empty | Slot::Overvote => {}
            }
            if repeated {
                return Place::Inactive(Reason::RepeatedRankings);
            }
        }
        match slot {
            Slot::Empty => {}
            Slot::Overvote => {
                if rules.overvote == OvervoteRule::ExhaustImmediately {
                    return Place::Inactive(Reason::Overvotes);
                }
            }
            Slot::Many(many) => match rules.overvote {
                OvervoteRule::ExhaustImmediately => return Place::Inactive(Reason::Overvotes),
                OvervoteRule::AlwaysSkipToNextRank => {}
                OvervoteRule::ExhaustIfMultipleContinuing => {
                    let mut found = None;
                    for id in many.iter().filter_map(|c| c.candidate_id()) {
                        if is_continuing(continuing, id.0) {
                            if found.is_some() {
                                return Place::Inactive(Reason::Overvotes);
                            }
                            found = Some(id.0);
                        }
                    }
                    if let Some(c) = found {
                        return Place::For(c);
                    }
                }
            },
            Slot::One(id) => {
                if is_continuing(continuing, id.0) {
                    return Place::For(id.0);
                }
            }
        }
    }
    Place::Inactive(Reason::ExhaustedChoices)
}
