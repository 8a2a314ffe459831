//! Personal API tokens (issue 20): a person creates named, scoped, expiring tokens on their
//! account page and sends one as `Authorization: Bearer` to `/api/v1`, where it acts as them.
//!
//! The secret is `rt_` and 64 random hex digits, shown once at creation; only its SHA-256 is
//! stored (as for calendar feeds, `auth::tokens`), so the database never holds a usable token.
//! A token never does more than its owner may: [`authenticate`] gives back the owner's
//! [`Principal`], and every endpoint asks the same access table with it. A read token is
//! refused every write. Revoked or expired tokens are refused; `last_used_at` is written at
//! most once a minute per token ([`LAST_USED_EVERY_SECONDS`]) so reads do not turn into a
//! write per request. Creating and revoking are audited (never the secret).

mod form;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::access::{Action, Principal};
use crate::auth::tokens::{random_token, token_hash};
use crate::domain::ids::UserId;
use crate::domain::zone::Zone;
use crate::i18n::{Lang, Msg};
use crate::service::teams::check;
use crate::service::{Result, ServiceError, audit, invalid};
use crate::store::entities::api_tokens;
use crate::store::entities::audit_log::AuditAction;
use crate::store::entities::users;

/// What a token may do: read only, or read and write.
pub use crate::store::entities::api_tokens::Scope;
pub use form::{NewToken, TokenForm};

/// Days a new token lasts when the person does not say.
pub const DEFAULT_DAYS: u32 = 90;
/// The longest a token may last: a forgotten token should not work for ever.
pub const MAX_DAYS: u32 = 365;
/// Tokens a person may hold at once (neither revoked nor expired).
pub const MAX_ACTIVE: u64 = 25;
/// Tokens the account page lists (newest first).
pub const LIST_LIMIT: u64 = 100;
/// `last_used_at` is written only when older than this.
pub const LAST_USED_EVERY_SECONDS: i64 = 60;
/// What every secret starts with, so a leaked one is recognisable (and scanners can find it).
pub const PREFIX: &str = "rt_";

/// A token just made: its secret is shown once and never again.
#[derive(Debug, Clone)]
pub struct Created {
    /// Row id.
    pub id: i64,
    /// The bearer secret (`rt_…`).
    pub secret: String,
}

