//! [`rank_sequential`]: order candidates (agenda items) by sequential IRV, keeping each pass
//! in compact form; [`rank_sequential_until`] stops as soon as the caller has the places it
//! needs (an agenda only needs the places that can still fit its time).

use serde::{Deserialize, Serialize};

use super::super::Election;
use super::super::ballots::CandidateId;
use super::super::compact::CompactPass;
use super::super::error::TallyError;
use super::super::outcome::{Outcome, Pass, UnresolvedTie};
use super::super::rules::{Rules, WinnerMode};
use super::{Prepared, run_passes};

/// One place of a sequential ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedItem {
    /// 1-based place.
    pub place: u32,
    /// The candidate (agenda item).
    pub candidate: CandidateId,
    /// Index of the pass (in `passes`) that placed it.
    pub pass: usize,
}

/// Candidates in sequential-IRV order, with the passes that explain each place.
///
/// Stored with a meeting's tally: rows written before the passes were kept in compact form
/// (with an `outcome` holding full passes) are read into this shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredRanking")]
pub struct SequentialRanking {
    /// Places in order; shorter than the candidate list when the ranking stopped early
    /// (see `not_ranked`) or on a tie left to a person (see [`Self::unresolved_tie`]).
    pub order: Vec<RankedItem>,
    /// Candidate names, indexed by [`CandidateId`].
    pub candidate_names: Vec<String>,
    /// One pass per place, in compact form ([`CompactPass::expand`] gives the rounds).
    pub passes: Vec<CompactPass>,
    /// The seed used for random tie-breaks, if any.
    pub seed: Option<i64>,
    /// The rules applied to each pass.
    pub rules: Rules,
    /// Candidates the ranking did not place because the caller had enough places, in the
    /// order the last pass kept them (still continuing at its end, most votes first, then
    /// the latest eliminated first). Only a tie-break order, not a ranking.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_ranked: Vec<CandidateId>,
}

/// The stored shapes: today's, and the one with a full `outcome` written before.
#[derive(Deserialize)]
struct StoredRanking {
    order: Vec<RankedItem>,
    #[serde(default)]
    outcome: Option<Outcome>,
    #[serde(default)]
    candidate_names: Vec<String>,
    #[serde(default)]
    passes: Vec<CompactPass>,
    #[serde(default)]
    seed: Option<i64>,
    #[serde(default)]
    rules: Option<Rules>,
    #[serde(default)]
    not_ranked: Vec<CandidateId>,
}

impl From<StoredRanking> for SequentialRanking {
    fn from(s: StoredRanking) -> Self {
        match s.outcome {
            Some(outcome) => Self {
                order: s.order,
                passes: outcome.passes.iter().map(CompactPass::from_pass).collect(),
                candidate_names: outcome.candidate_names,
                seed: outcome.seed,
                rules: outcome.rules,
                not_ranked: Vec::new(),
            },
            None => Self {
                order: s.order,
                candidate_names: s.candidate_names,
                passes: s.passes,
                seed: s.seed,
                rules: s.rules.unwrap_or_default(),
                not_ranked: s.not_ranked,
            },
        }
    }
}

impl SequentialRanking {
    /// Name of a candidate (`"?"` for an unknown id).
    #[must_use]
    pub fn name(&self, id: CandidateId) -> &str {
        self.candidate_names
            .get(id.index())
            .map_or("?", String::as_str)
    }

    /// Pass `i` in full (every round's tally), built on demand.
    #[must_use]
    pub fn pass(&self, i: usize) -> Option<Pass> {
        self.passes.get(i).map(|p| p.expand(&self.candidate_names))
    }

    /// The first tie left unresolved, if the ranking stopped on one.
    #[must_use]
    pub fn unresolved_tie(&self) -> Option<&UnresolvedTie> {
        self.passes.iter().find_map(|p| p.unresolved_tie.as_ref())
    }

