//! Participatory budget rounds as values: amounts in minor units, the phases that follow the
//! clock (ideas → review → voting → results), ballot types and rules, and the one check of a
//! ballot against its limits (with the "by how much" a refusal needs).
//!
//! Pure: the current time is always passed in (from the injected `Clock`).

use serde::Serialize;
use time::OffsetDateTime;

use crate::domain::meeting::{Problems, stored_enum, text_between, text_newtype};
use crate::domain::text::Lines;
use crate::i18n::{Arg, Msg};

text_newtype!(
    /// A round's title: 2 to 120 characters.
    RoundTitle, 2, 120, Msg::new("v-round-title-empty"), Lines::One
);
text_newtype!(
    /// What the round's money is for: 10 to 300 characters.
    RoundPurpose, 10, 300, Msg::new("v-round-purpose-empty"), Lines::Many
);
text_newtype!(
    /// An idea's title: 2 to 120 characters.
    IdeaTitle, 2, 120, Msg::new("v-title-empty"), Lines::One
);
text_newtype!(
    /// What an idea is and why: 10 to 2,000 characters.
    IdeaDescription, 10, 2000, Msg::new("v-idea-description-empty"), Lines::Many
);

/// Largest amount or cost accepted, in minor units (10^13 cents: well inside `i64` and exact
/// in every sum the rules make).
pub const MAX_MINOR: i64 = 10_000_000_000_000;

/// Parses an amount typed by a person ("1200", "1,200.50", "1200.5") into minor units
/// (hundredths). Positive, at most two decimals.
pub fn parse_money(raw: &str) -> Result<i64, Msg> {
    let text: String = raw
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    let refuse = || Msg::new("v-amount-invalid");
    if text.is_empty() {
        return Err(Msg::new("v-amount-empty"));
    }
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    if int.is_empty() || frac.len() > 2 {
        return Err(refuse());
    }
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(refuse());
    }
    let whole: i64 = int.parse().map_err(|_| refuse())?;
    let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| refuse())?;
    let minor = whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(cents))
        .filter(|m| *m <= MAX_MINOR)
        .ok_or_else(|| Msg::new("v-amount-too-large"))?;
    if minor == 0 {
        return Err(Msg::new("v-amount-zero"));
    }
    Ok(minor)
}

/// Minor units as English readers read them: "1,200.50 EUR" ("1,200 EUR" when whole). Pages
/// say [`crate::format::money_in`], in their reader's language.
pub fn format_money(minor: i64, currency: &str) -> String {
    crate::format::money_in(minor, currency, crate::i18n::Lang::En)
}

/// Minor units for a form field ("1200.50", "1200").
pub fn money_input(minor: i64) -> String {
    if minor % 100 == 0 {
        (minor / 100).to_string()
    } else {
        format!("{}.{:02}", minor / 100, (minor % 100).abs())
    }
}

/// A currency: 1 to 8 letters or a symbol, one line.
pub fn parse_currency(raw: &str) -> Result<String, Msg> {
    text_between(raw, 1, 8, Msg::new("v-currency-empty"), Lines::One)
}

stored_enum!(
    /// How members vote in a round.
    BallotType {
        /// Approve any number of ideas.
        Approval = "approval",
        /// Approve at most a given number of ideas.
        ApprovalMax = "approval_max",
        /// Choose ideas whose costs together fit the budget ("knapsack").
        Knapsack = "knapsack",
        /// Rank ideas, most preferred first.
        Ranked = "ranked",
    }
);

stored_enum!(
    /// The rule that turns ballots into funded ideas.
    BudgetRule {
        /// Method of Equal Shares with completion (the default).
        Mes = "mes",
        /// Greedy by votes.
        Greedy = "greedy",
        /// Sequential Phragmén (approval ballots only).
        Phragmen = "phragmen",
    }
);

impl BudgetRule {
    /// The engine's rule key (parsed by `tally::budget::Rule`).
    pub fn engine_key(self) -> &'static str {
        match self {
            Self::Mes => "mes",
            Self::Greedy => "greedy",
            Self::Phragmen => "phragmen",
        }
    }
}

/// The four phase boundaries of a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RoundWindows {
    /// Ideas may be proposed from here.
    pub ideas_open: OffsetDateTime,
    /// Review starts: ideas are frozen.
    pub review: OffsetDateTime,
    pub voting_open: OffsetDateTime,
    /// Voting closes; results follow.
    pub voting_close: OffsetDateTime,
}

impl RoundWindows {
    /// Problems with the order of the dates, by field.
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        if self.review <= self.ideas_open {
            problems.push(("review_at", Msg::new("v-round-review-order")));
        }
        if self.voting_open < self.review {
            problems.push(("voting_open", Msg::new("v-round-voting-open-order")));
        }
        if self.voting_close <= self.voting_open {
            problems.push(("voting_close", Msg::new("v-round-voting-close-order")));
        }
        problems
    }
}

/// Where a round is: it follows the clock, never a job someone may forget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetPhase {
    /// Before ideas open.
    Upcoming,
    /// Members propose, edit, withdraw and support ideas.
    Ideas,
    /// Leaders review ideas; nobody proposes.
    Review,
    /// Members vote.
    Voting,
    /// Voting closed: computed (or about to be) and shown.
    Results,
}

impl BudgetPhase {
    /// The phase at `now`.
    pub fn at(w: &RoundWindows, now: OffsetDateTime) -> Self {
        if now < w.ideas_open {
            Self::Upcoming
        } else if now < w.review {
            Self::Ideas
        } else if now < w.voting_open {
            Self::Review
        } else if now < w.voting_close {
            Self::Voting
        } else {
            Self::Results
        }
    }

