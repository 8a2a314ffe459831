//! Weekly check-ins (issue 19): the ISO week a moment falls in, on the team's own clock, the
//! week's label (`2026-W49`) and its name in people's words ("week of 30 November"), the four
//! short answers of a check-in (each optional, at least one given) and when one may still be
//! edited (during its own week only).
//!
//! Pure: no database, web or clock (the service passes `now` and the team's zone).

use time::{Date, OffsetDateTime, Weekday};

use crate::domain::text::{Lines, check_controls};
use crate::domain::zone::Zone;
use crate::i18n::Msg;

/// An ISO 8601 week: Monday to Sunday, week 1 holding the year's first Thursday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    year: i32,
    week: u8,
}

impl IsoWeek {
    /// The week `day` falls in (its ISO year may differ from the calendar year near 1 January).
    pub fn containing(day: Date) -> Self {
        let (year, week, _) = day.to_iso_week_date();
        Self { year, week }
    }

    /// The week it is at `now` on the clock of `zone` (the team's zone, so a team in Auckland
    /// starts its week on its own Monday, not on UTC's).
    pub fn at(now: OffsetDateTime, zone: Zone) -> Self {
        Self::containing(zone.today(now))
    }

    /// Reads a label as stored and as addresses carry it (`2026-W49`, also `2026-w49`).
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let bad = || Msg::new("v-checkin-week");
        let raw = raw.trim();
        let (year, week) = raw.split_once(['W', 'w']).ok_or_else(bad)?;
        let year = year.strip_suffix('-').ok_or_else(bad)?;
        if year.len() != 4 || week.len() != 2 {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let week: u8 = week.parse().map_err(|_| bad())?;
        Date::from_iso_week_date(year, week, Weekday::Monday).map_err(|_| bad())?;
        Ok(Self { year, week })
    }

    /// The stored label: `2026-W49`.
    pub fn label(self) -> String {
        format!("{:04}-W{:02}", self.year, self.week)
    }

    /// The week's Monday.
    pub fn monday(self) -> Date {
        // Built from a real week (`containing` or a checked `parse`), so always valid.
        Date::from_iso_week_date(self.year, self.week, Weekday::Monday).unwrap_or(Date::MIN)
    }

    /// The week before.
    #[must_use]
    pub fn previous(self) -> Self {
        Self::containing(self.monday() - time::Duration::weeks(1))
    }

    /// The week after.
    #[must_use]
    pub fn next(self) -> Self {
        Self::containing(self.monday() + time::Duration::weeks(1))
    }

    /// The week in people's words: "week of 30 November" (the year added when it is not the
    /// year of `today`).
    pub fn in_words(self, today: Date) -> Msg {
        let monday = self.monday();
        let month = MONTHS
            .get(usize::from(u8::from(monday.month())).saturating_sub(1))
            .map_or_else(
                || Msg::verbatim(monday.month().to_string()),
                |key| Msg::new(key),
            );
        let words = if monday.year() == today.year() {
            Msg::new("ci-week-of")
        } else {
            Msg::new("ci-week-of-year").arg("year", i64::from(monday.year()))
        };
        words
            .arg("day", i64::from(monday.day()))
            .arg("month", month)
    }
}

/// The catalogue keys of the months' full names, as "week of 30 November" needs them.
const MONTHS: [&str; 12] = [
    "ci-month-1",
    "ci-month-2",
    "ci-month-3",
    "ci-month-4",
    "ci-month-5",
    "ci-month-6",
    "ci-month-7",
    "ci-month-8",
    "ci-month-9",
    "ci-month-10",
    "ci-month-11",
    "ci-month-12",
];

impl std::fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// A check-in may be written and changed only during its own week.
pub fn may_edit(week: IsoWeek, current: IsoWeek) -> bool {
    week == current
}

/// The longest answer, in characters.
pub const MAX_ANSWER: usize = 2000;

/// One answer of a check-in: trimmed, possibly empty, several lines allowed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer(String);

