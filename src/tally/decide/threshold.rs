//! When the count stops (RCTab's `shouldContinueTabulating`) and the winning threshold.

use super::super::count::{Amount, Counter};
use super::super::decimal::{Decimal, pow10};
use super::super::rules::WinnerMode;

impl Counter<'_> {
    /// RCTab's `shouldContinueTabulating`, plus a stop when nobody is left.
    pub(crate) fn should_continue(&self, round: u32) -> bool {
        let rules = self.input.rules;
        if rules
            .stop_tabulation_early_after_round
            .is_some_and(|s| round >= s)
        {
            return false;
        }
        let nobody_left = round > 0 && self.nobody_continuing();
        let winners = self.winners.len();
        let seats = self.input.seats as usize;
        if rules.continue_until_two_candidates_remain {
            let eliminated_now = round > 0 && self.eliminated_in == round;
            !nobody_left
                && (self.eliminated_count + winners + 1 < self.num_candidates()
                    || (round > 0 && eliminated_now))
        } else if self.percentage_mode() {
            winners == 0 && !nobody_left
        } else {
            let elected_now = round > 0 && self.elected_in == round;
            (winners < seats && !nobody_left)
                || (seats > 1
                    && winners >= seats
                    && round > 0
                    && elected_now
                    && self.mode() != WinnerMode::BottomsUp)
        }
    }

    /// True when a round without a decision would repeat forever.
    pub(crate) fn must_progress(&self, round: u32) -> bool {
        self.should_continue(round)
    }

    /// The winning threshold for `active` continuing votes (Droop, Hare or the bottoms-up
    /// percentage).
    fn compute_threshold(&self, active: Amount) -> Decimal {
        let rules = self.input.rules;
        if self.percentage_mode() {
            let p = rules
                .multi_seat_bottoms_up_percentage_threshold
                .unwrap_or(Decimal::ZERO);
            // p / 100 with Java's preferred scale, then × active votes.
            let mut share = Decimal {
                mantissa: p.mantissa,
                scale: p.scale + 2,
            };
            while share.scale > p.scale && share.mantissa % 10 == 0 {
                share.mantissa /= 10;
                share.scale -= 1;
            }
            let v = self.decimal(active);
            return Decimal {
                mantissa: v.mantissa.saturating_mul(share.mantissa),
                scale: v.scale + share.scale,
            };
        }
        let seats = i128::from(self.input.seats.max(1));
        let dd = if rules.non_integer_winning_threshold {
            self.scale
        } else {
            0
        };
        let v = i128::from(active.value);
        let unit = pow10(self.scale);
        if rules.hare_quota {
            let num = v * pow10(dd);
            let den = seats * unit;
            let m = num / den + i128::from(num % den != 0);
            Decimal {
                mantissa: m,
                scale: dd,
            }
        } else {
            let m = v * pow10(dd) / ((seats + 1) * unit) + 1;
            Decimal {
                mantissa: m,
                scale: dd,
            }
        }
    }

    /// Recompute the threshold when the rules say it changes this round.
    pub(super) fn update_threshold(&mut self, round: u32, active: Amount) {
        let rules = self.input.rules;
        let recompute = if self.input.seats > 1 && !self.percentage_mode() {
            round == 1
        } else if rules.continue_until_two_candidates_remain && !self.winners.is_empty() {
            // Frozen after the round in which the winner is found.
            false
        } else {
            !rules.does_first_round_determine_threshold || round == 1
        };
        if recompute || self.threshold.is_none() {
            self.threshold = Some(self.compute_threshold(active));
        }
    }
}
