//! `meeting_minutes`: every version of a meeting's minutes (Markdown); never updated, so an
//! edit after publishing keeps what was published.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MeetingId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_minutes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: MeetingId,
    /// 1, 2, ... per meeting.
    pub version: i32,
    /// The text, Markdown.
    pub body: String,
    /// Published (a draft otherwise).
    pub published: bool,
    /// Who wrote this version (none: drafted by Roundtable at close).
    pub author_id: Option<UserId>,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
