//! `notifications`: in-app messages to one person ("Lee confirmed your 30 minutes").

use sea_orm::entity::prelude::*;

use crate::domain::ids::{TeamId, UserId};

/// One notification.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The recipient.
    pub user_id: UserId,
    /// The team it concerns.
    pub team_id: TeamId,
    /// `domain::notice::Kind` as stored.
    pub kind: String,
    pub message: String,
    /// Where to act on it (a local path).
    pub link: String,
    pub created_at: TimeDateTimeWithTimeZone,
    /// When the recipient dismissed it.
    pub read_at: Option<TimeDateTimeWithTimeZone>,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
