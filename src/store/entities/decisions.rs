//! `decisions`: what a meeting agreed on an agenda item, with an optional review date.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MeetingId, TeamId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The team (for the scan's per-team query).
    pub team_id: TeamId,
    pub meeting_id: MeetingId,
    /// The agenda item's 0-based position.
    pub item_position: i32,
    /// What was decided.
    pub text: String,
    /// When to look at it again.
    pub review_on: Option<TimeDate>,
    /// Who recorded it.
    pub recorded_by: Option<UserId>,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
