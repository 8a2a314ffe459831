//! Per-round decisions: the threshold, who is elected, who is eliminated, and when the
//! count stops (RCTab's rules, see `docs/tally-rules.md`).

use super::ballots::CandidateId;
use super::count::{Amount, Counter, Status};
use super::decimal::Decimal;
use super::error::TallyError;
use super::outcome::{Decision, TieDecision, TiePurpose, UnresolvedTie};
use super::rules::WinnerMode;
use super::tiebreak::{TieContext, break_tie, sort_by_rank};

mod threshold;

impl Counter<'_> {
    fn mode(&self) -> WinnerMode {
        self.input.mode
    }

    fn percentage_mode(&self) -> bool {
        self.mode() == WinnerMode::BottomsUpUsingPercentageThreshold
    }

    /// Candidates that may still be counted: non-excluded declared ones plus the write-in.
    fn num_candidates(&self) -> usize {
        self.status
            .iter()
            .filter(|s| **s != Status::Excluded)
            .count()
    }

    fn tally_of(&self, c: u32) -> i64 {
        self.tally.get(c as usize).copied().unwrap_or(0)
    }

    fn tally_decimal(&self, c: u32) -> Decimal {
        Decimal {
            mantissa: i128::from(self.tally_of(c)),
            scale: self.scale,
        }
    }

    fn tie(&mut self, round: u32, purpose: TiePurpose, mut tied: Vec<u32>) -> Option<u32> {
        let mut ids: Vec<CandidateId> = tied.drain(..).map(CandidateId).collect();
        sort_by_rank(&mut ids, self.input.name_rank);
        let votes = ids
            .first()
            .map_or(Decimal::ZERO, |c| self.decimal(self.tally_amount(c.0)));
        let ctx = TieContext {
            mode: self.input.rules.tiebreak_mode,
            hashes: self.input.name_hash,
            permutation: &self.input.permutation,
            history: &self.history,
        };
        match break_tie(&ctx, &mut self.input.rng, purpose, &ids, round) {
            Some(b) => {
                self.tie_breaks.push(TieDecision {
                    round,
                    purpose,
                    tied: ids,
                    votes,
                    chosen: b.chosen,
                    explanation: b.explanation,
                });
                Some(b.chosen.0)
            }
            None => {
                self.unresolved = Some(UnresolvedTie {
                    round,
                    purpose,
                    tied: ids,
                    votes,
                });
                None
            }
        }
    }

    fn with_top_tally(&self, among: &[u32]) -> Vec<u32> {
        let max = among.iter().map(|c| self.tally_of(*c)).max().unwrap_or(0);
        among
            .iter()
            .copied()
            .filter(|c| self.tally_of(*c) == max)
            .collect()
    }

    fn identify_winners(&mut self, round: u32, cont: &[u32]) -> Vec<u32> {
        let rules = self.input.rules;
        let uwi = self.input.write_in;
        if let Some(w) = uwi
            && cont.contains(&w)
            && self.tally_of(w) != 0
        {
            return Vec::new();
        }
        let threshold = self.threshold.unwrap_or(Decimal::ZERO);
        let not_uwi = |c: &u32| Some(*c) != uwi;
        if self.percentage_mode() {
            let all_above = cont.iter().all(|c| self.tally_decimal(*c) > threshold);
            return if all_above {
                cont.iter().copied().filter(not_uwi).collect()
            } else {
                Vec::new()
            };
        }
        let seats = self.input.seats as usize;
        let unfilled = seats.saturating_sub(self.winners.len());
        let mut selected: Vec<u32> = Vec::new();
        if unfilled > 0 {
            if cont.len() <= unfilled {
                selected = cont.iter().copied().filter(not_uwi).collect();
            } else if rules.does_first_round_determine_threshold && cont.len() - 1 == seats {
                selected = self.with_top_tally(cont);
            } else if self.mode() != WinnerMode::BottomsUp {
                // `tally ≥ threshold`, compared in fixed point (exact, see `ceil_at`).
                let reach = threshold.ceil_at(self.scale);
                selected = cont
                    .iter()
                    .copied()
                    .filter(|c| not_uwi(c) && i128::from(self.tally_of(*c)) >= reach)
                    .collect();
            }
        }
        let one_only = selected.len() > 1
            && (self.mode() == WinnerMode::MultiWinnerAllowOnlyOneWinnerPerRound
                || rules.does_first_round_determine_threshold);
        let min_ok = |c: &u32| {
            rules
                .minimum_vote_threshold
                .is_none_or(|m| self.tally_decimal(*c) >= m)
        };
        let final_two = seats == 1
            && selected.is_empty()
            && cont.len() == 2
            && unfilled == 1
            && cont.iter().all(min_ok);
        if one_only || final_two {
            let top = self.with_top_tally(cont);
            selected = if top.len() > 1 {
                self.tie(round, TiePurpose::Elect, top)
                    .into_iter()
                    .collect()
            } else {
                top
            };
        }
        selected
    }

    fn may_eliminate(&self) -> bool {
        let rules = self.input.rules;
        self.winners.len() < self.input.seats as usize
            || (rules.continue_until_two_candidates_remain
                && self.eliminated_count + 2 < self.num_candidates())
            || self.percentage_mode()
    }

    fn choose_eliminated(&mut self, round: u32, cont: &[u32]) -> Vec<u32> {
        let rules = self.input.rules;
        if let Some(w) = self.input.write_in
            && cont.contains(&w)
            && self.tally_of(w) > 0
        {
            return vec![w];
        }
        if let Some(min) = rules.minimum_vote_threshold.filter(|m| *m > Decimal::ZERO) {
            let below: Vec<u32> = cont
                .iter()
                .copied()
                .filter(|c| self.tally_decimal(*c) < min)
                .collect();
            if !below.is_empty() && below.len() < cont.len() {
                return below;
            }
        }
        if self.percentage_mode() && rules.cutoff_elimination {
            let threshold = self.threshold.unwrap_or(Decimal::ZERO);
            let below: Vec<u32> = cont
                .iter()
                .copied()
                .filter(|c| self.tally_decimal(*c) < threshold)
                .collect();
            if !below.is_empty() && below.len() < cont.len() {
                return below;
            }
        }
        if rules.batch_elimination {
            let batch = self.batch(cont);
            if batch.len() > 1 {
                return batch;
            }
        }
        let min = cont.iter().map(|c| self.tally_of(*c)).min().unwrap_or(0);
        let lowest: Vec<u32> = cont
            .iter()
            .copied()
            .filter(|c| self.tally_of(*c) == min)
            .collect();
        if lowest.len() > 1 {
            self.tie(round, TiePurpose::Eliminate, lowest)
                .into_iter()
                .collect()
        } else {
            lowest
        }
    }

    /// RCTab's batch elimination: the largest low group whose combined votes cannot reach the
    /// next tally.
    fn batch(&self, cont: &[u32]) -> Vec<u32> {
        let mut levels: Vec<i64> = cont.iter().map(|c| self.tally_of(*c)).collect();
        levels.sort_unstable();
        levels.dedup();
        let mut running: i64 = 0;
        let mut seen: Vec<u32> = Vec::new();
        let mut batch: Vec<u32> = Vec::new();
        let mut previous: Vec<u32> = Vec::new();
        for level in levels {
            if running < level && seen.len() > batch.len() {
                previous = batch.clone();
                batch = seen.clone();
            }
            let at: Vec<u32> = cont
                .iter()
                .copied()
                .filter(|c| self.tally_of(*c) == level)
                .collect();
            running =
                running.saturating_add(level.saturating_mul(i64::try_from(at.len()).unwrap_or(0)));
            seen.extend(at);
        }
        if self.input.rules.continue_until_two_candidates_remain
            && batch.len() + self.eliminated_count + 1 == self.num_candidates()
        {
            batch = previous;
        }
        batch
    }

    /// Threshold, winners and eliminations of this round; updates candidate status.
    pub(crate) fn decide_round(&mut self, round: u32) -> Result<(Vec<u32>, Vec<u32>), TallyError> {
        let cont = self.continuing_ids();
        let mut active = Amount::default();
        for c in &cont {
            active.add(self.tally_of(*c), self.tally_amount(*c).frac);
        }
        self.update_threshold(round, active);
        if self.keep_history {
            let tally = &self.tally;
            let row = cont
                .iter()
                .map(|&c| (c as usize, tally.get(c as usize).copied().unwrap_or(0)));
            self.history.record_counted(round, self.status.len(), row);
        }
        let mut elected = self.identify_winners(round, &cont);
        let mut eliminated = Vec::new();
        if self.unresolved.is_some() {
            return Ok((Vec::new(), Vec::new()));
        }
        if !elected.is_empty() {
            let mut ids: Vec<CandidateId> = elected.iter().copied().map(CandidateId).collect();
            sort_by_rank(&mut ids, self.input.name_rank);
            elected = ids.iter().map(|c| c.0).collect();
            let q = self.threshold.map_or(0, |t| t.to_fixed(self.scale));
            for &w in &elected {
                self.elected_in = round;
                if let Some(s) = self.status.get_mut(w as usize) {
                    *s = Status::Elected(round);
                }
                self.winners.push(CandidateId(w));
                if self.input.rules.transfers_surplus() {
                    self.split_surplus(w, q);
                }
            }
        } else if self.may_eliminate() {
            if cont.is_empty() {
                return Err(TallyError::Stuck { round });
            }
            eliminated = self.choose_eliminated(round, &cont);
            if self.unresolved.is_some() {
                return Ok((Vec::new(), Vec::new()));
            }
            for &c in &eliminated {
                self.eliminated_in = round;
                if let Some(s) = self.status.get_mut(c as usize) {
                    *s = Status::Eliminated(round);
                }
            }
            self.eliminated_count += eliminated.len();
        }
        Ok((elected, eliminated))
    }

    /// Record the round as it stands after its decisions.
    pub(crate) fn snapshot(&mut self, round: u32, elected: &[u32], eliminated: &[u32]) {
        let mut tally = self.recorder.buffer();
        let show_winners = self.input.seats > 1;
        if !show_winners {
            // Only continuing candidates are shown: visit just them (`continuing` is refreshed
            // only after the round, so it is still the set the round's decisions were made on).
            for &c in &self.cont_list {
                tally.push((CandidateId(c), self.decimal(self.tally_amount(c))));
            }
        }
        for c in (0..self.status.len()).filter(|_| show_winners) {
            let c32 = u32::try_from(c).unwrap_or(u32::MAX);
            // `continuing` is refreshed only after the round, so it is still the set the
            // round's decisions were made on.
            let was_continuing = self.continuing.get(c).copied().unwrap_or(false);
            if was_continuing {
                tally.push((CandidateId(c32), self.decimal(self.tally_amount(c32))));
            } else if show_winners && let Some(Some(a)) = self.winner_tally.get(c) {
                tally.push((CandidateId(c32), self.decimal(*a)));
            }
        }
        let by_name = |ids: &[u32]| {
            let mut v: Vec<CandidateId> = ids.iter().copied().map(CandidateId).collect();
            sort_by_rank(&mut v, self.input.name_rank);
            v.into_iter()
                .map(|candidate| Decision {
                    candidate,
                    transfers: Vec::new(),
                })
                .collect::<Vec<_>>()
        };
        let elected = by_name(elected);
        let eliminated = by_name(eliminated);
        let ties = std::mem::take(&mut self.tie_breaks);
        let parts = (
            self.threshold.unwrap_or(Decimal::ZERO),
            self.inactive_block(),
            elected,
            eliminated,
        );
        debug_assert!(ties.iter().all(|t| t.round == round));
        self.full_ties.extend(ties.iter().cloned());
        let (compact, ties) = self.recorder.round(tally, ties, parts);
        self.rounds.push(compact);
        self.ties.extend(ties);
    }
}
