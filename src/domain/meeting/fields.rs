//! A meeting's typed fields, parsed once at the edge: titles and texts with their length
//! limits (and the `text_newtype!` macro other domains reuse), minutes, and UTC times as a
//! `datetime-local` input sends them.

use crate::domain::zone::Zone;
use serde::Serialize;
use time::{OffsetDateTime, PrimitiveDateTime};

use crate::domain::text::{Lines, check_controls};
use crate::i18n::Msg;

/// Problems by field name, in the order found (the service turns them into `FieldErrors`).
pub type Problems = Vec<(&'static str, Msg)>;

/// Trimmed text of `min` to `max` characters; `empty` is the message when nothing was typed.
pub(crate) fn text_between(
    raw: &str,
    min: usize,
    max: usize,
    empty: Msg,
    lines: Lines,
) -> Result<String, Msg> {
    let text = raw.trim();
    let n = text.chars().count();
    if n == 0 {
        return Err(empty);
    }
    if n < min {
        return Err(Msg::new("v-too-short").arg("min", min));
    }
    if n > max {
        return Err(Msg::new("v-too-long").arg("max", max));
    }
    check_controls(text, lines)?;
    Ok(text.to_owned())
}

macro_rules! text_newtype {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr, $empty:expr, $lines:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        pub struct $name(String);

        impl $name {
            /// Trims and checks the length.
            pub fn parse(raw: &str) -> Result<Self, $crate::i18n::Msg> {
                text_between(raw, $min, $max, $empty, $lines).map(Self)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}
pub(crate) use text_newtype;

text_newtype!(
    /// A meeting's title: 2 to 120 characters.
    MeetingTitle, 2, 120, Msg::new("v-meeting-title-empty"), Lines::One
);
text_newtype!(
    /// An agenda item's title: 2 to 120 characters.
    ItemTitle, 2, 120, Msg::new("v-title-empty"), Lines::One
);
text_newtype!(
    /// Why an item matters: 10 to 1,000 characters.
    Why, 10, 1000, Msg::new("v-why-empty"), Lines::Many
);
text_newtype!(
    /// A leader's reason (for hiding an item or changing the agenda): 3 to 300 characters.
    Reason, 3, 300, Msg::new("v-reason-empty"), Lines::Many
);

/// One sentence linking the meeting to the team's purpose: 10 to 200 characters, one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PurposeLine(String);

impl PurposeLine {
    /// Trims and checks it is one short line.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(Msg::new("v-purpose-line-missing"));
        }
        if text.contains('\n') || text.contains('\r') {
            return Err(Msg::new("v-purpose-line-one-line"));
        }
        text_between(text, 10, 200, Msg::new("v-purpose-line-empty"), Lines::One).map(Self)
    }
    /// The sentence.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Place or link: up to 200 characters, may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place(String);

impl Place {
    /// Trims and checks the length.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let text = raw.trim();
        if text.chars().count() > 200 {
            return Err(Msg::new("v-too-long").arg("max", 200));
        }
        check_controls(text, Lines::One)?;
        Ok(Self(text.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An item's estimated (or a fixed item's reserved) minutes: 1 to 240.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ItemMinutes(u32);

impl ItemMinutes {
    /// 1 to 240 whole minutes.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        match raw.trim().parse::<u32>() {
            Ok(n) if (1..=240).contains(&n) => Ok(Self(n)),
            _ => Err(Msg::new("v-whole-minutes").arg("max", 240)),
        }
    }
    pub fn get(self) -> u32 {
        self.0
    }
}

/// A meeting's time budget: 5 to 1,440 minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BudgetMinutes(u32);

impl BudgetMinutes {
    /// 5 to 1,440 whole minutes.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        match raw.trim().parse::<u32>() {
            Ok(n) if (5..=1440).contains(&n) => Ok(Self(n)),
            _ => Err(Msg::new("v-budget-minutes")),
        }
    }
    pub fn get(self) -> u32 {
        self.0
    }
}

/// Parses a wall-clock date and time in `zone` as a `datetime-local` input sends it
/// (`2026-11-23T14:02`), by the zone's rules on that date (see [`Zone::instant`]).
pub fn parse_local(raw: &str, zone: Zone) -> Result<OffsetDateTime, Msg> {
    let text = raw.trim();
    let long = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let short = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let spaced = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    PrimitiveDateTime::parse(text, &short)
        .or_else(|_| PrimitiveDateTime::parse(text, &long))
        .or_else(|_| PrimitiveDateTime::parse(text, &spaced))
        .map(|t| t.replace_second(0).unwrap_or(t))
        .map_err(|_| Msg::new("v-date-time").arg("zone", zone.name()))
        .and_then(|t| zone.instant(t))
}

/// Formats a time for a `datetime-local` input: the wall clock in `zone`.
pub fn input_value(at: OffsetDateTime, zone: Zone) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    zone.local(at).at.format(&format).unwrap_or_default()
}
