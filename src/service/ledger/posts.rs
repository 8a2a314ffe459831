//! Help posts: offers and requests with an expiry, responses from members, and the list of
//! unmet requests (no response after the team's N days) for the ledger and the meeting scan.
//! Answering a post is `responses.rs` (re-exported here).

use crate::domain::ids::{PostId, TeamId, UserId};
use crate::i18n::{Lang, Msg};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::{Reader, access, names};
use crate::access::{Action, Principal};
use crate::domain::ledger::{
    self, Category, Detail, ExpiryDays, IdempotencyKey, Minutes, PostKind, PostTitle,
};
use crate::service::find_in_team;
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::{help_posts, help_responses};

pub use super::responses::{ResponseForm, ResponseLine, respond};

/// The "new post" form as typed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PostForm {
    /// `offer` or `request`.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub estimated_minutes: String,
    /// Days until it expires.
    #[serde(default)]
    pub expires_in_days: String,
    #[serde(default)]
    pub idempotency_key: String,
}

impl Default for PostForm {
    fn default() -> Self {
        Self {
            kind: "request".to_owned(),
            title: String::new(),
            detail: String::new(),
            category: String::new(),
            estimated_minutes: "30".to_owned(),
            expires_in_days: "14".to_owned(),
            idempotency_key: String::new(),
        }
    }
}

/// A post as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct PostLine {
    pub id: PostId,
    /// Offer or request.
    pub kind: String,
    pub title: String,
    pub detail: String,
    pub category: String,
    pub estimated_minutes: i32,
    /// Author's name.
    pub author: String,
    /// Author's id.
    pub author_id: UserId,
    /// Expiry, formatted.
    pub expires: String,
    /// Open (not closed, not expired)?
    pub open: bool,
    /// A request nobody answered within the team's N days.
    pub unmet: bool,
    pub responses: Vec<ResponseLine>,
    /// When it was posted (for the API; pages show `expires`).
    #[serde(skip)]
    pub created_at: OffsetDateTime,
    /// When it expires.
    #[serde(skip)]
    pub expires_at: OffsetDateTime,
    /// When it was closed, if it was.
    #[serde(skip)]
    pub closed_at: Option<OffsetDateTime>,
}

/// Whether a request is unmet: open, no response, and older than `days`.
pub fn is_unmet(
    post: &help_posts::Model,
    responses: usize,
    days: i32,
    now: OffsetDateTime,
) -> bool {
    post.kind == help_posts::PostKind::Request
        && post.closed_at.is_none()
        && post.expires_at > now
        && responses == 0
        && post.created_at + Duration::days(i64::from(days)) <= now
}

async fn lines(
    db: &impl ConnectionTrait,
    posts: Vec<help_posts::Model>,
    days: i32,
    now: OffsetDateTime,
    reader: Reader,
) -> Result<Vec<PostLine>> {
    let ids: Vec<PostId> = posts.iter().map(|p| p.id).collect();
    let responses = if ids.is_empty() {
        Vec::new()
    } else {
        help_responses::Entity::find()
            .filter(help_responses::Column::PostId.is_in(ids))
            .order_by_asc(help_responses::Column::Id)
            .all(db)
            .await?
    };
    let people = names(
        db,
        posts
            .iter()
            .map(|p| p.author_id)
            .chain(responses.iter().map(|r| r.responder_id)),
    )
    .await?;
    let name = |id: UserId| {
        people
            .get(&id)
            .cloned()
            .unwrap_or_else(|| reader.former_member())
    };
    Ok(posts
        .into_iter()
        .map(|p| {
            let answers: Vec<ResponseLine> = responses
                .iter()
                .filter(|r| r.post_id == p.id)
                .map(|r| ResponseLine {
                    responder_id: r.responder_id,
                    name: name(r.responder_id),
                    message: r.message.clone(),
                    when: reader.date_time(r.created_at),
                    at: r.created_at,
                })
                .collect();
            PostLine {
                id: p.id,
                kind: PostKind::from(p.kind).as_str().to_owned(),
                title: p.title.clone(),
                detail: p.detail.clone(),
                category: p.category.clone(),
                estimated_minutes: p.estimated_minutes,
                author: name(p.author_id),
                author_id: p.author_id,
                expires: reader.date_time(p.expires_at),
                open: p.closed_at.is_none() && p.expires_at > now,
                unmet: is_unmet(&p, answers.len(), days, now),
                responses: answers,
                created_at: p.created_at,
                expires_at: p.expires_at,
                closed_at: p.closed_at,
            }
        })
        .collect())
}

