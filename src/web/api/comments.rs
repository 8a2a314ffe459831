//! Comments on agenda proposals and budget ideas over `/api/v1`: the thread a page at a time
//! (hidden comments shown as the page shows them: the leader's note for everyone, the text only
//! to its author and moderators), adding one, editing one's own and hiding one (moderators) —
//! through `service::comments`, the service of the subjects' own pages, with the same rules
//! (`Comment` to add and edit, `ModerateComments` to hide, the subject's window).
//!
//! Written once over the web side's [`CommentPage`] (which names the subject and its page's
//! address, the API's being the same under `/api/v1`); each subject only has its annotated
//! entry points. The notification centre is in [`notifications`].

pub mod notifications;

use std::str::FromStr;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use crate::domain::comment::Window;
use crate::i18n::{Lang, Msg};
use crate::service::comments::{self, CommentForm, CommentView, ThreadPage};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, next_key};
use crate::web::api::errors::{ApiError, ErrorBody, ListErrors, WriteErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{created, json_with_etag, me, path_id};
use crate::web::budgets::idea::IdeaThread;
use crate::web::comment_pages::CommentPage;
use crate::web::meetings::comments::ProposalThread;

/// This area's part of the OpenAPI document (merged by `openapi::document_value`).
#[derive(OpenApi)]
#[openapi(
    paths(
        proposal_comments,
        proposal_comment_add,
        proposal_comment_edit,
        proposal_comment_hide,
        idea_comments,
        idea_comment_add,
        idea_comment_edit,
        idea_comment_hide,
        notifications::list,
        notifications::read,
        me::update,
    ),
    components(schemas(
        SubjectComment,
        SubjectCommentList,
        CommentText,
        CommentHide,
        notifications::Notification,
        notifications::NotificationList,
        notifications::NotificationsRead,
        notifications::NotificationsMarked,
        me::MeChange,
        me::LanguageCode,
        me::NotificationChannel,
        me::NotificationChoices,
    )),
    tags(
        (name = "comments", description = "Comments on agenda proposals and budget ideas: read the thread, add, edit one's own, hide one with a reason (leaders)"),
        (name = "notifications", description = "The notification centre: one's notifications across teams, newest first, and marking them read"),
    )
)]
pub struct Doc;

/// A comment on a proposal or an idea, as the caller may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectComment {
    pub id: i64,
    /// Who (`null`: a former member).
    pub author_id: Option<i64>,
    /// Their name.
    pub author: String,
    /// The caller wrote it.
    pub mine: bool,
    /// What they said; `null` when a leader hid it and the caller is neither its author nor a
    /// moderator.
    pub body: Option<String>,
    /// Hidden by a leader.
    pub hidden: bool,
    /// "Hidden by a leader: reason", in the caller's language, when hidden (shown to everyone).
    pub hidden_note: Option<String>,
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
    /// Last edited by its author (RFC 3339, UTC), if ever.
    #[schema(format = DateTime)]
    pub edited_at: Option<String>,
    /// The caller may edit it now (their own, not hidden, window open).
    pub editable: bool,
    /// The caller may hide it (a leader; not hidden yet).
    pub hideable: bool,
}

impl SubjectComment {
    fn new(c: CommentView, lang: Lang) -> Self {
        Self {
            id: c.id,
            author_id: c.author_id.map(|u| u.0),
            author: c.author,
            mine: c.mine,
            body: c.body,
            hidden: c.hidden,
            hidden_note: c.hidden_note.map(|note| note.render(lang)),
            created_at: utc(c.created_at),
            edited_at: c.edited_at.map(utc),
            editable: c.editable,
            hideable: c.hideable,
        }
    }
}

/// One page of a subject's comments.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectCommentList {
    /// Oldest first (by id).
    pub comments: Vec<SubjectComment>,
    /// All comments on the subject, hidden ones included.
    pub total: u64,
    /// Whether the caller may add a comment now.
    pub can_comment: bool,
    /// Why comments are closed (the window, a withdrawn item), for people who could otherwise
    /// comment; `null` otherwise.
    pub closed: Option<String>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A comment's text (adding one, or editing one's own).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentText {
    /// 2 to 2,000 characters once trimmed; line breaks allowed, no control characters.
    #[schema(
        min_length = 2,
        max_length = 2000,
        example = "Could we fix this before the spring term?"
    )]
    pub body: String,
}

/// A leader's reason for hiding a comment (shown to everyone in its place).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentHide {
    /// 3 to 300 characters once trimmed.
    #[schema(min_length = 3, max_length = 300, example = "Personal remark")]
    pub reason: String,
}

/// The subject named by an API path (another team's or an unparsable id: 404).
fn subject_of<P: CommentPage>(team: String, parent: &str, id: &str) -> Result<P, ApiError>
where
    P::Parent: FromStr,
    P::Id: FromStr,
{
    Ok(P::new(team, path_id(parent)?, path_id(id)?))
}

