//! The action log (issue 15): what a team agreed to do, who does it and by when; its status
//! changes with their history, comments, filters, the CSV export, "my open actions" for the
//! home page and the load signal (open and done actions per owner this term).
//!
//! Every use case authorizes through `crate::access` first. Who may move an action is
//! `domain::action::may_change_status`, the same function the page asks.

pub mod change;
pub mod create;
pub mod export;
pub mod lines;
pub mod load;

use crate::domain::ids::{ActionId, TeamId, UserId};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::access::{Action, Principal, TeamRole};
use crate::domain::action::{self as rules, Status};
use crate::format;
use crate::i18n::{Lang, Msg};
use crate::service::meetings::{author_name, names_of};
use crate::service::teams::{self, TeamAccess};
use crate::service::{Result, ServiceError};
use crate::store::entities::{action_comments, action_history, actions};

pub use change::{CommentForm, StatusForm, change_status, comment};
pub use create::{ActionForm, create};
pub use lines::{ActionLine, lines};

impl From<actions::Status> for Status {
    fn from(stored: actions::Status) -> Self {
        match stored {
            actions::Status::Open => Self::Open,
            actions::Status::InProgress => Self::InProgress,
            actions::Status::Blocked => Self::Blocked,
            actions::Status::Done => Self::Done,
            actions::Status::Dropped => Self::Dropped,
        }
    }
}

impl From<Status> for actions::Status {
    fn from(status: Status) -> Self {
        match status {
            Status::Open => Self::Open,
            Status::InProgress => Self::InProgress,
            Status::Blocked => Self::Blocked,
            Status::Done => Self::Done,
            Status::Dropped => Self::Dropped,
        }
    }
}

/// The caller's standing in a team's action log.
#[derive(Debug, Clone)]
pub struct LogAccess {
    /// The team and the caller's role.
    pub team: TeamAccess,
    /// The caller.
    pub user_id: UserId,
}

impl LogAccess {
    /// Whether the caller leads the team.
    pub fn is_leader(&self) -> bool {
        self.team.role == Some(TeamRole::Leader)
    }
}

/// Loads the team if `principal` may do `action` in its action log.
pub async fn authorize(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    action: Action,
) -> Result<LogAccess> {
    let team = teams::authorize(db, principal, slug, action).await?;
    let user_id = principal.user_id.ok_or(ServiceError::Unauthenticated)?;
    Ok(LogAccess { team, user_id })
}

/// One action of the team, or `NotFound` (another team's action never shows).
pub async fn find_in_team(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    id: ActionId,
) -> Result<actions::Model> {
    crate::service::find_in_team::<actions::Entity>(db, team_id, id).await
}

/// The filters of the action log, as the query string carries them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Filter {
    /// `mine`, `overdue`, `blocked`, `open` or empty (every action).
    #[serde(default)]
    pub show: String,
    /// A meeting's id.
    #[serde(default)]
    pub meeting: String,
    /// An owner's id.
    #[serde(default)]
    pub owner: String,
    /// A help request to turn into an action (fills the "new action" form; not a filter).
    #[serde(default)]
    pub from_help: String,
}

fn filtered(
    mut query: Select<actions::Entity>,
    filter: &Filter,
    user_id: UserId,
    today: Date,
) -> Select<actions::Entity> {
    let open = [
        actions::Status::Open,
        actions::Status::InProgress,
        actions::Status::Blocked,
    ];
    query = match filter.show.as_str() {
        "mine" => query.filter(actions::Column::OwnerId.eq(user_id)),
        "overdue" => query
            .filter(actions::Column::Status.is_in(open))
            .filter(actions::Column::DueOn.lt(today)),
        "blocked" => query.filter(actions::Column::Status.eq(actions::Status::Blocked)),
        "open" => query.filter(actions::Column::Status.is_in(open)),
        _ => query,
    };
    if let Ok(meeting) = filter.meeting.trim().parse::<i64>() {
        query = query.filter(actions::Column::MeetingId.eq(meeting));
    }
    if let Ok(owner) = filter.owner.trim().parse::<i64>() {
        query = query.filter(actions::Column::OwnerId.eq(owner));
    }
    query
}

/// The team's actions matching `filter`, soonest due first.
pub async fn list(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    filter: &Filter,
    now: OffsetDateTime,
) -> Result<(LogAccess, Vec<ActionLine>)> {
    let (acc, lines, _) = page(db, principal, slug, filter, (None, None), now).await?;
    Ok((acc, lines))
}

/// Where a page of the action log starts: after this due day and id (the list's order).
pub type AfterAction = (Date, ActionId);

/// [`list`] a page at a time: the actions after `after` (none: from the first), at most
/// `limit` of them (none: all), and whether more follow.
pub async fn page(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    filter: &Filter,
    (after, limit): (Option<AfterAction>, Option<u64>),
    now: OffsetDateTime,
) -> Result<(LogAccess, Vec<ActionLine>, bool)> {
    let acc = authorize(db, principal, slug, Action::ViewActions).await?;
    let today = acc.team.zone.today(now);
    let mut query = filtered(
        actions::Entity::find().filter(actions::Column::TeamId.eq(acc.team.team.id)),
        filter,
        acc.user_id,
        today,
    );
    if let Some((due, id)) = after {
        query = query.filter(
            Condition::any().add(actions::Column::DueOn.gt(due)).add(
                Condition::all()
                    .add(actions::Column::DueOn.eq(due))
                    .add(actions::Column::Id.gt(id)),
            ),
        );
    }
    let mut rows = query
        .order_by_asc(actions::Column::DueOn)
        .order_by_asc(actions::Column::Id)
        .limit(limit.map(|n| n + 1))
        .all(db)
        .await?;
    let more = limit.is_some_and(|n| rows.len() as u64 > n);
    if let Some(n) = limit {
        rows.truncate(usize::try_from(n).unwrap_or(usize::MAX));
    }
    let lines = lines(db, &acc.team.team.slug, rows, today).await?;
    Ok((acc, lines, more))
}