/// Open posts of the team, newest first, written in `lang`.
pub async fn open_posts(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<(super::LedgerAccess, Vec<PostLine>)> {
    let acc = access(db, principal, slug, Action::ViewOwnLedger).await?;
    let posts = help_posts::Entity::find()
        .filter(help_posts::Column::TeamId.eq(acc.team.id))
        .filter(help_posts::Column::ClosedAt.is_null())
        .filter(help_posts::Column::ExpiresAt.gt(now))
        .order_by_desc(help_posts::Column::CreatedAt)
        .order_by_desc(help_posts::Column::Id)
        .all(db)
        .await?;
    let days = acc.settings.unmet_after_days;
    let lines = lines(db, posts, days, now, Reader::of(&acc, lang)).await?;
    Ok((acc, lines))
}

/// Unmet requests of a team (for the ledger page and the meeting scan), written for `reader`
/// (a zone, or a zone and a language); no access check.
pub async fn unmet_requests(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    now: OffsetDateTime,
    reader: impl Into<Reader>,
) -> Result<Vec<PostLine>> {
    let posts = help_posts::Entity::find()
        .filter(help_posts::Column::TeamId.eq(team_id))
        .filter(help_posts::Column::Kind.eq(PostKind::Request.as_str()))
        .filter(help_posts::Column::ClosedAt.is_null())
        .filter(help_posts::Column::ExpiresAt.gt(now))
        .order_by_asc(help_posts::Column::CreatedAt)
        .order_by_asc(help_posts::Column::Id)
        .all(db)
        .await?;
    if posts.is_empty() {
        // The scan and the meeting page ask on every visit: no open request, no settings read.
        return Ok(Vec::new());
    }
    let days = super::settings(db, team_id).await?.unmet_after_days;
    Ok(lines(db, posts, days, now, reader.into())
        .await?
        .into_iter()
        .filter(|p| p.unmet)
        .collect())
}

/// One post of the team (any member may read it), written in `lang`.
pub async fn post(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: PostId,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<(super::LedgerAccess, PostLine)> {
    let acc = access(db, principal, slug, Action::ViewOwnLedger).await?;
    let row = find_in_team::<help_posts::Entity>(db, acc.team.id, id).await?;
    let days = acc.settings.unmet_after_days;
    let line = lines(db, vec![row], days, now, Reader::of(&acc, lang))
        .await?
        .into_iter()
        .next()
        .ok_or(ServiceError::NotFound)?;
    Ok((acc, line))
}

/// Creates a post; a double submit with the same key posts once. Returns the post's id.
pub async fn create(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &PostForm,
    now: OffsetDateTime,
) -> Result<PostId> {
    let acc = access(db, principal, slug, Action::PostHelp).await?;
    let mut errors = FieldErrors::new();
    let kind = PostKind::parse(&form.kind)
        .map_err(|e| errors.add("kind", e))
        .ok();
    let title = PostTitle::parse(&form.title)
        .map_err(|e| errors.add("title", e))
        .ok();
    let detail = Detail::parse(&form.detail)
        .map_err(|e| errors.add("detail", e))
        .ok();
    let category = Category::parse(&form.category)
        .map_err(|e| errors.add("category", e))
        .ok();
    let minutes = Minutes::parse(&form.estimated_minutes)
        .map_err(|e| errors.add("estimated_minutes", e))
        .ok();
    let days = ExpiryDays::parse(&form.expires_in_days)
        .map_err(|e| errors.add("expires_in_days", e))
        .ok();
    let key = IdempotencyKey::parse(&form.idempotency_key)
        .map_err(|e| errors.add("idempotency_key", e))
        .ok();
    let (
        Some(kind),
        Some(title),
        Some(detail),
        Some(category),
        Some(minutes),
        Some(days),
        Some(key),
    ) = (kind, title, detail, category, minutes, days, key)
    else {
        return Err(ServiceError::Invalid(errors));
    };
    if let Some(found) = by_key(db, acc.team.id, acc.user_id, key.as_str()).await? {
        return Ok(found);
    }
    let txn = db.begin().await?;
    let inserted = help_posts::ActiveModel {
        team_id: Set(acc.team.id),
        author_id: Set(acc.user_id),
        kind: Set(kind.into()),
        title: Set(title.as_str().to_owned()),
        detail: Set(detail.as_str().to_owned()),
        category: Set(category.as_str().to_owned()),
        estimated_minutes: Set(minutes.get()),
        expires_at: Set(now + Duration::days(days.get())),
        closed_at: Set(None),
        idempotency_key: Set(key.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match inserted {
        Ok(row) => row,
        Err(e) => {
            drop(txn);
            return match ServiceError::from(e) {
                ServiceError::Conflict(_) => by_key(db, acc.team.id, acc.user_id, key.as_str())
                    .await?
                    .ok_or_else(|| ServiceError::Conflict(Msg::new("conflict-please-try-again"))),
                other => Err(other),
            };
        }
    };
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(acc.user_id),
            team_id: Some(acc.team.id),
            action: audit::AuditAction::HelpPostCreate,
            detail: json!({ "post_id": row.id, "kind": kind.as_str() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

async fn by_key(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    author_id: UserId,
    key: &str,
) -> Result<Option<PostId>> {
    Ok(help_posts::Entity::find()
        .filter(help_posts::Column::AuthorId.eq(author_id))
        .filter(help_posts::Column::IdempotencyKey.eq(key))
        .filter(help_posts::Column::TeamId.eq(team_id))
        .one(db)
        .await?
        .map(|p| p.id))
}

/// Closes a post (its author, or a leader).
pub async fn close(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: PostId,
    now: OffsetDateTime,
) -> Result<()> {
    let acc = access(db, principal, slug, Action::PostHelp).await?;
    let post = find_in_team::<help_posts::Entity>(db, acc.team.id, id).await?;
    if !ledger::may_close(post.author_id, acc.user_id, acc.is_leader()) {
        return Err(ServiceError::Forbidden);
    }
    if post.closed_at.is_some() {
        return Ok(());
    }
    let txn = db.begin().await?;
    let mut active: help_posts::ActiveModel = post.into();
    active.closed_at = Set(Some(now));
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(acc.user_id),
            team_id: Some(acc.team.id),
            action: audit::AuditAction::HelpPostClose,
            detail: json!({ "post_id": id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Where a page of posts resumes: just after this post in the list's order (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostAfter {
    /// The last post's creation.
    pub created_at: OffsetDateTime,
    /// The last post's id (the tie-breaker).
    pub id: PostId,
}

/// One page of the open posts [`open_posts`] lists (newest first), optionally of one kind: up
/// to `limit` after `after`, keyset in SQL; `true` when more follow.
#[allow(clippy::too_many_arguments)]
pub async fn open_posts_page(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    kind: Option<PostKind>,
    after: Option<PostAfter>,
    limit: u64,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<(super::LedgerAccess, Vec<PostLine>, bool)> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::ExprTrait;
    let acc = access(db, principal, slug, Action::ViewOwnLedger).await?;
    let mut query = help_posts::Entity::find()
        .filter(help_posts::Column::TeamId.eq(acc.team.id))
        .filter(help_posts::Column::ClosedAt.is_null())
        .filter(help_posts::Column::ExpiresAt.gt(now));
    if let Some(kind) = kind {
        query = query.filter(help_posts::Column::Kind.eq(kind.as_str()));
    }
    if let Some(after) = after {
        query = query.filter(
            help_posts::Column::CreatedAt
                .lt(after.created_at)
                .or(help_posts::Column::CreatedAt
                    .eq(after.created_at)
                    .and(help_posts::Column::Id.lt(after.id))),
        );
    }
    let mut rows = query
        .order_by_desc(help_posts::Column::CreatedAt)
        .order_by_desc(help_posts::Column::Id)
        .limit(limit.saturating_add(1))
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let days = acc.settings.unmet_after_days;
    let lines = lines(db, rows, days, now, Reader::of(&acc, lang)).await?;
    Ok((acc, lines, more))
}

/// [`create`], also telling whether the key had already posted (`true`: nothing new).
pub async fn create_once(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &PostForm,
    now: OffsetDateTime,
) -> Result<(PostId, bool)> {
    let acc = access(db, principal, slug, Action::PostHelp).await?;
    let earlier = match IdempotencyKey::parse(&form.idempotency_key) {
        Ok(key) => by_key(db, acc.team.id, acc.user_id, key.as_str()).await?,
        Err(_) => None,
    };
    let id = create(db, principal, slug, form, now).await?;
    Ok((id, earlier == Some(id)))
}
