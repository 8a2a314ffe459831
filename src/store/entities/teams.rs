//! `teams`: a group that meets.

use sea_orm::entity::prelude::*;

use crate::domain::ids::TeamId;

/// One team.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "teams")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: TeamId,
    /// URL name, unique.
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    /// Standing purpose, one or two sentences.
    pub purpose: String,
    /// IANA time zone the team meets in (`UTC` unless a leader chose one).
    pub time_zone: String,
    /// Creation time.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Goes up whenever the membership or a member's name changes (kept by triggers in the
    /// database): the key of a roster read once per change.
    pub roster_version: i64,
    /// How many members it has (kept by triggers in the database; never written here).
    pub member_count: i64,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// How many members the team has, from the kept count (no statement).
    #[must_use]
    pub fn size(&self) -> u64 {
        u64::try_from(self.member_count).unwrap_or(0)
    }
}
