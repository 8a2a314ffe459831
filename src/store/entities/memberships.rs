//! `memberships`: a person's role in a team (`member` or `leader`).

use sea_orm::entity::prelude::*;

/// One membership.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "memberships")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub team_id: i64,
    /// The person.
    pub user_id: i64,
    /// `member` or `leader` (checked by the database).
    pub role: String,
    /// When they joined.
    pub joined_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
