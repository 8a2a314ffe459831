//! `actions`: what someone in a team agreed to do, by when, and where it came from.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{ActionId, IdeaId, MeetingId, PostId, TeamId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "actions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: ActionId,
    pub team_id: TeamId,
    /// What is to be done.
    pub title: String,
    /// Who does it (a member).
    pub owner_id: UserId,
    /// By when.
    pub due_on: TimeDate,
    /// Where it stands; an unknown stored value fails the read.
    pub status: Status,
    /// Why it is blocked or dropped (empty otherwise).
    pub reason: String,
    /// Where it came from.
    pub source_kind: SourceKind,
    /// The meeting, for an action from an agenda item.
    pub meeting_id: Option<MeetingId>,
    /// The agenda item's 0-based position in the published agenda.
    pub item_position: Option<i32>,
    /// The help request it answers.
    pub help_post_id: Option<PostId>,
    /// The budget idea (no foreign key: the budget tables are another migration's).
    pub budget_idea_id: Option<IdeaId>,
    /// Who recorded it.
    pub created_by: Option<UserId>,
    /// Recorded.
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Stored status; mapped to `domain::action::Status` in `service::actions`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Status {
    /// Not started.
    #[sea_orm(string_value = "open")]
    Open,
    /// Under way.
    #[sea_orm(string_value = "in_progress")]
    InProgress,
    /// Stuck, with a reason.
    #[sea_orm(string_value = "blocked")]
    Blocked,
    /// Finished.
    #[sea_orm(string_value = "done")]
    Done,
    /// Given up, with a reason.
    #[sea_orm(string_value = "dropped")]
    Dropped,
}

/// Stored source kind.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum SourceKind {
    /// Recorded on its own.
    #[sea_orm(string_value = "none")]
    None,
    /// From an agenda item of a meeting.
    #[sea_orm(string_value = "agenda_item")]
    AgendaItem,
    /// From a help request in the ledger.
    #[sea_orm(string_value = "help_post")]
    HelpPost,
    /// From a budget idea.
    #[sea_orm(string_value = "budget_idea")]
    BudgetIdea,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
