//! Ballot movement: placing groups of ballots with a candidate or as inactive, recording
//! the transfers of a round, and splitting a new STV winner's ballots into kept and surplus.

use super::super::ballots::{Ballot, CandidateId};
use super::super::outcome::Target;
use super::super::walk::{Place, Reason, walk};
use super::{Amount, Counter, Moves, Status};

impl Counter<'_> {
    /// Put group `g` at `place`, recording a transfer from `source` if it moved value.
    fn place(&mut self, g: usize, place: Place, source: Option<u32>, moves: &mut Moves) {
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
        if let Some(s) = source
            && total > 0
        {
            moves
                .entry(s)
                .or_default()
                .entry(target)
                .or_default()
                .add(total, frac);
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
                self.place(g, place, None, &mut moves);
            }
            return moves;
        }
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
                self.place(g, place, Some(c), &mut moves);
            }
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