    /// When this phase ends (`None`: results never end).
    pub fn ends(self, w: &RoundWindows) -> Option<OffsetDateTime> {
        match self {
            Self::Upcoming => Some(w.ideas_open),
            Self::Ideas => Some(w.review),
            Self::Review => Some(w.voting_open),
            Self::Voting => Some(w.voting_close),
            Self::Results => None,
        }
    }

    /// The stored spelling (`budget_rounds.phase_seen`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Upcoming => "upcoming",
            Self::Ideas => "ideas",
            Self::Review => "review",
            Self::Voting => "voting",
            Self::Results => "results",
        }
    }
}

/// The limits a ballot must keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BallotLimits {
    pub ballot_type: BallotType,
    /// Most ideas (approval with a maximum; ranked when set).
    pub max_ideas: Option<u32>,
    /// The round's amount in minor units (the knapsack limit).
    pub amount: i64,
}

/// A ballot's running total, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunningTotal {
    /// Ideas chosen.
    pub count: u32,
    /// Sum of their costs, minor units.
    pub total: i64,
    /// The round's amount minus the total (negative: over).
    pub left: i64,
}

/// The running total of a selection (costs in minor units).
pub fn running_total(limits: &BallotLimits, costs: &[i64]) -> RunningTotal {
    let total = costs.iter().copied().fold(0_i64, i64::saturating_add);
    RunningTotal {
        count: u32::try_from(costs.len()).unwrap_or(u32::MAX),
        total,
        left: limits.amount.saturating_sub(total),
    }
}

/// Checks a selection against the ballot's limits; the refusal says by how much it is over.
pub fn check_ballot(limits: &BallotLimits, costs: &[i64], currency: &str) -> Result<(), Msg> {
    let sum = running_total(limits, costs);
    if sum.count == 0 {
        return Err(Msg::new("v-ballot-empty"));
    }
    if let (BallotType::ApprovalMax | BallotType::Ranked, Some(max)) =
        (limits.ballot_type, limits.max_ideas)
        && sum.count > max
    {
        return Err(Msg::new("v-ballot-too-many")
            .arg("count", sum.count)
            .arg("max", max)
            .arg("over", sum.count - max));
    }
    if limits.ballot_type == BallotType::Knapsack && sum.left < 0 {
        return Err(Msg::new("v-ballot-over-budget")
            .arg("total", Arg::money(sum.total, currency))
            .arg("over", Arg::money(-sum.left, currency))
            .arg("amount", Arg::money(limits.amount, currency)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_parsed_into_cents_and_shown_back() {
        assert_eq!(parse_money("1200"), Ok(120_000));
        assert_eq!(parse_money("1,200.5"), Ok(120_050));
        assert_eq!(parse_money(" 0.07 "), Ok(7));
        assert!(parse_money("0").is_err());
        assert!(parse_money("12.345").is_err());
        assert!(parse_money("-5").is_err());
        assert!(parse_money("1e5").is_err());
        assert!(parse_money("99999999999999999999").is_err());
        assert_eq!(format_money(120_050, "EUR"), "1,200.50 EUR");
        assert_eq!(format_money(100_000_000, "EUR"), "1,000,000 EUR");
        assert_eq!(format_money(-2_500, "€"), "-25 €");
        assert_eq!(money_input(120_050), "1200.50");
        assert_eq!(money_input(120_000), "1200");
    }

    fn windows() -> RoundWindows {
        let t = OffsetDateTime::UNIX_EPOCH;
        let h = time::Duration::hours;
        RoundWindows {
            ideas_open: t + h(1),
            review: t + h(2),
            voting_open: t + h(3),
            voting_close: t + h(4),
        }
    }

    #[test]
    fn phases_follow_the_clock() {
        let w = windows();
        let t = OffsetDateTime::UNIX_EPOCH;
        let at = |m: i64| BudgetPhase::at(&w, t + time::Duration::minutes(m));
        assert_eq!(at(0), BudgetPhase::Upcoming);
        assert_eq!(at(60), BudgetPhase::Ideas);
        assert_eq!(at(150), BudgetPhase::Review);
        assert_eq!(at(180), BudgetPhase::Voting);
        assert_eq!(at(240), BudgetPhase::Results);
        assert!(w.check().is_empty());
        let bad = RoundWindows {
            voting_close: w.voting_open,
            ..w
        };
        assert_eq!(bad.check().len(), 1);
    }

    #[test]
    fn over_limit_ballots_are_refused_with_by_how_much() {
        let knapsack = BallotLimits {
            ballot_type: BallotType::Knapsack,
            max_ideas: None,
            amount: 100_000,
        };
        assert!(check_ballot(&knapsack, &[60_000, 40_000], "EUR").is_ok());
        let refusal = check_ballot(&knapsack, &[60_000, 45_000], "EUR").unwrap_err();
        let english = refusal.to_string();
        assert!(
            english.contains("1,050 EUR, which is 50 EUR over"),
            "{english}"
        );
        let french = refusal.render(crate::i18n::Lang::Fr);
        assert!(
            french.contains(
                "coûtent 1\u{202f}050 EUR, soit 50 EUR de plus que le budget de 1\u{202f}000 EUR"
            ),
            "{french}"
        );
        let max = BallotLimits {
            ballot_type: BallotType::ApprovalMax,
            max_ideas: Some(2),
            amount: 100_000,
        };
        let refusal = check_ballot(&max, &[1, 2, 3, 4], "EUR")
            .unwrap_err()
            .to_string();
        assert!(refusal.contains("remove 2 ideas"), "{refusal}");
        let approval = BallotLimits {
            ballot_type: BallotType::Approval,
            ..max
        };
        assert!(check_ballot(&approval, &[1, 2, 3, 4], "EUR").is_ok());
        assert!(check_ballot(&approval, &[], "EUR").is_err());
    }
}
