//! Actions and decisions: the values a person types (title, due date, decision text, review
//! date), the status machine (open → in progress → blocked → done, or dropped; blocked and
//! dropped need a reason), who may move an action, and when it counts as overdue.
//!
//! Pure: no database, web or clock (the service passes `today`).

use crate::domain::ids::UserId;
use serde::Serialize;
use time::Date;

use crate::domain::text::{Lines, check_controls};
use crate::i18n::Msg;

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not started.
    Open,
    /// Under way.
    InProgress,
    /// Stuck (with a reason).
    Blocked,
    /// Finished.
    Done,
    /// Given up (with a reason).
    Dropped,
}

impl Status {
    /// Every status, in the order forms list them.
    pub const ALL: [Status; 5] = [
        Status::Open,
        Status::InProgress,
        Status::Blocked,
        Status::Done,
        Status::Dropped,
    ];

    /// The form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::InProgress => "in_progress",
            Self::Blocked => "blocked",
            Self::Done => "done",
            Self::Dropped => "dropped",
        }
    }

    /// In words, in the reader's language ("in progress", "en cours").
    pub fn word(self) -> Msg {
        match self {
            Self::Open => Msg::new("fl-status-open"),
            Self::InProgress => Msg::new("fl-status-in-progress"),
            Self::Blocked => Msg::new("fl-status-blocked"),
            Self::Done => Msg::new("fl-status-done"),
            Self::Dropped => Msg::new("fl-status-dropped"),
        }
    }

    /// Parses a form value.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw.trim())
            .ok_or_else(|| Msg::new("v-action-status"))
    }

    /// Still to be done (counts as the owner's open load and may be overdue).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::InProgress | Self::Blocked)
    }

    /// Whether moving here needs a reason.
    pub fn needs_reason(self) -> bool {
        matches!(self, Self::Blocked | Self::Dropped)
    }
}

/// Why a move is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveError {
    /// Already there.
    Same,
    /// Done and dropped actions are finished; reopening would rewrite what happened.
    Finished,
    /// Blocked and dropped need a reason.
    ReasonNeeded,
}

impl MoveError {
    /// The message shown next to the field.
    pub fn message(&self) -> Msg {
        match self {
            Self::Same => Msg::new("v-action-same-status"),
            Self::Finished => Msg::new("v-action-finished"),
            Self::ReasonNeeded => Msg::new("v-action-reason-needed"),
        }
    }
}

/// Checks a move from `from` to `to` with the reason typed (already trimmed).
pub fn check_move(from: Status, to: Status, reason: &str) -> Result<(), MoveError> {
    if from == to {
        return Err(MoveError::Same);
    }
    if !from.is_open() {
        return Err(MoveError::Finished);
    }
    if to.needs_reason() && reason.chars().count() < 3 {
        return Err(MoveError::ReasonNeeded);
    }
    Ok(())
}

/// Only the owner and the team's leaders change an action's status.
pub fn may_change_status(owner: UserId, person: UserId, leads_team: bool) -> bool {
    owner == person || leads_team
}

/// Overdue: still to be done and its day has passed.
pub fn is_overdue(status: Status, due_on: Date, today: Date) -> bool {
    status.is_open() && due_on < today
}

/// One line of 3 to `max` characters; `short` and `long` say what is wrong (`long` gets `$max`).
fn one_line(raw: &str, max: usize, short: Msg, long: Msg) -> Result<String, Msg> {
    let text = raw.trim();
    match text.chars().count() {
        0..=2 => Err(short),
        n if n > max => Err(long.arg("max", max)),
        _ => {
            check_controls(text, Lines::One)?;
            Ok(text.to_owned())
        }
    }
}

/// What is to be done: 3 to 200 characters, one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionTitle(String);

impl ActionTitle {
    /// Trims and checks.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        one_line(
            raw,
            200,
            Msg::new("v-action-title-short"),
            Msg::new("v-action-title-long"),
        )
        .map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a meeting decided: 3 to 500 characters, one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionText(String);

impl DecisionText {
    /// Trims and checks.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        one_line(
            raw,
            500,
            Msg::new("v-decision-short"),
            Msg::new("v-decision-long"),
        )
        .map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A day as a date input sends it (`2026-12-24`).
pub fn parse_day(raw: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(raw.trim(), &format).ok()
}

/// A due date: a day from `today` up to five years ahead.
pub fn due_date(raw: &str, today: Date) -> Result<Date, Msg> {
    let day = parse_day(raw).ok_or_else(|| Msg::new("v-due-date-missing"))?;
    if day < today {
        return Err(Msg::new("v-due-date-past"));
    }
    if day > today + time::Duration::days(5 * 366) {
        return Err(Msg::new("v-due-date-far"));
    }
    Ok(day)
}

/// An optional review date: empty, or a day after `today` within five years.
pub fn review_date(raw: &str, today: Date) -> Result<Option<Date>, Msg> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let day = parse_day(raw).ok_or_else(|| Msg::new("v-review-date-invalid"))?;
    if day <= today || day > today + time::Duration::days(5 * 366) {
        return Err(Msg::new("v-review-date-range"));
    }
    Ok(Some(day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn blocked_and_dropped_need_a_reason_and_finished_actions_stay_finished() {
        use Status::*;
        assert_eq!(check_move(Open, Blocked, ""), Err(MoveError::ReasonNeeded));
        assert_eq!(check_move(Open, Blocked, "waiting on IT"), Ok(()));
        assert_eq!(check_move(Blocked, Done, ""), Ok(()));
        assert_eq!(
            check_move(InProgress, Dropped, "no"),
            Err(MoveError::ReasonNeeded)
        );
        assert_eq!(check_move(Done, Open, ""), Err(MoveError::Finished));
        assert_eq!(
            check_move(Dropped, InProgress, ""),
            Err(MoveError::Finished)
        );
        assert_eq!(check_move(Open, Open, ""), Err(MoveError::Same));
    }

    #[test]
    fn only_the_owner_and_leaders_move_an_action() {
        assert!(may_change_status(UserId(1), UserId(1), false));
        assert!(may_change_status(UserId(1), UserId(2), true));
        assert!(!may_change_status(UserId(1), UserId(2), false));
    }

    #[test]
    fn overdue_means_open_and_past_its_day() {
        let today = date!(2026 - 12 - 02);
        assert!(is_overdue(Status::Open, date!(2026 - 12 - 01), today));
        assert!(is_overdue(Status::Blocked, date!(2026 - 12 - 01), today));
        assert!(!is_overdue(Status::Open, today, today));
        assert!(!is_overdue(Status::Done, date!(2026 - 11 - 01), today));
    }

    #[test]
    fn dates_and_texts_are_checked() {
        let today = date!(2026 - 12 - 02);
        assert_eq!(due_date("2026-12-02", today), Ok(today));
        assert!(due_date("2026-12-01", today).is_err());
        assert!(due_date("tomorrow", today).is_err());
        assert_eq!(review_date("", today), Ok(None));
        assert!(review_date("2026-12-02", today).is_err());
        assert!(ActionTitle::parse("  ab ").is_err());
        assert!(ActionTitle::parse("Book the hall\nnow").is_err());
        assert_eq!(
            DecisionText::parse(" Adopt the rubric ").unwrap().as_str(),
            "Adopt the rubric"
        );
    }
}
