//! `budget_supports`: a member supports an idea during the ideas phase (one per member and idea).

use crate::domain::ids::{IdeaId, RoundId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_supports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: RoundId,
    pub idea_id: IdeaId,
    /// Who supports it.
    pub user_id: UserId,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