impl Answer {
    /// Trims and checks.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let text = raw.trim();
        if text.chars().count() > MAX_ANSWER {
            return Err(Msg::new("v-checkin-long").arg("max", MAX_ANSWER));
        }
        check_controls(text, Lines::Many)?;
        Ok(Self(text.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A check-in's four answers, checked: each optional, at least one given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// What moved this week.
    pub moved: Answer,
    /// What is blocking.
    pub blocking: Answer,
    /// What comes next.
    pub next: Answer,
    /// One visible improvement for the week.
    pub improvement: Answer,
}

/// The form fields of a check-in, in order.
pub const FIELDS: [&str; 4] = ["moved", "blocking", "next", "improvement"];

impl Answers {
    /// Checks the four raw answers; problems by field name (`entry` when all are empty).
    pub fn parse(raw: [&str; 4]) -> Result<Self, Vec<(&'static str, Msg)>> {
        let mut problems = Vec::new();
        let mut parsed: Vec<Answer> = Vec::with_capacity(4);
        for (field, text) in FIELDS.into_iter().zip(raw) {
            match Answer::parse(text) {
                Ok(answer) => parsed.push(answer),
                Err(message) => {
                    problems.push((field, message));
                    parsed.push(Answer::default());
                }
            }
        }
        if problems.is_empty() && parsed.iter().all(Answer::is_empty) {
            problems.push(("entry", Msg::new("v-checkin-empty")));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut answers = parsed.into_iter();
        let mut next = || answers.next().unwrap_or_default();
        Ok(Self {
            moved: next(),
            blocking: next(),
            next: next(),
            improvement: next(),
        })
    }
}

/// A blocker linked to an action must say what blocks it: that text becomes the action's
/// reason for being blocked (at least 3 characters, as any blocked action's reason).
pub fn check_link(blocking: &Answer) -> Result<(), Msg> {
    if blocking.as_str().chars().count() < 3 {
        return Err(Msg::new("v-checkin-link-needs-blocker"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn weeks_follow_iso_8601_across_the_year_end() {
        assert_eq!(
            IsoWeek::containing(date!(2026 - 12 - 04)).label(),
            "2026-W49"
        );
        assert_eq!(
            IsoWeek::containing(date!(2026 - 11 - 30)).label(),
            "2026-W49"
        );
        assert_eq!(
            IsoWeek::containing(date!(2026 - 12 - 06)).label(),
            "2026-W49"
        );
        assert_eq!(
            IsoWeek::containing(date!(2026 - 12 - 07)).label(),
            "2026-W50"
        );
        // 1 January 2027 is a Friday: still in 2026's last week (2026 has 53 weeks).
        assert_eq!(
            IsoWeek::containing(date!(2027 - 01 - 01)).label(),
            "2026-W53"
        );
        assert_eq!(
            IsoWeek::containing(date!(2027 - 01 - 04)).label(),
            "2027-W01"
        );
        // 29 December 2025 is a Monday: already 2026's first week.
        assert_eq!(
            IsoWeek::containing(date!(2025 - 12 - 29)).label(),
            "2026-W01"
        );
    }

    #[test]
    fn the_week_is_read_on_the_teams_clock() {
        let auckland = Zone::parse("Pacific/Auckland").unwrap();
        // Sunday 6 December, 11:30 UTC is Monday 7 December, 00:30 in Auckland (NZDT, +13).
        let now = datetime!(2026-12-06 11:30 UTC);
        assert_eq!(IsoWeek::at(now, Zone::utc()).label(), "2026-W49");
        assert_eq!(IsoWeek::at(now, auckland).label(), "2026-W50");
        let new_york = Zone::parse("America/New_York").unwrap();
        // Monday 7 December, 03:00 UTC is still Sunday evening in New York.
        assert_eq!(
            IsoWeek::at(datetime!(2026-12-07 03:00 UTC), new_york).label(),
            "2026-W49"
        );
    }

    #[test]
    fn labels_read_back_and_bad_ones_are_refused() {
        let week = IsoWeek::parse("2026-W49").unwrap();
        assert_eq!(week.monday(), date!(2026 - 11 - 30));
        assert_eq!(week.previous().label(), "2026-W48");
        assert_eq!(week.next().label(), "2026-W50");
        assert_eq!(
            IsoWeek::parse(" 2026-w53 ").unwrap().next().label(),
            "2027-W01"
        );
        assert_eq!(
            IsoWeek::parse("2027-W01").unwrap().previous().label(),
            "2026-W53"
        );
        for bad in [
            "", "2026", "2026-W54", "2027-W53", "2026W49", "26-W49", "2026-W4", "x-Wyy",
        ] {
            assert!(IsoWeek::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_week_is_named_by_its_monday() {
        let week = IsoWeek::parse("2026-W49").unwrap();
        let words = week.in_words(date!(2026 - 12 - 04));
        assert_eq!(words.key(), "ci-week-of");
        assert_eq!(
            week.in_words(date!(2027 - 01 - 04)).key(),
            "ci-week-of-year"
        );
    }

    #[test]
    fn only_the_current_week_is_editable() {
        let week = IsoWeek::parse("2026-W49").unwrap();
        assert!(may_edit(week, week));
        assert!(!may_edit(week, week.next()));
    }

    #[test]
    fn answers_are_optional_but_not_all_empty() {
        let all_empty = Answers::parse(["", "  ", "\n", ""]).unwrap_err();
        assert_eq!(all_empty.len(), 1);
        assert_eq!(all_empty[0].0, "entry");
        let one = Answers::parse(["", "", "Draft the rubric", ""]).unwrap();
        assert_eq!(one.next.as_str(), "Draft the rubric");
        assert!(one.moved.is_empty());
        let long = "x".repeat(MAX_ANSWER + 1);
        let problems = Answers::parse(["ok", &long, "", "bad\u{0}"]).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["blocking", "improvement"]);
        assert!(Answers::parse(["line one\nline two", "", "", ""]).is_ok());
    }

    #[test]
    fn a_linked_blocker_must_say_what_blocks() {
        assert!(check_link(&Answer::parse("").unwrap()).is_err());
        assert!(check_link(&Answer::parse("IT").unwrap()).is_err());
        assert!(check_link(&Answer::parse("Waiting on IT").unwrap()).is_ok());
    }
}
