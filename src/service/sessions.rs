//! Server-side sessions. The encrypted cookie carries a random session id; the database keeps
//! its hash. A request is signed in only while that row exists, so signing out (deleting the
//! row) ends the session for every copy of the cookie, on every app server. Epoch bumps
//! (password change, reset, "log out everywhere") also delete the person's rows.

use crate::domain::ids::UserId;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use time::{Duration, OffsetDateTime};

use crate::auth::tokens::{random_token, token_hash};
use crate::service::Result;
use crate::store::entities::{notifications, sessions, users};

/// Records a new session for `user_id` and returns its id (for the cookie only). Sessions idle
/// for longer than `idle` are deleted on the way, so the table holds only live ones.
pub async fn start(
    db: &impl ConnectionTrait,
    user_id: UserId,
    now: OffsetDateTime,
    idle: Duration,
) -> Result<String> {
    sessions::Entity::delete_many()
        .filter(sessions::Column::SeenAt.lt(now - idle))
        .exec(db)
        .await?;
    let id = random_token();
    sessions::ActiveModel {
        id_hash: Set(token_hash(&id)),
        user_id: Set(user_id),
        created_at: Set(now),
        seen_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// A live session's account, with its unread notifications (the bell every page shows).
#[derive(Debug, Clone)]
pub struct LiveAccount {
    pub user: users::Model,
    /// Unread notifications in all the person's teams.
    pub unread: u64,
}

impl sea_orm::FromQueryResult for LiveAccount {
    fn from_query_result(row: &sea_orm::QueryResult, pre: &str) -> Result<Self, sea_orm::DbErr> {
        let unread: i64 = row.try_get(pre, "unread")?;
        Ok(Self {
            user: users::Model::from_query_result(row, pre)?,
            unread: u64::try_from(unread).unwrap_or(0),
        })
    }
}

/// The account of `user_id` if the session `id` is still live (not signed out) and is theirs,
/// with its unread count: one query, so a signed-in request borrows a pooled connection once
/// to check its visitor and fill in the header's bell.
pub async fn live_account(
    db: &impl ConnectionTrait,
    id: &str,
    user_id: UserId,
) -> Result<Option<LiveAccount>> {
    use sea_orm::sea_query::ExprTrait;
    use sea_orm::{QuerySelect, QueryTrait};

    let live = Query::select()
        .column(sessions::Column::UserId)
        .from(sessions::Entity)
        .and_where(sessions::Column::IdHash.eq(token_hash(id)))
        .to_owned();
    let unread = notifications::Entity::find()
        .select_only()
        .expr(Expr::cust("COUNT(*)"))
        .filter(
            Expr::col((notifications::Entity, notifications::Column::UserId))
                .eq(Expr::col((users::Entity, users::Column::Id))),
        )
        .filter(notifications::Column::ReadAt.is_null())
        .into_query();
    Ok(users::Entity::find_by_id(user_id)
        .filter(users::Column::Id.in_subquery(live))
        .expr_as(unread, "unread")
        .into_model::<LiveAccount>()
        .one(db)
        .await?)
}

/// Records activity (called at most once a minute per session).
pub async fn touch(db: &impl ConnectionTrait, id: &str, now: OffsetDateTime) -> Result<()> {
    sessions::Entity::update_many()
        .col_expr(sessions::Column::SeenAt, Expr::value(now))
        .filter(sessions::Column::IdHash.eq(token_hash(id)))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends one session (sign out).
pub async fn end(db: &impl ConnectionTrait, id: &str) -> Result<()> {
    sessions::Entity::delete_by_id(token_hash(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a person.
pub async fn end_all(db: &impl ConnectionTrait, user_id: UserId) -> Result<()> {
    sessions::Entity::delete_many()
        .filter(sessions::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