/// The subject's comments in the API (its page's address under `/api/v1`).
fn comments_address<P: CommentPage>(page: &P) -> String {
    format!("/api/v1{}/comments", page.base())
}

async fn list_of<P: CommentPage>(
    req: &HttpRequest,
    state: &AppState,
    caller: &ApiCaller,
    (team, parent, id): (String, String, String),
    page: &PageQuery,
) -> Result<HttpResponse, ApiError>
where
    P::Parent: FromStr,
    P::Id: FromStr,
{
    let limit = page.limit()?;
    let after = page.after_key(|key| key.parse::<i64>().ok())?;
    let subject = subject_of::<P>(team, &parent, &id)?;
    let ThreadPage {
        subject,
        comments,
        total,
        more,
    } = comments::thread_page(
        &state.db.conn,
        &subject.subject(),
        caller.principal,
        (after, limit),
        caller.now,
    )
    .await?;
    let next_cursor = next_key(&comments, more, |c| c.id.to_string());
    let closed = match subject.window {
        // A closed window carries the catalogue key of its reason.
        Window::Closed(key) if subject.may_comment => Some(Msg::new(key).render(caller.lang)),
        _ => None,
    };
    json_with_etag(
        req,
        &SubjectCommentList {
            comments: comments
                .into_iter()
                .map(|c| SubjectComment::new(c, caller.lang))
                .collect(),
            total,
            can_comment: subject.may_comment && subject.window.is_open(),
            closed,
            next_cursor,
        },
    )
}

async fn add_to<P: CommentPage>(
    state: &AppState,
    caller: &ApiCaller,
    (team, parent, id): (String, String, String),
    body: CommentText,
) -> Result<HttpResponse, ApiError>
where
    P::Parent: FromStr,
    P::Id: FromStr,
{
    let page = subject_of::<P>(team, &parent, &id)?;
    let subject = page.subject();
    let form = CommentForm { body: body.body };
    let db = &state.db.conn;
    let comment = comments::add(db, &subject, caller.principal, &form, caller.now).await?;
    let view = comments::one(db, &subject, caller.principal, comment, caller.now).await?;
    Ok(created(
        &comments_address(&page),
        &SubjectComment::new(view, caller.lang),
    ))
}

/// What a change to one comment does.
enum Change {
    Edit(CommentText),
    Hide(CommentHide),
}

async fn change<P: CommentPage>(
    state: &AppState,
    caller: &ApiCaller,
    (team, parent, id, comment): (String, String, String, String),
    change: Change,
) -> Result<HttpResponse, ApiError>
where
    P::Parent: FromStr,
    P::Id: FromStr,
{
    let page = subject_of::<P>(team, &parent, &id)?;
    let comment: i64 = path_id(&comment)?;
    let subject = page.subject();
    let db = &state.db.conn;
    match change {
        Change::Edit(text) => {
            let form = CommentForm { body: text.body };
            comments::edit(db, &subject, caller.principal, comment, &form, caller.now).await?;
        }
        Change::Hide(hide) => {
            comments::hide(
                db,
                &subject,
                caller.principal,
                comment,
                &hide.reason,
                caller.now,
            )
            .await?;
        }
    }
    let view = comments::one(db, &subject, caller.principal, comment, caller.now).await?;
    Ok(HttpResponse::Ok().json(SubjectComment::new(view, caller.lang)))
}

