//! Participatory budget rounds (issue 14): leaders create a round, members propose and support
//! ideas, leaders review them, members vote (open or secret ballots, four ballot types), the
//! round is computed exactly once after voting closes, and leaders publish the outcome with any
//! override's reason shown to everyone. Exchange with Pabulib `.pb` files and CSV.
//!
//! Every use case authorizes through `crate::access` (via [`authorize`]) before it loads or
//! changes anything; phases are checked against the injected clock's `now`, inside the
//! transaction that writes, under the round's lock (the same shape as meetings).

pub mod ballots;
pub mod compute;
pub mod exchange;
pub mod form;
pub mod ideas;
pub mod instance;
pub mod paging;
pub mod publish;
pub mod review;
mod save;

use crate::domain::ids::{RoundId, TeamId, UserId};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};
use time::OffsetDateTime;

use crate::access::{self, Action, Decision, Principal, TeamRole};
use crate::domain::budget::{BallotLimits, BallotType, BudgetPhase, BudgetRule, RoundWindows};
use crate::domain::meeting::Privacy;
use crate::service::teams::{self, TeamAccess};
use crate::service::{Result, find_in_team};
/// A stored budget round, as the pages and the API read it.
pub use crate::store::entities::budget_rounds::Model as RoundRow;
use crate::store::entities::{
    budget_participation, budget_rounds, memberships, teams as team_rows,
};

/// A round the caller may act on, with their team role.
#[derive(Debug, Clone)]
pub struct RoundAccess {
    pub team: team_rows::Model,
    /// The caller's role in the team, if a member.
    pub role: Option<TeamRole>,
    pub round: budget_rounds::Model,
    /// The zone the caller sees times in (their own, else the team's).
    pub zone: crate::domain::zone::Zone,
}

impl RoundAccess {
    /// Whether the caller may also do `action` here.
    pub fn may(&self, principal: Principal, action: Action) -> bool {
        access::authorize(principal, self.role, action) == Decision::Allow
    }
    /// The round's phase boundaries.
    pub fn windows(&self) -> RoundWindows {
        windows(&self.round)
    }
    /// The phase at `now`.
    pub fn phase(&self, now: OffsetDateTime) -> BudgetPhase {
        BudgetPhase::at(&self.windows(), now)
    }
    /// The ballot's limits.
    pub fn limits(&self) -> BallotLimits {
        limits(&self.round)
    }
}

/// Loads a round of the team `slug` if `principal` may do `action` there; another team's round
/// answers `NotFound`.
pub async fn authorize(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    action: Action,
) -> Result<RoundAccess> {
    let TeamAccess { team, role, zone } = teams::authorize(db, principal, slug, action).await?;
    let round = find_in_team::<budget_rounds::Entity>(db, team.id, round_id).await?;
    Ok(RoundAccess {
        team,
        role,
        round,
        zone,
    })
}

/// Takes the round's write lock for the rest of the transaction (as `meetings::lock` does for
/// a meeting): ballots, idea changes, reviews, edits and the computation are serialised per
/// round, so a ballot saved while voting is open is always counted.
pub async fn lock(db: &impl ConnectionTrait, round_id: RoundId) -> Result<()> {
    crate::store::lock::row::<budget_rounds::Entity>(db, round_id).await?;
    Ok(())
}

/// Authorizes on the pool (a refused request writes nothing), then opens a transaction, takes
/// the round's lock and loads the round again inside it.
pub async fn begin_locked(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    action: Action,
) -> Result<(DatabaseTransaction, RoundAccess)> {
    authorize(db, principal, slug, round_id, action).await?;
    let txn = db.begin().await?;
    lock(&txn, round_id).await?;
    let access = authorize(&txn, principal, slug, round_id, action).await?;
    Ok((txn, access))
}

/// The phase boundaries of a stored round.
pub fn windows(round: &budget_rounds::Model) -> RoundWindows {
    RoundWindows {
        ideas_open: round.ideas_open_at,
        review: round.review_at,
        voting_open: round.voting_open_at,
        voting_close: round.voting_close_at,
    }
}

/// The ballot limits of a stored round.
pub fn limits(round: &budget_rounds::Model) -> BallotLimits {
    BallotLimits {
        ballot_type: round.ballot_type.into(),
        max_ideas: round.ballot_max.and_then(|m| u32::try_from(m).ok()),
        amount: round.amount,
    }
}

/// The stored privacy as the domain's.
pub fn privacy(round: &budget_rounds::Model) -> Privacy {
    match round.privacy {
        budget_rounds::Privacy::Open => Privacy::Open,
        budget_rounds::Privacy::Secret => Privacy::Secret,
    }
}

// The one place stored round enums meet the domain's, both ways.

