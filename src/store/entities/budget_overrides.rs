//! `budget_overrides`: a published outcome differs from the computed one for an idea, with the
//! reason everyone sees.

use crate::domain::ids::{IdeaId, RoundId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_overrides")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: RoundId,
    pub idea_id: IdeaId,
    /// `true`: funded although the rule did not; `false`: not funded although it did.
    pub funded: bool,
    pub reason: String,
    /// Which leader.
    pub actor_id: Option<UserId>,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
