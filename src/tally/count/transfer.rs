//! Ballot movement: placing groups of ballots with a candidate or as inactive, recording
//! the transfers of a round, and splitting a new STV winner's ballots into kept and surplus.

use super::super::ballots::{Ballot, CandidateId};
use super::super::outcome::Target;
use super::super::walk::{Place, Reason, walk};
use super::{Amount, Counter, Moves, Status};

/// One released candidate's transfers in a round, by target: candidate `i` at index `i`,
/// exhausted at the end. Dense, so a moved group costs an index rather than two map look-ups;
/// [`Spread::drain_into`] hands the totals to the round's [`Moves`].
struct Spread {
    amounts: Vec<Amount>,
    touched: Vec<bool>,
}

impl Spread {
    fn new(candidates: usize) -> Self {
        Self {
            amounts: vec![Amount::default(); candidates + 1],
            touched: vec![false; candidates + 1],
        }
    }

    fn add(&mut self, target: Target, total: i64, frac: bool) {
        let at = match target {
            Target::Candidate(c) => c.index(),
            Target::Exhausted | Target::ResidualSurplus => self.amounts.len() - 1,
        };
        if let (Some(a), Some(t)) = (self.amounts.get_mut(at), self.touched.get_mut(at)) {
            a.add(total, frac);
            *t = true;
        }
    }

    /// Adds the totals to `moves` under `source` and clears them (amounts are positive, so
    /// summing here first gives the same totals as adding each one to `moves`).
    fn drain_into(&mut self, source: u32, moves: &mut Moves) {
        let last = self.amounts.len() - 1;
        for (i, (a, t)) in self.amounts.iter_mut().zip(&mut self.touched).enumerate() {
            if !std::mem::take(t) {
                continue;
            }
            let target = if i == last {
                Target::Exhausted
            } else {
                Target::Candidate(CandidateId(u32::try_from(i).unwrap_or(u32::MAX)))
            };
            let sum = std::mem::take(a);
            moves
                .entry(source)
                .or_default()
                .entry(target)
                .or_default()
                .add(sum.value, sum.frac);
        }
    }
}

impl Counter<'_> {
    /// Put group `g` at `place`, recording in `spread` the transfer if it moved value.
    fn place(&mut self, g: usize, place: Place, spread: Option<&mut Spread>) {
        let weight = self.input.groups.get(g).map_or(0, |x| x.weight);
        let value = self.values.get(g).copied().unwrap_or(0);
        let frac = self.fracs.get(g).copied().unwrap_or(false);
        let total = value.saturating_mul(i64::try_from(weight).unwrap_or(i64::MAX));
        if let Some(p) = self.places.get_mut(g) {
            *p = place;
        }
        let target = match place {
            Place::For(c) => {
                if let Some(t) = self.tally.get_mut(c as usize) {
                    *t = t.saturating_add(total);
                }
                if frac && let Some(t) = self.tally_frac.get_mut(c as usize) {
                    *t += 1;
                }
                if let Some(h) = self.holders.get_mut(c as usize) {
                    h.push(u32::try_from(g).unwrap_or(u32::MAX));
                }
                Target::Candidate(CandidateId(c))
            }
            Place::Inactive(reason) => {
                if let Some(a) = self.inactive.get_mut(reason as usize) {
                    a.add(total, frac);
                }
                Target::Exhausted
            }
        };
        if let Some(s) = spread
            && total > 0
        {
            s.add(target, total, frac);
        }
    }

    /// Move the ballots for this round: all of them in round 1, else those of `released`.
    pub(super) fn move_ballots(
        &mut self,
        round: u32,
        released: &[u32],
        final_surplus: bool,
    ) -> Moves {
        let mut moves = Moves::new();
        if round == 1 {
            for g in 0..self.input.groups.len() {
                let ballot = self
                    .input
                    .groups
                    .get(g)
                    .and_then(|x| self.input.ballots.get(x.ballot as usize));
                let cells = ballot.map(Ballot::cells).unwrap_or_default();
                let place = walk(cells, &self.walk_rules, &self.continuing);
                self.place(g, place, None);
            }
            return moves;
        }
        let mut spread = Spread::new(self.tally.len());
        for &c in released {
            let groups = self
                .holders
                .get_mut(c as usize)
                .map(std::mem::take)
                .unwrap_or_default();
            let was_winner = matches!(self.status.get(c as usize), Some(Status::Elected(_)));
            for g in groups {
                let g = g as usize;
                let place = if final_surplus && was_winner {
                    Place::Inactive(Reason::FinalRoundSurplus)
                } else {
                    let ballot = self
                        .input
                        .groups
                        .get(g)
                        .and_then(|x| self.input.ballots.get(x.ballot as usize));
                    let cells = ballot.map(Ballot::cells).unwrap_or_default();
                    walk(cells, &self.walk_rules, &self.continuing)
                };
                self.place(g, place, Some(&mut spread));
            }
            spread.drain_into(c, &mut moves);
        }
        moves
    }

    /// STV: split each ballot of a new winner into what stays and what moves on.
    pub(crate) fn split_surplus(&mut self, winner: u32, threshold_fixed: i64) {
        let t = self.tally.get(winner as usize).copied().unwrap_or(0);
        let extra = t - threshold_fixed;
        let fraction = if extra > 0 && t > 0 {
            i64::try_from(i128::from(extra) * i128::from(self.one) / i128::from(t)).unwrap_or(0)
        } else {
            0
        };
        let groups = self
            .holders
            .get(winner as usize)
            .cloned()
            .unwrap_or_default();
        let mut kept = Amount {
            value: 0,
            frac: true,
        };
        for g in groups {
            let g = g as usize;
            let weight = self.input.groups.get(g).map_or(0, |x| x.weight);
            let Some(v) = self.values.get_mut(g) else {
                continue;
            };
            let moving =
                i64::try_from(i128::from(*v) * i128::from(fraction) / i128::from(self.one))
                    .unwrap_or(0);
            let stays = *v - moving;
            kept.add(
                stays.saturating_mul(i64::try_from(weight).unwrap_or(i64::MAX)),
                true,
            );
            *v = moving;
            if let Some(f) = self.fracs.get_mut(g) {
                *f = true;
            }
        }
        if let Some(k) = self.kept.get_mut(winner as usize) {
            *k = kept;
        }
    }
}
