//! `action_history`: every change of an action's status (and its creation), who and when.

use crate::domain::ids::{ActionId, UserId};
use sea_orm::entity::prelude::*;

use super::actions::Status;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_history")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub action_id: ActionId,
    /// Who changed it.
    pub actor_id: Option<UserId>,
    /// The status before (none: the action was created).
    pub from_status: Option<Status>,
    /// The status after.
    pub to_status: Status,
    /// The reason given (blocked, dropped), or empty.
    pub reason: String,
    pub occurred_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
