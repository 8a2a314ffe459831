//! `meeting_facilitators`: who was made facilitator of a meeting, and when (the history).

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MeetingId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_facilitators")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: MeetingId,
    /// The facilitator (none: unassigned).
    pub user_id: Option<UserId>,
    pub assigned_at: TimeDateTimeWithTimeZone,
    /// By whom.
    pub assigned_by: Option<UserId>,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
