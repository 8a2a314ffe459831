//! `meetings`: a team's meeting: windows, budget, ballot options and the per-meeting ballot secret.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The team.
    pub team_id: i64,
    /// Title.
    pub title: String,
    /// One sentence linking the meeting to the team's purpose.
    pub purpose_line: String,
    /// When it starts.
    pub starts_at: TimeDateTimeWithTimeZone,
    /// Time budget in minutes.
    pub budget_minutes: i32,
    /// Place or link.
    pub place: String,
    /// Who runs it.
    pub facilitator_id: Option<i64>,
    /// Proposal window start.
    pub proposals_open_at: TimeDateTimeWithTimeZone,
    /// Proposal window end.
    pub proposals_close_at: TimeDateTimeWithTimeZone,
    /// Voting window start.
    pub voting_open_at: TimeDateTimeWithTimeZone,
    /// Voting window end: the tally runs once after it.
    pub voting_close_at: TimeDateTimeWithTimeZone,
    /// `open` or `secret`.
    pub privacy: String,
    /// `after_close` or `live`.
    pub results_visibility: String,
    /// `sequential_irv` or `equal_shares`.
    pub agenda_rule: String,
    /// HMAC key for voter keys (hex); destroyed (NULL) when the meeting is tallied.
    pub ballot_secret: Option<String>,
    /// Who created it.
    pub created_by: Option<i64>,
    /// Created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
