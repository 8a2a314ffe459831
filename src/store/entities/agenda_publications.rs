//! `agenda_publications`: the agreed agenda a leader published.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MeetingId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_publications")]
pub struct Model {
    /// The meeting (primary key).
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: MeetingId,
    pub published_at: TimeDateTimeWithTimeZone,
    /// By whom.
    pub published_by: Option<UserId>,
    /// The items in order, as JSON.
    pub items: String,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
