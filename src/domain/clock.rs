//! Time as a dependency: the domain asks a [`Clock`] instead of reading the system time, so
//! windows and expiries are tested with fixed dates instead of sleeps.

use time::OffsetDateTime;

/// A source of the current UTC time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant, in UTC.
    fn now(&self) -> OffsetDateTime;
}

/// A clock that always answers the same instant (tests and replays).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}
