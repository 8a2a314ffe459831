//! `mail_outbox`: messages waiting to be sent, being sent, sent or given up.

use sea_orm::entity::prelude::*;

use crate::domain::ids::UserId;

/// One message to one address.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The account it is for (none for an invitation to a new address).
    pub user_id: Option<UserId>,
    /// `domain::notice::Kind`, or `invitation`, `reset`, `test`.
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    pub attachment_name: Option<String>,
    pub attachment_type: Option<String>,
    pub attachment: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
    /// Not sent before this time (backoff after a failure).
    pub next_attempt_at: TimeDateTimeWithTimeZone,
    pub attempts: i32,
    /// The sender process holding the row until `lease_until`.
    pub lease_owner: Option<String>,
    pub lease_until: Option<TimeDateTimeWithTimeZone>,
    pub sent_at: Option<TimeDateTimeWithTimeZone>,
    /// Given up after too many failures.
    pub failed_at: Option<TimeDateTimeWithTimeZone>,
    pub last_error: Option<String>,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
