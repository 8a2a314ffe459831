//! `meetings`: a team's meeting: windows, budget, ballot options and the per-meeting ballot secret.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MeetingId, TeamId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: MeetingId,
    pub team_id: TeamId,
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
    pub facilitator_id: Option<UserId>,
    /// Proposal window start.
    pub proposals_open_at: TimeDateTimeWithTimeZone,
    /// Proposal window end.
    pub proposals_close_at: TimeDateTimeWithTimeZone,
    /// Voting window start.
    pub voting_open_at: TimeDateTimeWithTimeZone,
    /// Voting window end: the tally runs once after it.
    pub voting_close_at: TimeDateTimeWithTimeZone,
    /// `open` or `secret`.
    pub privacy: Privacy,
    /// `after_close` or `live`.
    pub results_visibility: ResultsVisibility,
    /// `sequential_irv` or `equal_shares`.
    pub agenda_rule: AgendaRule,
    /// HMAC key for voter keys (hex); destroyed (NULL) when the meeting is tallied.
    pub ballot_secret: Option<String>,
    /// Who created it.
    pub created_by: Option<UserId>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
    /// When a leader cancelled it (NULL: it goes ahead). A cancelled meeting has no open
    /// windows, notices, tally or live calendar entry.
    pub cancelled_at: Option<TimeDateTimeWithTimeZone>,
    /// Who cancelled it.
    pub cancelled_by: Option<UserId>,
    /// Why, shown to everyone (empty when not cancelled).
    pub cancel_reason: String,
    /// Raised by the database whenever one of the meeting's agenda proposals is added,
    /// changed or deleted: the key under which its ballot options are kept
    /// (`service::meetings::BallotOptions`).
    pub proposals_version: i64,
    /// How many ballots it holds (kept by triggers in the database; never written here).
    pub ballot_count: i64,
    /// How many members have voted: its participation rows (kept by triggers).
    pub voter_count: i64,
    /// How many of its agenda proposals are active (kept by triggers).
    pub active_proposal_count: i64,
}

/// Stored privacy; the service maps it to `domain::meeting::Privacy`. An unknown stored value
/// fails the read instead of falling back to a guess.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Privacy {
    /// Ballots carry the voter's id.
    #[sea_orm(string_value = "open")]
    Open,
    /// Voter keys are HMACs with a secret destroyed at the tally.
    #[sea_orm(string_value = "secret")]
    Secret,
}

/// Stored results visibility; mapped to `domain::meeting::ResultsVisibility`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum ResultsVisibility {
    /// Only after the voting window closes.
    #[sea_orm(string_value = "after_close")]
    AfterClose,
    /// Provisional counts while voting.
    #[sea_orm(string_value = "live")]
    Live,
}

/// Stored agenda rule; mapped to `domain::meeting::AgendaRule`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum AgendaRule {
    /// Sequential IRV order, then fill the time budget.
    #[sea_orm(string_value = "sequential_irv")]
    SequentialIrv,
    /// Method of Equal Shares with minutes as cost.
    #[sea_orm(string_value = "equal_shares")]
    EqualShares,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// How many ballots were cast, from the kept count (no statement, however many there are).
    #[must_use]
    pub fn ballots(&self) -> u64 {
        u64::try_from(self.ballot_count).unwrap_or(0)
    }
}
