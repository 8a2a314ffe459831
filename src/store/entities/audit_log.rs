//! `audit_log`: append-only, each row carrying the hash of the previous one.

use sea_orm::entity::prelude::*;

/// One audit entry.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    /// Primary key, increasing.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When it happened.
    pub occurred_at: TimeDateTimeWithTimeZone,
    /// Who did it (none for the CLI).
    pub actor_id: Option<i64>,
    /// Team concerned, if any.
    pub team_id: Option<i64>,
    /// What happened (`invitation.create`, `member.join`, ...).
    pub action: String,
    /// Details as JSON text.
    pub detail: String,
    /// Hash of the previous row (64 zeros for the first).
    pub prev_hash: String,
    /// Hash of this row's content and `prev_hash`.
    #[sea_orm(unique)]
    pub hash: String,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
