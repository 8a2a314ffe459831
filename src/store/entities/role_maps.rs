//! `role_maps`: one page per project: its outcome, owner and status (draft, published, closed).

use sea_orm::entity::prelude::*;

use crate::domain::ids::{RoleMapId, TeamId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_maps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: RoleMapId,
    pub team_id: TeamId,
    /// The project's name.
    pub title: String,
    /// What the project will have achieved, in one sentence.
    pub outcome: String,
    /// Who carries the project (a member).
    pub owner_id: UserId,
    /// Where it stands; an unknown stored value fails the read.
    pub status: Status,
    /// The latest version number (0 while a draft; 1 once published; +1 per later change).
    pub version: i32,
    /// Who started it.
    pub created_by: Option<UserId>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Stored status; mapped to `domain::role_map::Status` in `service::role_maps`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Status {
    /// Being written together.
    #[sea_orm(string_value = "draft")]
    Draft,
    /// Agreed; later changes are versioned.
    #[sea_orm(string_value = "published")]
    Published,
    /// Finished; read-only.
    #[sea_orm(string_value = "closed")]
    Closed,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