/// One of the person's tokens as the account page lists it (no secret, no hash).
#[derive(Debug, Clone)]
pub struct TokenSummary {
    pub id: i64,
    pub name: String,
    pub scope: Scope,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

impl TokenSummary {
    /// Whether the token still opens the API at `now`.
    pub fn active(&self, now: OffsetDateTime) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

/// Who a valid bearer token stands for.
#[derive(Debug, Clone, Copy)]
pub struct Authenticated {
    /// The token's row id (the rate limit counts per token).
    pub token_id: i64,
    /// The owner, as the access rules see them.
    pub principal: Principal,
    /// What the token may do.
    pub scope: Scope,
    /// The owner's chosen language, if any (for error messages).
    pub lang: Option<Lang>,
}

fn user_of(principal: Principal) -> Result<UserId> {
    check(crate::access::authorize(
        principal,
        None,
        Action::ManageApiTokens,
    ))?;
    principal.user_id.ok_or(ServiceError::Unauthenticated)
}

fn active_filter(user_id: UserId, now: OffsetDateTime) -> sea_orm::Select<api_tokens::Entity> {
    api_tokens::Entity::find()
        .filter(api_tokens::Column::UserId.eq(user_id))
        .filter(api_tokens::Column::RevokedAt.is_null())
        .filter(api_tokens::Column::ExpiresAt.gt(now))
}

/// Makes a token for the signed-in person. Returns the secret: shown once, stored hashed.
pub async fn create(
    db: &DatabaseConnection,
    principal: Principal,
    form: &TokenForm,
    now: OffsetDateTime,
) -> Result<Created> {
    let user_id = user_of(principal)?;
    let new = NewToken::try_from(form)?;
    let secret = format!("{PREFIX}{}", random_token());
    let txn = db.begin().await?;
    // The person's own row first: concurrent creations wait here, so the cap holds.
    crate::store::lock::row::<users::Entity>(&txn, user_id).await?;
    if active_filter(user_id, now).count(&txn).await? >= MAX_ACTIVE {
        return Err(invalid(
            "token_name",
            Msg::new("api-token-too-many").arg("count", MAX_ACTIVE),
        ));
    }
    let row = api_tokens::ActiveModel {
        user_id: Set(user_id),
        name: Set(new.name.clone()),
        token_hash: Set(token_hash(&secret)),
        scope: Set(new.scope),
        expires_at: Set(now + Duration::days(i64::from(new.days))),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(user_id),
            team_id: None,
            action: AuditAction::ApiTokenCreate,
            detail: json!({
                "token": row.id,
                "name": new.name,
                "scope": scope_name(new.scope),
                "days": new.days,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(Created { id: row.id, secret })
}

/// The signed-in person's tokens, newest first (at most [`LIST_LIMIT`]).
pub async fn list(db: &impl ConnectionTrait, principal: Principal) -> Result<Vec<TokenSummary>> {
    let user_id = user_of(principal)?;
    Ok(api_tokens::Entity::find()
        .filter(api_tokens::Column::UserId.eq(user_id))
        .order_by_desc(api_tokens::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?
        .into_iter()
        .map(|t| TokenSummary {
            id: t.id,
            name: t.name,
            scope: t.scope,
            created_at: t.created_at,
            expires_at: t.expires_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        })
        .collect())
}

/// Revokes one of the signed-in person's tokens: it answers 401 from now on. Another
/// person's token is `NotFound`; revoking twice changes nothing.
pub async fn revoke(
    db: &DatabaseConnection,
    principal: Principal,
    token_id: i64,
    now: OffsetDateTime,
) -> Result<()> {
    let user_id = user_of(principal)?;
    let txn = db.begin().await?;
    let gone = api_tokens::Entity::update_many()
        .col_expr(api_tokens::Column::RevokedAt, Expr::value(now))
        .filter(api_tokens::Column::Id.eq(token_id))
        .filter(api_tokens::Column::UserId.eq(user_id))
        .filter(api_tokens::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if gone == 0 {
        let exists = api_tokens::Entity::find_by_id(token_id)
            .filter(api_tokens::Column::UserId.eq(user_id))
            .one(&txn)
            .await?
            .is_some();
        txn.rollback().await?;
        return if exists {
            Ok(())
        } else {
            Err(ServiceError::NotFound)
        };
    }
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(user_id),
            team_id: None,
            action: AuditAction::ApiTokenRevoke,
            detail: json!({ "token": token_id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The owner and scope of a bearer secret; `Unauthenticated` for anything that is not a
/// current token (malformed, unknown, revoked or expired: one answer, nothing to probe).
pub async fn authenticate(
    db: &impl ConnectionTrait,
    secret: &str,
    now: OffsetDateTime,
) -> Result<Authenticated> {
    let hex = secret
        .strip_prefix(PREFIX)
        .ok_or(ServiceError::Unauthenticated)?;
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ServiceError::Unauthenticated);
    }
    let token = api_tokens::Entity::find()
        .filter(api_tokens::Column::TokenHash.eq(token_hash(secret)))
        .one(db)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    if token.revoked_at.is_some() || token.expires_at <= now {
        return Err(ServiceError::Unauthenticated);
    }
    let user = users::Entity::find_by_id(token.user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    let stale = now - Duration::seconds(LAST_USED_EVERY_SECONDS);
    if token.last_used_at.is_none_or(|at| at <= stale) {
        // Conditional, so concurrent requests write it once.
        api_tokens::Entity::update_many()
            .col_expr(api_tokens::Column::LastUsedAt, Expr::value(now))
            .filter(api_tokens::Column::Id.eq(token.id))
            .filter(
                api_tokens::Column::LastUsedAt
                    .is_null()
                    .or(api_tokens::Column::LastUsedAt.lte(stale)),
            )
            .exec(db)
            .await?;
    }
    Ok(Authenticated {
        token_id: token.id,
        principal: Principal {
            user_id: Some(user.id),
            is_admin: user.is_admin,
            zone: user.time_zone.as_deref().map(Zone::stored),
        },
        scope: token.scope,
        lang: user.language.as_deref().and_then(Lang::parse),
    })
}

/// The scope as written in JSON, forms and the audit log.
pub fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Read => "read",
        Scope::ReadWrite => "read_write",
    }
}

/// The account a token acts as (for `GET /api/v1/me`); `Unauthenticated` if it is gone.
pub async fn owner(db: &impl ConnectionTrait, principal: Principal) -> Result<users::Model> {
    let user_id = principal.user_id.ok_or(ServiceError::Unauthenticated)?;
    users::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::Unauthenticated)
}
