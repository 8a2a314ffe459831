//! [`rank_and_compose`]: rank an election's candidates (agenda items) by sequential IRV,
//! then compose the agenda from that order. This is what the web calls after a tally.

use serde::{Deserialize, Serialize};

use super::super::{Election, SequentialRanking, rank_sequential};
use super::{Agenda, AgendaError, AgendaItem, FixedItem, compose, validate};

/// The sequential-IRV ranking and the agenda composed from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedAgenda {
    /// Every item in sequential-IRV order, with the passes that explain each place.
    pub ranking: SequentialRanking,
    /// The agenda filled in that order.
    pub agenda: Agenda,
}

/// Rank the candidates of `election` with [`rank_sequential`] and compose the agenda.
///
/// `minutes[i]` is the estimate of candidate `i` (`CandidateId(i)`); each item's id and
/// title are the candidate's name (names are unique within an election). Excluded
/// candidates and the undeclared write-in are not agenda items: their minutes are ignored.
///
/// Errors: a minutes list of another length than the candidates, anything [`compose`]
/// refuses (checked before counting), a failed tally, or a ranking that stopped on a tie
/// the rules leave to a person (`stopCountingAndAsk`).
pub fn rank_and_compose(
    election: &Election,
    minutes: &[u32],
    budget_minutes: u32,
    fixed: &[FixedItem],
) -> Result<RankedAgenda, AgendaError> {
    if minutes.len() != election.candidates.len() {
        return Err(AgendaError::MinutesPerCandidate {
            candidates: election.candidates.len(),
            minutes: minutes.len(),
        });
    }
    let item = |i: usize| {
        let name = election
            .candidates
            .get(i)
            .map_or_else(String::new, |c| c.name.clone());
        AgendaItem::new(name.clone(), name, minutes.get(i).copied().unwrap_or(0))
    };
    let placeable: Vec<AgendaItem> = election
        .candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.excluded && !c.undeclared_write_in)
        .map(|(i, _)| item(i))
        .collect();
    validate(&placeable, budget_minutes, fixed)?;
    let ranking = rank_sequential(election)?;
    if ranking.order.len() < placeable.len() {
        return Err(AgendaError::IncompleteRanking {
            ranked: ranking.order.len(),
            items: placeable.len(),
        });
    }
    let items: Vec<AgendaItem> = ranking
        .order
        .iter()
        .map(|r| item(r.candidate.index()))
        .collect();
    let agenda = compose(&items, budget_minutes, fixed)?;
    Ok(RankedAgenda { ranking, agenda })
}
