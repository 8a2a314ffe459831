//! `agenda_deviations`: a difference between the published agenda and the tally, with its reason.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_deviations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    /// Order on the page.
    pub position: i32,
    /// `added`, `dropped` or `moved`.
    pub kind: String,
    /// The proposal concerned, if any.
    pub proposal_id: Option<i64>,
    /// Title of the item.
    pub title: String,
    pub reason: String,
    /// The leader who made the change.
    pub actor_id: Option<i64>,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
