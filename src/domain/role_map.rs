//! Role maps (issue 19): one page per project with its outcome, owner and milestones. The
//! values people type (title, outcome, milestone title, due date), the status machine
//! (draft → published → closed), who may edit what in each status, the difference between two
//! versions of a map, and when a milestone needs its owner's attention.
//!
//! Pure: no database, web or clock (the service passes `today`).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::ids::UserId;
use crate::domain::text::{Lines, check_controls};
use crate::i18n::Msg;

/// A milestone counts as "due soon" when its day is at most this many days ahead.
pub const DUE_SOON_DAYS: i64 = 7;

/// Role maps per page of a team's list.
pub const MAPS_PER_PAGE: u64 = 50;

/// At most this many milestones on one map (one page per project, read aloud).
pub const MAX_MILESTONES: usize = 100;

/// Where a role map stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written together by any member.
    Draft,
    /// Agreed; changes are versioned.
    Published,
    /// Finished; read-only.
    Closed,
}

impl Status {
    /// The stored and form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Closed => "closed",
        }
    }

    /// In words, in the reader's language.
    pub fn word(self) -> Msg {
        match self {
            Self::Draft => Msg::new("rm-status-draft"),
            Self::Published => Msg::new("rm-status-published"),
            Self::Closed => Msg::new("rm-status-closed"),
        }
    }

    /// The status a map moves to next (publish a draft, close a published map), if any.
    pub fn next(self) -> Option<Status> {
        match self {
            Self::Draft => Some(Self::Published),
            Self::Published => Some(Self::Closed),
            Self::Closed => None,
        }
    }
}

/// Moving a map from `from` to `to`: only one step forward (draft → published → closed).
pub fn check_move(from: Status, to: Status) -> Result<(), Msg> {
    if from.next() == Some(to) {
        Ok(())
    } else if from == Status::Closed {
        Err(Msg::new("rm-closed-read-only"))
    } else {
        Err(Msg::new("rm-move-refused"))
    }
}

/// The map's owner or a leader publishes and closes it.
pub fn may_move(owner: UserId, person: UserId, leads_team: bool) -> bool {
    owner == person || leads_team
}

/// What a person may change on a map in its current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Rights {
    /// The map's title, outcome and owner, and add, edit or remove its milestones.
    pub edit_all: bool,
    /// Mark milestones they own done or not done (also true with `edit_all`).
    pub mark_own_done: bool,
}

/// Any member edits a draft together; once published, the map's owner and leaders edit it
/// and milestone owners tick their own milestones; a closed map is read-only.
pub fn rights(status: Status, is_map_owner: bool, leads_team: bool) -> Rights {
    match status {
        Status::Draft => Rights {
            edit_all: true,
            mark_own_done: true,
        },
        Status::Published => Rights {
            edit_all: is_map_owner || leads_team,
            mark_own_done: true,
        },
        Status::Closed => Rights::default(),
    }
}

/// Whether a person with `rights` may set the done flag of a milestone owned by
/// `milestone_owner`.
pub fn may_mark_done(rights: Rights, milestone_owner: UserId, person: UserId) -> bool {
    rights.edit_all || (rights.mark_own_done && milestone_owner == person)
}

/// Not done and due within [`DUE_SOON_DAYS`] days of `today`, or overdue.
pub fn needs_attention(done: bool, due_on: Date, today: Date) -> bool {
    !done && due_on <= today + time::Duration::days(DUE_SOON_DAYS)
}

/// Not done and its day has passed.
pub fn is_overdue(done: bool, due_on: Date, today: Date) -> bool {
    !done && due_on < today
}

/// One line of `min` to `max` characters; `short` and `long` say what is wrong.
fn one_line(raw: &str, min: usize, max: usize, short: Msg, long: Msg) -> Result<String, Msg> {
    let text = raw.trim();
    let n = text.chars().count();
    if n < min {
        return Err(short);
    }
    if n > max {
        return Err(long.arg("max", max));
    }
    check_controls(text, Lines::One)?;
    Ok(text.to_owned())
}

