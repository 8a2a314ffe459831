//! `help_responses`: a member answering a help post (one per person and post).

use crate::domain::ids::{PostId, UserId};
use sea_orm::entity::prelude::*;

/// One response.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "help_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub post_id: PostId,
    /// Who answered.
    pub responder_id: UserId,
    /// What they said.
    pub message: String,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
