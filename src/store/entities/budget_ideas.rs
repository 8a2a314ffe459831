//! `budget_ideas`: an idea proposed in a round, its cost (with the original and a reason when
//! a leader adjusted it) and its review.

use crate::domain::ids::{IdeaId, RoundId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_ideas")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: IdeaId,
    pub round_id: RoundId,
    /// The project id used in Pabulib files and by the rules (the id, or the imported id).
    pub code: String,
    /// Who proposed it.
    pub author_id: Option<UserId>,
    pub title: String,
    /// What it is and why.
    pub description: String,
    /// Location or category (may be empty).
    pub location: String,
    /// Cost in minor units.
    pub cost: i64,
    /// The cost the author gave, when a leader adjusted it.
    pub original_cost: Option<i64>,
    /// Why the cost was adjusted.
    pub cost_reason: Option<String>,
    /// Review state.
    pub status: IdeaStatus,
    /// Why it is infeasible.
    pub status_reason: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Stored review state.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum IdeaStatus {
    /// Not reviewed yet.
    #[sea_orm(string_value = "proposed")]
    Proposed,
    /// Withdrawn by its author.
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
    /// On the ballot.
    #[sea_orm(string_value = "feasible")]
    Feasible,
    /// Not on the ballot, with a reason everyone sees.
    #[sea_orm(string_value = "infeasible")]
    Infeasible,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
