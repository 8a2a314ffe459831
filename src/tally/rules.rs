//! Counting rules, named and typed as RCTab's options (`rules` block of a conformance
//! `rules.json`), so a rules file can be read as it is.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::decimal::Decimal;

/// How winners are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WinnerMode {
    /// Single-winner IRV.
    SingleWinnerMajority,
    /// STV: several winners may be elected in one round.
    MultiWinnerAllowMultipleWinnersPerRound,
    /// STV electing at most one winner per round.
    MultiWinnerAllowOnlyOneWinnerPerRound,
    /// Eliminate until `numberOfWinners` remain; no surplus transfer.
    BottomsUp,
    /// Eliminate until everyone left is strictly above a vote share.
    BottomsUpUsingPercentageThreshold,
    /// Sequential IRV: one IRV count per seat, earlier winners excluded.
    MultiPassIrv,
}

/// How ties are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TiebreakMode {
    /// Seeded `java.util.Random` draw among the name-sorted tied candidates.
    Random,
    /// Order of the candidate list: first listed wins, last listed is eliminated.
    UseCandidateOrder,
    /// A seeded shuffle of the sorted candidate names, then as `useCandidateOrder`.
    GeneratePermutation,
    /// Earlier rounds' tallies, then a seeded random draw.
    PreviousRoundCountsThenRandom,
    /// Earlier rounds' tallies, then stop and report the tie.
    PreviousRoundCountsThenAsk,
    /// Stop the count and report the tie (RCTab asks the operator).
    StopCountingAndAsk,
}

impl TiebreakMode {
    /// True when the mode draws random numbers (needs a seed).
    #[must_use]
    pub fn needs_seed(self) -> bool {
        matches!(
            self,
            Self::Random | Self::GeneratePermutation | Self::PreviousRoundCountsThenRandom
        )
    }
}

/// What an overvoted rank does to a ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OvervoteRule {
    /// The ballot becomes inactive (overvotes).
    ExhaustImmediately,
    /// The rank is passed over.
    AlwaysSkipToNextRank,
    /// Inactive only if two or more of the marked candidates are still continuing.
    ExhaustIfMultipleContinuing,
}

/// The tabulation options (RCTab key names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rules {
    /// How winners are found.
    pub winner_election_mode: WinnerMode,
    /// Seats (0 in the percentage-threshold mode).
    pub number_of_winners: u32,
    /// Tie-break mode.
    pub tiebreak_mode: TiebreakMode,
    /// Seed for the random tie-break modes.
    #[serde(default)]
    pub random_seed: Option<i64>,
    pub overvote_rule: OvervoteRule,
    /// Skipped ranks tolerated between two marks; `None` = unlimited (`"unlimited"`).
    #[serde(default, with = "int_or_word")]
    pub max_skipped_ranks_allowed: Option<u32>,
    /// Ranks read from each ballot; `None` = all (`"max"`).
    #[serde(default, with = "int_or_word")]
    pub max_rankings_allowed: Option<u32>,
    /// A candidate ranked twice makes the ballot inactive when the walk reaches the repeat.
    #[serde(default)]
    pub exhaust_on_duplicate_candidate: bool,
    /// Eliminate a batch of mathematically hopeless candidates at once.
    #[serde(default)]
    pub batch_elimination: bool,
    /// Percentage mode: eliminate everyone below the threshold at once.
    #[serde(default)]
    pub cutoff_elimination: bool,
    /// Single winner: keep eliminating until two candidates remain.
    #[serde(default)]
    pub continue_until_two_candidates_remain: bool,
    /// Compute the threshold in round 1 only.
    #[serde(default)]
    pub does_first_round_determine_threshold: bool,
    /// Stop after this round even without a winner.
    #[serde(default)]
    pub stop_tabulation_early_after_round: Option<u32>,
    /// Places kept (by truncation) in fractional arithmetic (0..=9).
    #[serde(default = "four")]
    pub decimal_places_for_vote_arithmetic: u32,
    /// The threshold keeps the decimal places instead of being whole.
    #[serde(default)]
    pub non_integer_winning_threshold: bool,
    /// Hare quota (votes / seats, rounded up) instead of Droop.
    #[serde(default)]
    pub hare_quota: bool,
    /// Percentage for `bottomsUpUsingPercentageThreshold` (e.g. `"15"`).
    #[serde(default)]
    pub multi_seat_bottoms_up_percentage_threshold: Option<Decimal>,
    /// Candidates below this many votes are eliminated together (0 or absent: off).
    /// RCTab 2.0 no longer reads this option; it is kept from RCTab 1.x.
    #[serde(default)]
    pub minimum_vote_threshold: Option<Decimal>,
}