    /// Every pass in full, as an [`Outcome`] (RCTab's view; as large as every round's
    /// tally of every pass, so meant for small counts and files).
    #[must_use]
    pub fn to_outcome(&self) -> Outcome {
        Outcome {
            winners: self.order.iter().map(|r| r.candidate).collect(),
            candidate_names: self.candidate_names.clone(),
            passes: (0..self.passes.len())
                .filter_map(|i| self.pass(i))
                .collect(),
            seed: self.seed,
            rules: self.rules.clone(),
        }
    }
}

/// Rank ALL candidates by sequential IRV: the IRV winner takes place 1, is removed, the count
/// is repeated for place 2, and so on. `rules.winner_election_mode` and `number_of_winners`
/// are ignored; every other option applies to each pass. Used to order agenda items.
pub fn rank_sequential(election: &Election) -> Result<SequentialRanking, TallyError> {
    rank_sequential_until(election, |_| false)
}

/// [`rank_sequential`], stopping after the pass at which `enough(places so far)` says the
/// caller has what it needs; the rest go to `not_ranked`.
pub fn rank_sequential_until(
    election: &Election,
    mut enough: impl FnMut(&[CandidateId]) -> bool,
) -> Result<SequentialRanking, TallyError> {
    let mut rules = election.rules.clone();
    rules.winner_election_mode = WinnerMode::MultiPassIrv;
    let is_item = |c: &super::super::Candidate| !c.excluded && !c.undeclared_write_in;
    let available = election.candidates.iter().filter(|c| is_item(c)).count();
    rules.number_of_winners = u32::try_from(available.max(1)).unwrap_or(u32::MAX);
    rules.validate().map_err(TallyError::InvalidRules)?;
    election.validate_ballots()?;
    let prepared = Prepared::new(election, &rules, false)?;
    let mut placed: Vec<CandidateId> = Vec::new();
    let passes = run_passes(&prepared, &rules, available, |passes| {
        if let Some(last) = passes.last() {
            placed.extend(last.winners.iter().copied());
        }
        enough(&placed)
    })?;
    let order: Vec<RankedItem> = passes
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
    let stopped_early = passes.last().is_some_and(|p| {
        p.unresolved_tie.is_none() && !p.winners.is_empty() && order.len() < available
    });
    let not_ranked = if stopped_early {
        let mut kept = passes.last().map(kept_order).unwrap_or_default();
        let mut seen = vec![false; election.candidates.len()];
        for c in order
            .iter()
            .map(|r| r.candidate)
            .chain(kept.iter().copied())
        {
            if let Some(s) = seen.get_mut(c.index()) {
                *s = true;
            }
        }
        // Defensive: any item the last pass did not show follows in candidate order.
        kept.extend(
            election
                .candidates
                .iter()
                .enumerate()
                .filter(|(i, c)| is_item(c) && !seen.get(*i).copied().unwrap_or(true))
                .filter_map(|(i, _)| u32::try_from(i).ok().map(CandidateId)),
        );
        kept.retain(|c| election.candidates.get(c.index()).is_some_and(is_item));
        kept
    } else {
        Vec::new()
    };
    Ok(SequentialRanking {
        order,
        candidate_names: prepared.names().to_vec(),
        passes,
        seed: rules
            .random_seed
            .filter(|_| rules.tiebreak_mode.needs_seed()),
        rules,
        not_ranked,
    })
}

/// The candidates of a pass other than its winners, in the order it kept them: those still
/// counted at its end (most votes first, then candidate order), then the eliminated ones,
/// latest first.
fn kept_order(pass: &CompactPass) -> Vec<CandidateId> {
    let mut last_tally = Vec::new();
    pass.for_each_round(|r| last_tally.clone_from(&r.tally));
    let eliminated: Vec<CandidateId> = pass
        .rounds
        .iter()
        .flat_map(|r| r.eliminated.iter().map(|d| d.candidate))
        .collect();
    let mut standing: Vec<_> = last_tally
        .into_iter()
        .filter(|(c, _)| !pass.winners.contains(c) && !eliminated.contains(c))
        .collect();
    standing.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    standing
        .into_iter()
        .map(|(c, _)| c)
        .chain(eliminated.into_iter().rev())
        .collect()
}
