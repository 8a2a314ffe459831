//! `action_comments`: what members said about an action.

use crate::domain::ids::{ActionId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub action_id: ActionId,
    /// Who wrote it.
    pub author_id: Option<UserId>,
    /// The comment.
    pub body: String,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
