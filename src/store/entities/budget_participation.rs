//! `budget_participation`: who has voted in a round (kept apart from the ballots).

use crate::domain::ids::{RoundId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_participation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: RoundId,
    /// The voter.
    pub user_id: UserId,
    /// First ballot.
    pub first_voted_at: TimeDateTimeWithTimeZone,
    pub last_voted_at: TimeDateTimeWithTimeZone,
    /// How many times the ballot was changed.
    pub changes: i32,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