/// The project's name: 3 to 120 characters, one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapTitle(String);

impl MapTitle {
    /// Trims and checks.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        one_line(
            raw,
            3,
            120,
            Msg::new("rm-v-title-short"),
            Msg::new("rm-v-title-long"),
        )
        .map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the project will have achieved: one sentence (required, one line, 10 to 300
/// characters, no full stop followed by another sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome(String);

impl Outcome {
    /// Trims and checks.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        if raw.trim().is_empty() {
            return Err(Msg::new("rm-v-outcome-missing"));
        }
        let text = one_line(
            raw,
            10,
            300,
            Msg::new("rm-v-outcome-short"),
            Msg::new("rm-v-outcome-long"),
        )?;
        if has_second_sentence(&text) {
            return Err(Msg::new("rm-v-outcome-one-sentence"));
        }
        Ok(Self(text))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `. `, `! ` or `? ` followed by a capital letter: a second sentence has started.
fn has_second_sentence(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(3).any(
        |w| matches!(w, [end, ' ', next] if matches!(end, '.' | '!' | '?') && next.is_uppercase()),
    )
}

/// A milestone's title: 3 to 200 characters, one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneTitle(String);

impl MilestoneTitle {
    /// Trims and checks.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        one_line(
            raw,
            3,
            200,
            Msg::new("rm-v-milestone-short"),
            Msg::new("rm-v-milestone-long"),
        )
        .map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A milestone's due day as a date input sends it (`2027-01-19`), within five years of
/// `today` either way (a map may record a milestone already passed).
pub fn due_date(raw: &str, today: Date) -> Result<Date, Msg> {
    if raw.trim().is_empty() {
        return Err(Msg::new("rm-v-due-missing"));
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let day = Date::parse(raw.trim(), &format).map_err(|_| Msg::new("rm-v-due-invalid"))?;
    let span = time::Duration::days(5 * 366);
    if day < today - span || day > today + span {
        return Err(Msg::new("rm-v-due-range"));
    }
    Ok(day)
}

/// A milestone as a version sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneState {
    /// Its row id (stable across edits).
    pub id: i64,
    pub title: String,
    pub owner: UserId,
    pub due_on: Date,
    pub done: bool,
}

/// Everything about a map that a version records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapState {
    pub title: String,
    pub outcome: String,
    pub owner: UserId,
    /// In any order; matched by id.
    pub milestones: Vec<MilestoneState>,
}

/// What changed, in one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The map was published (version 1).
    Published,
    /// The map was closed.
    Closed,
    Title,
    Outcome,
    Owner,
    MilestoneAdded,
    MilestoneRemoved,
    MilestoneTitle,
    MilestoneOwner,
    MilestoneDue,
    MilestoneDone,
}

/// A value as a version stores it: people by id (named when shown), days as ISO dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Value {
    Text(String),
    Person(UserId),
    Day(Date),
    Done(bool),
}

/// One change of a version: the field, the milestone it concerns (its title at the time) and
/// the values before and after (none for additions, removals, publication and closing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: Field,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
}

impl Change {
    fn of(field: Field, before: Value, after: Value) -> Self {
        Self {
            field,
            milestone: None,
            before: Some(before),
            after: Some(after),
        }
    }

    fn on(mut self, milestone: &str) -> Self {
        self.milestone = Some(milestone.to_owned());
        self
    }

    /// A change with no values (publication, closing).
    pub fn event(field: Field) -> Self {
        Self {
            field,
            milestone: None,
            before: None,
            after: None,
        }
    }
}

