//! [`rank_and_compose`]: rank an election's candidates (agenda items) by sequential IRV,
//! then compose the agenda from that order. This is what the web calls after a tally.

use serde::{Deserialize, Serialize};

use super::super::{Election, SequentialRanking, rank_sequential_until};
use super::{Agenda, AgendaError, AgendaItem, FixedItem, compose_ranked, tie_note, validate};

/// The sequential-IRV ranking and the agenda composed from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedAgenda {
    /// The items in sequential-IRV order as far as the agenda needed, with the passes that
    /// explain each place.
    pub ranking: SequentialRanking,
    /// The agenda filled in that order.
    pub agenda: Agenda,
}

/// Rank the candidates of `election` by sequential IRV and compose the agenda.
///
/// The ranking stops as soon as no item still to place fits in the minutes left: later
/// places could not change the agenda. Those items are listed after the ranked ones as
/// "not ranked: the agenda was full" (see [`super::Reason::NotRanked`]).
///
/// `minutes[i]` is the estimate of candidate `i` (`CandidateId(i)`); each item's id and
/// title are the candidate's name (names are unique within an election). Excluded
/// candidates and the undeclared write-in are not agenda items: their minutes are ignored.
///
/// Errors: a minutes list of another length than the candidates, anything [`compose`]
/// refuses (checked before counting), a failed tally, or a ranking that stopped on a tie
/// the rules leave to a person (`stopCountingAndAsk`) before the agenda was full.
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
    let reserved: u32 = fixed.iter().map(|f| f.minutes).sum();
    let mut left = budget_minutes.saturating_sub(reserved);
    let mut waiting: Vec<bool> = election
        .candidates
        .iter()
        .map(|c| !c.excluded && !c.undeclared_write_in)
        .collect();
    let mut seen = 0;
    // Follow the composition as places arrive; once no item still to place fits in the
    // minutes left, later places cannot change the agenda, so the ranking stops.
    let ranking = rank_sequential_until(election, |placed| {
        for c in placed.iter().skip(seen) {
            if let Some(w) = waiting.get_mut(c.index()) {
                *w = false;
            }
            let m = minutes.get(c.index()).copied().unwrap_or(0);
            if m <= left {
                left -= m;
            }
        }
        seen = placed.len();
        !waiting.iter().zip(minutes).any(|(w, m)| *w && *m <= left)
    })?;
    if ranking.order.len() + ranking.not_ranked.len() < placeable.len() {
        return Err(AgendaError::IncompleteRanking {
            ranked: ranking.order.len(),
            items: placeable.len(),
        });
    }
    let ranked: Vec<AgendaItem> = ranking
        .order
        .iter()
        .map(|r| item(r.candidate.index()))
        .collect();
    let rest: Vec<AgendaItem> = ranking.not_ranked.iter().map(|c| item(c.index())).collect();
    let mut agenda = compose_ranked(&ranked, &rest, budget_minutes, fixed)?;
    note_ties(&ranking, &mut agenda);
    Ok(RankedAgenda { ranking, agenda })
}

/// Give each ranked item the tie-breaks its pass kept for it, as sentences.
fn note_ties(ranking: &SequentialRanking, agenda: &mut Agenda) {
    for place in &ranking.order {
        let Some(pass) = ranking.passes.get(place.pass) else {
            continue;
        };
        let ties: Vec<_> = pass
            .winner_ties
            .iter()
            .filter(|t| t.winner == place.candidate)
            .collect();
        if ties.is_empty() {
            continue;
        }
        let name = ranking.name(place.candidate);
        if let Some(item) = agenda.items.iter_mut().find(|i| i.id == name) {
            item.drawn = ties.iter().any(|t| t.drawn());
            item.ties = ties
                .iter()
                .map(|t| tie_note::sentence(t, |c| ranking.name(c), ranking.seed))
                .collect();
        }
    }
}
