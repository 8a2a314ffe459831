//! `recognitions`: a public thank-you from one member to another, with its impact.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{ActionId, ExchangeId, TeamId, UserId};

/// One thank-you.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recognitions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub team_id: TeamId,
    /// Who says thank you.
    pub from_id: UserId,
    /// Who is thanked (never the sender: checked by the database).
    pub to_id: UserId,
    /// The impact, in a line.
    pub impact: String,
    /// The exchange it thanks for, if any.
    pub exchange_id: Option<ExchangeId>,
    /// The action it thanks for, if any.
    pub action_ref: Option<ActionId>,
    /// Set when the recipient hid it from the team page.
    pub hidden_at: Option<TimeDateTimeWithTimeZone>,
    /// Unique per sender: a double submit thanks once.
    pub idempotency_key: String,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
