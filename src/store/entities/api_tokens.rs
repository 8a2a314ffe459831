//! `api_tokens`: a person's personal API tokens for `/api/v1`, kept only as the SHA-256 of the
//! secret (`auth::tokens::token_hash`), so the database never holds a usable token.

use sea_orm::entity::prelude::*;

use crate::domain::ids::UserId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Whose token: the API acts as this person.
    pub user_id: UserId,
    /// What the person called it ("Intranet sync").
    pub name: String,
    /// Hex SHA-256 of the secret.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// `read` or `read_write`.
    pub scope: Scope,
    /// After this instant the token answers 401.
    pub expires_at: TimeDateTimeWithTimeZone,
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last request made with it (written at most once a minute).
    pub last_used_at: Option<TimeDateTimeWithTimeZone>,
    /// When its owner revoked it (NULL: still valid until `expires_at`).
    pub revoked_at: Option<TimeDateTimeWithTimeZone>,
}

/// What a token may do; an unknown stored value fails the read.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Scope {
    /// Reads only (GET).
    #[sea_orm(string_value = "read")]
    Read,
    /// Reads and writes.
    #[sea_orm(string_value = "read_write")]
    ReadWrite,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
