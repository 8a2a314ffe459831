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
use crate::store::entities::{sessions, users};

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

/// The account of `user_id` if the session `id` is still live (not signed out) and is theirs:
/// one query, so a signed-in request borrows a pooled connection once to check its visitor.
pub async fn live_account(
    db: &impl ConnectionTrait,
    id: &str,
    user_id: UserId,
) -> Result<Option<users::Model>> {
    let live = Query::select()
        .column(sessions::Column::UserId)
        .from(sessions::Entity)
        .and_where(sessions::Column::IdHash.eq(token_hash(id)))
        .to_owned();
    Ok(users::Entity::find_by_id(user_id)
        .filter(users::Column::Id.in_subquery(live))
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
