//! `help_posts`: offers and requests of help.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{PostId, TeamId, UserId};

/// One post.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "help_posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: PostId,
    pub team_id: TeamId,
    /// Who posted it.
    pub author_id: UserId,
    /// `offer` or `request`.
    pub kind: PostKind,
    /// One line.
    pub title: String,
    /// What is offered or needed.
    pub detail: String,
    /// Short category.
    pub category: String,
    /// Estimated minutes, 1 to 600.
    pub estimated_minutes: i32,
    /// When it stops showing as open.
    pub expires_at: TimeDateTimeWithTimeZone,
    /// When the author closed it.
    pub closed_at: Option<TimeDateTimeWithTimeZone>,
    /// Unique per author: a double submit posts once.
    pub idempotency_key: String,
    /// When posted.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Offer or request, as stored; mapped to `domain::ledger::PostKind`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum PostKind {
    /// Someone offers help.
    #[sea_orm(string_value = "offer")]
    Offer,
    /// Someone asks for help.
    #[sea_orm(string_value = "request")]
    Request,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
