//! A series of recurring meetings, pure: its cadence, the dates of its occurrences, the
//! instant each starts at in the team's zone (across changes of the clocks), the windows
//! relative to each start, and the purpose line made from its template.
//!
//! No database, clock or web here: services pass "today" and the zone in.

use serde::Serialize;
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, Weekday};

use crate::domain::meeting::Windows;
use crate::domain::zone::Zone;
use crate::i18n::Msg;

/// How many occurrences are kept created ahead of time.
pub const AHEAD: usize = 4;

/// Where a purpose-line template puts the occurrence's date.
pub const DATE_PLACEHOLDER: &str = "{date}";

/// How often a series meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Cadence {
    /// Every week.
    Weekly,
    /// Every other week, counted from the first occurrence.
    Fortnightly,
}

impl Cadence {
    /// Both, in the order a form offers them.
    pub const ALL: [Cadence; 2] = [Cadence::Weekly, Cadence::Fortnightly];

    /// The stored and typed word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Weekly => "weekly",
            Self::Fortnightly => "fortnightly",
        }
    }

    /// A typed word, or `None`.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw.trim())
    }

    /// Days between two occurrences.
    pub fn days(self) -> i64 {
        match self {
            Self::Weekly => 7,
            Self::Fortnightly => 14,
        }
    }
}

/// ISO weekday number (1 = Monday … 7 = Sunday) as stored.
pub fn weekday_number(day: Weekday) -> u8 {
    day.number_from_monday()
}

/// The weekday of an ISO number, or `None` outside 1..=7.
pub fn weekday_of(number: u8) -> Option<Weekday> {
    let mut day = Weekday::Monday;
    if !(1..=7).contains(&number) {
        return None;
    }
    for _ in 1..number {
        day = day.next();
    }
    Some(day)
}

/// Parses an `HH:MM` wall-clock time (`type="time"` input) into minutes after midnight.
pub fn parse_start(raw: &str) -> Result<u16, Msg> {
    let format = time::macros::format_description!("[hour]:[minute]");
    Time::parse(raw.trim(), &format)
        .map(|t| u16::from(t.hour()) * 60 + u16::from(t.minute()))
        .map_err(|_| Msg::new("rh-v-start-time"))
}

/// Minutes after midnight as `HH:MM`.
pub fn start_text(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60 % 24, minute % 60)
}

/// When a series meets: cadence, weekday, local start, and the date counting starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub cadence: Cadence,
    /// The first occurrence's date (on `weekday`).
    pub first_on: Date,
    /// Minutes after local midnight.
    pub start_minute: u16,
}

impl Schedule {
    /// A schedule whose first occurrence is the first `weekday` on or after `from`.
    pub fn starting(cadence: Cadence, weekday: Weekday, from: Date, start_minute: u16) -> Self {
        let mut first_on = from;
        while first_on.weekday() != weekday {
            first_on = first_on.next_day().unwrap_or(first_on);
            if first_on == Date::MAX {
                break;
            }
        }
        Self {
            cadence,
            first_on,
            start_minute,
        }
    }

    /// The weekday it meets on.
    pub fn weekday(&self) -> Weekday {
        self.first_on.weekday()
    }

    /// The first `count` occurrence dates on or after `from`, in order.
    pub fn dates_from(&self, from: Date, count: usize) -> Vec<Date> {
        let step = self.cadence.days();
        let behind = (from - self.first_on).whole_days();
        let skip = if behind <= 0 {
            0
        } else {
            (behind + step - 1) / step
        };
        (0..count as i64)
            .filter_map(|i| self.first_on.checked_add(Duration::days((skip + i) * step)))
            .collect()
    }

    /// The instant an occurrence on `day` starts, by the zone's rules on that day: 09:00 stays
    /// 09:00 on the wall when the clocks change. A start the clocks skip moves on by the gap
    /// (an hour, usually), as a person would.
    pub fn starts_at(&self, day: Date, zone: Zone) -> OffsetDateTime {
        let minute = self.start_minute.min(24 * 60 - 1);
        let time = Time::from_hms(
            u8::try_from(minute / 60).unwrap_or(0),
            u8::try_from(minute % 60).unwrap_or(0),
            0,
        )
        .unwrap_or(Time::MIDNIGHT);
        let local = PrimitiveDateTime::new(day, time);
        let naive_utc = local.assume_utc();
        for shift in [0, 60, 120] {
            if let Ok(at) = zone.instant(local + Duration::minutes(shift)) {
                return at;
            }
        }
        naive_utc
    }
}

/// The windows relative to each occurrence's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Offsets {
    /// Proposals open this many days before.
    pub proposals_open_days: u16,
    /// Proposals close and voting opens this many hours before.
    pub voting_open_hours: u16,
    /// Voting closes this many hours before (the tally runs then).
    pub voting_close_hours: u16,
}

impl Offsets {
    /// Proposals a week ahead, voting from two days to one hour before.
    pub const DEFAULT: Offsets = Offsets {
        proposals_open_days: 7,
        voting_open_hours: 48,
        voting_close_hours: 1,
    };

    /// Checks the order (proposals, then voting, then the meeting) and the ranges; problems
    /// by form field.
    pub fn check(&self) -> Vec<(&'static str, Msg)> {
        let mut problems = Vec::new();
        if !(1..=60).contains(&self.proposals_open_days) {
            problems.push(("proposals_open_days", Msg::new("rh-v-open-days")));
        }
        if u32::from(self.voting_open_hours) >= u32::from(self.proposals_open_days) * 24 {
            problems.push(("voting_open_hours", Msg::new("rh-v-voting-open")));
        }
        if self.voting_close_hours >= self.voting_open_hours {
            problems.push(("voting_close_hours", Msg::new("rh-v-voting-close")));
        }
        problems
    }

