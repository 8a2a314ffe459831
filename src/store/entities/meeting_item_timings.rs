//! `meeting_item_timings`: when each agenda item started and ended, by the server's clock.

use sea_orm::entity::prelude::*;

use crate::domain::ids::MeetingId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_item_timings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: MeetingId,
    /// The item's 0-based position in the published agenda.
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    pub started_at: TimeDateTimeWithTimeZone,
    /// Ended (none while it runs).
    pub ended_at: Option<TimeDateTimeWithTimeZone>,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
