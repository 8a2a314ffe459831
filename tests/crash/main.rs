//! Crash safety (issue 17): the real `roundtable` binary, started as a child process on a
//! loopback port with its own database, is killed with SIGKILL (`kill -9`) at random moments
//! and started again on the same database. What was acknowledged must still be there, exactly
//! once, the database must be sound, and the audit chain must verify.
//!
//! - `ballots`: voters cast and re-cast ranked ballots through the HTML forms with their CSRF
//!   token; a ballot counts as acknowledged only after its `303` to the receipt. After a
//!   random 1–3 s the server is killed and restarted; every acknowledged ballot must be stored
//!   once with its last acknowledged ranking (or a later one the voter submitted whose answer
//!   the kill cut off).
//! - `close`: meetings whose voting closes on the next minute (the form has minute
//!   precision); the server is killed at a random moment around the close and the tally,
//!   again during the tally at start-up, and restarted; each meeting must be tallied exactly
//!   once, with one audit entry, and equal a recount.
//!
//! Rounds: `ROUNDTABLE_CRASH_ROUNDS` (default 3; one close round per 5, at least one); the
//! schedule comes from a seed printed at the start, `ROUNDTABLE_CRASH_SEED` replays it. The
//! suite's `ROUNDTABLE_TEST_DATABASE_URL` runs it on PostgreSQL. See `docs/security.md`
//! ("Crash safety") for the long run and its results.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[allow(dead_code)]
#[path = "../api/helpers.rs"]
mod helpers;

mod ballots;
mod checks;
mod close;
mod plan;
mod server;
mod voters;
mod world;
