//! `calendar_feeds`: a person's secret calendar address, one per person, kept only as the
//! SHA-256 of its token (`auth::tokens::token_hash`), so the database never holds a usable link.

use sea_orm::entity::prelude::*;

use crate::domain::ids::UserId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_feeds")]
pub struct Model {
    /// Whose feed (primary key).
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: UserId,
    /// Hex SHA-256 of the token in the address.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// When this token was made (a regenerated token starts again).
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
