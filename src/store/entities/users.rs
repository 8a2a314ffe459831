//! `users`: a person's account.

use crate::domain::ids::UserId;
use sea_orm::entity::prelude::*;

/// One account.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: UserId,
    /// Lower-case email, unique.
    #[sea_orm(unique)]
    pub email: String,
    /// Name shown to teammates.
    pub display_name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Site administrator?
    pub is_admin: bool,
    /// Bumped to end every session of this person.
    pub auth_epoch: i64,
    /// The person's own IANA time zone; `None` shows times in each team's zone.
    pub time_zone: Option<String>,
    /// The person's chosen language code; `None` follows their browser.
    pub language: Option<String>,
    /// When the account was created.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared yet.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
