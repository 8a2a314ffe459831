//! Errors of the tally engine and its input formats.

use thiserror::Error;

/// Everything that can go wrong in a count or while reading its input.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum TallyError {
    /// The rules are inconsistent (the message names the option).
    #[error("invalid rules: {0}")]
    InvalidRules(String),
    /// A ballot names a candidate id that does not exist.
    #[error("ballot {ballot} names unknown candidate id {candidate}")]
    UnknownCandidate {
        /// 0-based ballot index.
        ballot: usize,
        /// The unknown id.
        candidate: u32,
    },
    /// Two candidates share a name.
    #[error("duplicate candidate name {0:?}")]
    DuplicateCandidate(String),
    /// Bad input text, with its position (1-based line and column).
    #[error("line {line}, column {column}: {message}")]
    Parse {
        /// 1-based line.
        line: u64,
        /// 1-based column (cell number for CSV).
        column: u64,
        /// What is wrong.
        message: String,
    },
    /// The rules file or JSON input is not valid.
    #[error("invalid rules file: {0}")]
    RulesFile(String),
    /// A round could not make progress (no candidate to elect or eliminate).
    #[error("the count cannot progress in round {round}")]
    Stuck {
        /// Round number.
        round: u32,
    },
    /// A vote quantity exceeded the fixed-point range.
    #[error("vote arithmetic overflow")]
    Overflow,
}
