//! `role_map_versions`: each published version of a role map: who, when, and what changed
//! (a JSON list of `domain::role_map::Change`). Never updated.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{RoleMapId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_map_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub role_map_id: RoleMapId,
    /// 1 for the publication, then one more per change.
    pub version: i32,
    /// Who made it.
    pub actor_id: Option<UserId>,
    /// What changed, as JSON.
    pub changes: String,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
