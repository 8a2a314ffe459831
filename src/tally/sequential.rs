//! Passes: one count, RCTab's multi-pass IRV (one IRV per seat, earlier winners excluded),
//! and [`rank_sequential`], which orders every candidate (agenda item) that way.

use super::ballots::CandidateId;
use super::compact::CompactPass;
use super::count::{Counter, PassInput};
use super::error::TallyError;
use super::java_random::{JavaRandom, java_string_cmp};
use super::rules::{Rules, TiebreakMode, WinnerMode};
use super::tiebreak::{name_hashes, name_ranks};
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

/// What every pass of one election shares: names, their sort order, the tie-break
/// permutation and the grouped ballots, computed once.
pub(crate) struct Prepared<'e> {
    election: &'e Election,
    names: Vec<String>,
    name_rank: Vec<u32>,
    name_hash: Vec<u32>,
    permutation: Vec<CandidateId>,
    write_in: Option<u32>,
    grouped: Grouped,
}

impl<'e> Prepared<'e> {
    /// `distinct`: the ballots are pairwise distinct (see [`Election::group`]).
    pub(crate) fn new(
        election: &'e Election,
        rules: &Rules,
        distinct: bool,
    ) -> Result<Self, TallyError> {
        let names = election.names();
        Ok(Self {
            name_rank: name_ranks(&names),
            name_hash: name_hashes(&names),
            names,
            permutation: permutation(election, rules),
            write_in: election
                .candidates
                .iter()
                .position(|c| c.undeclared_write_in)
                .and_then(|i| u32::try_from(i).ok()),
            grouped: election.group(rules.decimal_places_for_vote_arithmetic, distinct)?,
            election,
        })
    }

    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }
}

/// Run one count with the candidates marked in `extra_excluded` treated as excluded.
pub(crate) fn run_pass(
    prepared: &Prepared<'_>,
    rules: &Rules,
    mode: WinnerMode,
    seats: u32,
    extra_excluded: &[bool],
) -> Result<CompactPass, TallyError> {
    let election = prepared.election;
    let excluded = election
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| c.excluded || extra_excluded.get(i).copied().unwrap_or(false))
        .collect();
    let rng = match rules.tiebreak_mode {
        TiebreakMode::Random | TiebreakMode::PreviousRoundCountsThenRandom => {
            rules.random_seed.map(JavaRandom::new)
        }
        _ => None,
    };
    let input = PassInput {
        ballots: &election.ballots,
        groups: &prepared.grouped.groups,
        names: &prepared.names,
        name_rank: &prepared.name_rank,
        name_hash: &prepared.name_hash,
        write_in: prepared.write_in,
        excluded,
        rules,
        mode,
        seats,
        permutation: prepared.permutation.clone(),
        rng,
        total_ballots: prepared.grouped.total,
        undervotes: prepared.grouped.undervotes,
    };
    Counter::new(input)?.run()
}

/// RCTab's multi-pass IRV: up to `seats` single-winner passes, each excluding earlier
/// winners. `enough` sees the passes so far and may end the ranking early (an agenda that is
/// already full); it is not asked after a pass that stopped on a tie or found no winner.
pub(crate) fn run_passes(
    prepared: &Prepared<'_>,
    rules: &Rules,
    seats: usize,
    mut enough: impl FnMut(&[CompactPass]) -> bool,
) -> Result<Vec<CompactPass>, TallyError> {
    let mut passes = Vec::new();
    let mut won = vec![false; prepared.election.candidates.len()];
    while passes.len() < seats {
        let pass = run_pass(prepared, rules, WinnerMode::SingleWinnerMajority, 1, &won)?;
        let stop = pass.unresolved_tie.is_some() || pass.winners.is_empty();
        for w in &pass.winners {
            if let Some(x) = won.get_mut(w.index()) {
                *x = true;
            }
        }
        passes.push(pass);
        if stop || enough(&passes) {
            break;
        }
    }
    Ok(passes)
}

mod ranking;

pub use ranking::{RankedItem, SequentialRanking, rank_sequential, rank_sequential_until};
