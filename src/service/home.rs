//! The home page's content across a person's teams (issue 19, cohorts): for each team they
//! belong to, what is open now (proposals, voting, budget phases), their own open actions and
//! their milestones due soon, each list capped at [`CAP`] **in SQL** (a `LIMIT` per team and
//! kind, with `COUNT(*) OVER ()` beside the rows for the number left over), so the page costs
//! the same for a person with three items as for one with three thousand.
//!
//! Reads only the person's own teams (their memberships), so nothing of another team shows.

use sea_orm::sea_query::{Condition, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};
use time::{Date, OffsetDateTime};

use crate::access::TeamRole;
use crate::domain::ids::{MeetingId, RoundId, TeamId, UserId};
use crate::domain::role_map::DUE_SOON_DAYS;
use crate::domain::zone::Zone;
use crate::service::actions::ActionLine;
use crate::service::role_maps::MilestoneDue;
use crate::service::sql::slice_and_total;
use crate::service::{Result, actions, budgets, ledger, meetings, teams};
use crate::store::entities::{
    actions as action_rows, budget_rounds, meetings as meeting_rows, role_map_milestones,
    role_maps, teams as team_rows,
};

/// The most items of one kind shown per team; the rest are behind a "see all" link.
pub const CAP: usize = 10;

/// [`CAP`] as a SQL `LIMIT`.
const LIMIT: u64 = CAP as u64;

/// A list cut at [`CAP`], with how many were left out.
#[derive(Debug, Clone)]
pub struct Capped<T> {
    /// The first items, in order.
    pub items: Vec<T>,
    /// How many more there are.
    pub more: usize,
}

impl<T> Capped<T> {
    /// Keeps the first [`CAP`] of `all` (for lists already bounded elsewhere).
    pub fn new(mut all: Vec<T>) -> Self {
        let more = all.len().saturating_sub(CAP);
        all.truncate(CAP);
        Self { items: all, more }
    }

    /// The first items of a list of `total` (counted in SQL), cut at [`CAP`].
    pub fn of_total(mut first: Vec<T>, total: u64) -> Self {
        first.truncate(CAP);
        let total = usize::try_from(total).unwrap_or(usize::MAX);
        let more = total.saturating_sub(first.len());
        Self { items: first, more }
    }
}

/// What kind of window is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WindowKind {
    /// A meeting's proposal window.
    Proposing,
    /// A budget round's ideas phase.
    Ideas,
    /// A meeting's or budget round's voting window.
    Voting,
}

impl WindowKind {
    /// The value templates compare with.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Proposing => "proposing",
            Self::Ideas => "ideas",
            Self::Voting => "voting",
        }
    }
}

/// A meeting or budget round with a window open now.
#[derive(Debug, Clone)]
pub struct OpenItem {
    /// Meeting or round title.
    pub title: String,
    /// The page to act on.
    pub link: String,
    /// Which window.
    pub kind: WindowKind,
    /// For voting windows: whether the person has voted.
    pub voted: Option<bool>,
    /// When the window closes.
    pub closes_at: OffsetDateTime,
}

/// One team on a person's home page.
#[derive(Debug, Clone)]
pub struct TeamHome {
    /// The team.
    pub team: team_rows::Model,
    /// The person's role in it.
    pub role: TeamRole,
    /// Unread ledger notifications in this team.
    pub unread: u64,
    /// Meetings and budget rounds with a window open, closing soonest first.
    pub open_windows: Capped<OpenItem>,
    /// The person's own open actions in this team, overdue first then soonest due.
    pub actions: Capped<ActionLine>,
    /// The person's milestones on the team's published role maps that are not done and due
    /// within [`DUE_SOON_DAYS`] days (or overdue) on the reader's day, overdue first.
    pub milestones: Capped<MilestoneDue>,
    /// The reader's day here (their own zone, else the team's).
    pub today: Date,
}

