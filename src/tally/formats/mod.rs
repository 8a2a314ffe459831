//! Input and output formats: the conformance CSV ballots, RCTab-style `rules.json`, JSON
//! ballots, and RCTab's summary JSON. Text in, values out: no file or network access here.

pub mod csv;
pub mod json_ballots;
pub mod rctab_json;
pub mod rules_json;

/// RCTab's name of the undeclared write-in pseudo-candidate.
pub const UNDECLARED_WRITE_INS: &str = "Undeclared Write-ins";
/// The cell that stands for an overvote without names.
pub const OVERVOTE_CELL: &str = "(overvote)";
