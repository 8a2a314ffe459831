//! `budget_follow_ups`: what happens next for a funded idea: an owner and a status.

use crate::domain::ids::{IdeaId, RoundId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_follow_ups")]
pub struct Model {
    /// The funded idea.
    #[sea_orm(primary_key, auto_increment = false)]
    pub idea_id: IdeaId,
    pub round_id: RoundId,
    /// Who carries it out.
    pub owner_id: Option<UserId>,
    /// How far it got.
    pub status: FollowUpStatus,
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Stored follow-through status.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum FollowUpStatus {
    /// Funded, not started.
    #[sea_orm(string_value = "planned")]
    Planned,
    /// Being carried out.
    #[sea_orm(string_value = "in_progress")]
    InProgress,
    #[sea_orm(string_value = "done")]
    Done,
    #[sea_orm(string_value = "dropped")]
    Dropped,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
