//! Commands that work on files alone (no database, no settings): `tally` and `budget`, the glue
//! that reads their input files and hands them to the pure engines in `crate::tally`.

pub mod budget;
pub mod tally;
