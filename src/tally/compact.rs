//! A pass as the count records it: each round stores only the tallies that changed since the
//! round before, and a tie-break stores who was tied only when the round's tallies do not
//! already say it. A count of `n` items over `r` rounds then holds about `n + r + moves`
//! numbers instead of `n × r`; [`CompactPass::expand`] gives back the full [`Pass`] (RCTab's
//! round-by-round view) exactly, on demand. Numbers are kept as [`Packed`] decimals (16 bytes
//! instead of 32) and the inactive block boxed: a multi-pass ranking of 1,000 items keeps half
//! a million rounds. The stored JSON is the same either way.

use serde::{Deserialize, Serialize};

use super::ballots::CandidateId;
use super::decimal::{Decimal, Packed};
use super::outcome::{
    Decision, Inactive, Pass, Round, Target, TieDecision, TiePurpose, UnresolvedTie,
};
use super::tiebreak::sort_by_name;
use super::winner_tie::{WinnerTie, winner_ties};

/// One round: the change from the round before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompactRound {
    /// Tally entries that are new or changed since the previous round (every entry in
    /// round 1), in candidate order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<(CandidateId, Packed)>,
    /// Candidates in the previous round's tally and not in this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<CandidateId>,
    /// Winning threshold in force this round.
    pub threshold: Packed,
    /// Inactive ballots so far; `None` when unchanged since the previous round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inactive: Option<Box<Inactive>>,
    /// Candidates elected this round (by name), with their transfers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elected: Vec<CompactDecision>,
    /// Candidates eliminated this round (by name), with their transfers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eliminated: Vec<CompactDecision>,
}

/// A [`Decision`] as a compact round keeps it (the same JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompactDecision {
    /// The candidate elected or eliminated.
    pub candidate: CandidateId,
    /// Value moved to each target in the next round (targets with nothing moved are absent).
    pub transfers: Vec<(Target, Packed)>,
}

impl From<&Decision> for CompactDecision {
    fn from(d: &Decision) -> Self {
        Self {
            candidate: d.candidate,
            transfers: d
                .transfers
                .iter()
                .map(|(t, v)| (*t, Packed::from(*v)))
                .collect(),
        }
    }
}

impl From<&CompactDecision> for Decision {
    fn from(d: &CompactDecision) -> Self {
        Self {
            candidate: d.candidate,
            transfers: d.transfers.iter().map(|(t, v)| (*t, v.get())).collect(),
        }
    }
}

/// A tie-break; `tied` is absent when it is every candidate of the round's tally at `votes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompactTie {
    /// Round of the tie.
    pub round: u32,
    /// Elect or eliminate.
    pub purpose: TiePurpose,
    /// The tied candidates, only when the round's tally does not give them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tied: Option<Vec<CandidateId>>,
    /// Their common tally.
    pub votes: Decimal,
    /// The candidate chosen.
    pub chosen: CandidateId,
    /// Why (which rule decided).
    pub explanation: String,
}

/// One count in compact form (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompactPass {
    /// Winners in order of election.
    pub winners: Vec<CandidateId>,
    /// The rounds, round 1 first.
    pub rounds: Vec<CompactRound>,
    /// Every tie-break, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tie_breaks: Vec<CompactTie>,
    /// Seats of this pass.
    pub seats: u32,
    /// Ballots counted (sum of weights), blank ones included.
    pub total_ballots: u64,
    /// Ballots with no marks.
    pub undervotes: u64,
    /// Set when the count stopped on a tie the rules leave to a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unresolved_tie: Option<UnresolvedTie>,
    /// The tie-breaks each winner took part in (the last few, with names), kept when the
    /// pass is counted: `tie_breaks` leaves out who was tied when a round's tally says it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub winner_ties: Vec<WinnerTie>,
}

