//! `invitations`: a join link (only its SHA-256 is stored).

use sea_orm::entity::prelude::*;

use crate::domain::ids::{TeamId, UserId};

/// One invitation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Team joined by accepting.
    pub team_id: TeamId,
    /// Hex SHA-256 of the token.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// Role given on joining.
    pub role: super::memberships::Role,
    /// How many people may use it.
    pub max_uses: i32,
    /// How many have.
    pub uses: i32,
    /// Unusable after this instant.
    pub expires_at: TimeDateTimeWithTimeZone,
    /// Set when a leader revokes it.
    pub revoked_at: Option<TimeDateTimeWithTimeZone>,
    /// Who created it.
    pub created_by: Option<UserId>,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
