//! `meeting_runs`: the meeting as held: its note-taker, and when the facilitator closed it.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MeetingId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_runs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: MeetingId,
    /// Who takes the notes (edits and publishes the minutes with the leaders).
    pub note_taker_id: Option<UserId>,
    /// Closed (the minutes are drafted then).
    pub closed_at: Option<TimeDateTimeWithTimeZone>,
    /// Who closed it.
    pub closed_by: Option<UserId>,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
