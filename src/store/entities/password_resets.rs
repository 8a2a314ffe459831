//! `password_resets`: single-use reset links issued by a leader or admin.

use crate::domain::ids::UserId;
use sea_orm::entity::prelude::*;

/// One reset link.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "password_resets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Whose password it resets.
    pub user_id: UserId,
    /// Hex SHA-256 of the token.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// Unusable after this instant.
    pub expires_at: TimeDateTimeWithTimeZone,
    /// Set when used.
    pub used_at: Option<TimeDateTimeWithTimeZone>,
    /// Who issued it.
    pub created_by: Option<UserId>,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
