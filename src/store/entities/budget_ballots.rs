//! `budget_ballots`: one ballot per voter key and round; no timestamps, by design.

use crate::domain::ids::{RoundId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_ballots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: RoundId,
    /// HMAC of the voter's id with the round's secret (the receipt hash after computation of
    /// a secret round; `pb:<id>` for imported ballots).
    pub voter_key: String,
    /// The voter, for open rounds only.
    pub voter_id: Option<UserId>,
    /// Idea ids as a JSON array (in rank order for ranked ballots).
    pub selection: String,
    /// SHA-256 of the receipt code the voter was shown.
    pub receipt_hash: String,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
