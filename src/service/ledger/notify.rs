//! The ledger's in-app notifications: written inside the use case's transaction, read on the
//! person's own ledger page (and in the notification centre, `service::notices::centre`),
//! dismissed by them.

use crate::domain::ids::{TeamId, UserId};
use std::collections::BTreeMap;

use sea_orm::prelude::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::i18n::{Lang, Msg};
use crate::service::Result;
use crate::store::entities::notifications;

/// The stored kind of the ledger's notifications (`domain::notice::Kind::Ledger`).
const LEDGER: &str = crate::domain::notice::Kind::Ledger.as_str();

/// Tells `user_id` something about `team_id`, with a local link to act on it (in the app
/// only; the notification centre lists it with every other kind). It is written in the
/// person's chosen language (English when they chose none) and keeps it.
pub async fn send(
    db: &impl ConnectionTrait,
    user_id: UserId,
    team_id: TeamId,
    message: &Msg,
    link: String,
    now: OffsetDateTime,
) -> Result<()> {
    let (lang, zone) = crate::service::notices::recipient(db, user_id)
        .await?
        .map_or((Lang::En, None), |r| (r.lang, r.zone));
    let message = message.render_in(lang, zone);
    notifications::ActiveModel {
        user_id: Set(user_id),
        team_id: Set(team_id),
        kind: Set(LEDGER.to_owned()),
        message: Set(message),
        link: Set(link),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// An unread notification as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Unread {
    /// What happened.
    pub message: String,
    /// Where to act.
    pub link: String,
    /// When, formatted.
    pub when: String,
}

/// The newest 20 unread notifications of a person in a team, dated for `reader`.
pub async fn unread(
    db: &impl ConnectionTrait,
    user_id: UserId,
    team_id: TeamId,
    reader: super::Reader,
) -> Result<Vec<Unread>> {
    Ok(notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user_id))
        .filter(notifications::Column::TeamId.eq(team_id))
        .filter(notifications::Column::Kind.eq(LEDGER))
        .filter(notifications::Column::ReadAt.is_null())
        .order_by_desc(notifications::Column::Id)
        .limit(20)
        .all(db)
        .await?
        .into_iter()
        .map(|n| Unread {
            message: n.message,
            link: n.link,
            when: reader.date_time(n.created_at),
        })
        .collect())
}

/// How many unread notifications a person has, by team id (teams with none are absent). Only
/// the person's own rows are read, so no team's content is revealed; the home page shows the
/// counts next to the teams the person is in.
pub async fn unread_counts(
    db: &impl ConnectionTrait,
    user_id: UserId,
) -> Result<BTreeMap<TeamId, u64>> {
    let rows: Vec<(TeamId, i64)> = notifications::Entity::find()
        .select_only()
        .column(notifications::Column::TeamId)
        .column_as(notifications::Column::Id.count(), "unread")
        .filter(notifications::Column::UserId.eq(user_id))
        .filter(notifications::Column::Kind.eq(LEDGER))
        .filter(notifications::Column::ReadAt.is_null())
        .group_by(notifications::Column::TeamId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(team_id, n)| (team_id, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// Marks all of the caller's notifications in the team as read.
pub async fn mark_read(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    now: OffsetDateTime,
) -> Result<()> {
    let acc = super::access(db, principal, slug, Action::ViewOwnLedger).await?;
    notifications::Entity::update_many()
        .col_expr(notifications::Column::ReadAt, Expr::value(now))
        .filter(notifications::Column::UserId.eq(acc.user_id))
        .filter(notifications::Column::TeamId.eq(acc.team.id))
        .filter(notifications::Column::Kind.eq(LEDGER))
        .filter(notifications::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
