//! iCalendar (RFC 5545) written with the `icalendar` crate (ADR 0018, which supersedes ADR
//! 0008's hand-written text): one meeting as a file with one `VEVENT` (the agenda page's
//! `.ics` and the published-agenda mail), and a person's calendar feed (meetings, and due
//! dates as all-day events). The crate does the escaping, CRLF line ends and folding at 75
//! octets; this module decides what goes in and keeps every time in UTC.
//!
//! Pure: the stamp comes from the caller's clock, never the system's (every event is given its
//! `DTSTAMP` and `UID`, so the crate never makes up either).

use icalendar::{Calendar, Component, EventLike};
use time::{Date, OffsetDateTime};

/// What goes into one meeting's calendar entry.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// Stable unique id, e.g. `meeting-12@roundtable`.
    pub uid: &'a str,
    /// When the file was made.
    pub stamp: OffsetDateTime,
    pub starts: OffsetDateTime,
    pub ends: OffsetDateTime,
    /// Title.
    pub summary: &'a str,
    /// Place or link.
    pub location: &'a str,
    /// Purpose line and agenda, lines separated by `\n`.
    pub description: &'a str,
    /// Link to the meeting page.
    pub url: Option<&'a str>,
}

/// When a feed entry happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// From one instant to another (a meeting).
    At {
        starts: OffsetDateTime,
        ends: OffsetDateTime,
    },
    /// A whole day (a due date).
    Day(Date),
}

/// One entry of a calendar feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable unique id, e.g. `action-7@roundtable`: calendars update the entry in place.
    pub uid: String,
    pub when: When,
    /// Title.
    pub summary: String,
    /// Lines separated by `\n`.
    pub description: String,
    /// Place or link (empty: none).
    pub location: String,
    /// The page to open.
    pub url: Option<String>,
    /// A cancelled meeting: kept in the feed with `STATUS:CANCELLED` (RFC 5545 §3.8.1.11) so
    /// that subscribed calendars drop or strike out the event they already hold.
    pub cancelled: bool,
}

/// `20261123T140000Z`.
fn utc(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    at.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_default()
}

/// Text as a TEXT value wants it before escaping: `\n` line ends only.
fn text(value: &str) -> String {
    value.replace("\r\n", "\n").replace('\r', "\n")
}

fn calendar_with(name: Option<&str>) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//Roundtable//Agenda//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"));
    if let Some(name) = name {
        calendar.append_property(("X-WR-CALNAME", text(name).as_str()));
    }
    calendar
}

fn event(entry: &Entry, stamp: OffsetDateTime) -> icalendar::Event {
    let mut event = icalendar::Event::new();
    event
        .uid(&entry.uid)
        .add_property("DTSTAMP", utc(stamp))
        .summary(&text(&entry.summary))
        .description(&text(&entry.description));
    match entry.when {
        When::At { starts, ends } => {
            event
                .add_property("DTSTART", utc(starts))
                .add_property("DTEND", utc(ends));
        }
        When::Day(day) => {
            // All day: the end is exclusive (RFC 5545 §3.6.1), so the next day.
            event.starts(day).ends(day.next_day().unwrap_or(day));
        }
    }
    if !entry.location.is_empty() {
        event.location(&text(&entry.location));
    }
    if let Some(url) = &entry.url {
        event.url(url);
    }
    if entry.cancelled {
        event.status(icalendar::EventStatus::Cancelled);
    }
    event.done()
}

/// The calendar file for one meeting.
pub fn calendar(meeting: &Event<'_>) -> String {
    let entry = Entry {
        uid: meeting.uid.to_owned(),
        when: When::At {
            starts: meeting.starts,
            ends: meeting.ends,
        },
        summary: meeting.summary.to_owned(),
        description: meeting.description.to_owned(),
        location: meeting.location.to_owned(),
        url: meeting.url.map(str::to_owned),
        cancelled: false,
    };
    let mut calendar = calendar_with(None);
    calendar.push(event(&entry, meeting.stamp));
    calendar.done().to_string()
}

/// A calendar feed named `name` with `entries`, in the order given.
pub fn feed(name: &str, stamp: OffsetDateTime, entries: &[Entry]) -> String {
    let mut calendar = calendar_with(Some(name));
    for entry in entries {
        calendar.push(event(entry, stamp));
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn meeting(description: &str) -> String {
        calendar(&Event {
            uid: "meeting-1@roundtable",
            stamp: datetime!(2026-11-20 08:00 UTC),
            starts: datetime!(2026-11-23 14:00 UTC),
            ends: datetime!(2026-11-23 15:00 UTC),
            summary: "Weekly SLT",
            location: "Room 4, main building",
            description,
            url: None,
        })
    }

    #[test]
    fn text_is_escaped() {
        let text = meeting("a, b; c\\d\r\nnext");
        assert!(
            text.contains("DESCRIPTION:a\\, b\\; c\\\\d\\nnext\r\n"),
            "{text}"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let text = meeting(&"é".repeat(60));
        for part in text.split("\r\n") {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        assert!(
            text.replace("\r\n ", "")
                .contains(&format!("DESCRIPTION:{}\r\n", "é".repeat(60)))
        );
    }

    #[test]
    fn a_meeting_becomes_one_event_in_utc() {
        let text = meeting("Purpose.\n14:00 Three-minute action scan (3 min)");
        assert!(
            text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "{text}"
        );
        assert!(text.contains("DTSTAMP:20261120T080000Z\r\n"));
        assert!(text.contains("DTSTART:20261123T140000Z\r\n"));
        assert!(text.contains("DTEND:20261123T150000Z\r\n"));
        assert!(text.contains("LOCATION:Room 4\\, main building\r\n"));
        assert!(text.contains("Purpose.\\n14:00 Three-minute action scan (3 min)"));
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
        assert!(!text.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn a_due_date_is_a_whole_day_ending_the_next_day() {
        let text = feed(
            "Roundtable",
            datetime!(2026-11-20 08:00 UTC),
            &[Entry {
                uid: "action-7@roundtable".to_owned(),
                when: When::Day(date!(2026 - 12 - 31)),
                summary: "Due: Book the hall".to_owned(),
                description: String::new(),
                location: String::new(),
                url: Some("https://rt.example/teams/a/actions/7".to_owned()),
                cancelled: false,
            }],
        );
        assert!(text.contains("DTSTART;VALUE=DATE:20261231\r\n"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20270101\r\n"), "{text}");
        assert!(text.contains("X-WR-CALNAME:Roundtable\r\n"));
        assert!(!text.contains("LOCATION"));
        assert!(!text.contains("STATUS"));
    }

    #[test]
    fn a_cancelled_entry_stays_with_status_cancelled() {
        let at = datetime!(2026-12-03 14:00 UTC);
        let text = feed(
            "Roundtable",
            datetime!(2026-11-20 08:00 UTC),
            &[Entry {
                uid: "meeting-3@roundtable".to_owned(),
                when: When::At {
                    starts: at,
                    ends: at + time::Duration::hours(1),
                },
                summary: "Weekly SLT".to_owned(),
                description: String::new(),
                location: String::new(),
                url: None,
                cancelled: true,
            }],
        );
        assert!(text.contains("UID:meeting-3@roundtable\r\n"), "{text}");
        assert!(text.contains("STATUS:CANCELLED\r\n"), "{text}");
    }
}
