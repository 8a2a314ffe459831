//! `meeting_fixed_items`: items reserved before the ranked ones (the three-minute action scan).

use sea_orm::entity::prelude::*;

use crate::domain::ids::MeetingId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_fixed_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: MeetingId,
    /// Order among the fixed items (0-based).
    pub position: i32,
    pub title: String,
    /// Reserved minutes.
    pub minutes: i32,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
