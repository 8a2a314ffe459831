//! Errors of the budget engine: bad input (with a line number when it comes from a file)
//! and rules that do not apply to an instance's ballots.

use thiserror::Error;

/// Everything that can go wrong between a `.pb` file (or a plain instance) and an outcome.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum BudgetError {
    /// The Pabulib text is malformed; `line` is 1-based.
    #[error("line {line}: {message}")]
    Parse {
        /// 1-based line number in the file.
        line: u64,
        /// What is wrong, for a person.
        message: String,
    },
    /// The instance is inconsistent (built through the plain API).
    #[error("invalid instance: {0}")]
    Invalid(String),
    /// The rule key is unknown.
    #[error(
        "unknown rule `{0}` (try mes, greedy, phragmen, greedy_cost, mes_cost, mes_cost_add1_greedy, ...)"
    )]
    UnknownRule(String),
    /// The rule needs another kind of ballot (e.g. Phragmén on ranked ballots).
    #[error("rule `{rule}` does not apply to {ballots} ballots")]
    NotApplicable {
        /// The rule key.
        rule: String,
        /// The instance's vote type.
        ballots: String,
    },
}

impl BudgetError {
    pub(crate) fn parse(line: u64, message: impl Into<String>) -> Self {
        Self::Parse {
            line,
            message: message.into(),
        }
    }
}
