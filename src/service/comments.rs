//! Comments on things members discuss before a vote: agenda proposals now, budget ideas next.
//! Built once: each kind of subject implements [`Target`] — who may read, write and moderate
//! there, whether its window is open, and which row to lock — and the use cases here do the
//! rest the same way for every kind (paginated list, add, edit own, hide with a reason, audit).
//!
//! Hidden comments stay in the list as "Hidden by a leader: reason" for everyone; the text is
//! kept only for its author and moderators (`domain::comment::body_visible`), so the view
//! built here leaves it out for anyone else. Hiding is allowed after the window closes (a
//! leader may need to remove something at any time); adding and editing are not.

pub mod action;
pub mod agenda;
pub mod budget;
pub mod paging;

use crate::domain::ids::{TeamId, UserId};
use crate::i18n::Msg;
use std::collections::HashMap;

use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;

use crate::domain::comment::{self, CommentBody, Viewer, Window};
use crate::domain::meeting::Reason;
use crate::service::meetings::{author_name, names_of};
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::comments;

pub use crate::store::entities::comments::SubjectKind;

/// What a use case is about to do with a subject's comments; each [`Target`] maps it to the
/// access rule of its own pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// See the subject and its comments.
    Read,
    /// Add a comment or edit one's own.
    Write,
    /// Hide a comment.
    Moderate,
}

/// A subject as one request sees it, resolved by its [`Target`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    /// Kind of subject.
    pub kind: SubjectKind,
    /// Its id in its own table.
    pub id: i64,
    /// Its team (comments are read back only within it).
    pub team_id: TeamId,
    /// Whether comments may be added and edited now.
    pub window: Window,
    /// Whether the caller may comment here at all (their role, not the window).
    pub may_comment: bool,
    /// Whether the caller may hide comments here.
    pub moderator: bool,
    /// The zone the caller sees times in.
    pub zone: crate::domain::zone::Zone,
}

/// Something people comment on. Implemented once per kind of subject, so the budget rounds
/// only say how an idea is found, who may do what, and when its window is open.
#[expect(
    async_fn_in_trait,
    reason = "only awaited in this crate's handlers, which need no Send bound"
)]
pub trait Target {
    /// Authorizes `intent` for `principal` (another team's subject answers `NotFound`, a
    /// refused role `Forbidden`) and loads the subject as it is at `now`.
    async fn resolve(
        &self,
        db: &impl ConnectionTrait,
        principal: crate::access::Principal,
        intent: Intent,
        now: OffsetDateTime,
    ) -> Result<Subject>;

    /// Takes the write lock the subject's other changes take (for a proposal, its meeting's
    /// row), so the window is checked after every concurrent change to it.
    async fn lock(&self, txn: &DatabaseTransaction) -> Result<()>;
}

/// The comment form (add and edit).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CommentForm {
    /// What the person typed.
    #[serde(default)]
    pub body: String,
}

/// One comment as the caller may see it.
#[derive(Debug, Clone)]
pub struct CommentView {
    pub id: i64,
    /// Author's name (or "a former member").
    pub author: String,
    /// The author (none once the account is deleted).
    pub author_id: Option<UserId>,
    /// Hidden by a leader.
    pub hidden: bool,
    /// The caller wrote it.
    pub mine: bool,
    /// The text, unless it is hidden from the caller.
    pub body: Option<String>,
    /// "Hidden by a leader: reason", when hidden.
    pub hidden_note: Option<Msg>,
    /// Written.
    pub created_at: OffsetDateTime,
    /// Last edited.
    pub edited_at: Option<OffsetDateTime>,
    /// The caller may edit it now.
    pub editable: bool,
    /// The caller may hide it now.
    pub hideable: bool,
}

/// One page of a subject's comments, oldest first.
#[derive(Debug, Clone)]
pub struct Thread {
    /// The subject as the caller sees it.
    pub subject: Subject,
    /// This page's comments.
    pub comments: Vec<CommentView>,
    /// All comments on the subject, hidden ones included.
    pub total: u64,
    /// This page (from 1).
    pub page: u64,
    /// Number of pages.
    pub pages: u64,
}

fn invalid(field: &str, message: impl Into<Msg>) -> ServiceError {
    let mut errors = FieldErrors::new();
    errors.add(field, message);
    ServiceError::Invalid(errors)
}

fn of_subject(subject: &Subject) -> sea_orm::Select<comments::Entity> {
    comments::Entity::find()
        .filter(comments::Column::SubjectKind.eq(subject.kind))
        .filter(comments::Column::SubjectId.eq(subject.id))
        .filter(comments::Column::TeamId.eq(subject.team_id))
}

