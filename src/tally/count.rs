//! One count (one pass): the round loop, ballot movement, surplus transfer and bookkeeping.
//!
//! Identical ballots are grouped; every group sits with one candidate (or is inactive), and
//! only the groups of candidates removed in the previous round are walked again, so a round
//! costs time in proportion to the ballots that move. Vote values are fixed-point `i64` at
//! `decimalPlacesForVoteArithmetic` places.

use std::collections::BTreeMap;

use super::ballots::{Ballot, CandidateId};
use super::compact::{CompactPass, CompactRound, CompactTie, Recorder};
use super::decimal::{Decimal, Packed, pow10};
use super::error::TallyError;
use super::java_random::JavaRandom;
use super::outcome::{Inactive, Target, TieDecision, UnresolvedTie};
use super::rules::{Rules, TiebreakMode, WinnerMode};
use super::tiebreak::History;
use super::walk::{Place, Reason, WalkRules};
use super::winner_tie::winner_ties;

mod transfer;

/// Identical ballots counted together.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group {
    pub ballot: u32,
    pub weight: u64,
}

/// Candidate state during a pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Continuing,
    Excluded,
    Eliminated(u32),
    Elected(u32),
}

/// A fixed-point quantity and whether it went through fractional arithmetic (prints with
/// all decimal places, as a Java `BigDecimal` would).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Amount {
    pub value: i64,
    pub frac: bool,
}

impl Amount {
    pub(crate) fn add(&mut self, value: i64, frac: bool) {
        self.value = self.value.saturating_add(value);
        self.frac |= frac;
    }
}

/// What a pass needs from the election.
pub(crate) struct PassInput<'a> {
    pub ballots: &'a [Ballot],
    pub groups: &'a [Group],
    pub names: &'a [String],
    /// Each candidate's place in Java name order (RCTab sorts tied candidates by name).
    pub name_rank: &'a [u32],
    /// Each name's Java hash (the previous-round-counts tie-break's `HashSet` order).
    pub name_hash: &'a [u32],
    pub write_in: Option<u32>,
    pub excluded: Vec<bool>,
    pub rules: &'a Rules,
    pub mode: WinnerMode,
    pub seats: u32,
    pub permutation: Vec<CandidateId>,
    pub rng: Option<JavaRandom>,
    pub total_ballots: u64,
    pub undervotes: u64,
}

/// Mutable state of a pass.
pub(crate) struct Counter<'a> {
    pub input: PassInput<'a>,
    pub scale: u32,
    pub one: i64,
    walk_rules: WalkRules,
    /// Per group: per-ballot value, fractional flag, place.
    values: Vec<i64>,
    fracs: Vec<bool>,
    places: Vec<Place>,
    holders: Vec<Vec<u32>>,
    pub tally: Vec<i64>,
    tally_frac: Vec<u32>,
    pub status: Vec<Status>,
    pub continuing: Vec<bool>,
    /// The continuing candidates in candidate order (the `true`s of `continuing`): a round
    /// visits these, not every candidate, so a long multi-pass ranking costs about the
    /// continuing candidates per round. Candidates only ever leave it.
    pub(crate) cont_list: Vec<u32>,
    /// The latest round in which someone was elected, and eliminated (0: none yet).
    pub(crate) elected_in: u32,
    pub(crate) eliminated_in: u32,
    inactive: [Amount; 5],
    /// STV: what ballots left with each winner (summed per ballot).
    kept: Vec<Amount>,
    /// STV: a past winner's tally as shown in later rounds.
    pub winner_tally: Vec<Option<Amount>>,
    pub winners: Vec<CandidateId>,
    /// Rounds so far, each as its change from the one before.
    pub rounds: Vec<CompactRound>,
    pub(crate) recorder: Recorder,
    /// Earlier rounds' tallies, kept only for the previous-round-counts tie-breaks.
    pub history: History,
    pub keep_history: bool,
    pub threshold: Option<Decimal>,
    /// Tie-breaks of the round being decided (full lists), moved to `ties` by `snapshot`.
    pub tie_breaks: Vec<TieDecision>,
    pub ties: Vec<CompactTie>,
    /// Every tie-break of this pass with its full list, until the winners are known.
    pub full_ties: Vec<TieDecision>,
    pub unresolved: Option<UnresolvedTie>,
    pub eliminated_count: usize,
}

