//! `meeting_shares`: a meeting whose published agenda and minutes its team's leaders share,
//! read-only, with every team linked to theirs. No row: not shared.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MeetingId, TeamId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_shares")]
pub struct Model {
    /// The meeting (primary key).
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: MeetingId,
    /// The meeting's own team.
    pub team_id: TeamId,
    /// The leader who shared it.
    pub shared_by: Option<UserId>,
    pub shared_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
