//! `series_occurrences`: one meeting of a series, on one local date (unique per series), with
//! its timekeeper and, if cancelled alone, when and by whom (the meeting row stays).

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MeetingId, OccurrenceId, SeriesId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "series_occurrences")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: OccurrenceId,
    pub series_id: SeriesId,
    /// The local date in the team's zone.
    pub occurs_on: TimeDate,
    /// The meeting created for it.
    pub meeting_id: MeetingId,
    /// Keeps time (when the series has one).
    pub timekeeper_id: Option<UserId>,
    /// Cancelled (shown as cancelled, never deleted).
    pub cancelled_at: Option<TimeDateTimeWithTimeZone>,
    pub cancelled_by: Option<UserId>,
    /// Why, as the leader wrote it.
    pub cancel_reason: String,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