    /// The windows of an occurrence starting at `starts_at`.
    pub fn windows(&self, starts_at: OffsetDateTime) -> Windows {
        let voting_open = starts_at - Duration::hours(i64::from(self.voting_open_hours));
        Windows {
            proposals_open: starts_at - Duration::days(i64::from(self.proposals_open_days)),
            proposals_close: voting_open,
            voting_open,
            voting_close: starts_at - Duration::hours(i64::from(self.voting_close_hours)),
            starts_at,
        }
    }
}

/// The purpose line of one occurrence: the template with `{date}` replaced by `date_text`
/// (the date in the series' language).
pub fn purpose_line(template: &str, date_text: &str) -> String {
    template.replace(DATE_PLACEHOLDER, date_text)
}

/// Which of `wanted` dates have no occurrence yet (`existing` may hold any dates).
pub fn missing(wanted: &[Date], existing: &[Date]) -> Vec<Date> {
    wanted
        .iter()
        .copied()
        .filter(|d| !existing.contains(d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn london() -> Zone {
        Zone::parse("Europe/London").unwrap_or_else(|_| Zone::utc())
    }

    #[test]
    fn a_weekly_series_starts_on_the_first_weekday_on_or_after_the_day() {
        let s = Schedule::starting(
            Cadence::Weekly,
            Weekday::Tuesday,
            date!(2026 - 10 - 15),
            540,
        );
        assert_eq!(s.first_on, date!(2026 - 10 - 20));
        assert_eq!(
            s.dates_from(date!(2026 - 10 - 15), 3),
            vec![
                date!(2026 - 10 - 20),
                date!(2026 - 10 - 27),
                date!(2026 - 11 - 03)
            ]
        );
        assert_eq!(
            s.dates_from(date!(2026 - 10 - 21), 1),
            vec![date!(2026 - 10 - 27)]
        );
        assert_eq!(
            s.dates_from(date!(2026 - 10 - 27), 1),
            vec![date!(2026 - 10 - 27)]
        );
    }

    #[test]
    fn a_fortnightly_series_counts_fortnights_from_its_first_date() {
        let s = Schedule::starting(
            Cadence::Fortnightly,
            Weekday::Monday,
            date!(2026 - 11 - 02),
            600,
        );
        assert_eq!(
            s.dates_from(date!(2026 - 11 - 10), 2),
            vec![date!(2026 - 11 - 16), date!(2026 - 11 - 30)]
        );
    }

    #[test]
    fn the_wall_clock_time_holds_across_the_change_of_the_clocks() {
        // London leaves summer time on 25 October 2026.
        let s = Schedule::starting(
            Cadence::Weekly,
            Weekday::Thursday,
            date!(2026 - 10 - 15),
            540,
        );
        let days = s.dates_from(date!(2026 - 10 - 15), 2);
        assert_eq!(
            s.starts_at(days[0], london()),
            datetime!(2026-10-15 08:00 UTC)
        );
        assert_eq!(
            s.starts_at(days[1], london()),
            datetime!(2026-10-22 08:00 UTC)
        );
        let after = s.dates_from(date!(2026 - 10 - 26), 1);
        assert_eq!(
            s.starts_at(after[0], london()),
            datetime!(2026-10-29 09:00 UTC)
        );
    }

    #[test]
    fn a_start_the_clocks_skip_moves_on_by_the_gap() {
        // 01:30 does not exist in London on 29 March 2026.
        let s = Schedule::starting(Cadence::Weekly, Weekday::Sunday, date!(2026 - 03 - 29), 90);
        assert_eq!(
            s.starts_at(date!(2026 - 03 - 29), london()),
            datetime!(2026-03-29 01:30 UTC)
        );
    }

    #[test]
    fn windows_follow_the_start_and_their_order_is_checked() {
        let at = datetime!(2026-11-05 09:00 UTC);
        let w = Offsets::DEFAULT.windows(at);
        assert_eq!(w.proposals_open, datetime!(2026-10-29 09:00 UTC));
        assert_eq!(w.voting_open, datetime!(2026-11-03 09:00 UTC));
        assert_eq!(w.voting_close, datetime!(2026-11-05 08:00 UTC));
        assert!(w.check().is_empty());
        assert!(Offsets::DEFAULT.check().is_empty());
        let bad = Offsets {
            proposals_open_days: 1,
            voting_open_hours: 30,
            voting_close_hours: 40,
        };
        let fields: Vec<&str> = bad.check().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["voting_open_hours", "voting_close_hours"]);
    }

    #[test]
    fn the_purpose_line_gets_its_date_and_times_parse() {
        assert_eq!(
            purpose_line("Weekly check-in — {date}", "5 Nov 2026"),
            "Weekly check-in — 5 Nov 2026"
        );
        assert_eq!(parse_start("09:30").ok(), Some(570));
        assert!(parse_start("25:00").is_err());
        assert_eq!(start_text(570), "09:30");
        assert_eq!(weekday_of(3), Some(Weekday::Wednesday));
        assert_eq!(weekday_of(8), None);
        assert_eq!(weekday_number(Weekday::Sunday), 7);
        assert_eq!(
            missing(
                &[date!(2026 - 11 - 05), date!(2026 - 11 - 12)],
                &[date!(2026 - 11 - 05)]
            ),
            vec![date!(2026 - 11 - 12)]
        );
    }
}
