//! The system clock, for production. Tests inject a [`crate::domain::clock::ManualClock`].

use time::OffsetDateTime;

use crate::domain::clock::{Clock, whole_seconds};

/// Reads the operating system's UTC time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        now()
    }
}

/// The system's UTC time in whole seconds, for code that has no [`Clock`] at hand.
pub fn now() -> OffsetDateTime {
    whole_seconds(OffsetDateTime::now_utc())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_system_clock_reads_whole_seconds() {
        assert_eq!(super::now().nanosecond(), 0);
    }
}
