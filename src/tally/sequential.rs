//! Passes: one count, RCTab's multi-pass IRV (one IRV per seat, earlier winners excluded),
//! and [`rank_sequential`], which orders every candidate (agenda item) that way.

use serde::{Deserialize, Serialize};

use super::ballots::CandidateId;
use super::count::{Counter, PassInput};
use super::error::TallyError;
use super::java_random::{JavaRandom, java_string_cmp};
use super::outcome::{Outcome, Pass};
use super::rules::{Rules, TiebreakMode, WinnerMode};
use super::{Election, Grouped};

/// The tie-break order: config order, or RCTab's seeded shuffle of the sorted names.
fn permutation(election: &Election, rules: &Rules) -> Vec<CandidateId> {
    let mut ids: Vec<CandidateId> = election
        .candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.undeclared_write_in)
        .filter_map(|(i, _)| u32::try_from(i).ok().map(CandidateId))
        .collect();
    if rules.tiebreak_mode == TiebreakMode::GeneratePermutation {
        let name = |c: &CandidateId| {
            election
                .candidates
                .get(c.index())
                .map_or("", |x| x.name.as_str())
        };
        ids.sort_by(|a, b| java_string_cmp(name(a), name(b)));
        JavaRandom::new(rules.random_seed.unwrap_or(0)).shuffle(&mut ids);
    }
    ids
}

/// Run one count with `extra_excluded` treated as excluded candidates.
pub(crate) fn run_pass(
    election: &Election,
    rules: &Rules,
    grouped: &Grouped,
    mode: WinnerMode,
    seats: u32,
    extra_excluded: &[CandidateId],
) -> Result<Pass, TallyError> {
    let names = election.names();
    let excluded = election
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| c.excluded || extra_excluded.iter().any(|x| x.index() == i))
        .collect();
    let write_in = election
        .candidates
        .iter()
        .position(|c| c.undeclared_write_in)
        .and_then(|i| u32::try_from(i).ok());
    let rng = match rules.tiebreak_mode {
        TiebreakMode::Random | TiebreakMode::PreviousRoundCountsThenRandom => {
            rules.random_seed.map(JavaRandom::new)
        }
        _ => None,
    };
    let input = PassInput {
        ballots: &election.ballots,
        groups: &grouped.groups,
        names: &names,
        write_in,
        excluded,
        rules,
        mode,
        seats,
        permutation: permutation(election, rules),
        rng,
        total_ballots: grouped.total,
        undervotes: grouped.undervotes,
    };
    Counter::new(input)?.run()
}

/// RCTab's multi-pass IRV: `seats` single-winner passes, each excluding earlier winners.
pub(crate) fn run_passes(
    election: &Election,
    rules: &Rules,
    grouped: &Grouped,
    seats: usize,
) -> Result<Vec<Pass>, TallyError> {
    let mut passes = Vec::new();
    let mut won: Vec<CandidateId> = Vec::new();
    while passes.len() < seats {
        let pass = run_pass(
            election,
            rules,
            grouped,
            WinnerMode::SingleWinnerMajority,
            1,
            &won,
        )?;
        let stop = pass.unresolved_tie.is_some() || pass.winners.is_empty();
        won.extend(pass.winners.iter().copied());
        passes.push(pass);
        if stop {
            break;
        }
    }
    Ok(passes)
}

/// One place of a sequential ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedItem {
    /// 1-based place.
    pub place: u32,
    /// The candidate (agenda item).
    pub candidate: CandidateId,
    /// Index of the pass (in `outcome.passes`) that placed it.
    pub pass: usize,
}

/// Every candidate in sequential-IRV order, with the passes that explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequentialRanking {
    /// Places in order; shorter than the candidate list only if a pass stopped on a tie
    /// left to a person (see `outcome.unresolved_tie()`).
    pub order: Vec<RankedItem>,
    /// The passes (one per place), winners, seed and rules.
    pub outcome: Outcome,
}

/// Rank ALL candidates by sequential IRV: the IRV winner takes place 1, is removed, the count
/// is repeated for place 2, and so on. `rules.winner_election_mode` and `number_of_winners`
/// are ignored; every other option applies to each pass. Used to order agenda items.
pub fn rank_sequential(election: &Election) -> Result<SequentialRanking, TallyError> {
    let mut rules = election.rules.clone();
    rules.winner_election_mode = WinnerMode::MultiPassIrv;
    let available = election
        .candidates
        .iter()
        .filter(|c| !c.excluded && !c.undeclared_write_in)
        .count();
    rules.number_of_winners = u32::try_from(available.max(1)).unwrap_or(u32::MAX);
    let outcome = super::tally_with(election, &rules)?;
    let order = outcome
        .passes
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.winners.iter().map(move |c| (i, *c)))
        .enumerate()
        .map(|(place, (pass, candidate))| RankedItem {
            place: u32::try_from(place + 1).unwrap_or(u32::MAX),
            candidate,
            pass,
        })
        .collect();
    Ok(SequentialRanking { order, outcome })
}