/// Candidates of `tally` at exactly `votes`, sorted by name: who a tie derived from a round
/// is between.
fn at_votes(
    tally: &[(CandidateId, Decimal)],
    votes: Decimal,
    names: &[String],
) -> Vec<CandidateId> {
    let mut ids: Vec<CandidateId> = tally
        .iter()
        .filter(|(_, v)| *v == votes)
        .map(|(c, _)| *c)
        .collect();
    sort_by_name(&mut ids, names);
    ids
}

/// Same value and same printed form (a `Decimal`'s `==` ignores the scale).
fn same(a: Decimal, b: Decimal) -> bool {
    a.mantissa == b.mantissa && a.scale == b.scale
}

/// Builds compact rounds from full ones, one round at a time. It keeps the previous round's
/// tally (in candidate order) and compares by merging, so a round costs its own tally's
/// length and allocates nothing beyond what it records: a long multi-pass ranking runs
/// hundreds of thousands of rounds.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    /// The previous round's tally, in candidate order.
    shown: Vec<(CandidateId, Decimal)>,
    /// A spare tally buffer for the next round (see [`Recorder::buffer`]).
    spare: Vec<(CandidateId, Decimal)>,
    /// Scratch lists of one round's changes.
    changed: Vec<(CandidateId, Packed)>,
    dropped: Vec<CandidateId>,
    inactive: Option<Inactive>,
}

impl Recorder {
    /// An empty buffer to fill with the next round's tally (reuses an earlier round's).
    pub(crate) fn buffer(&mut self) -> Vec<(CandidateId, Decimal)> {
        let mut spare = std::mem::take(&mut self.spare);
        spare.clear();
        spare
    }

    /// Record `tally` (the round's full tally, in candidate order) and its other parts;
    /// `ties` are the round's tie-breaks with their full lists.
    pub(crate) fn round(
        &mut self,
        mut tally: Vec<(CandidateId, Decimal)>,
        ties: Vec<TieDecision>,
        parts: (Decimal, Inactive, Vec<Decision>, Vec<Decision>),
    ) -> (CompactRound, Vec<CompactTie>) {
        let (threshold, inactive, elected, eliminated) = parts;
        if !tally.is_sorted_by_key(|(c, _)| *c) {
            tally.sort_by_key(|(c, _)| *c);
        }
        // Gathered in reused buffers, then copied at their exact length: hundreds of
        // thousands of rounds are kept, so growth slack would add up.
        let (changed, dropped) = {
            let (changed, dropped) = (&mut self.changed, &mut self.dropped);
            changed.clear();
            dropped.clear();
            let mut before = self.shown.iter().peekable();
            for (c, v) in &tally {
                while let Some((gone, _)) = before.next_if(|(b, _)| b < c) {
                    dropped.push(*gone);
                }
                match before.next_if(|(b, _)| b == c) {
                    Some((_, b)) if same(*b, *v) => {}
                    _ => changed.push((*c, Packed::from(*v))),
                }
            }
            dropped.extend(before.map(|(c, _)| *c));
            (changed.clone(), dropped.to_vec())
        };
        self.spare = std::mem::replace(&mut self.shown, tally);
        let inactive = if self.inactive.as_ref() == Some(&inactive) {
            None
        } else {
            self.inactive = Some(inactive.clone());
            Some(Box::new(inactive))
        };
        let shown = &self.shown;
        let value_of = |c: CandidateId| {
            shown
                .binary_search_by_key(&c, |(id, _)| *id)
                .ok()
                .and_then(|at| shown.get(at))
                .map(|(_, v)| *v)
        };
        let ties = ties
            .into_iter()
            .map(|t| {
                // The tie is the round's tally at `votes` when the counts agree and every
                // tied candidate is there at that value (names sort both the same way).
                let at = shown.iter().filter(|(_, v)| *v == t.votes).count();
                let derived = at == t.tied.len()
                    && t.tied
                        .iter()
                        .all(|c| value_of(*c).is_some_and(|v| v == t.votes));
                CompactTie {
                    round: t.round,
                    purpose: t.purpose,
                    tied: (!derived).then_some(t.tied),
                    votes: t.votes,
                    chosen: t.chosen,
                    explanation: t.explanation,
                }
            })
            .collect();
        (
            CompactRound {
                changed,
                dropped,
                threshold: Packed::from(threshold),
                inactive,
                elected: elected.iter().map(CompactDecision::from).collect(),
                eliminated: eliminated.iter().map(CompactDecision::from).collect(),
            },
            ties,
        )
    }
}

