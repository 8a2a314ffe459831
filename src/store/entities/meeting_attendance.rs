//! `meeting_attendance`: who was present and who sent apologies.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MeetingId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_attendance")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: MeetingId,
    /// The member.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: UserId,
    /// Present or apologies.
    pub status: Attendance,
    /// When it was taken.
    pub recorded_at: TimeDateTimeWithTimeZone,
}

/// Stored attendance.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Attendance {
    /// Was there.
    #[sea_orm(string_value = "present")]
    Present,
    /// Could not come and said so.
    #[sea_orm(string_value = "apologies")]
    Apologies,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
