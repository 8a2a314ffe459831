//! `budget_rounds`: a team's participatory budget: amount, phases, ballot type, rule, privacy
//! and the per-round ballot secret.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{RoundId, TeamId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: RoundId,
    pub team_id: TeamId,
    pub title: String,
    /// One sentence: what the money is for.
    pub purpose: String,
    /// The pot, in minor units (cents).
    pub amount: i64,
    /// Currency code or symbol shown with amounts (`EUR`).
    pub currency: String,
    /// Ideas phase starts.
    pub ideas_open_at: TimeDateTimeWithTimeZone,
    /// Review starts (ideas can no longer be proposed or edited).
    pub review_at: TimeDateTimeWithTimeZone,
    pub voting_open_at: TimeDateTimeWithTimeZone,
    /// Voting closes: the round is computed once after it.
    pub voting_close_at: TimeDateTimeWithTimeZone,
    /// How members vote.
    pub ballot_type: BallotType,
    /// Most ideas a ballot may hold (`approval_max`; optional for `ranked`).
    pub ballot_max: Option<i32>,
    /// The rule that decides.
    pub rule: BudgetRule,
    /// `open` or `secret`.
    pub privacy: Privacy,
    /// HMAC key for voter keys; destroyed (NULL) when the round is computed.
    pub ballot_secret: Option<String>,
    /// Created from a Pabulib file (ballots came with it).
    pub imported: bool,
    /// The last phase the background task saw (and audited).
    pub phase_seen: PhaseSeen,
    /// Who created it.
    pub created_by: Option<UserId>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Stored ballot type; an unknown stored value fails the read.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum BallotType {
    /// Any number of ideas.
    #[sea_orm(string_value = "approval")]
    Approval,
    /// At most `ballot_max` ideas.
    #[sea_orm(string_value = "approval_max")]
    ApprovalMax,
    /// A selection whose costs fit the budget.
    #[sea_orm(string_value = "knapsack")]
    Knapsack,
    /// A ranking, most preferred first.
    #[sea_orm(string_value = "ranked")]
    Ranked,
}

/// Stored rule.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum BudgetRule {
    /// Method of Equal Shares with completion.
    #[sea_orm(string_value = "mes")]
    Mes,
    /// Greedy by votes.
    #[sea_orm(string_value = "greedy")]
    Greedy,
    /// Sequential Phragmén.
    #[sea_orm(string_value = "phragmen")]
    Phragmen,
}

/// Stored privacy.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Privacy {
    /// Ballots carry the voter's id.
    #[sea_orm(string_value = "open")]
    Open,
    /// Voter keys are HMACs with a secret destroyed at the computation.
    #[sea_orm(string_value = "secret")]
    Secret,
}

/// Stored phase, as last seen by the background task (phases themselves follow the clock).
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum PhaseSeen {
    /// Before the ideas phase.
    #[sea_orm(string_value = "upcoming")]
    Upcoming,
    /// Ideas phase.
    #[sea_orm(string_value = "ideas")]
    Ideas,
    #[sea_orm(string_value = "review")]
    Review,
    #[sea_orm(string_value = "voting")]
    Voting,
    #[sea_orm(string_value = "results")]
    Results,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