impl CompactPass {
    /// The compact form of a full pass (e.g. one read from an older stored result).
    #[must_use]
    pub fn from_pass(pass: &Pass) -> Self {
        let mut recorder = Recorder::default();
        let mut tie_breaks = Vec::new();
        let rounds = pass
            .rounds
            .iter()
            .map(|r| {
                let ties = pass
                    .tie_breaks
                    .iter()
                    .filter(|t| t.round == r.number)
                    .cloned()
                    .collect();
                let (round, ties) = recorder.round(
                    r.tally.clone(),
                    ties,
                    (
                        r.threshold,
                        r.inactive.clone(),
                        r.elected.clone(),
                        r.eliminated.clone(),
                    ),
                );
                tie_breaks.extend(ties);
                round
            })
            .collect();
        Self {
            winners: pass.winners.clone(),
            rounds,
            tie_breaks,
            seats: pass.seats,
            total_ballots: pass.total_ballots,
            undervotes: pass.undervotes,
            unresolved_tie: pass.unresolved_tie.clone(),
            winner_ties: winner_ties(&pass.winners, &pass.tie_breaks),
        }
    }

    /// Visit every round in full, one at a time (only one round's tally is held).
    pub fn for_each_round(&self, mut visit: impl FnMut(&Round)) {
        let mut shown: Vec<(CandidateId, Decimal)> = Vec::new();
        let mut inactive = Inactive::default();
        for (i, r) in self.rounds.iter().enumerate() {
            shown.retain(|(c, _)| !r.dropped.contains(c));
            for (c, v) in &r.changed {
                match shown.binary_search_by_key(c, |(id, _)| *id) {
                    Ok(at) => {
                        if let Some(entry) = shown.get_mut(at) {
                            entry.1 = v.get();
                        }
                    }
                    Err(at) => shown.insert(at, (*c, v.get())),
                }
            }
            if let Some(x) = &r.inactive {
                inactive.clone_from(&**x);
            }
            let round = Round {
                number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                tally: shown.clone(),
                threshold: r.threshold.get(),
                inactive: inactive.clone(),
                elected: r.elected.iter().map(Decision::from).collect(),
                eliminated: r.eliminated.iter().map(Decision::from).collect(),
            };
            visit(&round);
        }
    }

    /// The full pass, exactly as the count saw it.
    #[must_use]
    pub fn expand(&self, names: &[String]) -> Pass {
        let mut rounds = Vec::with_capacity(self.rounds.len());
        self.for_each_round(|r| rounds.push(r.clone()));
        let tie_breaks = self
            .tie_breaks
            .iter()
            .map(|t| TieDecision {
                round: t.round,
                purpose: t.purpose,
                tied: t.tied.clone().unwrap_or_else(|| {
                    rounds
                        .get(t.round.saturating_sub(1) as usize)
                        .map(|r: &Round| at_votes(&r.tally, t.votes, names))
                        .unwrap_or_default()
                }),
                votes: t.votes,
                chosen: t.chosen,
                explanation: t.explanation.clone(),
            })
            .collect();
        Pass {
            winners: self.winners.clone(),
            rounds,
            tie_breaks,
            seats: self.seats,
            total_ballots: self.total_ballots,
            undervotes: self.undervotes,
            unresolved_tie: self.unresolved_tie.clone(),
        }
    }
}