/// A round's moves: source candidate → target → amount.
type Moves = BTreeMap<u32, BTreeMap<Target, Amount>>;

impl<'a> Counter<'a> {
    pub(crate) fn new(input: PassInput<'a>) -> Result<Self, TallyError> {
        let n = input.names.len();
        let scale = input.rules.decimal_places_for_vote_arithmetic;
        let one = i64::try_from(pow10(scale)).map_err(|_| TallyError::Overflow)?;
        let status: Vec<Status> = (0..n)
            .map(|i| {
                if input.excluded.get(i).copied().unwrap_or(false) {
                    Status::Excluded
                } else {
                    Status::Continuing
                }
            })
            .collect();
        let continuing: Vec<bool> = status.iter().map(|s| *s == Status::Continuing).collect();
        let cont_list = continuing
            .iter()
            .enumerate()
            .filter(|(_, c)| **c)
            .filter_map(|(i, _)| u32::try_from(i).ok())
            .collect();
        let g = input.groups.len();
        Ok(Self {
            walk_rules: WalkRules::new(input.rules),
            scale,
            one,
            values: vec![one; g],
            fracs: vec![false; g],
            places: vec![Place::Inactive(Reason::ExhaustedChoices); g],
            holders: vec![Vec::new(); n],
            tally: vec![0; n],
            tally_frac: vec![0; n],
            status,
            continuing,
            cont_list,
            elected_in: 0,
            eliminated_in: 0,
            inactive: [Amount::default(); 5],
            kept: vec![Amount::default(); n],
            winner_tally: vec![None; n],
            winners: Vec::new(),
            rounds: Vec::new(),
            recorder: Recorder::default(),
            history: History::default(),
            keep_history: matches!(
                input.rules.tiebreak_mode,
                TiebreakMode::PreviousRoundCountsThenRandom
                    | TiebreakMode::PreviousRoundCountsThenAsk
            ),
            threshold: None,
            tie_breaks: Vec::new(),
            ties: Vec::new(),
            full_ties: Vec::new(),
            unresolved: None,
            eliminated_count: 0,
            input,
        })
    }

    /// Whether candidate `c` counts as continuing in the walk and the tally.
    pub(crate) fn is_continuing(&self, c: usize) -> bool {
        match self.status.get(c) {
            Some(Status::Continuing) => true,
            Some(Status::Elected(_)) => self.input.rules.continue_until_two_candidates_remain,
            _ => false,
        }
    }

    fn refresh_continuing(&mut self) {
        let mut list = std::mem::take(&mut self.cont_list);
        list.retain(|&c| {
            let now = self.is_continuing(c as usize);
            if !now && let Some(slot) = self.continuing.get_mut(c as usize) {
                *slot = false;
            }
            now
        });
        self.cont_list = list;
    }

    /// Continuing candidates in candidate order.
    pub(crate) fn continuing_ids(&self) -> Vec<u32> {
        self.cont_list.clone()
    }

    /// Whether no candidate is continuing.
    pub(crate) fn nobody_continuing(&self) -> bool {
        self.cont_list.is_empty()
    }

    /// A fixed-point amount as a `Decimal` with RCTab's scale.
    pub(crate) fn decimal(&self, a: Amount) -> Decimal {
        if a.frac {
            Decimal {
                mantissa: i128::from(a.value),
                scale: self.scale,
            }
        } else {
            // Whole votes: `one` is `10^scale`, and `i64` division truncates as `i128` would.
            Decimal::from_int(i128::from(a.value / self.one))
        }
    }

    pub(crate) fn tally_amount(&self, c: u32) -> Amount {
        let i = c as usize;
        Amount {
            value: self.tally.get(i).copied().unwrap_or(0),
            frac: self.tally_frac.get(i).copied().unwrap_or(0) > 0,
        }
    }

