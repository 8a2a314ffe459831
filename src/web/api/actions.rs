//! The action log over `/api/v1/teams/{team}/actions`: the list (a page at a time, with the
//! web page's filters), one action with its history, recording one, moving its status, its
//! comments and the CSV export — through `service::actions`, the services the action pages
//! use (`ViewActions` to read, `WorkOnActions` to write). Another team's action is 404.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};

use crate::domain::action::Status;
use crate::domain::ids::ActionId;
use crate::i18n::Msg;
use crate::service::actions::{
    self, ActionDetail, ActionForm, ActionLine, CommentForm, CommentLine, Filter, HistoryLine,
    StatusForm,
};
use crate::service::comments::action as action_comments;
use crate::service::notices::Delivery;
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, next_key};
use crate::web::api::errors::{ApiError, ErrorBody, ListErrors, ReadErrors, WriteErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{created, json_with_etag, path_id};
use crate::web::pages::download;

/// Where an action stands.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Blocked,
    Done,
    Dropped,
}

impl From<Status> for ActionStatus {
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

/// An action of the log: a decision, its owner and its day.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionItem {
    pub id: i64,
    /// What is to be done.
    pub title: String,
    /// The owner (a member of the team).
    pub owner_id: i64,
    /// The owner's name.
    pub owner: String,
    /// Due day (`YYYY-MM-DD`).
    #[schema(format = Date)]
    pub due_on: String,
    pub status: ActionStatus,
    /// Why it is blocked or dropped (empty otherwise).
    pub reason: String,
    /// Past its day and still to be done (on the owner's team clock).
    pub overdue: bool,
    /// Where it came from, in words ("Item 2 of Weekly meeting", "own action").
    pub source: String,
    /// The web page of its source, if it has one.
    pub source_link: Option<String>,
    /// The meeting it was decided in.
    pub meeting_id: Option<i64>,
    /// The agenda item's 0-based position in that meeting.
    pub item_position: Option<i32>,
    /// Whose check-in keeps it blocked, in words (empty: none).
    pub blocked_from: String,
}

impl From<ActionLine> for ActionItem {
    fn from(l: ActionLine) -> Self {
        Self {
            id: l.id.0,
            title: l.title,
            owner_id: l.owner_id.0,
            owner: l.owner,
            due_on: l.due_iso,
            status: l.status.into(),
            reason: l.reason,
            overdue: l.overdue,
            source: l.source,
            source_link: l.source_link,
            meeting_id: l.meeting_id.map(|m| m.0),
            item_position: l.item_position,
            blocked_from: l.blocked_from,
        }
    }
}

/// One page of a team's actions.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionList {
    /// Soonest due first, then by id.
    pub actions: Vec<ActionItem>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A change of status in an action's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryEntry {
    /// Who (`null`: a former member).
    pub actor_id: Option<i64>,
    /// Their name.
    pub actor: String,
    /// Before (`null`: the action was created).
    pub from: Option<ActionStatus>,
    /// After.
    pub to: ActionStatus,
    /// The reason given.
    pub reason: String,
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub at: String,
}

impl From<HistoryLine> for HistoryEntry {
    fn from(h: HistoryLine) -> Self {
        Self {
            actor_id: h.actor_id.map(|u| u.0),
            actor: h.who,
            from: h.from.map(Into::into),
            to: h.to.into(),
            reason: h.reason,
            at: utc(h.at),
        }
    }
}

/// A comment on an action.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionComment {
    pub id: i64,
    /// Who (`null`: a former member).
    pub author_id: Option<i64>,
    /// Their name.
    pub author: String,
    /// What they said.
    pub body: String,
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl From<CommentLine> for ActionComment {
    fn from(c: CommentLine) -> Self {
        Self {
            id: c.id,
            author_id: c.author_id.map(|u| u.0),
            author: c.who,
            body: c.body,
            created_at: utc(c.at),
        }
    }
}

/// One action with its history.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionDetails {
    #[serde(flatten)]
    pub action: ActionItem,
    /// Status changes, oldest first (the first is the creation).
    pub history: Vec<HistoryEntry>,
    /// How many comments it has (`…/comments` lists them).
    pub comments: usize,
    /// Whether the token's owner may change its status (its owner or a leader, while open).
    pub may_change_status: bool,
}

impl From<ActionDetail> for ActionDetails {
    fn from(d: ActionDetail) -> Self {
        Self {
            may_change_status: d.may_change && d.line.status.is_open(),
            comments: d.comments.len(),
            history: d.history.into_iter().map(Into::into).collect(),
            action: d.line.into(),
        }
    }
}

