//! `checkins`: a member's weekly note in a team (one per ISO week, `UNIQUE(team_id, user_id,
//! week)`), and the action its blocker marks as blocked, with that action's status before.

use sea_orm::entity::prelude::*;

use super::actions::Status;
use crate::domain::ids::{ActionId, TeamId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checkins")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub team_id: TeamId,
    /// Whose check-in.
    pub user_id: UserId,
    /// The ISO week on the team's clock, `2026-W49`.
    pub week: String,
    /// What moved.
    pub moved: String,
    /// What is blocking.
    pub blocking: String,
    /// What comes next.
    pub next_up: String,
    /// One visible improvement for the week.
    pub improvement: String,
    /// The team's action the blocker holds up, while the link stands.
    pub blocker_action_id: Option<ActionId>,
    /// That action's status before the link (given back when the link goes).
    pub prior_status: Option<Status>,
    /// That action's reason before the link.
    pub prior_reason: String,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