/// A proposal's comments, oldest first, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments",
    tag = "comments",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("proposal" = i64, Path, description = "The proposal's id"),
        PageQuery,
    ),
    responses(
        (status = 200, description = "One page of comments", body = SubjectCommentList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
        (status = 404, description = "No such proposal in a meeting of the owner's teams (or one withdrawn, hidden or merged, to others than its author and leaders)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn proposal_comments(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    list_of::<ProposalThread>(&req, &state, &caller, path.into_inner(), &page).await
}

/// Comments on a proposal (members, while the proposal window is open and the item is on the
/// list).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments",
    tag = "comments",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("proposal" = i64, Path, description = "The proposal's id"),
    ),
    request_body = CommentText,
    responses(
        (status = 201, description = "Added", body = SubjectComment,
            headers(("Location" = String, description = "The proposal's comments"))),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to comment", body = ErrorBody),
        (status = 409, description = "Comments are closed (the proposal window, a withdrawn item, a cancelled meeting)", body = ErrorBody),
        (status = 422, description = "An empty or refused comment (`fields.body`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn proposal_comment_add(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<CommentText>,
) -> Result<HttpResponse, ApiError> {
    add_to::<ProposalThread>(&state, &caller, path.into_inner(), body.into_inner()).await
}

/// Edits one's own comment on a proposal (while the window is open and it is not hidden).
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments/{comment}",
    tag = "comments",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("proposal" = i64, Path, description = "The proposal's id"),
        ("comment" = i64, Path, description = "The comment's id"),
    ),
    request_body = CommentText,
    responses(
        (status = 200, description = "Edited", body = SubjectComment),
        WriteErrors,
        (status = 403, description = "A read token, not allowed to comment, or someone else's comment", body = ErrorBody),
        (status = 409, description = "Comments are closed, or a leader hid it", body = ErrorBody),
        (status = 422, description = "An empty or refused comment (`fields.body`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn proposal_comment_edit(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String, String)>,
    body: web::Json<CommentText>,
) -> Result<HttpResponse, ApiError> {
    let edit = Change::Edit(body.into_inner());
    change::<ProposalThread>(&state, &caller, path.into_inner(), edit).await
}

/// Hides a comment on a proposal with a reason everyone sees in its place (leaders, at any
/// time).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments/{comment}/hide",
    tag = "comments",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("proposal" = i64, Path, description = "The proposal's id"),
        ("comment" = i64, Path, description = "The comment's id"),
    ),
    request_body = CommentHide,
    responses(
        (status = 200, description = "Hidden", body = SubjectComment),
        WriteErrors,
        (status = 403, description = "A read token, or not a moderator", body = ErrorBody),
        (status = 409, description = "Already hidden", body = ErrorBody),
        (status = 422, description = "A refused reason (`fields.reason`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn proposal_comment_hide(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String, String)>,
    body: web::Json<CommentHide>,
) -> Result<HttpResponse, ApiError> {
    let hide = Change::Hide(body.into_inner());
    change::<ProposalThread>(&state, &caller, path.into_inner(), hide).await
}

/// A budget idea's comments, oldest first, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/comments",
    tag = "comments",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The budget round's id"),
        ("idea" = i64, Path, description = "The idea's id"),
        PageQuery,
    ),
    responses(
        (status = 200, description = "One page of comments", body = SubjectCommentList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn idea_comments(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    list_of::<IdeaThread>(&req, &state, &caller, path.into_inner(), &page).await
}

/// Comments on a budget idea (members, during the ideas phase, unless it was withdrawn).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/comments",
    tag = "comments",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The budget round's id"),
        ("idea" = i64, Path, description = "The idea's id"),
    ),
    request_body = CommentText,
    responses(
        (status = 201, description = "Added", body = SubjectComment,
            headers(("Location" = String, description = "The idea's comments"))),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to comment", body = ErrorBody),
        (status = 409, description = "Comments are closed (outside the ideas phase, or the idea was withdrawn)", body = ErrorBody),
        (status = 422, description = "An empty or refused comment (`fields.body`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn idea_comment_add(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<CommentText>,
) -> Result<HttpResponse, ApiError> {
    add_to::<IdeaThread>(&state, &caller, path.into_inner(), body.into_inner()).await
}

/// Edits one's own comment on a budget idea (during the ideas phase, unless hidden).
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/comments/{comment}",
    tag = "comments",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The budget round's id"),
        ("idea" = i64, Path, description = "The idea's id"),
        ("comment" = i64, Path, description = "The comment's id"),
    ),
    request_body = CommentText,
    responses(
        (status = 200, description = "Edited", body = SubjectComment),
        WriteErrors,
        (status = 403, description = "A read token, not allowed to comment, or someone else's comment", body = ErrorBody),
        (status = 409, description = "Comments are closed, or a leader hid it", body = ErrorBody),
        (status = 422, description = "An empty or refused comment (`fields.body`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn idea_comment_edit(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String, String)>,
    body: web::Json<CommentText>,
) -> Result<HttpResponse, ApiError> {
    let edit = Change::Edit(body.into_inner());
    change::<IdeaThread>(&state, &caller, path.into_inner(), edit).await
}

/// Hides a comment on a budget idea with a reason everyone sees in its place (leaders, at any
/// time).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/comments/{comment}/hide",
    tag = "comments",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The budget round's id"),
        ("idea" = i64, Path, description = "The idea's id"),
        ("comment" = i64, Path, description = "The comment's id"),
    ),
    request_body = CommentHide,
    responses(
        (status = 200, description = "Hidden", body = SubjectComment),
        WriteErrors,
        (status = 403, description = "A read token, or not a moderator", body = ErrorBody),
        (status = 409, description = "Already hidden", body = ErrorBody),
        (status = 422, description = "A refused reason (`fields.reason`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn idea_comment_hide(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String, String)>,
    body: web::Json<CommentHide>,
) -> Result<HttpResponse, ApiError> {
    let hide = Change::Hide(body.into_inner());
    change::<IdeaThread>(&state, &caller, path.into_inner(), hide).await
}
