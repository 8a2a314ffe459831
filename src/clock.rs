//! The system clock, for production. Tests inject a [`crate::domain::clock::ManualClock`].

use time::OffsetDateTime;

use crate::domain::clock::Clock;

/// Reads the operating system's UTC time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}
