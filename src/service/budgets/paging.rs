//! Budget rounds and ideas a page at a time, for the API's lists: keyset queries in SQL (the
//! list's own order, a unique tie-breaker, the rows after the cursor's key, one row more than
//! asked to know whether another page follows), so a page costs the same however long the
//! list is.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::ids::{IdeaId, RoundId};
use crate::service::Result;
use crate::service::teams::{self, TeamAccess};
use crate::store::entities::{budget_ideas, budget_rounds, budget_supports};

use super::authorize;
use super::ideas::IdeasView;

/// Where a page of rounds starts: just after this round in the rounds page's order (latest
/// voting close first, then highest id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundAfter {
    /// The last round's voting close.
    pub voting_close_at: OffsetDateTime,
    /// The last round's id (the tie-breaker).
    pub id: RoundId,
}

/// One page of a team's rounds.
#[derive(Debug, Clone)]
pub struct RoundPage {
    /// The team and the caller's role in it.
    pub access: TeamAccess,
    /// The rounds, in order.
    pub rounds: Vec<budget_rounds::Model>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<RoundAfter>,
}

/// Keeps `limit` of `rows` (fetched with one more) and says whether more follow.
fn cut<T>(rows: &mut Vec<T>, limit: u64) -> bool {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let more = rows.len() > limit;
    rows.truncate(limit);
    more
}

/// Up to `limit` rounds of team `slug` after `after`, in the rounds page's order, if
/// `principal` may see its rounds.
pub async fn rounds(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    after: Option<RoundAfter>,
    limit: u64,
) -> Result<RoundPage> {
    let access = teams::authorize(db, principal, slug, Action::ViewBudgets).await?;
    let mut query =
        budget_rounds::Entity::find().filter(budget_rounds::Column::TeamId.eq(access.team.id));
    if let Some(after) = after {
        query = query.filter(
            budget_rounds::Column::VotingCloseAt
                .lt(after.voting_close_at)
                .or(budget_rounds::Column::VotingCloseAt
                    .eq(after.voting_close_at)
                    .and(budget_rounds::Column::Id.lt(after.id))),
        );
    }
    let mut rows = query
        .order_by_desc(budget_rounds::Column::VotingCloseAt)
        .order_by_desc(budget_rounds::Column::Id)
        .limit(limit.saturating_add(1))
        .all(db)
        .await?;
    let more = cut(&mut rows, limit);
    let next = rows.last().filter(|_| more).map(|r| RoundAfter {
        voting_close_at: r.voting_close_at,
        id: r.id,
    });
    Ok(RoundPage {
        access,
        rounds: rows,
        next,
    })
}

/// One page of a round's ideas (in the order proposed) with their supporters, as the ideas
/// page shows them.
#[derive(Debug, Clone)]
pub struct IdeaPage {
    /// The page's ideas, support counts and what the caller supports.
    pub view: IdeasView,
    /// The id after which the next page starts; `None` on the last page.
    pub next: Option<IdeaId>,
}

/// Up to `limit` ideas of a round after the idea `after`, by id, if `principal` may see the
/// round; supporters are counted for the page's ideas only.
pub async fn ideas(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    after: Option<IdeaId>,
    limit: u64,
) -> Result<IdeaPage> {
    let access = authorize(db, principal, slug, round_id, Action::ViewBudgets).await?;
    let mut query = budget_ideas::Entity::find().filter(budget_ideas::Column::RoundId.eq(round_id));
    if let Some(after) = after {
        query = query.filter(budget_ideas::Column::Id.gt(after));
    }
    let mut ideas = query
        .order_by_asc(budget_ideas::Column::Id)
        .limit(limit.saturating_add(1))
        .all(db)
        .await?;
    let more = cut(&mut ideas, limit);
    let next = ideas.last().filter(|_| more).map(|i| i.id);
    Ok(IdeaPage {
        view: with_supports(db, principal, access, ideas).await?,
        next,
    })
}

/// Idea `idea_id` of a round, if `principal` may see the round and the idea is one of its,
/// with its supporters: the API's single idea, without reading the round's other ideas.
pub async fn idea(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    idea_id: IdeaId,
) -> Result<IdeasView> {
    let access = authorize(db, principal, slug, round_id, Action::ViewBudgets).await?;
    let ideas = budget_ideas::Entity::find_by_id(idea_id)
        .filter(budget_ideas::Column::RoundId.eq(round_id))
        .all(db)
        .await?;
    with_supports(db, principal, access, ideas).await
}

/// `ideas` with their supporters counted and those `principal` supports.
async fn with_supports(
    db: &impl ConnectionTrait,
    principal: Principal,
    access: super::RoundAccess,
    ideas: Vec<budget_ideas::Model>,
) -> Result<IdeasView> {
    let rows = if ideas.is_empty() {
        Vec::new()
    } else {
        budget_supports::Entity::find()
            .filter(budget_supports::Column::IdeaId.is_in(ideas.iter().map(|i| i.id)))
            .all(db)
            .await?
    };
    let mut supports: HashMap<IdeaId, u64> = HashMap::new();
    let mut mine = HashSet::new();
    for row in rows {
        *supports.entry(row.idea_id).or_default() += 1;
        if Some(row.user_id) == principal.user_id {
            mine.insert(row.idea_id);
        }
    }
    Ok(IdeasView {
        access,
        ideas,
        supports,
        mine,
    })
}
