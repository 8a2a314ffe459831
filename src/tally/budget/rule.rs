//! Rule keys: the satisfaction (utility) measures, completions, and the parsing of every
//! key used in the Pabulib conformance files plus the short aliases `mes`, `greedy`, `phragmen`.

use std::fmt;
use std::str::FromStr;

use super::error::BudgetError;
use super::instance::VoteType;

/// How much a voter is satisfied by a funded project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Utility {
    /// The project's cost if it is on the ballot (`Cost_Sat`).
    Cost,
    /// 1 if it is on the ballot (`Cardinality_Sat`).
    Cardinality,
    /// The points given (`Additive_Cardinal_Sat`; cumulative/scoring ballots).
    Cardinal,
    /// Points × cost, so greedy sorts by total points (cumulative/scoring ballots).
    Points,
    /// k−1 for the first of k ranked projects, …, 0 for the last (ordinal ballots).
    Borda,
}

impl Utility {
    fn key(self) -> &'static str {
        match self {
            Self::Cost => "cost",
            Self::Cardinality => "cardinality",
            Self::Cardinal => "cardinal",
            Self::Points => "points",
            Self::Borda => "borda",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "cost" => Self::Cost,
            "cardinality" => Self::Cardinality,
            "cardinal" => Self::Cardinal,
            "points" => Self::Points,
            "borda" => Self::Borda,
            _ => return None,
        })
    }

    /// Whether ballots of this type define this utility.
    pub fn applies_to(self, vote_type: VoteType) -> bool {
        match self {
            Self::Cost | Self::Cardinality => true,
            Self::Cardinal | Self::Points => vote_type.is_cardinal(),
            Self::Borda => vote_type == VoteType::Ordinal,
        }
    }
}

/// What MES does with the money it leaves unspent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Completion {
    /// Plain MES: each voter holds budget/n; leftovers stay unspent.
    None,
    /// Add1: raise every voter's money by one currency unit per step; stop at the first
    /// exhaustive outcome or keep the last one that fits the budget.
    Add1,
    /// Add1 then a greedy-by-votes fill of what is left.
    Add1Greedy,
    /// Add1 without the exhaustiveness stop (equalshares.net): the last outcome that fits.
    Add1Full,
    /// `Add1Full` then a greedy-by-votes fill (equalshares.net "Add1 + utilitarian completion").
    Add1FullGreedy,
}

impl Completion {
    /// Whether a greedy fill follows the Add1 phase.
    pub fn greedy_fill(self) -> bool {
        matches!(self, Self::Add1Greedy | Self::Add1FullGreedy)
    }
}

/// A budget rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// Fund by descending total utility per unit of cost, skipping what does not fit.
    Greedy(Utility),
    /// Method of Equal Shares.
    Mes {
        /// Satisfaction measure.
        utility: Utility,
        /// Completion of leftover money.
        completion: Completion,
    },
    /// Sequential Phragmén (approval ballots).
    Phragmen,
}

impl Rule {
    /// The default rule: MES with cost utilities, Add1 (no exhaustiveness stop) and greedy fill.
    pub const DEFAULT: Rule = Rule::Mes {
        utility: Utility::Cost,
        completion: Completion::Add1FullGreedy,
    };

    /// The canonical key, as in the conformance files (`mes_cost_add1_greedy`).
    pub fn key(&self) -> String {
        match self {
            Self::Greedy(u) => format!("greedy_{}", u.key()),
            Self::Phragmen => "phragmen".to_string(),
            Self::Mes {
                utility,
                completion,
            } => {
                let suffix = match completion {
                    Completion::None => "",
                    Completion::Add1 => "_add1",
                    Completion::Add1Greedy => "_add1_greedy",
                    Completion::Add1Full => "_add1_full",
                    Completion::Add1FullGreedy => "_add1_full_greedy",
                };
                format!("mes_{}{suffix}", utility.key())
            }
        }
    }

    /// The utility measure the rule uses.
    pub fn utility(&self) -> Utility {
        match self {
            Self::Greedy(u) => *u,
            Self::Mes { utility, .. } => *utility,
            Self::Phragmen => Utility::Cardinality,
        }
    }

    /// Errors unless the instance's ballots define what the rule needs.
    pub fn check_applies(&self, vote_type: VoteType) -> Result<(), BudgetError> {
        let ok = match self {
            Self::Phragmen => vote_type.is_approval(),
            Self::Mes {
                utility: Utility::Points,
                ..
            } => false,
            other => other.utility().applies_to(vote_type),
        };
        if ok {
            Ok(())
        } else {
            Err(BudgetError::NotApplicable {
                rule: self.key(),
                ballots: vote_type.as_str().to_string(),
            })
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl FromStr for Rule {
    type Err = BudgetError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace('-', "_");
        let unknown = || BudgetError::UnknownRule(s.to_string());
        match key.as_str() {
            "mes" | "default" => return Ok(Self::DEFAULT),
            "greedy" => return Ok(Self::Greedy(Utility::Cost)),
            "phragmen" => return Ok(Self::Phragmen),
            _ => {}
        }
        if let Some(u) = key.strip_prefix("greedy_") {
            return Utility::parse(u)
                .filter(|u| *u != Utility::Borda)
                .map(Self::Greedy)
                .ok_or_else(unknown);
        }
        let rest = key.strip_prefix("mes_").ok_or_else(unknown)?;
        let (u, completion) = [
            ("_add1_full_greedy", Completion::Add1FullGreedy),
            ("_add1_full", Completion::Add1Full),
            ("_add1_greedy", Completion::Add1Greedy),
            ("_add1", Completion::Add1),
        ]
        .iter()
        .find_map(|(suffix, c)| rest.strip_suffix(suffix).map(|u| (u, *c)))
        .unwrap_or((rest, Completion::None));
        let utility = Utility::parse(u)
            .filter(|u| *u != Utility::Points)
            .ok_or_else(unknown)?;
        Ok(Self::Mes {
            utility,
            completion,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_aliases() {
        for key in [
            "greedy_cost",
            "greedy_cardinality",
            "greedy_points",
            "greedy_cardinal",
            "mes_cost",
            "mes_borda_add1",
            "mes_cardinal_add1_greedy",
            "mes_cost_add1_full",
            "mes_cost_add1_full_greedy",
            "phragmen",
        ] {
            let rule: Rule = key.parse().unwrap();
            assert_eq!(rule.key(), key);
        }
        assert_eq!("mes".parse::<Rule>().unwrap(), Rule::DEFAULT);
        assert_eq!(
            "greedy".parse::<Rule>().unwrap(),
            Rule::Greedy(Utility::Cost)
        );
        assert!("mes_points".parse::<Rule>().is_err());
        assert!("nonsense".parse::<Rule>().is_err());
    }
}
