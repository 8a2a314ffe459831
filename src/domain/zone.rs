//! Time zones by IANA name (`Europe/London`), from the tz database bundled into the binary
//! with `jiff` (ADR 0016), so every machine reads the same rules whatever its own files say.
//!
//! Times are stored in UTC. A [`Zone`] only says how an instant is shown (`09:00 GMT`) and how
//! a local time typed in a form becomes an instant: with the rules in force on *that* date, so
//! a meeting typed as 09:00 in October for a day in November stays at 09:00 after the clocks
//! change. A local time the clocks skip is refused; one they repeat is the earlier.

use std::sync::OnceLock;

use jiff::tz::{AmbiguousOffset, TimeZone};
use serde::{Serialize, Serializer};
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

use crate::i18n::Msg;

/// A time zone of the bundled database: cheap to copy, compared by name.
#[derive(Clone, Copy)]
pub struct Zone(&'static Entry);

struct Entry {
    name: String,
    key: String,
    rules: OnceLock<TimeZone>,
}

fn entries() -> &'static [Entry] {
    static ZONES: OnceLock<Vec<Entry>> = OnceLock::new();
    ZONES.get_or_init(|| {
        let mut all: Vec<Entry> = jiff::tz::db()
            .available()
            .map(|name| name.as_str().to_owned())
            .chain(std::iter::once("UTC".to_owned()))
            .map(|name| Entry {
                key: name.to_ascii_lowercase(),
                name,
                rules: OnceLock::new(),
            })
            .collect();
        all.sort_by(|a, b| a.key.cmp(&b.key));
        all.dedup_by(|a, b| a.key == b.key);
        all
    })
}

/// The regions people choose from (the rest of the database, e.g. `Etc/GMT+5` or old aliases,
/// is still accepted when typed).
const REGIONS: [&str; 9] = [
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
];

impl Zone {
    /// Coordinated Universal Time.
    pub fn utc() -> Zone {
        // Always found (the table adds it); the fallback only keeps this free of panics.
        static FALLBACK: OnceLock<Entry> = OnceLock::new();
        Zone::parse("UTC").unwrap_or_else(|_| {
            Zone(FALLBACK.get_or_init(|| Entry {
                name: "UTC".to_owned(),
                key: "utc".to_owned(),
                rules: OnceLock::from(TimeZone::UTC),
            }))
        })
    }

    /// A zone by its IANA name, ignoring case and surrounding space.
    pub fn parse(raw: &str) -> Result<Zone, Msg> {
        let key = raw.trim().to_ascii_lowercase();
        let all = entries();
        all.binary_search_by(|e| e.key.as_str().cmp(&key))
            .ok()
            .and_then(|i| all.get(i))
            .map(Zone)
            .ok_or_else(|| Msg::new("v-zone-unknown").arg("name", format!("{:?}", raw.trim())))
    }

    /// A stored name, or UTC if it is no longer in the database.
    pub fn stored(name: &str) -> Zone {
        Zone::parse(name).unwrap_or_else(|_| Zone::utc())
    }

    /// The IANA name.
    pub fn name(self) -> &'static str {
        &self.0.name
    }

    /// Every zone offered in a form: UTC, then the regional names in alphabetical order.
    pub fn choices() -> impl Iterator<Item = &'static str> {
        std::iter::once("UTC").chain(
            entries()
                .iter()
                .map(|e| e.name.as_str())
                .filter(|n| REGIONS.iter().any(|r| n.starts_with(r))),
        )
    }

    fn rules(self) -> &'static TimeZone {
        self.0
            .rules
            .get_or_init(|| jiff::tz::db().get(&self.0.name).unwrap_or(TimeZone::UTC))
    }

    /// The wall-clock reading of `at` in this zone, with the zone's abbreviation then
    /// (`GMT`, `BST`; some zones only have an offset such as `+03`).
    pub fn local(self, at: OffsetDateTime) -> Local {
        let stamp = jiff::Timestamp::from_second(at.unix_timestamp())
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let info = self.rules().to_offset_info(stamp);
        let seconds = info.offset().seconds();
        let offset = UtcOffset::from_whole_seconds(seconds).unwrap_or(UtcOffset::UTC);
        let shifted = at.to_offset(offset);
        Local {
            at: PrimitiveDateTime::new(shifted.date(), shifted.time()),
            abbreviation: info.abbreviation().to_owned(),
        }
    }

    /// The date it is in this zone at `at` (a due date passes at local midnight).
    pub fn today(self, at: OffsetDateTime) -> Date {
        self.local(at).at.date()
    }

    /// The instant a wall-clock time in this zone names, by the rules of that date. A time the
    /// clocks skip (spring forward) is refused with a message; a repeated one is the earlier.
    pub fn instant(self, local: PrimitiveDateTime) -> Result<OffsetDateTime, Msg> {
        let civil = jiff::civil::DateTime::new(
            i16::try_from(local.year()).map_err(|_| Msg::new("v-year-range"))?,
            u8::from(local.month()) as i8,
            local.day() as i8,
            local.hour() as i8,
            local.minute() as i8,
            local.second() as i8,
            0,
        )
        .map_err(|_| Msg::new("v-real-date-time"))?;
        let offset = match self.rules().to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => offset,
            AmbiguousOffset::Fold { before, .. } => before,
            AmbiguousOffset::Gap { .. } => {
                let time = local
                    .time()
                    .format(time::macros::format_description!("[hour]:[minute]"))
                    .unwrap_or_default();
                return Err(Msg::new("v-time-skipped")
                    .arg("time", time)
                    .arg("zone", self.name()));
            }
        };
        let offset = UtcOffset::from_whole_seconds(offset.seconds())
            .map_err(|_| Msg::new("v-real-date-time"))?;
        Ok(local.assume_offset(offset).to_offset(UtcOffset::UTC))
    }
}

