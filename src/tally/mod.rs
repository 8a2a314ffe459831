//! The ranked-choice tally engine: IRV, multi-winner STV, bottoms-up and sequential IRV with
//! RCTab's options, matching RCTab's results round by round; and [`agenda`] composition,
//! which fills a meeting's time budget in tally order.
//!
//! Pure: no database, web, async runtime, filesystem, clock, environment or global
//! randomness (random tie-breaks use an explicit seed and a `java.util.Random` clone).
//!
//! ```
//! use roundtable::tally::{Ballot, Candidate, CandidateId, Election, Rules, tally};
//! let (a, b, c) = (CandidateId(0), CandidateId(1), CandidateId(2));
//! let election = Election {
//!     candidates: vec![Candidate::new("Alice"), Candidate::new("Bob"), Candidate::new("Carol")],
//!     ballots: vec![
//!         Ballot::ranking(&[a, b]).with_weight(4),
//!         Ballot::ranking(&[b, a]).with_weight(3),
//!         Ballot::ranking(&[c, b]).with_weight(2),
//!     ],
//!     rules: Rules::default(),
//! };
//! let outcome = tally(&election).unwrap();
//! assert_eq!(outcome.winners, vec![b]);
//! ```

pub mod agenda;
mod ballots;
pub mod budget;
pub mod compact;
mod count;
mod decide;
mod decimal;
mod error;
pub mod explain;
pub mod formats;
pub mod java_random;
mod outcome;
pub mod phrases;
mod rules;
mod sequential;
mod tiebreak;
mod walk;
mod winner_tie;

use serde::{Deserialize, Serialize};

pub use ballots::{Ballot, Candidate, CandidateId, Mark};
pub use compact::{CompactDecision, CompactPass, CompactRound, CompactTie};
pub use decimal::{Decimal, Packed};
pub use error::TallyError;
pub use outcome::{
    Decision, Inactive, Outcome, Pass, Round, Target, TieDecision, TiePurpose, UnresolvedTie,
};
pub use rules::{OvervoteRule, Rules, TiebreakMode, WinnerMode};
pub use winner_tie::WinnerTie;

pub use sequential::{RankedItem, SequentialRanking, rank_sequential, rank_sequential_until};

use count::Group;

/// Everything a count needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Election {
    /// Candidates in the configured order (the `useCandidateOrder` tie-break order).
    pub candidates: Vec<Candidate>,
    /// The ballots (each may stand for several identical ones).
    pub ballots: Vec<Ballot>,
    /// The counting rules.
    pub rules: Rules,
}

/// Identical ballots grouped once per election.
pub(crate) struct Grouped {
    pub groups: Vec<Group>,
    pub total: u64,
    pub undervotes: u64,
}

impl Election {
    /// Check names, ids and rules.
    pub fn validate(&self) -> Result<(), TallyError> {
        self.rules.validate().map_err(TallyError::InvalidRules)?;
        self.validate_ballots()
    }

    fn validate_ballots(&self) -> Result<(), TallyError> {
        let mut names = std::collections::HashSet::new();
        for c in &self.candidates {
            if !names.insert(c.name.as_str()) {
                return Err(TallyError::DuplicateCandidate(c.name.clone()));
            }
        }
        let n = self.candidates.len();
        for (i, b) in self.ballots.iter().enumerate() {
            if let Some(bad) = b.candidate_ids().find(|c| c.index() >= n) {
                return Err(TallyError::UnknownCandidate {
                    ballot: i,
                    candidate: bad.0,
                });
            }
        }
        if u32::try_from(n).is_err() || u32::try_from(self.ballots.len()).is_err() {
            return Err(TallyError::Overflow);
        }
        Ok(())
    }

    /// Candidate names indexed by id.
    #[must_use]
    pub fn names(&self) -> Vec<String> {
        self.candidates.iter().map(|c| c.name.clone()).collect()
    }

    /// Look a candidate up by name.
    #[must_use]
    pub fn candidate_id(&self, name: &str) -> Option<CandidateId> {
        self.candidates
            .iter()
            .position(|c| c.name == name)
            .and_then(|i| u32::try_from(i).ok())
            .map(CandidateId)
    }

