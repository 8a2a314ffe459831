//! The result of a count: winners, rounds with transfers, tie decisions, seed and rules.

use serde::{Deserialize, Serialize};

use super::ballots::CandidateId;
use super::decimal::Decimal;
use super::rules::Rules;

/// Where value went when a candidate's ballots were counted in the next round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// To a continuing candidate.
    Candidate(CandidateId),
    /// Became inactive (including final-round surplus).
    Exhausted,
    /// STV rounding remainder kept by a winner.
    ResidualSurplus,
}

/// A candidate elected or eliminated in a round, and where their ballots went next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub candidate: CandidateId,
    /// Value moved to each target in the next round (targets with nothing moved are absent).
    pub transfers: Vec<(Target, Decimal)>,
}

/// Cumulative value of inactive ballots by reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inactive {
    /// An overvoted rank made the ballot inactive.
    pub overvotes: Decimal,
    /// Too many skipped ranks.
    pub skipped_rankings: Decimal,
    /// No continuing candidate left on the ballot.
    pub exhausted_choices: Decimal,
    /// A candidate ranked twice (with `exhaustOnDuplicateCandidate`).
    pub repeated_rankings: Decimal,
    /// STV: surplus of the last winners, set aside in the last round (STV modes only).
    pub final_round_surplus: Option<Decimal>,
}

/// One round of a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    /// 1-based round number.
    pub number: u32,
    /// Votes per candidate: continuing ones (and, in STV, earlier winners at the value they
    /// keep), in candidate order.
    pub tally: Vec<(CandidateId, Decimal)>,
    /// Winning threshold in force this round.
    pub threshold: Decimal,
    /// Inactive ballots so far.
    pub inactive: Inactive,
    /// Candidates elected this round (by candidate order).
    pub elected: Vec<Decision>,
    /// Candidates eliminated this round (by candidate order).
    pub eliminated: Vec<Decision>,
}

/// Whether a tie-break picked a winner or a candidate to eliminate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TiePurpose {
    /// Choose who is elected.
    Elect,
    /// Choose who is eliminated.
    Eliminate,
}

/// A tie and how it was broken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieDecision {
    /// Round of the tie.
    pub round: u32,
    /// Elect or eliminate.
    pub purpose: TiePurpose,
    /// The tied candidates, sorted by name.
    pub tied: Vec<CandidateId>,
    /// Their common tally.
    pub votes: Decimal,
    /// The candidate chosen.
    pub chosen: CandidateId,
    /// Why (which rule decided).
    pub explanation: String,
}

/// A tie the rules leave to a person (`stopCountingAndAsk`): the count stopped here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnresolvedTie {
    /// Round of the tie.
    pub round: u32,
    /// Elect or eliminate.
    pub purpose: TiePurpose,
    /// The tied candidates, sorted by name.
    pub tied: Vec<CandidateId>,
    /// Their common tally.
    pub votes: Decimal,
}

/// One count (one pass of sequential IRV, or the whole count otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pass {
    /// Winners in order of election (same round: by name).
    pub winners: Vec<CandidateId>,
    pub rounds: Vec<Round>,
    /// Every tie-break, in order.
    pub tie_breaks: Vec<TieDecision>,
    /// Seats of this pass (1 per pass of sequential IRV).
    pub seats: u32,
    /// Ballots counted (sum of weights), blank ones included.
    pub total_ballots: u64,
    /// Ballots with no marks.
    pub undervotes: u64,
    /// Set when the count stopped on a tie the rules leave to a person.
    pub unresolved_tie: Option<UnresolvedTie>,
}

/// The outcome of [`crate::tally::tally`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// All winners in order (for sequential IRV, pass order).
    pub winners: Vec<CandidateId>,
    /// Candidate names, indexed by [`CandidateId`].
    pub candidate_names: Vec<String>,
    /// One pass, or one per seat for `multiPassIrv`.
    pub passes: Vec<Pass>,
    /// The seed used for random tie-breaks, if any.
    pub seed: Option<i64>,
    /// The rules applied.
    pub rules: Rules,
}

impl Outcome {
    /// Name of a candidate (`"?"` for an unknown id).
    #[must_use]
    pub fn name(&self, id: CandidateId) -> &str {
        self.candidate_names
            .get(id.index())
            .map_or("?", String::as_str)
    }

    /// The first tie left unresolved, if the count stopped on one.
    #[must_use]
    pub fn unresolved_tie(&self) -> Option<&UnresolvedTie> {
        self.passes.iter().find_map(|p| p.unresolved_tie.as_ref())
    }

    /// Rounds of the first (usually only) pass.
    #[must_use]
    pub fn rounds(&self) -> &[Round] {
        self.passes.first().map_or(&[], |p| p.rounds.as_slice())
    }
}