/// One page of an action's comments.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentList {
    /// Oldest first.
    pub comments: Vec<ActionComment>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// The action log's filters (as the web page's).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionFilter {
    /// `mine`, `open` (open, in progress or blocked), `overdue` or `blocked`; absent: all.
    pub show: Option<String>,
    /// Only the actions decided in this meeting (its id).
    pub meeting: Option<String>,
    /// Only the actions of this owner (a user id).
    pub owner: Option<String>,
}

impl ActionFilter {
    /// The service's filter, or `invalid_parameter` for a value the page would not offer.
    fn checked(&self) -> Result<Filter, ApiError> {
        let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_owned();
        let (show, meeting, owner) = (text(&self.show), text(&self.meeting), text(&self.owner));
        if !["", "mine", "open", "overdue", "blocked"].contains(&show.as_str()) {
            return Err(ApiError::parameter("show", Msg::new("api-error-show")));
        }
        for (name, value) in [("meeting", &meeting), ("owner", &owner)] {
            if !value.is_empty() && value.parse::<i64>().is_err() {
                return Err(ApiError::parameter(name, Msg::new("api-error-id")));
            }
        }
        Ok(Filter {
            show,
            meeting,
            owner,
            from_help: String::new(),
        })
    }
}

/// A new action, as the "new action" form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAction {
    /// What is to be done: 3 to 200 characters on one line (may be left out with
    /// `budget_idea_id`: the idea's title).
    #[serde(default)]
    #[schema(max_length = 200, example = "Book the hall")]
    pub title: String,
    /// The owner: a member of the team (a user id).
    #[schema(minimum = 1)]
    pub owner_id: Option<i64>,
    /// Due day, `YYYY-MM-DD`, from today (on the team's clock) to five years ahead.
    #[serde(default)]
    #[schema(format = Date)]
    pub due_on: String,
    /// The help request it answers.
    #[schema(minimum = 1)]
    pub help_post_id: Option<i64>,
    /// The funded budget idea it carries out.
    #[schema(minimum = 1)]
    pub budget_idea_id: Option<i64>,
}

/// A change of status, as the action page's form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionChange {
    /// `open`, `in_progress`, `blocked`, `done` or `dropped`.
    #[schema(value_type = ActionStatus, example = "in_progress")]
    pub status: String,
    /// Why (needed for `blocked` and `dropped`): at most 2,000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub reason: String,
}

/// A new comment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    /// What the member says: 1 to 2,000 characters once trimmed, line breaks allowed.
    #[schema(min_length = 1, max_length = 2000, example = "On it.")]
    pub body: String,
}