/// A page of the subject's comments (oldest first) as `principal` may see them.
pub async fn thread(
    db: &impl ConnectionTrait,
    target: &impl Target,
    principal: crate::access::Principal,
    page: Option<u64>,
    now: OffsetDateTime,
) -> Result<Thread> {
    let subject = target.resolve(db, principal, Intent::Read, now).await?;
    let listed = crate::service::sql::page_of(
        db,
        of_subject(&subject)
            .order_by_asc(comments::Column::CreatedAt)
            .order_by_asc(comments::Column::Id),
        comment::PER_PAGE,
        page.unwrap_or(1),
    )
    .await?;
    let comments = views(db, listed.rows, principal, &subject).await?;
    Ok(Thread {
        subject,
        comments,
        total: listed.total,
        page: listed.window.page,
        pages: listed.window.pages,
    })
}

/// The comments of `rows` as `principal` sees them on `subject`.
async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<comments::Model>,
    principal: crate::access::Principal,
    subject: &Subject,
) -> Result<Vec<CommentView>> {
    let names = names_of(db, rows.iter().filter_map(|r| r.author_id)).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mine = row.author_id.is_some() && row.author_id == principal.user_id;
            let viewer = Viewer {
                is_author: mine,
                is_moderator: subject.moderator,
            };
            let hidden = row.hidden_at.is_some();
            CommentView {
                id: row.id,
                author: author_name(&names, row.author_id),
                author_id: row.author_id,
                hidden,
                mine,
                body: comment::body_visible(hidden, viewer).then_some(row.body),
                hidden_note: row
                    .hidden_reason
                    .filter(|_| hidden)
                    .map(|reason| Msg::new("so-comment-hidden-by-leader").arg("reason", reason)),
                created_at: row.created_at,
                edited_at: row.edited_at,
                editable: subject.may_comment && comment::may_edit(hidden, viewer, subject.window),
                hideable: subject.moderator && !hidden,
            }
        })
        .collect())
}

/// One page of a subject's comments for the API: by id, after a cursor.
#[derive(Debug, Clone)]
pub struct ThreadPage {
    /// The subject as the caller sees it.
    pub subject: Subject,
    /// This page's comments, oldest first.
    pub comments: Vec<CommentView>,
    /// All comments on the subject, hidden ones included.
    pub total: u64,
    /// Whether more follow this page.
    pub more: bool,
}

/// The subject's comments with an id above `after` (at most `limit`, by id) as `principal` may
/// see them: the keyset page of [`paging::by_id`], shown as [`thread`] shows them.
pub async fn thread_page(
    db: &impl ConnectionTrait,
    target: &impl Target,
    principal: crate::access::Principal,
    (after, limit): (Option<i64>, u64),
    now: OffsetDateTime,
) -> Result<ThreadPage> {
    let subject = target.resolve(db, principal, Intent::Read, now).await?;
    let total = of_subject(&subject).count(db).await?;
    let (rows, more) =
        paging::by_id(db, of_subject(&subject), comments::Column::Id, after, limit).await?;
    Ok(ThreadPage {
        comments: views(db, rows, principal, &subject).await?,
        subject,
        total,
        more,
    })
}

/// One comment of the subject as `principal` may see it (`NotFound` if it is not the
/// subject's).
pub async fn one(
    db: &impl ConnectionTrait,
    target: &impl Target,
    principal: crate::access::Principal,
    comment_id: i64,
    now: OffsetDateTime,
) -> Result<CommentView> {
    let subject = target.resolve(db, principal, Intent::Read, now).await?;
    let row = find(db, &subject, comment_id).await?;
    views(db, vec![row], principal, &subject)
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

/// How many comments each subject of `kind` among `ids` has (hidden ones included: they show
/// as notices). One grouped query per 500 ids, so a list page costs the same for any length.
/// `Id` is the subject's own id type (a proposal's, an idea's).
pub async fn counts<Id: Copy + Eq + std::hash::Hash + Into<i64>>(
    db: &impl ConnectionTrait,
    kind: SubjectKind,
    ids: impl IntoIterator<Item = Id>,
) -> Result<HashMap<Id, u64>> {
    let typed: HashMap<i64, Id> = ids.into_iter().map(|id| (id.into(), id)).collect();
    let ids: Vec<i64> = typed.keys().copied().collect();
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows: Vec<(i64, i64)> = comments::Entity::find()
            .select_only()
            .column(comments::Column::SubjectId)
            .column_as(comments::Column::Id.count(), "n")
            .filter(comments::Column::SubjectKind.eq(kind))
            .filter(comments::Column::SubjectId.is_in(chunk.iter().copied()))
            .group_by(comments::Column::SubjectId)
            .into_tuple()
            .all(db)
            .await?;
        out.extend(
            rows.into_iter()
                .filter_map(|(id, n)| Some((*typed.get(&id)?, u64::try_from(n).unwrap_or(0)))),
        );
    }
    Ok(out)
}