/// A wall-clock reading in a zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Local {
    /// The date and time on the wall.
    pub at: PrimitiveDateTime,
    /// The zone's abbreviation then.
    pub abbreviation: String,
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Zone {}

impl std::fmt::Debug for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::Zone;
    use time::macros::datetime;

    #[test]
    fn names_are_found_whatever_their_case_and_unknown_ones_are_refused() {
        assert_eq!(
            Zone::parse(" europe/london ").unwrap().name(),
            "Europe/London"
        );
        assert_eq!(Zone::utc().name(), "UTC");
        assert!(
            Zone::parse("Mars/Olympus")
                .unwrap_err()
                .to_string()
                .contains("Mars/Olympus")
        );
        assert_eq!(Zone::stored("Mars/Olympus"), Zone::utc());
        let choices: Vec<_> = Zone::choices().collect();
        assert_eq!(choices[0], "UTC");
        assert!(choices.contains(&"Europe/London") && choices.contains(&"America/New_York"));
        assert!(choices.len() > 300, "{}", choices.len());
    }

    #[test]
    fn a_local_time_is_read_by_the_rules_of_its_own_date() {
        let london = Zone::parse("Europe/London").unwrap();
        // British Summer Time ends on 25 October 2026.
        assert_eq!(
            london.instant(datetime!(2026-10-20 09:00)).unwrap(),
            datetime!(2026-10-20 08:00 UTC)
        );
        assert_eq!(
            london.instant(datetime!(2026-11-02 09:00)).unwrap(),
            datetime!(2026-11-02 09:00 UTC)
        );
        let summer = london.local(datetime!(2026-10-20 08:00 UTC));
        assert_eq!(
            (summer.at, summer.abbreviation.as_str()),
            (datetime!(2026-10-20 09:00), "BST")
        );
        let winter = london.local(datetime!(2026-11-02 09:00 UTC));
        assert_eq!(
            (winter.at, winter.abbreviation.as_str()),
            (datetime!(2026-11-02 09:00), "GMT")
        );
    }

    #[test]
    fn skipped_times_are_refused_and_repeated_ones_are_the_earlier() {
        let london = Zone::parse("Europe/London").unwrap();
        // 29 March 2026: 01:00 GMT becomes 02:00 BST.
        let gap = london
            .instant(datetime!(2026-03-29 01:30))
            .unwrap_err()
            .to_string();
        assert!(
            gap.contains("01:30") && gap.contains("Europe/London"),
            "{gap}"
        );
        // 25 October 2026: 01:30 happens twice; the first is BST (00:30 UTC).
        assert_eq!(
            london.instant(datetime!(2026-10-25 01:30)).unwrap(),
            datetime!(2026-10-25 00:30 UTC)
        );
    }

    #[test]
    fn the_date_turns_at_local_midnight() {
        let auckland = Zone::parse("Pacific/Auckland").unwrap();
        assert_eq!(
            auckland.today(datetime!(2026-12-01 12:00 UTC)),
            time::macros::date!(2026 - 12 - 02)
        );
        assert_eq!(
            Zone::utc().today(datetime!(2026-12-01 12:00 UTC)),
            time::macros::date!(2026 - 12 - 01)
        );
    }
}
