//! `agenda_proposals`: an agenda item proposed for a meeting.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MeetingId, ProposalId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_proposals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: ProposalId,
    pub meeting_id: MeetingId,
    /// Who proposed it.
    pub author_id: Option<UserId>,
    pub title: String,
    /// Why it matters.
    pub why: String,
    /// Estimated minutes, 1 to 240.
    pub minutes: i32,
    /// `active`, `withdrawn`, `hidden` or `merged`.
    pub status: ProposalStatus,
    /// A leader's reason for hiding it (shown to the author).
    pub hidden_reason: Option<String>,
    /// The proposal it was merged into.
    pub merged_into: Option<ProposalId>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Where a proposal stands; only active ones are ranked.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum ProposalStatus {
    /// On the ballot.
    #[sea_orm(string_value = "active")]
    Active,
    /// Taken off the list by a leader, with a reason (`hidden_reason`).
    #[sea_orm(string_value = "hidden")]
    Hidden,
    /// Taken back by its author before voting opened.
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
    /// Folded into another proposal by a leader (`merged_into`).
    #[sea_orm(string_value = "merged")]
    Merged,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
