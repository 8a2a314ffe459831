//! `comments`: a member's plain-text comment on an agenda proposal or a budget idea.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{TeamId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The team the subject belongs to (checked again on every read).
    pub team_id: TeamId,
    /// What kind of thing is discussed.
    pub subject_kind: SubjectKind,
    /// Its id in its own table (no foreign key: the table depends on the kind).
    pub subject_id: i64,
    /// Who wrote it (none once the account is deleted).
    pub author_id: Option<UserId>,
    /// The text as written (or last edited).
    pub body: String,
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last edited by its author, if ever.
    pub edited_at: Option<TimeDateTimeWithTimeZone>,
    /// Hidden by a leader, if so.
    pub hidden_at: Option<TimeDateTimeWithTimeZone>,
    /// The leader who hid it.
    pub hidden_by: Option<UserId>,
    /// Why it was hidden (shown to everyone in its place).
    pub hidden_reason: Option<String>,
}

/// What a comment is about. An unknown stored value fails the read.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum SubjectKind {
    /// An agenda item proposed for a meeting (`agenda_proposals`).
    #[sea_orm(string_value = "agenda_proposal")]
    AgendaProposal,
    /// An idea in a budget round.
    #[sea_orm(string_value = "budget_idea")]
    BudgetIdea,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