fn optional(id: Option<i64>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

async fn details(
    state: &AppState,
    caller: &ApiCaller,
    team: &str,
    id: ActionId,
) -> Result<ActionDetail, ApiError> {
    Ok(actions::detail(
        &state.db.conn,
        caller.principal,
        team,
        id,
        caller.now,
        caller.lang,
    )
    .await?)
}

/// A team's actions, a page at a time, with the web page's filters.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/actions",
    tag = "actions",
    params(("team" = String, Path, description = "The team's slug"), ActionFilter, PageQuery),
    responses(
        (status = 200, description = "One page of actions", body = ActionList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 400, description = "A bad filter, `cursor` or `limit`", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    filter: web::Query<ActionFilter>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = filter.checked()?;
    let limit = page.limit()?;
    let after = page.after_key(|key| {
        let (day, id) = key.split_once('.')?;
        let day = Date::parse(day, &time::format_description::well_known::Iso8601::DATE).ok()?;
        Some((day, id.parse::<ActionId>().ok()?))
    })?;
    let (_, lines, more) = actions::page(
        &state.db.conn,
        caller.principal,
        &team,
        &filter,
        (after, Some(limit)),
        caller.now,
    )
    .await?;
    let next_cursor = next_key(&lines, more, |l| format!("{}.{}", l.due_iso, l.id));
    let actions = lines
        .into_iter()
        .map(|l| l.in_lang(caller.lang).into())
        .collect();
    json_with_etag(
        &req,
        &ActionList {
            actions,
            next_cursor,
        },
    )
}

/// The team's actions as CSV (the web page's export, with the same filters).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/actions.csv",
    tag = "actions",
    params(("team" = String, Path, description = "The team's slug"), ActionFilter),
    responses(
        (status = 200, description = "Columns: id, title, owner, due_on, status, reason, overdue, source",
            body = String, content_type = "text/csv"),
        ReadErrors,
        (status = 400, description = "A bad filter", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn csv(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    filter: web::Query<ActionFilter>,
) -> Result<HttpResponse, ApiError> {
    let filter = filter.checked()?;
    let (acc, lines) =
        actions::list(&state.db.conn, caller.principal, &team, &filter, caller.now).await?;
    let body = actions::export::actions_csv(&lines)?;
    Ok(download(
        &format!("{}-actions.csv", acc.team.team.slug),
        "text/csv; charset=utf-8",
        body,
    ))
}

/// One action with its history.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/actions/{action}",
    tag = "actions",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("action" = i64, Path, description = "The action's id"),
    ),
    responses(
        (status = 200, description = "The action", body = ActionDetails,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, action) = path.into_inner();
    let d = details(&state, &caller, &team, path_id(&action)?).await?;
    json_with_etag(&req, &ActionDetails::from(d))
}

/// Records an action outside a meeting (as the action log's form does).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/actions",
    tag = "actions",
    params(("team" = String, Path, description = "The team's slug")),
    request_body = NewAction,
    responses(
        (status = 201, description = "Recorded; `Location` is its address", body = ActionDetails,
            headers(("Location" = String, description = "The new action's address"))),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to record actions", body = ErrorBody),
        (status = 404, description = "No such team, help request or funded idea", body = ErrorBody),
        (status = 422, description = "Title, owner or due day refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<NewAction>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let form = ActionForm {
        title: body.title,
        owner_id: optional(body.owner_id),
        due_on: body.due_on,
        help_post_id: optional(body.help_post_id),
        budget_idea_id: optional(body.budget_idea_id),
    };
    let delivery = Delivery::of(&state.settings);
    let id = actions::create(
        &state.db.conn,
        caller.principal,
        &team,
        &form,
        delivery,
        caller.now,
    )
    .await?;
    let d = details(&state, &caller, &team, id).await?;
    let location = format!("/api/v1/teams/{}/actions/{id}", d.access.team.team.slug);
    Ok(created(&location, &ActionDetails::from(d)))
}

/// Moves an action to another status (its owner or a leader; `blocked` and `dropped` with a
/// reason), as the action page's form does. Owner and due day are not changed once recorded.
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}/actions/{action}",
    tag = "actions",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("action" = i64, Path, description = "The action's id"),
    ),
    request_body = ActionChange,
    responses(
        (status = 200, description = "Moved", body = ActionDetails),
        WriteErrors,
        (status = 403, description = "A read token, or neither the owner nor a leader", body = ErrorBody),
        (status = 422, description = "A status it cannot move to, or a missing reason (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn change(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<ActionChange>,
) -> Result<HttpResponse, ApiError> {
    let (team, action) = path.into_inner();
    let id: ActionId = path_id(&action)?;
    let body = body.into_inner();
    let form = StatusForm {
        status: body.status,
        reason: body.reason,
    };
    actions::change_status(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        &form,
        caller.now,
    )
    .await?;
    let d = details(&state, &caller, &team, id).await?;
    Ok(HttpResponse::Ok().json(ActionDetails::from(d)))
}

/// An action's comments, oldest first, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/actions/{action}/comments",
    tag = "actions",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("action" = i64, Path, description = "The action's id"),
        PageQuery,
    ),
    responses(
        (status = 200, description = "One page of comments", body = CommentList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn comments(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (team, action) = path.into_inner();
    let limit = page.limit()?;
    let after = page.after_key(|key| key.parse::<i64>().ok())?;
    // A keyset page in SQL, by id: the query every comment list of the API shares.
    let (lines, more) = action_comments::page(
        &state.db.conn,
        caller.principal,
        &team,
        path_id(&action)?,
        (after, limit),
        caller.lang,
    )
    .await?;
    let next_cursor = next_key(&lines, more, |c| c.id.to_string());
    json_with_etag(
        &req,
        &CommentList {
            comments: lines.into_iter().map(Into::into).collect(),
            next_cursor,
        },
    )
}

/// Comments on an action (any member).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/actions/{action}/comments",
    tag = "actions",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("action" = i64, Path, description = "The action's id"),
    ),
    request_body = NewComment,
    responses(
        (status = 201, description = "Added", body = ActionComment,
            headers(("Location" = String, description = "The action's comments"))),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to comment", body = ErrorBody),
        (status = 422, description = "An empty or refused comment (`fields.body`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn comment(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<NewComment>,
) -> Result<HttpResponse, ApiError> {
    let (team, action) = path.into_inner();
    let id: ActionId = path_id(&action)?;
    let form = CommentForm {
        body: body.into_inner().body,
    };
    let comment = actions::comment(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        &form,
        caller.now,
    )
    .await?;
    let line = action_comments::one(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        comment,
        caller.lang,
    )
    .await?;
    let location = format!("/api/v1/teams/{team}/actions/{id}/comments");
    Ok(created(&location, &ActionComment::from(line)))
}
