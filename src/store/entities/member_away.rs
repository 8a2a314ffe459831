//! `member_away`: dates a member of a team is away (inclusive): the rota skips them then.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{TeamId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "member_away")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub team_id: TeamId,
    /// Who is away.
    pub user_id: UserId,
    /// First day away (local date).
    pub away_from: TimeDate,
    /// Last day away.
    pub away_until: TimeDate,
    /// Who recorded it (the member, or a leader).
    pub created_by: Option<UserId>,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