fn four() -> u32 {
    4
}

impl Default for Rules {
    /// Single-winner IRV, seeded random tie-break (seed 0), overvotes exhaust, unlimited skips.
    fn default() -> Self {
        Self {
            winner_election_mode: WinnerMode::SingleWinnerMajority,
            number_of_winners: 1,
            tiebreak_mode: TiebreakMode::Random,
            random_seed: Some(0),
            overvote_rule: OvervoteRule::ExhaustImmediately,
            max_skipped_ranks_allowed: None,
            max_rankings_allowed: None,
            exhaust_on_duplicate_candidate: false,
            batch_elimination: false,
            cutoff_elimination: false,
            continue_until_two_candidates_remain: false,
            does_first_round_determine_threshold: false,
            stop_tabulation_early_after_round: None,
            decimal_places_for_vote_arithmetic: 4,
            non_integer_winning_threshold: false,
            hare_quota: false,
            multi_seat_bottoms_up_percentage_threshold: None,
            minimum_vote_threshold: None,
        }
    }
}

impl Rules {
    /// STV with `seats` seats and otherwise default options.
    #[must_use]
    pub fn stv(seats: u32) -> Self {
        Self {
            winner_election_mode: WinnerMode::MultiWinnerAllowMultipleWinnersPerRound,
            number_of_winners: seats,
            ..Self::default()
        }
    }

    /// Check the combination of options; the message names the offending option.
    pub fn validate(&self) -> Result<(), String> {
        if self.decimal_places_for_vote_arithmetic > 9 {
            return Err("decimalPlacesForVoteArithmetic must be between 0 and 9".into());
        }
        let pct = self.winner_election_mode == WinnerMode::BottomsUpUsingPercentageThreshold;
        if pct {
            match self.multi_seat_bottoms_up_percentage_threshold {
                Some(p) if p > Decimal::ZERO && p <= Decimal::from_int(100) => {}
                _ => {
                    return Err("multiSeatBottomsUpPercentageThreshold must be in (0, 100] \
                         for bottomsUpUsingPercentageThreshold"
                        .into());
                }
            }
        } else if self.number_of_winners == 0 {
            return Err("numberOfWinners must be at least 1".into());
        }
        if self.tiebreak_mode.needs_seed() && self.random_seed.is_none() {
            return Err(format!(
                "tiebreakMode {:?} needs randomSeed",
                self.tiebreak_mode
            ));
        }
        Ok(())
    }

    /// True for the STV modes that transfer surpluses (more than one seat, not bottoms-up).
    #[must_use]
    pub fn transfers_surplus(&self) -> bool {
        self.number_of_winners > 1
            && matches!(
                self.winner_election_mode,
                WinnerMode::MultiWinnerAllowMultipleWinnersPerRound
                    | WinnerMode::MultiWinnerAllowOnlyOneWinnerPerRound
            )
    }
}

/// `Option<u32>` that reads an integer, a numeric string, or a word (`"unlimited"`, `"max"`)
/// meaning "no limit".
mod int_or_word {
    use super::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<u32>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(n) => s.serialize_u32(*n),
            None => s.serialize_str("unlimited"),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match &v {
            serde_json::Value::Null => Ok(None),
            serde_json::Value::Number(n) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom("expected a non-negative integer")),
            serde_json::Value::String(s) => match s.trim() {
                "unlimited" | "max" | "" => Ok(None),
                t => t
                    .parse::<u32>()
                    .map(Some)
                    .map_err(|_| serde::de::Error::custom("expected an integer or \"unlimited\"")),
            },
            _ => Err(serde::de::Error::custom("expected an integer or a word")),
        }
    }
}