    /// Groups identical ballots; with `distinct` (a promise the caller's reader keeps, such
    /// as [`formats::csv::BallotParser`]) each ballot is its own group and nothing is hashed.
    /// Grouping only saves work: the count is the same either way.
    pub(crate) fn group(&self, places: u32, distinct: bool) -> Result<Grouped, TallyError> {
        let mut index =
            ballots::RankingIndex::with_capacity(if distinct { 0 } else { self.ballots.len() });
        let mut groups: Vec<Group> = Vec::with_capacity(self.ballots.len());
        let mut total: u64 = 0;
        let mut undervotes: u64 = 0;
        for (i, b) in self.ballots.iter().enumerate() {
            total = total.checked_add(b.weight()).ok_or(TallyError::Overflow)?;
            if b.is_blank() {
                undervotes += b.weight();
                continue;
            }
            if b.weight() == 0 {
                continue;
            }
            let found = if distinct {
                None
            } else {
                index.find_or_insert(b.cells(), |g| {
                    groups
                        .get(g as usize)
                        .and_then(|x| self.ballots.get(x.ballot as usize))
                        .map(Ballot::cells)
                        .unwrap_or_default()
                })?
            };
            match found {
                Some(g) => {
                    if let Some(group) = groups.get_mut(g as usize) {
                        group.weight += b.weight();
                    }
                }
                None => groups.push(Group {
                    ballot: u32::try_from(i).map_err(|_| TallyError::Overflow)?,
                    weight: b.weight(),
                }),
            }
        }
        // Guard the fixed-point range: total votes × 10^places must fit in an i64.
        let limit = i128::from(i64::MAX) / decimal::pow10(places + 2);
        if i128::from(total) > limit {
            return Err(TallyError::Overflow);
        }
        Ok(Grouped {
            groups,
            total,
            undervotes,
        })
    }
}

/// Count an election. For `multiPassIrv` the outcome has one pass per seat.
///
/// A tie left to a person (`stopCountingAndAsk`) is not an error: the outcome stops at that
/// round and [`Outcome::unresolved_tie`] says which candidates are tied.
pub fn tally(election: &Election) -> Result<Outcome, TallyError> {
    tally_with(election, &election.rules)
}

/// [`tally`] with other rules than `election.rules`.
pub(crate) fn tally_with(election: &Election, rules: &Rules) -> Result<Outcome, TallyError> {
    count_with(election, rules, false).map(Counted::into_outcome)
}

/// A count whose passes are kept compact and expanded one at a time on demand: a
/// `multiPassIrv` ranking of many items holds every pass's round-by-round tallies in full only
/// while one pass is written, so memory follows items × rounds, not items² × rounds.
#[derive(Debug, Clone)]
pub struct Counted {
    /// The outcome without its passes (`passes` is empty); [`Counted::passes`] yields them.
    pub shell: Outcome,
    compact: Vec<CompactPass>,
    names: Vec<String>,
}

impl Counted {
    /// The passes in order, each expanded when reached.
    pub fn passes(&self) -> impl ExactSizeIterator<Item = Pass> + '_ {
        self.compact.iter().map(|p| p.expand(&self.names))
    }

    /// The passes as the count recorded them (see [`CompactPass`]).
    #[must_use]
    pub fn compact_passes(&self) -> &[CompactPass] {
        &self.compact
    }

    /// The first tie left unresolved, if the count stopped on one.
    #[must_use]
    pub fn unresolved_tie(&self) -> Option<&UnresolvedTie> {
        self.compact.iter().find_map(|p| p.unresolved_tie.as_ref())
    }

    /// The whole outcome, every pass expanded.
    #[must_use]
    pub fn into_outcome(self) -> Outcome {
        let passes = self.passes().collect();
        Outcome {
            passes,
            ..self.shell
        }
    }
}

/// Count an election like [`tally`], keeping the passes compact (see [`Counted`]).
pub fn count(election: &Election) -> Result<Counted, TallyError> {
    count_with(election, &election.rules, false)
}

/// [`count`] for ballots that are pairwise distinct, as [`formats::csv::BallotParser`] gives
/// them (identical lines already summed into one weighted ballot): the count does not group
/// them again, which on a million distinct rankings is a good part of the count. Identical
/// ballots passed here anyway are counted correctly, only without that saving.
pub fn count_distinct(election: &Election) -> Result<Counted, TallyError> {
    count_with(election, &election.rules, true)
}

fn count_with(election: &Election, rules: &Rules, distinct: bool) -> Result<Counted, TallyError> {
    rules.validate().map_err(TallyError::InvalidRules)?;
    election.validate_ballots()?;
    let prepared = sequential::Prepared::new(election, rules, distinct)?;
    let seats = if rules.winner_election_mode == WinnerMode::MultiPassIrv {
        let available = election
            .candidates
            .iter()
            .filter(|c| !c.excluded && !c.undeclared_write_in)
            .count();
        usize::try_from(rules.number_of_winners)
            .unwrap_or(usize::MAX)
            .min(available)
    } else {
        1
    };
    let compact = if rules.winner_election_mode == WinnerMode::MultiPassIrv {
        sequential::run_passes(&prepared, rules, seats, |_| false)?
    } else {
        vec![sequential::run_pass(
            &prepared,
            rules,
            rules.winner_election_mode,
            rules.number_of_winners,
            &[],
        )?]
    };
    let winners = compact
        .iter()
        .flat_map(|p| p.winners.iter().copied())
        .collect();
    Ok(Counted {
        shell: Outcome {
            winners,
            candidate_names: election.names(),
            passes: Vec::new(),
            seed: rules
                .random_seed
                .filter(|_| rules.tiebreak_mode.needs_seed()),
            rules: rules.clone(),
        },
        compact,
        names: prepared.names().to_vec(),
    })
}
