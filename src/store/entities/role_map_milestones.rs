//! `role_map_milestones`: a step of a role map, with its owner, due date and whether it is done.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MilestoneId, RoleMapId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_map_milestones")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: MilestoneId,
    pub role_map_id: RoleMapId,
    /// What is reached.
    pub title: String,
    /// Who sees to it (a member).
    pub owner_id: UserId,
    /// By when.
    pub due_on: TimeDate,
    /// Reached.
    pub done: bool,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
