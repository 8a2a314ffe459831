//! `notification_preferences`: a person's channel for one kind, where they changed the default.

use sea_orm::entity::prelude::*;

use crate::domain::ids::UserId;

/// One person's choice for one kind.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_preferences")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: UserId,
    /// `domain::notice::Kind` as stored.
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    /// `email`, `in_app` or `off`.
    pub channel: String,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
