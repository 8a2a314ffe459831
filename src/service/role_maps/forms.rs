//! The role map forms as typed, and their checks: every value through `domain::role_map`,
//! every person a member of the team.

use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::ids::{TeamId, UserId};
use crate::domain::role_map::{MapTitle, MilestoneTitle, Outcome, due_date};
use crate::domain::team::member_choice;
use crate::i18n::Msg;
use crate::service::{FieldErrors, Result, ServiceError};

/// A role map's own fields as typed (the "new role map" form and the edit form).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MapForm {
    /// The project's name.
    #[serde(default)]
    pub title: String,
    /// One sentence.
    #[serde(default)]
    pub outcome: String,
    /// A member's id.
    #[serde(default)]
    pub owner_id: String,
}

/// A milestone as typed (add and edit).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MilestoneForm {
    #[serde(default)]
    pub title: String,
    /// A member's id.
    #[serde(default)]
    pub owner_id: String,
    /// `YYYY-MM-DD`, as a date input sends it.
    #[serde(default)]
    pub due_on: String,
}

/// A milestone's done flag as a button sends it (`yes` or `no`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DoneForm {
    #[serde(default)]
    pub done: String,
}

impl DoneForm {
    /// `yes` is done; anything else is not.
    pub fn is_done(&self) -> bool {
        self.done.trim() == "yes"
    }
}

/// Checked map fields.
#[derive(Debug, Clone)]
pub struct MapFields {
    pub title: MapTitle,
    pub outcome: Outcome,
    pub owner: UserId,
}

/// Checked milestone fields.
#[derive(Debug, Clone)]
pub struct MilestoneFields {
    pub title: MilestoneTitle,
    pub owner: UserId,
    pub due_on: Date,
}

/// The member `raw` names, if they are in `team_id`.
async fn member(db: &impl ConnectionTrait, team_id: TeamId, raw: &str) -> Result<Option<UserId>> {
    Ok(match member_choice(raw) {
        Some(id) => crate::store::scoped::membership(db, team_id, id)
            .await?
            .map(|m| m.user_id),
        None => None,
    })
}

/// Checks the title, outcome and owner (a member of `team_id`).
pub async fn parse_map(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    form: &MapForm,
) -> Result<MapFields> {
    let mut errors = FieldErrors::new();
    let title = MapTitle::parse(&form.title)
        .map_err(|e| errors.add("title", e))
        .ok();
    let outcome = Outcome::parse(&form.outcome)
        .map_err(|e| errors.add("outcome", e))
        .ok();
    let owner = member(db, team_id, &form.owner_id).await?;
    if owner.is_none() {
        errors.add("owner_id", Msg::new("rm-v-owner-not-member"));
    }
    match (title, outcome, owner) {
        (Some(title), Some(outcome), Some(owner)) => Ok(MapFields {
            title,
            outcome,
            owner,
        }),
        _ => Err(ServiceError::Invalid(errors)),
    }
}

/// Checks a milestone's title, owner (a member of `team_id`) and due date.
pub async fn parse_milestone(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    form: &MilestoneForm,
    today: Date,
) -> Result<MilestoneFields> {
    let mut errors = FieldErrors::new();
    let title = MilestoneTitle::parse(&form.title)
        .map_err(|e| errors.add("title", e))
        .ok();
    let owner = member(db, team_id, &form.owner_id).await?;
    if owner.is_none() {
        errors.add("owner_id", Msg::new("rm-v-owner-not-member"));
    }
    let due_on = due_date(&form.due_on, today)
        .map_err(|e| errors.add("due_on", e))
        .ok();
    match (title, owner, due_on) {
        (Some(title), Some(owner), Some(due_on)) => Ok(MilestoneFields {
            title,
            owner,
            due_on,
        }),
        _ => Err(ServiceError::Invalid(errors)),
    }
}