/// Every team of `user_id`, by name, with what is open and what they owe in each. `zone` is
/// the reader's own time zone, if set (else each team's decides what "today" is).
pub async fn home_of(
    db: &impl ConnectionTrait,
    user_id: UserId,
    zone: Option<Zone>,
    now: OffsetDateTime,
) -> Result<Vec<TeamHome>> {
    let my_teams = teams::teams_of(db, user_id).await?;
    if my_teams.is_empty() {
        return Ok(Vec::new());
    }
    let unread = ledger::notify::unread_counts(db, user_id).await?;
    let mut out = Vec::with_capacity(my_teams.len());
    for (team, role) in my_teams {
        let today = zone
            .unwrap_or_else(|| Zone::stored(&team.time_zone))
            .today(now);
        out.push(TeamHome {
            unread: unread.get(&team.id).copied().unwrap_or(0),
            open_windows: open_windows(db, &team, user_id, now).await?,
            actions: my_actions(db, &team, user_id, now).await?,
            milestones: milestones_due(db, &team, user_id, today).await?,
            today,
            role,
            team,
        });
    }
    Ok(out)
}

/// The first [`CAP`] rows of `select` (already ordered) and how many rows it has in all, in
/// one statement.
async fn first_and_total<E>(
    db: &impl ConnectionTrait,
    select: Select<E>,
) -> Result<(Vec<E::Model>, u64)>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    slice_and_total(db, select, 0, LIMIT).await
}

/// The team's meetings that have not been cancelled or otherwise taken off the home page,
/// the one place a filter on "which meetings count" goes.
/// The team's meetings that go ahead (a cancelled meeting has no open window).
fn team_meetings(team: TeamId) -> Select<meeting_rows::Entity> {
    meeting_rows::Entity::find()
        .filter(meeting_rows::Column::TeamId.eq(team))
        .filter(meeting_rows::Column::CancelledAt.is_null())
}

/// The team's meetings and budget rounds with a window open at `now`, closing soonest first
/// (ties: budget rounds before meetings, then by id). Each of the four kinds of window is
/// one `COUNT` and one query of at most [`CAP`] rows; the merged first [`CAP`] are kept.
async fn open_windows(
    db: &impl ConnectionTrait,
    team: &team_rows::Model,
    user_id: UserId,
    now: OffsetDateTime,
) -> Result<Capped<OpenItem>> {
    use meeting_rows::Column as M;
    let voting = team_meetings(team.id)
        .filter(M::VotingOpenAt.lte(now))
        .filter(M::VotingCloseAt.gt(now))
        .order_by_asc(M::VotingCloseAt)
        .order_by_asc(M::Id);
    let proposing = team_meetings(team.id)
        .filter(M::ProposalsOpenAt.lte(now))
        .filter(M::ProposalsCloseAt.gt(now))
        .filter(
            Condition::any()
                .add(M::VotingOpenAt.gt(now))
                .add(M::VotingCloseAt.lte(now)),
        )
        .order_by_asc(M::ProposalsCloseAt)
        .order_by_asc(M::Id);
    use budget_rounds::Column as B;
    let round_voting = budget_rounds::Entity::find()
        .filter(B::TeamId.eq(team.id))
        .filter(B::ReviewAt.lte(now))
        .filter(B::VotingOpenAt.lte(now))
        .filter(B::VotingCloseAt.gt(now))
        .order_by_asc(B::VotingCloseAt)
        .order_by_asc(B::Id);
    let ideas = budget_rounds::Entity::find()
        .filter(B::TeamId.eq(team.id))
        .filter(B::IdeasOpenAt.lte(now))
        .filter(B::ReviewAt.gt(now))
        .order_by_asc(B::ReviewAt)
        .order_by_asc(B::Id);
    // (closes_at, is a meeting, id): the stable order of the merged list.
    type Key = (OffsetDateTime, bool, i64);
    let mut found: Vec<(Key, OpenItem)> = Vec::new();
    let mut total = 0;
    let meetings_base = format!("/teams/{}/meetings", team.slug);
    for (select, is_voting) in [(voting, true), (proposing, false)] {
        let (rows, n) = first_and_total(db, select).await?;
        total += n;
        for m in rows {
            let closes_at = if is_voting {
                m.voting_close_at
            } else {
                m.proposals_close_at
            };
            let item = OpenItem {
                link: format!(
                    "{meetings_base}/{}/{}",
                    m.id,
                    if is_voting { "ballot" } else { "proposals" }
                ),
                kind: if is_voting {
                    WindowKind::Voting
                } else {
                    WindowKind::Proposing
                },
                voted: None,
                closes_at,
                title: m.title,
            };
            found.push(((closes_at, true, m.id.0), item));
        }
    }
    let budgets_base = format!("/teams/{}/budgets", team.slug);
    for (select, is_voting) in [(round_voting, true), (ideas, false)] {
        let (rows, n) = first_and_total(db, select).await?;
        total += n;
        for r in rows {
            let closes_at = if is_voting {
                r.voting_close_at
            } else {
                r.review_at
            };
            let item = OpenItem {
                link: format!(
                    "{budgets_base}/{}/{}",
                    r.id,
                    if is_voting { "ballot" } else { "ideas" }
                ),
                kind: if is_voting {
                    WindowKind::Voting
                } else {
                    WindowKind::Ideas
                },
                voted: None,
                closes_at,
                title: r.title,
            };
            found.push(((closes_at, false, r.id.0), item));
        }
    }
    found.sort_by_key(|(key, _)| *key);
    found.truncate(CAP);
    // Whether I voted: asked only for the voting windows shown.
    let mut items = Vec::with_capacity(found.len());
    for ((_, is_meeting, id), mut item) in found {
        if item.kind == WindowKind::Voting {
            let voted = if is_meeting {
                meetings::participation(db, MeetingId(id), Some(user_id))
                    .await?
                    .is_some()
            } else {
                budgets::participation(db, RoundId(id), Some(user_id))
                    .await?
                    .is_some()
            };
            item.voted = Some(voted);
        }
        items.push(item);
    }
    Ok(Capped::of_total(items, total))
}

