//! Time as a dependency: the domain asks a [`Clock`] instead of reading the system time, so
//! windows and expiries are tested with fixed dates instead of sleeps.

use time::OffsetDateTime;

/// Drops the fraction of a second.
///
/// Timestamps are stored as RFC 3339 text on SQLite and compared as text there, which orders
/// `…:05Z` after `…:05.5Z`; whole seconds give every stored instant the same width, so text order
/// is time order. Every clock returns whole seconds.
pub fn whole_seconds(at: OffsetDateTime) -> OffsetDateTime {
    at.replace_nanosecond(0).unwrap_or(at)
}

/// A source of the current UTC time, in whole seconds.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant, in UTC.
    fn now(&self) -> OffsetDateTime;
}

/// A clock tests move by hand (shared between the test and the server it started).
#[derive(Debug)]
pub struct ManualClock(std::sync::Mutex<OffsetDateTime>);

impl ManualClock {
    /// Starts at `start`.
    pub fn new(start: OffsetDateTime) -> Self {
        Self(std::sync::Mutex::new(whole_seconds(start)))
    }
    /// Moves the clock forward.
    pub fn advance(&self, by: time::Duration) {
        if let Ok(mut now) = self.0.lock() {
            *now = whole_seconds(*now + by);
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        self.0.lock().map_or(OffsetDateTime::UNIX_EPOCH, |now| *now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_keeps_whole_seconds_as_it_moves() {
        let start = time::macros::datetime!(2026-12-02 09:31:00.5 UTC);
        let clock = ManualClock::new(start);
        assert_eq!(
            clock.now(),
            time::macros::datetime!(2026-12-02 09:31:00 UTC)
        );
        clock.advance(time::Duration::milliseconds(1_700));
        assert_eq!(
            clock.now(),
            time::macros::datetime!(2026-12-02 09:31:01 UTC)
        );
    }

    #[test]
    fn whole_seconds_sort_as_text_in_time_order() {
        // The comparison SQLite makes on stored RFC 3339 text.
        let text = |at: OffsetDateTime| {
            whole_seconds(at)
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default()
        };
        let opens = time::macros::datetime!(2026-12-02 09:31:00 UTC);
        let now = time::macros::datetime!(2026-12-02 09:31:00.25 UTC);
        assert!(text(opens) <= text(now));
        assert!(text(now) < text(now + time::Duration::seconds(1)));
    }
}
