//! The reciprocity ledger's pure rules: values parsed at the edge ([`values`]), the life of an
//! entry ([`status`]), who may act on it ([`ownership`]) and every metric the pages show ([`metrics`]). Not a currency: given and
//! received are two positive numbers and nobody owes anything.
//!
//! No database, web, runtime or clock: "now" and "today" are arguments.

pub mod metrics;
pub mod ownership;
pub mod status;
pub mod values;

#[cfg(test)]
mod tests;

pub use metrics::*;
pub use ownership::*;
pub use status::*;
pub use values::*;