    /// Run the pass to the end.
    pub(crate) fn run(mut self) -> Result<CompactPass, TallyError> {
        let mut round = 0u32;
        let mut released: Vec<u32> = Vec::new();
        let mut last_winners: Vec<u32> = Vec::new();
        while self.should_continue(round) {
            round += 1;
            let final_surplus = self.input.rules.transfers_surplus()
                && self.winners.len() >= self.input.seats as usize;
            let mut moves = self.move_ballots(round, &released, final_surplus);
            self.settle_winners(&last_winners, &mut moves);
            self.attach_moves(moves);
            let (elected, eliminated) = self.decide_round(round)?;
            self.snapshot(round, &elected, &eliminated);
            if self.unresolved.is_some() {
                break;
            }
            if elected.is_empty() && eliminated.is_empty() && self.must_progress(round) {
                return Err(TallyError::Stuck { round });
            }
            released = if self.input.rules.transfers_surplus() {
                elected.iter().chain(&eliminated).copied().collect()
            } else {
                eliminated.clone()
            };
            last_winners = if self.input.rules.transfers_surplus() {
                elected
            } else {
                Vec::new()
            };
            self.refresh_continuing();
        }
        self.finish()
    }

    /// STV: the tally a previous-round winner keeps, capped at the threshold.
    fn settle_winners(&mut self, last_winners: &[u32], moves: &mut Moves) {
        let q = self.threshold.map_or(0, |t| t.to_fixed(self.scale));
        let q_amount = self.threshold.map_or(Amount::default(), |t| Amount {
            value: q,
            frac: t.scale > 0,
        });
        for &w in last_winners {
            let kept = self.kept.get(w as usize).copied().unwrap_or_default();
            let shown = if kept.value > q {
                moves
                    .entry(w)
                    .or_default()
                    .entry(Target::ResidualSurplus)
                    .or_default()
                    .add(kept.value - q, true);
                q_amount
            } else {
                kept
            };
            if let Some(t) = self.winner_tally.get_mut(w as usize) {
                *t = Some(shown);
            }
        }
    }

    /// Give the previous round's decisions the transfers made in this round.
    fn attach_moves(&mut self, moves: Moves) {
        let Some(prev) = self.rounds.last_mut() else {
            return;
        };
        let (scale, one) = (self.scale, self.one);
        let to_decimal = |a: Amount| {
            if a.frac {
                Decimal {
                    mantissa: i128::from(a.value),
                    scale,
                }
            } else {
                Decimal::from_int(i128::from(a.value / one))
            }
        };
        for d in prev.elected.iter_mut().chain(prev.eliminated.iter_mut()) {
            if let Some(m) = moves.get(&d.candidate.0) {
                d.transfers = m
                    .iter()
                    .map(|(t, a)| (*t, Packed::from(to_decimal(*a))))
                    .collect();
            }
        }
    }

    /// The inactive block of the current state.
    pub(crate) fn inactive_block(&self) -> Inactive {
        let get =
            |r: Reason| self.decimal(self.inactive.get(r as usize).copied().unwrap_or_default());
        Inactive {
            overvotes: get(Reason::Overvotes),
            skipped_rankings: get(Reason::SkippedRankings),
            exhausted_choices: get(Reason::ExhaustedChoices),
            repeated_rankings: get(Reason::RepeatedRankings),
            final_round_surplus: None,
        }
    }

    fn finish(mut self) -> Result<CompactPass, TallyError> {
        if self.input.rules.transfers_surplus() {
            let frs = self.decimal(
                self.inactive
                    .get(Reason::FinalRoundSurplus as usize)
                    .copied()
                    .unwrap_or_default(),
            );
            // Nothing moves after the last round, so its inactive block is the current one.
            let mut block = self.inactive_block();
            block.final_round_surplus = Some(frs);
            if let Some(last) = self.rounds.last_mut() {
                last.inactive = Some(Box::new(block));
            }
        }
        // A ranking keeps one pass per place: no growth slack.
        self.rounds.shrink_to_fit();
        let winner_ties = winner_ties(&self.winners, &self.full_ties);
        Ok(CompactPass {
            winner_ties,
            winners: self.winners,
            rounds: self.rounds,
            tie_breaks: self.ties,
            seats: self.input.seats,
            total_ballots: self.input.total_ballots,
            undervotes: self.input.undervotes,
            unresolved_tie: self.unresolved,
        })
    }
}
