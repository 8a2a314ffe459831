//! The notification centre: every notification of one person across their teams, newest
//! first, fifty at a time; the unread count the bell shows on every page; marking read.

use crate::domain::zone::Zone;
use std::collections::HashMap;

use sea_orm::prelude::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;
use time::OffsetDateTime;

use crate::domain::ids::{TeamId, UserId};
use crate::domain::notice::Kind;
use crate::i18n::{Lang, text};
use crate::service::Result;
use crate::store::entities::{notifications, teams};

/// Notifications per page.
pub const PAGE: u64 = 50;

/// One notification as the centre shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Id (for marking it read).
    pub id: i64,
    /// What kind, as a short label in the reader's language.
    pub kind: String,
    /// The team's name.
    pub team: String,
    /// What happened.
    pub message: String,
    /// Where to act.
    pub link: String,
    /// When, formatted.
    pub when: String,
    /// Not yet marked read.
    pub unread: bool,
    /// The kind's stored name (`voting_open`, ...).
    #[serde(skip)]
    pub kind_code: String,
    /// The team's slug (empty if the team is gone).
    #[serde(skip)]
    pub team_slug: String,
    /// When, as a moment.
    #[serde(skip)]
    pub created_at: OffsetDateTime,
}

/// One page of the centre.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Newest first.
    pub rows: Vec<Row>,
    /// Unread in all.
    pub unread: u64,
    /// The cursor for the next (older) page, if there is one.
    pub older: Option<i64>,
}

/// How many unread notifications the person has, in all teams (the bell's count).
pub async fn unread_total(db: &impl ConnectionTrait, user_id: UserId) -> Result<u64> {
    Ok(notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user_id))
        .filter(notifications::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// The page of notifications older than `before` (the newest when `None`), labelled and dated
/// in `lang`. Times are in `zone` (the person's own) or else each notification's team's zone.
pub async fn page(
    db: &impl ConnectionTrait,
    user_id: UserId,
    before: Option<i64>,
    zone: Option<Zone>,
    lang: Lang,
) -> Result<Page> {
    page_of(db, user_id, (before, PAGE), zone, lang).await
}

/// [`page`] with `size` notifications per page (the API's `limit`): the keyset query
/// `id < before ORDER BY id DESC LIMIT size + 1`.
pub async fn page_of(
    db: &impl ConnectionTrait,
    user_id: UserId,
    (before, size): (Option<i64>, u64),
    zone: Option<Zone>,
    lang: Lang,
) -> Result<Page> {
    let mut query = notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user_id))
        .order_by_desc(notifications::Column::Id)
        .limit(size.saturating_add(1));
    if let Some(before) = before {
        query = query.filter(notifications::Column::Id.lt(before));
    }
    let mut found = query.all(db).await?;
    let older = (found.len() as u64 > size).then(|| {
        found.truncate(usize::try_from(size).unwrap_or(usize::MAX));
        found.last().map_or(0, |n| n.id)
    });
    let mut team_ids: Vec<TeamId> = found.iter().map(|n| n.team_id).collect();
    team_ids.sort_unstable();
    team_ids.dedup();
    let teams: HashMap<TeamId, (String, Zone, String)> = if team_ids.is_empty() {
        HashMap::new()
    } else {
        teams::Entity::find()
            .filter(teams::Column::Id.is_in(team_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.id, (t.name, Zone::stored(&t.time_zone), t.slug)))
            .collect()
    };
    let rows = found
        .into_iter()
        .map(|n| {
            let (team, team_zone, team_slug) = teams
                .get(&n.team_id)
                .cloned()
                .unwrap_or_else(|| (String::new(), Zone::utc(), String::new()));
            Row {
                id: n.id,
                kind: kind_label(Kind::parse(&n.kind), lang),
                team,
                message: n.message,
                link: n.link,
                when: crate::format::date_time_in(n.created_at, zone.unwrap_or(team_zone), lang),
                unread: n.read_at.is_none(),
                kind_code: n.kind,
                team_slug,
                created_at: n.created_at,
            }
        })
        .collect();
    Ok(Page {
        rows,
        unread: unread_total(db, user_id).await?,
        older,
    })
}

/// A short label for the centre's list (`None`: a kind this version does not know).
fn kind_label(kind: Option<Kind>, lang: Lang) -> String {
    let key = match kind {
        Some(Kind::ProposalsOpen) => "nk-short-proposals-open",
        Some(Kind::VotingOpen) => "nk-short-voting-open",
        Some(Kind::VotingReminder) => "nk-short-voting-reminder",
        Some(Kind::AgendaPublished) => "nk-short-agenda-published",
        Some(Kind::ActionAssigned) => "nk-short-action-assigned",
        Some(Kind::ActionOverdue) => "nk-short-action-overdue",
        Some(Kind::Ledger) => "nk-short-ledger",
        Some(Kind::Digest) => "nk-short-digest",
        None => "nk-short-other",
    };
    text(lang, key)
}

/// Marks one of the person's notifications read (`Some(id)`), or all of them; another
/// person's id changes nothing. Returns how many changed.
pub async fn mark_read(
    db: &impl ConnectionTrait,
    user_id: UserId,
    id: Option<i64>,
    now: OffsetDateTime,
) -> Result<u64> {
    let mut update = notifications::Entity::update_many()
        .col_expr(notifications::Column::ReadAt, Expr::value(now))
        .filter(notifications::Column::UserId.eq(user_id))
        .filter(notifications::Column::ReadAt.is_null());
    if let Some(id) = id {
        update = update.filter(notifications::Column::Id.eq(id));
    }
    Ok(update.exec(db).await?.rows_affected)
}

/// Marks the given notifications of the person read (ids of other people's notifications, or
/// already read ones, change nothing). Returns how many changed.
pub async fn mark_read_ids(
    db: &impl ConnectionTrait,
    user_id: UserId,
    ids: &[i64],
    now: OffsetDateTime,
) -> Result<u64> {
    let mut changed = 0;
    for chunk in ids.chunks(500) {
        changed += notifications::Entity::update_many()
            .col_expr(notifications::Column::ReadAt, Expr::value(now))
            .filter(notifications::Column::UserId.eq(user_id))
            .filter(notifications::Column::ReadAt.is_null())
            .filter(notifications::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(changed)
}
