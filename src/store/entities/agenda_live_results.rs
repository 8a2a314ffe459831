//! `agenda_live_results`: a meeting's provisional (live) count, recounted in the background
//! when a ballot changes, so that results pages only read.

use sea_orm::entity::prelude::*;

use crate::domain::ids::MeetingId;

/// One row per meeting that has had a ballot.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_live_results")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: MeetingId,
    /// Bumped by every saved ballot.
    pub generation: i64,
    /// The generation the stored count reflects (`None`: not counted yet).
    pub counted_generation: Option<i64>,
    /// When a server took the count on (a lease; cleared when stored).
    pub claimed_at: Option<TimeDateTimeWithTimeZone>,
    /// When the stored count was made.
    pub counted_at: Option<TimeDateTimeWithTimeZone>,
    /// Ballots in the stored count.
    pub ballot_count: i32,
    /// Input of the stored count, as JSON.
    pub input: Option<String>,
    /// Output of the stored count, as JSON.
    pub outcome: Option<String>,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
