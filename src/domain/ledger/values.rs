//! Ledger values, each parsed once with the message a person sees next to the field.

use time::{Date, Duration};

use crate::domain::text::{Lines, check_controls, control_message};
use crate::i18n::Msg;

/// Longest single entry: ten hours.
pub const MAX_MINUTES: i32 = 600;
/// At most twelve hours of help per member and day (given and received together).
pub const DAILY_LIMIT_MINUTES: i64 = 720;
/// A pending entry lapses this many days after it was recorded.
pub const PENDING_DAYS: i64 = 14;
/// Help older than this many days cannot be recorded.
pub const MAX_AGE_DAYS: i64 = 60;

fn clean(raw: &str) -> &str {
    raw.trim()
}

/// The shared rule (`crate::domain::text`): multi-line fields allow line breaks and tabs.
fn has_control(text: &str, allow_newlines: bool) -> bool {
    let lines = if allow_newlines {
        Lines::Many
    } else {
        Lines::One
    };
    check_controls(text, lines).is_err()
}

/// Minutes of one entry or post: 1 to 600.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Minutes(i32);

impl Minutes {
    /// Checks the range.
    pub fn new(minutes: i64) -> Result<Self, Msg> {
        match i32::try_from(minutes) {
            Ok(m) if (1..=MAX_MINUTES).contains(&m) => Ok(Self(m)),
            _ => Err(Msg::new("v-whole-minutes").arg("max", MAX_MINUTES)),
        }
    }
    /// Parses what was typed.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        clean(raw)
            .parse::<i64>()
            .map_err(|_| Msg::new("v-whole-minutes").arg("max", MAX_MINUTES))
            .and_then(Self::new)
    }
    pub fn get(self) -> i32 {
        self.0
    }
}

/// The day help happened: not in the future, not older than 60 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpDate(Date);

impl HelpDate {
    /// Checks `date` against `today`.
    pub fn new(date: Date, today: Date) -> Result<Self, Msg> {
        if date > today {
            return Err(Msg::new("v-help-date-future"));
        }
        if date < today - Duration::days(MAX_AGE_DAYS) {
            return Err(Msg::new("v-help-date-too-old").arg("days", MAX_AGE_DAYS));
        }
        Ok(Self(date))
    }
    /// Parses `YYYY-MM-DD` (what a date input sends); empty means today.
    pub fn parse(raw: &str, today: Date) -> Result<Self, Msg> {
        let raw = clean(raw);
        if raw.is_empty() {
            return Ok(Self(today));
        }
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let date = Date::parse(raw, &format).map_err(|_| Msg::new("v-help-date-format"))?;
        Self::new(date, today)
    }
    /// The date.
    pub fn get(self) -> Date {
        self.0
    }
}

/// A short category ("planning", "cover"); empty means "general".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category(String);

impl Category {
    /// At most 40 characters, one line.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let text = clean(raw);
        if text.is_empty() {
            return Ok(Self("general".to_owned()));
        }
        if text.chars().count() > 40 {
            return Err(Msg::new("v-category-long"));
        }
        check_controls(text, Lines::One)?;
        Ok(Self(text.to_lowercase()))
    }
    /// The category.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An optional private note (seen by the two people and leaders only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note(Option<String>);

impl Note {
    /// At most 1,000 characters; empty means none.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let text = clean(raw);
        if text.is_empty() {
            return Ok(Self(None));
        }
        if text.chars().count() > 1000 {
            return Err(Msg::new("v-note-long"));
        }
        check_controls(text, Lines::Many)?;
        Ok(Self(Some(text.to_owned())))
    }
    /// The note, if any.
    pub fn get(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

/// Why something was disputed, resolved or reversed: required, 3 to 300 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    /// Trims and checks the length.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let text = clean(raw);
        match text.chars().count() {
            0..=2 => Err(Msg::new("v-ledger-reason-short")),
            n if n > 300 => Err(Msg::new("v-ledger-reason-long")),
            _ if has_control(text, true) => Err(control_message()),
            _ => Ok(Self(text.to_owned())),
        }
    }
    /// The reason.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The impact of help, in one line ("the rubric cut moderation time by 30 minutes").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Impact(String);

impl Impact {
    /// One line of 5 to 200 characters.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let text = clean(raw);
        match text.chars().count() {
            0..=4 => Err(Msg::new("v-impact-short")),
            n if n > 200 => Err(Msg::new("v-impact-long")),
            _ if has_control(text, false) => Err(Msg::new("v-impact-control")),
            _ => Ok(Self(text.to_owned())),
        }
    }
    /// The line.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The key a form carries so that a double submit records once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// 8 to 64 letters, digits, `-` or `_`.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let key = clean(raw);
        let ok = (8..=64).contains(&key.len())
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(Self(key.to_owned()))
        } else {
            Err(Msg::new("v-form-expired"))
        }
    }
    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An offer of help or a request for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PostKind {
    /// "I can help with ..."
    Offer,
    /// "Could someone help with ..."
    Request,
}

impl PostKind {
    /// Parses the stored or submitted text.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        match clean(raw) {
            "offer" => Ok(Self::Offer),
            "request" => Ok(Self::Request),
            _ => Err(Msg::new("v-post-kind")),
        }
    }
    /// The stored text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Offer => "offer",
            Self::Request => "request",
        }
    }
}

/// A help post's title: 3 to 100 characters, one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostTitle(String);

impl PostTitle {
    /// Trims and checks.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let text = clean(raw);
        match text.chars().count() {
            0..=2 => Err(Msg::new("v-post-title-short")),
            n if n > 100 => Err(Msg::new("v-post-title-long")),
            _ if has_control(text, false) => Err(Msg::new("v-post-title-control")),
            _ => Ok(Self(text.to_owned())),
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Free text of a post or response: up to 2,000 characters (may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail(String);

impl Detail {
    /// Trims and checks.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let text = clean(raw);
        if text.chars().count() > 2000 {
            return Err(Msg::new("v-detail-long"));
        }
        check_controls(text, Lines::Many)?;
        Ok(Self(text.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How long a post stays open: 1 to 60 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpiryDays(i64);

impl ExpiryDays {
    /// Checks the range.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        match clean(raw).parse::<i64>() {
            Ok(n) if (1..=60).contains(&n) => Ok(Self(n)),
            _ => Err(Msg::new("v-days-range").arg("max", 60)),
        }
    }
    /// The number of days.
    pub fn get(self) -> i64 {
        self.0
    }
}

/// Who sees a team's aggregates (member table, load, graph). Notes are never public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Every member (the default).
    Everyone,
    /// Leaders only; members still see their own page.
    Leaders,
}

impl Visibility {
    /// Parses the stored or submitted text.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        match clean(raw) {
            "everyone" => Ok(Self::Everyone),
            "leaders" => Ok(Self::Leaders),
            _ => Err(Msg::new("v-visibility")),
        }
    }
    /// The stored text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Everyone => "everyone",
            Self::Leaders => "leaders",
        }
    }
}

/// Days after which an unanswered request shows as unmet: 1 to 60.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnmetDays(i32);

impl UnmetDays {
    /// Checks the range.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        match clean(raw).parse::<i32>() {
            Ok(n) if (1..=60).contains(&n) => Ok(Self(n)),
            _ => Err(Msg::new("v-days-range").arg("max", 60)),
        }
    }
    /// The number of days.
    pub fn get(self) -> i32 {
        self.0
    }
}