/// Authorizes on the pool (a refused request writes nothing), then opens a transaction, takes
/// the subject's lock and resolves the subject again inside it, for its current state.
async fn begin_locked(
    db: &DatabaseConnection,
    target: &impl Target,
    principal: crate::access::Principal,
    intent: Intent,
    now: OffsetDateTime,
) -> Result<(DatabaseTransaction, Subject)> {
    target.resolve(db, principal, intent, now).await?;
    let txn = db.begin().await?;
    target.lock(&txn).await?;
    let subject = target.resolve(&txn, principal, intent, now).await?;
    Ok((txn, subject))
}

fn open(subject: &Subject) -> Result<()> {
    match subject.window {
        Window::Open => Ok(()),
        // A closed window carries the catalogue key of its reason.
        Window::Closed(key) => Err(invalid("window", Msg::new(key))),
    }
}

fn parse_body(form: &CommentForm) -> Result<CommentBody> {
    CommentBody::parse(&form.body).map_err(|e| invalid("body", e))
}

async fn audit_comment(
    txn: &DatabaseTransaction,
    principal: crate::access::Principal,
    subject: &Subject,
    action: audit::AuditAction,
    comment_id: i64,
    reason: Option<&str>,
) -> Result<()> {
    let mut detail = json!({
        "subject_kind": subject.kind.to_value(),
        "subject_id": subject.id,
        "comment_id": comment_id,
    });
    if let (Some(reason), Some(map)) = (reason, detail.as_object_mut()) {
        map.insert("reason".to_owned(), json!(reason));
    }
    audit::record(
        txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(subject.team_id),
            action,
            detail,
        },
    )
    .await?;
    Ok(())
}

/// Adds a comment (members, while the subject's window is open); returns its id.
pub async fn add(
    db: &DatabaseConnection,
    target: &impl Target,
    principal: crate::access::Principal,
    form: &CommentForm,
    now: OffsetDateTime,
) -> Result<i64> {
    let (txn, subject) = begin_locked(db, target, principal, Intent::Write, now).await?;
    open(&subject)?;
    let body = parse_body(form)?;
    let row = comments::ActiveModel {
        team_id: Set(subject.team_id),
        subject_kind: Set(subject.kind),
        subject_id: Set(subject.id),
        author_id: Set(principal.user_id),
        body: Set(body.as_str().to_owned()),
        created_at: Set(now),
        edited_at: Set(None),
        hidden_at: Set(None),
        hidden_by: Set(None),
        hidden_reason: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit_comment(
        &txn,
        principal,
        &subject,
        audit::AuditAction::CommentAdd,
        row.id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

async fn find(
    db: &impl ConnectionTrait,
    subject: &Subject,
    comment_id: i64,
) -> Result<comments::Model> {
    of_subject(subject)
        .filter(comments::Column::Id.eq(comment_id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Edits one's own comment while the window is open (a hidden comment stays as it was).
pub async fn edit(
    db: &DatabaseConnection,
    target: &impl Target,
    principal: crate::access::Principal,
    comment_id: i64,
    form: &CommentForm,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, subject) = begin_locked(db, target, principal, Intent::Write, now).await?;
    let row = find(&txn, &subject, comment_id).await?;
    if row.author_id.is_none() || row.author_id != principal.user_id {
        return Err(ServiceError::Forbidden);
    }
    if row.hidden_at.is_some() {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-leader-hidden-comment-so",
        )));
    }
    open(&subject)?;
    let body = parse_body(form)?;
    let mut active: comments::ActiveModel = row.into();
    active.body = Set(body.as_str().to_owned());
    active.edited_at = Set(Some(now));
    active.update(&txn).await?;
    audit_comment(
        &txn,
        principal,
        &subject,
        audit::AuditAction::CommentEdit,
        comment_id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Hides a comment with a reason everyone sees in its place (moderators, at any time).
pub async fn hide(
    db: &DatabaseConnection,
    target: &impl Target,
    principal: crate::access::Principal,
    comment_id: i64,
    reason: &str,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, subject) = begin_locked(db, target, principal, Intent::Moderate, now).await?;
    let row = find(&txn, &subject, comment_id).await?;
    if row.hidden_at.is_some() {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-comment-already-hidden",
        )));
    }
    let reason = Reason::parse(reason).map_err(|e| invalid("reason", e))?;
    let mut active: comments::ActiveModel = row.into();
    active.hidden_at = Set(Some(now));
    active.hidden_by = Set(principal.user_id);
    active.hidden_reason = Set(Some(reason.as_str().to_owned()));
    active.update(&txn).await?;
    audit_comment(
        &txn,
        principal,
        &subject,
        audit::AuditAction::CommentHide,
        comment_id,
        Some(reason.as_str()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
