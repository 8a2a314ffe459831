//! `agenda_deviations`: a difference between the published agenda and the tally, with its reason.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MeetingId, ProposalId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_deviations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: MeetingId,
    /// Order on the page.
    pub position: i32,
    /// `added`, `dropped` or `moved`.
    pub kind: DeviationKind,
    /// The proposal concerned, if any.
    pub proposal_id: Option<ProposalId>,
    /// Title of the item.
    pub title: String,
    pub reason: String,
    /// The leader who made the change.
    pub actor_id: Option<UserId>,
}

/// How the published agenda differs from the tally at this item; mapped to
/// `domain::agreed_agenda::DeviationKind`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum DeviationKind {
    /// On the agenda although the tally left it out (or not a proposal at all).
    #[sea_orm(string_value = "added")]
    Added,
    /// Left out although the tally put it on.
    #[sea_orm(string_value = "dropped")]
    Dropped,
    /// In another place than the tally's.
    #[sea_orm(string_value = "moved")]
    Moved,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
