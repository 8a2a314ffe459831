//! `budget_results`: the computation of a round, written once (the round is the primary key).

use crate::domain::ids::RoundId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_results")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: RoundId,
    /// When it was computed.
    pub computed_at: TimeDateTimeWithTimeZone,
    /// The engine's rule key (`mes_cost_add1_full_greedy`).
    pub rule: String,
    /// Ballots counted.
    pub ballot_count: i32,
    /// What was computed: ideas with codes, costs and supporters (JSON).
    pub input: String,
    /// The rule's outcome (JSON).
    pub outcome: String,
    /// Greedy by votes on the same ballots, for comparison (JSON).
    pub greedy: String,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