/// My open actions in `team`: overdue first then soonest due (the same as by due day, since
/// every open action past its day is overdue), ties by id.
async fn my_actions(
    db: &impl ConnectionTrait,
    team: &team_rows::Model,
    user_id: UserId,
    now: OffsetDateTime,
) -> Result<Capped<ActionLine>> {
    use action_rows::Column as A;
    let select = action_rows::Entity::find()
        .filter(A::TeamId.eq(team.id))
        .filter(A::OwnerId.eq(user_id))
        .filter(A::Status.is_in([
            action_rows::Status::Open,
            action_rows::Status::InProgress,
            action_rows::Status::Blocked,
        ]))
        .order_by_asc(A::DueOn)
        .order_by_asc(A::Id);
    let (rows, total) = first_and_total(db, select).await?;
    let lines = actions::lines(db, &team.slug, rows, now.date()).await?;
    Ok(Capped::of_total(lines, total))
}

/// My milestones in `team` needing attention on `today` (not done, due within
/// [`DUE_SOON_DAYS`] days or overdue), on its published role maps, overdue first.
async fn milestones_due(
    db: &impl ConnectionTrait,
    team: &team_rows::Model,
    user_id: UserId,
    today: Date,
) -> Result<Capped<MilestoneDue>> {
    use role_map_milestones::Column as R;
    let published = Query::select()
        .column(role_maps::Column::Id)
        .from(role_maps::Entity)
        .and_where(role_maps::Column::TeamId.eq(team.id))
        .and_where(role_maps::Column::Status.eq(role_maps::Status::Published))
        .to_owned();
    let select = role_map_milestones::Entity::find()
        .filter(R::OwnerId.eq(user_id))
        .filter(R::Done.eq(false))
        .filter(R::DueOn.lte(today + time::Duration::days(DUE_SOON_DAYS)))
        .filter(R::RoleMapId.in_subquery(published))
        .order_by_asc(R::DueOn)
        .order_by_asc(R::Id);
    let (rows, total) = first_and_total(db, select).await?;
    let ids: Vec<_> = rows.iter().map(|m| m.role_map_id).collect();
    let maps: std::collections::HashMap<_, role_maps::Model> = role_maps::Entity::find()
        .filter(role_maps::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let items = rows
        .into_iter()
        .filter_map(|m| {
            let map = maps.get(&m.role_map_id)?;
            Some(MilestoneDue {
                team_id: team.id,
                team_slug: team.slug.clone(),
                team_name: team.name.clone(),
                role_map_id: map.id,
                role_map_title: map.title.clone(),
                role_map_outcome: map.outcome.clone(),
                milestone_id: m.id,
                title: m.title,
                due_on: m.due_on,
                done: m.done,
            })
        })
        .collect();
    Ok(Capped::of_total(items, total))
}
