//! `memberships`: a person's role in a team (`member` or `leader`).

use sea_orm::entity::prelude::*;

use crate::domain::ids::{TeamId, UserId};

/// One membership.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "memberships")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub team_id: TeamId,
    /// The person.
    pub user_id: UserId,
    /// `member` or `leader` (checked by the database).
    pub role: Role,
    /// When they joined.
    pub joined_at: TimeDateTimeWithTimeZone,
}

/// A member's role in the team, as stored; mapped to `access::TeamRole`. An unknown stored
/// value fails the read instead of counting as a member.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Role {
    /// Takes part.
    #[sea_orm(string_value = "member")]
    Member,
    /// Also schedules, invites and moderates.
    #[sea_orm(string_value = "leader")]
    Leader,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