/// Every difference from `before` to `after`: the map's fields, then milestones in `after`'s
/// order (changed or added), then removed ones in `before`'s order. Equal states give none.
pub fn diff(before: &MapState, after: &MapState) -> Vec<Change> {
    let mut out = Vec::new();
    if before.title != after.title {
        out.push(Change::of(
            Field::Title,
            Value::Text(before.title.clone()),
            Value::Text(after.title.clone()),
        ));
    }
    if before.outcome != after.outcome {
        out.push(Change::of(
            Field::Outcome,
            Value::Text(before.outcome.clone()),
            Value::Text(after.outcome.clone()),
        ));
    }
    if before.owner != after.owner {
        out.push(Change::of(
            Field::Owner,
            Value::Person(before.owner),
            Value::Person(after.owner),
        ));
    }
    for new in &after.milestones {
        let Some(old) = before.milestones.iter().find(|m| m.id == new.id) else {
            out.push(Change {
                field: Field::MilestoneAdded,
                milestone: Some(new.title.clone()),
                before: None,
                after: Some(Value::Day(new.due_on)),
            });
            continue;
        };
        // Changes to a milestone are named by its title before this version.
        let name = old.title.as_str();
        if old.title != new.title {
            out.push(
                Change::of(
                    Field::MilestoneTitle,
                    Value::Text(old.title.clone()),
                    Value::Text(new.title.clone()),
                )
                .on(name),
            );
        }
        if old.owner != new.owner {
            out.push(
                Change::of(
                    Field::MilestoneOwner,
                    Value::Person(old.owner),
                    Value::Person(new.owner),
                )
                .on(name),
            );
        }
        if old.due_on != new.due_on {
            out.push(
                Change::of(
                    Field::MilestoneDue,
                    Value::Day(old.due_on),
                    Value::Day(new.due_on),
                )
                .on(name),
            );
        }
        if old.done != new.done {
            out.push(
                Change::of(
                    Field::MilestoneDone,
                    Value::Done(old.done),
                    Value::Done(new.done),
                )
                .on(name),
            );
        }
    }
    for old in &before.milestones {
        if !after.milestones.iter().any(|m| m.id == old.id) {
            out.push(Change {
                field: Field::MilestoneRemoved,
                milestone: Some(old.title.clone()),
                before: Some(Value::Day(old.due_on)),
                after: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn state() -> MapState {
        MapState {
            title: "Reading pilot".into(),
            outcome: "Every Y7 class reads daily by March.".into(),
            owner: UserId(1),
            milestones: vec![
                MilestoneState {
                    id: 10,
                    title: "Pilot in Y7".into(),
                    owner: UserId(2),
                    due_on: date!(2027 - 01 - 12),
                    done: false,
                },
                MilestoneState {
                    id: 11,
                    title: "Review".into(),
                    owner: UserId(1),
                    due_on: date!(2027 - 02 - 01),
                    done: false,
                },
            ],
        }
    }

    #[test]
    fn a_map_moves_one_step_forward_only() {
        use Status::*;
        assert!(check_move(Draft, Published).is_ok());
        assert!(check_move(Published, Closed).is_ok());
        assert!(check_move(Draft, Closed).is_err());
        assert!(check_move(Published, Draft).is_err());
        assert_eq!(
            check_move(Closed, Published).unwrap_err().key(),
            "rm-closed-read-only"
        );
    }

    #[test]
    fn drafts_are_shared_published_maps_belong_to_owner_and_leaders_closed_are_frozen() {
        assert!(rights(Status::Draft, false, false).edit_all);
        let member = rights(Status::Published, false, false);
        assert!(!member.edit_all);
        assert!(may_mark_done(member, UserId(5), UserId(5)));
        assert!(!may_mark_done(member, UserId(6), UserId(5)));
        assert!(rights(Status::Published, true, false).edit_all);
        assert!(rights(Status::Published, false, true).edit_all);
        let closed = rights(Status::Closed, true, true);
        assert!(!closed.edit_all);
        assert!(!may_mark_done(closed, UserId(5), UserId(5)));
        assert!(may_move(UserId(1), UserId(1), false));
        assert!(may_move(UserId(1), UserId(2), true));
        assert!(!may_move(UserId(1), UserId(2), false));
    }

    #[test]
    fn the_diff_names_each_changed_field_with_before_and_after() {
        let before = state();
        assert!(diff(&before, &before).is_empty());
        let mut after = state();
        after.outcome = "Every Y7 and Y8 class reads daily.".into();
        if let Some(m) = after.milestones.get_mut(0) {
            m.due_on = date!(2027 - 01 - 19);
            m.done = true;
        }
        after.milestones.remove(1);
        after.milestones.push(MilestoneState {
            id: 12,
            title: "Share results".into(),
            owner: UserId(3),
            due_on: date!(2027 - 03 - 01),
            done: false,
        });
        let changes = diff(&before, &after);
        let fields: Vec<Field> = changes.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [
                Field::Outcome,
                Field::MilestoneDue,
                Field::MilestoneDone,
                Field::MilestoneAdded,
                Field::MilestoneRemoved,
            ]
        );
        let due = &changes[1];
        assert_eq!(due.milestone.as_deref(), Some("Pilot in Y7"));
        assert_eq!(due.before, Some(Value::Day(date!(2027 - 01 - 12))));
        assert_eq!(due.after, Some(Value::Day(date!(2027 - 01 - 19))));
        let json = serde_json::to_string(&changes).unwrap();
        let back: Vec<Change> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, changes);
    }

    #[test]
    fn a_renamed_milestone_is_named_by_its_old_title() {
        let before = state();
        let mut after = state();
        if let Some(m) = after.milestones.get_mut(0) {
            m.title = "Pilot in Y7 and Y8".into();
            m.owner = UserId(9);
        }
        let changes = diff(&before, &after);
        assert_eq!(changes.len(), 2);
        assert!(
            changes
                .iter()
                .all(|c| c.milestone.as_deref() == Some("Pilot in Y7"))
        );
        assert_eq!(changes[1].after, Some(Value::Person(UserId(9))));
    }

    #[test]
    fn values_are_checked() {
        let today = date!(2026 - 12 - 04);
        assert_eq!(
            Outcome::parse("  ").unwrap_err().key(),
            "rm-v-outcome-missing"
        );
        assert!(Outcome::parse("Every class reads daily by March.").is_ok());
        assert_eq!(
            Outcome::parse("Every class reads. Then we review it all.")
                .unwrap_err()
                .key(),
            "rm-v-outcome-one-sentence"
        );
        assert!(Outcome::parse("Every class\nreads daily").is_err());
        assert!(Outcome::parse("Reach 2.5 hours a week, e.g. in tutor time.").is_ok());
        assert!(MapTitle::parse("ab").is_err());
        assert!(MilestoneTitle::parse("Pilot in Y7").is_ok());
        assert_eq!(due_date("2027-01-19", today), Ok(date!(2027 - 01 - 19)));
        assert_eq!(due_date("2026-11-01", today), Ok(date!(2026 - 11 - 01)));
        assert_eq!(due_date("", today).unwrap_err().key(), "rm-v-due-missing");
        assert_eq!(
            due_date("2027-02-30", today).unwrap_err().key(),
            "rm-v-due-invalid"
        );
        assert_eq!(
            due_date("2099-01-01", today).unwrap_err().key(),
            "rm-v-due-range"
        );
    }

    #[test]
    fn due_soon_is_a_week_ahead_or_overdue_and_never_done() {
        let today = date!(2026 - 12 - 04);
        assert!(needs_attention(false, date!(2026 - 12 - 07), today));
        assert!(needs_attention(false, date!(2026 - 12 - 11), today));
        assert!(!needs_attention(false, date!(2026 - 12 - 12), today));
        assert!(needs_attention(false, date!(2026 - 11 - 01), today));
        assert!(!needs_attention(true, date!(2026 - 11 - 01), today));
        assert!(is_overdue(false, date!(2026 - 12 - 03), today));
        assert!(!is_overdue(false, today, today));
    }
}
