//! The tie-breaks a pass's winner took part in, kept with the pass when it is counted so that
//! a results page can say "tied 2–2 with … in round 4; decided by the seeded draw" next to the
//! place without replaying the count. Only these few are kept with their names; the full
//! explanation still lists every tie-break of the pass.

use serde::{Deserialize, Serialize};

use super::ballots::CandidateId;
use super::decimal::Decimal;
use super::outcome::{TieDecision, TiePurpose};
use super::tiebreak::DRAW;

/// Others named in one [`WinnerTie`]; the rest are counted (`others`).
pub const NAMED: usize = 5;
/// Tie-breaks kept per winner: the last ones, closest to the decision.
pub const KEPT_PER_WINNER: usize = 3;

/// A tie-break among candidates that included a winner of the pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WinnerTie {
    /// The winner it concerns.
    pub winner: CandidateId,
    /// Round of the tie.
    pub round: u32,
    /// Elect or eliminate.
    pub purpose: TiePurpose,
    /// Up to [`NAMED`] of the other tied candidates, sorted by name.
    pub with: Vec<CandidateId>,
    /// How many other candidates were tied (named or not).
    pub others: u32,
    /// Their common tally.
    pub votes: Decimal,
    /// The candidate the tie-break chose (to elect or to eliminate).
    pub chosen: CandidateId,
    /// Which rule decided, as the tie-break said it.
    pub explanation: String,
    /// The tie-break's `winner_ties` counted this one among `earlier` others not kept.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub earlier: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl WinnerTie {
    /// True when the seeded random draw decided it (not an earlier round or a fixed order).
    #[must_use]
    pub fn drawn(&self) -> bool {
        self.explanation.ends_with(DRAW)
    }
}

/// The tie-breaks among `ties` (in order) that each winner was part of: the last
/// [`KEPT_PER_WINNER`] per winner, in round order.
pub(crate) fn winner_ties(winners: &[CandidateId], ties: &[TieDecision]) -> Vec<WinnerTie> {
    let mut kept = Vec::new();
    for &w in winners {
        let involved: Vec<&TieDecision> = ties.iter().filter(|t| t.tied.contains(&w)).collect();
        let skip = involved.len().saturating_sub(KEPT_PER_WINNER);
        kept.extend(involved.into_iter().skip(skip).map(|t| {
            let others: Vec<CandidateId> = t.tied.iter().copied().filter(|c| *c != w).collect();
            WinnerTie {
                winner: w,
                round: t.round,
                purpose: t.purpose,
                others: u32::try_from(others.len()).unwrap_or(u32::MAX),
                with: others.into_iter().take(NAMED).collect(),
                votes: t.votes,
                chosen: t.chosen,
                explanation: t.explanation.clone(),
                earlier: u32::try_from(skip).unwrap_or(u32::MAX),
            }
        }));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tie(round: u32, tied: &[u32], chosen: u32, explanation: &str) -> TieDecision {
        TieDecision {
            round,
            purpose: TiePurpose::Eliminate,
            tied: tied.iter().copied().map(CandidateId).collect(),
            votes: Decimal::from_int(2),
            chosen: CandidateId(chosen),
            explanation: explanation.to_owned(),
        }
    }

    #[test]
    fn keeps_only_the_ties_the_winner_was_in() {
        let ties = [
            tie(1, &[3, 4], 4, "chosen by the seeded random draw"),
            tie(2, &[0, 2], 2, "had the fewest votes in round 1"),
        ];
        let kept = winner_ties(&[CandidateId(0)], &ties);
        assert_eq!(kept.len(), 1);
        let t = &kept[0];
        assert_eq!((t.round, t.others, t.chosen), (2, 1, CandidateId(2)));
        assert_eq!(t.with, [CandidateId(2)]);
        assert!(!t.drawn());
        assert_eq!(t.earlier, 0);
    }

    #[test]
    fn names_a_few_counts_the_rest_and_keeps_the_last_ties() {
        let many: Vec<u32> = (0..20).collect();
        let ties: Vec<TieDecision> = (1..=5)
            .map(|r| tie(r, &many, 19, "chosen by the seeded random draw"))
            .collect();
        let kept = winner_ties(&[CandidateId(0)], &ties);
        assert_eq!(kept.len(), KEPT_PER_WINNER);
        assert_eq!(kept[0].round, 3);
        assert_eq!(kept[0].earlier, 2);
        assert_eq!(kept[0].others, 19);
        assert_eq!(kept[0].with.len(), NAMED);
        assert!(kept[0].drawn());
    }
}