impl From<budget_rounds::BallotType> for BallotType {
    fn from(stored: budget_rounds::BallotType) -> Self {
        match stored {
            budget_rounds::BallotType::Approval => Self::Approval,
            budget_rounds::BallotType::ApprovalMax => Self::ApprovalMax,
            budget_rounds::BallotType::Knapsack => Self::Knapsack,
            budget_rounds::BallotType::Ranked => Self::Ranked,
        }
    }
}

impl From<BallotType> for budget_rounds::BallotType {
    fn from(kind: BallotType) -> Self {
        match kind {
            BallotType::Approval => Self::Approval,
            BallotType::ApprovalMax => Self::ApprovalMax,
            BallotType::Knapsack => Self::Knapsack,
            BallotType::Ranked => Self::Ranked,
        }
    }
}

impl From<budget_rounds::BudgetRule> for BudgetRule {
    fn from(stored: budget_rounds::BudgetRule) -> Self {
        match stored {
            budget_rounds::BudgetRule::Mes => Self::Mes,
            budget_rounds::BudgetRule::Greedy => Self::Greedy,
            budget_rounds::BudgetRule::Phragmen => Self::Phragmen,
        }
    }
}

impl From<BudgetRule> for budget_rounds::BudgetRule {
    fn from(rule: BudgetRule) -> Self {
        match rule {
            BudgetRule::Mes => Self::Mes,
            BudgetRule::Greedy => Self::Greedy,
            BudgetRule::Phragmen => Self::Phragmen,
        }
    }
}

impl From<Privacy> for budget_rounds::Privacy {
    fn from(privacy: Privacy) -> Self {
        match privacy {
            Privacy::Open => Self::Open,
            Privacy::Secret => Self::Secret,
        }
    }
}

impl From<BudgetPhase> for budget_rounds::PhaseSeen {
    fn from(phase: BudgetPhase) -> Self {
        match phase {
            BudgetPhase::Upcoming => Self::Upcoming,
            BudgetPhase::Ideas => Self::Ideas,
            BudgetPhase::Review => Self::Review,
            BudgetPhase::Voting => Self::Voting,
            BudgetPhase::Results => Self::Results,
        }
    }
}

/// The team's rounds, latest voting close first.
pub async fn list(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
) -> Result<(TeamAccess, Vec<budget_rounds::Model>)> {
    let access = teams::authorize(db, principal, slug, Action::ViewBudgets).await?;
    let rows = budget_rounds::Entity::find()
        .filter(budget_rounds::Column::TeamId.eq(access.team.id))
        .order_by_desc(budget_rounds::Column::VotingCloseAt)
        .order_by_desc(budget_rounds::Column::Id)
        .all(db)
        .await?;
    Ok((access, rows))
}

/// The caller's participation record, if they have voted.
pub async fn participation(
    db: &impl ConnectionTrait,
    round_id: RoundId,
    user_id: Option<UserId>,
) -> Result<Option<budget_participation::Model>> {
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    Ok(budget_participation::Entity::find()
        .filter(budget_participation::Column::RoundId.eq(round_id))
        .filter(budget_participation::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// A round in its ideas or voting phase, for a member's home page.
#[derive(Debug, Clone)]
pub struct OpenPhase {
    pub team: team_rows::Model,
    pub round: budget_rounds::Model,
    /// Ideas or voting.
    pub phase: BudgetPhase,
    /// Whether the member has voted (voting phase).
    pub voted: bool,
    /// When the phase ends.
    pub ends_at: OffsetDateTime,
}

/// The rounds of `user_id`'s teams whose ideas or voting phase is open at `now`.
pub async fn open_phases(
    db: &impl ConnectionTrait,
    user_id: UserId,
    now: OffsetDateTime,
) -> Result<Vec<OpenPhase>> {
    let team_ids: Vec<TeamId> = memberships::Entity::find()
        .filter(memberships::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.team_id)
        .collect();
    if team_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = budget_rounds::Entity::find()
        .filter(budget_rounds::Column::TeamId.is_in(team_ids))
        .filter(budget_rounds::Column::IdeasOpenAt.lte(now))
        .filter(budget_rounds::Column::VotingCloseAt.gt(now))
        .order_by_asc(budget_rounds::Column::VotingCloseAt)
        .order_by_asc(budget_rounds::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for round in rows {
        let w = windows(&round);
        let phase = BudgetPhase::at(&w, now);
        let Some(ends_at) = phase.ends(&w) else {
            continue;
        };
        if !matches!(phase, BudgetPhase::Ideas | BudgetPhase::Voting) {
            continue;
        }
        let voted = phase == BudgetPhase::Voting
            && participation(db, round.id, Some(user_id)).await?.is_some();
        let Some(team) = team_rows::Entity::find_by_id(round.team_id).one(db).await? else {
            continue;
        };
        out.push(OpenPhase {
            team,
            round,
            phase,
            voted,
            ends_at,
        });
    }
    Ok(out)
}