/// One entry of an action's history, in the reader's language.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryLine {
    pub who: String,
    /// "created as open", "open → blocked".
    pub what: String,
    /// The reason given.
    pub reason: String,
    /// "3 Nov 2026, 09:00 GMT", on the team's clock.
    pub when: String,
    /// Who, by id (none for a former member).
    #[serde(skip)]
    pub actor_id: Option<UserId>,
    /// The status before (none: the action was created).
    #[serde(skip)]
    pub from: Option<Status>,
    /// The status after.
    #[serde(skip)]
    pub to: Status,
    /// When, as a moment.
    #[serde(skip)]
    pub at: OffsetDateTime,
}

/// A comment as shown, in the reader's language.
#[derive(Debug, Clone, Serialize)]
pub struct CommentLine {
    pub who: String,
    /// What they said.
    pub body: String,
    /// "3 Nov 2026, 09:00 GMT", on the team's clock.
    pub when: String,
    /// The comment's id.
    #[serde(skip)]
    pub id: i64,
    /// Who, by id (none for a former member).
    #[serde(skip)]
    pub author_id: Option<UserId>,
    /// When, as a moment.
    #[serde(skip)]
    pub at: OffsetDateTime,
}

/// One action with its history and comments.
#[derive(Debug, Clone)]
pub struct ActionDetail {
    /// The caller's standing.
    pub access: LogAccess,
    /// The action.
    pub line: ActionLine,
    /// Oldest first.
    pub history: Vec<HistoryLine>,
    /// Oldest first.
    pub comments: Vec<CommentLine>,
    /// Whether the caller may change its status.
    pub may_change: bool,
}

/// Loads one action of the team, its history and comments in `lang`'s words.
pub async fn detail(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: ActionId,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<ActionDetail> {
    let acc = authorize(db, principal, slug, Action::ViewActions).await?;
    let row = find_in_team(db, acc.team.team.id, id).await?;
    let history = action_history::Entity::find()
        .filter(action_history::Column::ActionId.eq(id))
        .order_by_asc(action_history::Column::OccurredAt)
        .order_by_asc(action_history::Column::Id)
        .all(db)
        .await?;
    let comments = action_comments::Entity::find()
        .filter(action_comments::Column::ActionId.eq(id))
        .order_by_asc(action_comments::Column::Id)
        .all(db)
        .await?;
    let people = names_of(
        db,
        history
            .iter()
            .filter_map(|h| h.actor_id)
            .chain(comments.iter().filter_map(|c| c.author_id)),
    )
    .await?;
    let may_change = rules::may_change_status(row.owner_id, acc.user_id, acc.is_leader());
    let line = lines(db, &acc.team.team.slug, vec![row], acc.team.zone.today(now))
        .await?
        .into_iter()
        .next()
        .ok_or(ServiceError::NotFound)?
        .in_lang(lang);
    Ok(ActionDetail {
        history: history
            .into_iter()
            .map(|h| HistoryLine {
                who: author_name(&people, h.actor_id),
                what: match h.from_status {
                    None => Msg::new("ac-history-created")
                        .arg("status", Status::from(h.to_status).word()),
                    Some(from) => Msg::new("ac-history-moved")
                        .arg("from", Status::from(from).word())
                        .arg("to", Status::from(h.to_status).word()),
                }
                .render(lang),
                reason: h.reason,
                when: format::date_time_in(h.occurred_at, acc.team.zone, lang),
                actor_id: h.actor_id,
                from: h.from_status.map(Status::from),
                to: Status::from(h.to_status),
                at: h.occurred_at,
            })
            .collect(),
        comments: comments
            .into_iter()
            .map(|c| CommentLine {
                who: author_name(&people, c.author_id),
                body: c.body,
                when: format::date_time_in(c.created_at, acc.team.zone, lang),
                id: c.id,
                author_id: c.author_id,
                at: c.created_at,
            })
            .collect(),
        access: acc,
        line,
        may_change,
    })
}

/// My open actions across my teams, overdue first then soonest due (for the home page).
pub async fn my_open(
    db: &impl ConnectionTrait,
    user_id: UserId,
    now: OffsetDateTime,
) -> Result<Vec<(String, ActionLine)>> {
    let today = now.date();
    let rows = actions::Entity::find()
        .filter(actions::Column::OwnerId.eq(user_id))
        .filter(actions::Column::Status.is_in([
            actions::Status::Open,
            actions::Status::InProgress,
            actions::Status::Blocked,
        ]))
        .order_by_asc(actions::Column::DueOn)
        .order_by_asc(actions::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for (slug, team_id) in teams::teams_of(db, user_id)
        .await?
        .into_iter()
        .map(|(t, _)| (t.slug, t.id))
    {
        let mine: Vec<actions::Model> = rows
            .iter()
            .filter(|r| r.team_id == team_id)
            .cloned()
            .collect();
        for line in lines(db, &slug, mine, today).await? {
            out.push((slug.clone(), line));
        }
    }
    // Overdue first, then by due date (stable: ids break ties as loaded).
    out.sort_by(|a, b| (!a.1.overdue, &a.1.due_iso).cmp(&(!b.1.overdue, &b.1.due_iso)));
    Ok(out)
}
