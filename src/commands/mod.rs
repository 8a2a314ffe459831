//! Commands that work on files alone (no database, no settings): `tally`, and the glue that
//! reads their input files and hands them to the pure engines in `crate::tally`.

pub mod tally;
