//! `sessions`: one row per signed-in browser; deleting it signs that browser out everywhere.

use crate::domain::ids::UserId;
use sea_orm::entity::prelude::*;

/// One live session.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    /// Hex SHA-256 of the random session id kept in the (encrypted) cookie.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id_hash: String,
    /// Whose session.
    pub user_id: UserId,
    /// When it started.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last activity recorded (refreshed at most once a minute).
    pub seen_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
