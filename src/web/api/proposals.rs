//! A meeting's agenda proposals over `/api/v1/teams/{team}/meetings/{meeting}/proposals`: the
//! list (a page at a time) and one item as the proposals page shows them to the token's owner
//! (withdrawn, hidden and merged items only to their author and leaders), the CSV export, and
//! proposing, editing and withdrawing one's own item — through `service::meetings::proposals`,
//! the service of the proposals pages (`ViewMeetings` to read, `ProposeItem` to write). A
//! closed proposal window or a cancelled meeting answers 409; another team's meeting 404.
//!
//! Withdrawing is `POST …/{proposal}/withdraw`, not `DELETE`: the item stays, marked
//! withdrawn, visible to its author and the leaders as on the page.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::Principal;
use crate::domain::ids::{MeetingId, ProposalId, UserId};
use crate::service::comments::{self, Intent, SubjectKind, agenda::AgendaProposal};
use crate::service::meetings::proposals::{Proposal as Row, ProposalForm, ProposalStatus};
use crate::service::meetings::{self, proposals};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, encode_key};
use crate::web::api::errors::{ApiError, ErrorBody, ListErrors, ReadErrors, WriteErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{created, json_with_etag, path_id};
use crate::web::pages::download;

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    /// On the list (and on the ballot once voting opens).
    Active,
    /// Withdrawn by its author.
    Withdrawn,
    /// Hidden by a leader, with a reason (`hidden_reason`).
    Hidden,
    /// Merged by a leader into another item (`merged_into`).
    Merged,
}

impl From<ProposalStatus> for ProposalState {
    fn from(status: ProposalStatus) -> Self {
        match status {
            ProposalStatus::Active => Self::Active,
            ProposalStatus::Withdrawn => Self::Withdrawn,
            ProposalStatus::Hidden => Self::Hidden,
            ProposalStatus::Merged => Self::Merged,
        }
    }
}

/// An agenda proposal, as the proposals page shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Proposal {
    pub id: i64,
    /// The meeting's id.
    pub meeting_id: i64,
    pub title: String,
    /// Why it matters.
    pub why: String,
    /// Estimated minutes.
    pub minutes: i32,
    /// The author (`null`: a former member).
    pub author_id: Option<i64>,
    /// The author's name.
    pub author: String,
    /// Whether the token's owner wrote it.
    pub mine: bool,
    pub status: ProposalState,
    /// Why a leader hid it (only on hidden items, which only its author and leaders see).
    pub hidden_reason: Option<String>,
    /// The item it was merged into.
    pub merged_into: Option<i64>,
    /// Comments on it.
    pub comments: u64,
    /// When it was proposed (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
}

/// One page of a meeting's proposals.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalList {
    /// In the order they were made (by id).
    pub proposals: Vec<Proposal>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A proposal as the "propose an item" form takes it (and the edit form: all three again).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalBody {
    /// The item's title (trimmed: 2 to 120 characters, one line).
    #[schema(min_length = 2, max_length = 120)]
    pub title: String,
    /// Why it matters (trimmed: 10 to 1,000 characters).
    #[schema(min_length = 10, max_length = 1000)]
    pub why: String,
    /// Estimated whole minutes.
    #[schema(minimum = 1, maximum = 240)]
    pub minutes: i64,
}

impl From<ProposalBody> for ProposalForm {
    fn from(body: ProposalBody) -> Self {
        Self {
            title: body.title,
            why: body.why,
            minutes: body.minutes.to_string(),
        }
    }
}

/// The rows as JSON, with their authors' names and comment counts (one query each).
async fn views(
    db: &sea_orm::DatabaseConnection,
    principal: Principal,
    rows: Vec<Row>,
) -> Result<Vec<Proposal>, ApiError> {
    let names: HashMap<UserId, String> =
        meetings::names_of(db, rows.iter().filter_map(|r| r.author_id)).await?;
    let counts =
        comments::counts(db, SubjectKind::AgendaProposal, rows.iter().map(|r| r.id)).await?;
    Ok(rows
        .into_iter()
        .map(|p| Proposal {
            id: p.id.0,
            meeting_id: p.meeting_id.0,
            author: meetings::author_name(&names, p.author_id),
            mine: proposals::is_author(principal, &p),
            author_id: p.author_id.map(|u| u.0),
            status: p.status.into(),
            hidden_reason: p
                .hidden_reason
                .filter(|_| p.status == ProposalStatus::Hidden),
            merged_into: p.merged_into.map(|m| m.0),
            comments: counts.get(&p.id).copied().unwrap_or(0),
            created_at: utc(p.created_at),
            title: p.title,
            why: p.why,
            minutes: p.minutes,
        })
        .collect())
}

/// One proposal the caller sees, as JSON (404 for one they do not).
pub(crate) async fn one(
    state: &AppState,
    caller: &ApiCaller,
    team: &str,
    meeting_id: MeetingId,
    proposal_id: ProposalId,
) -> Result<(String, Proposal), ApiError> {
    let db = &state.db.conn;
    let subject = AgendaProposal {
        slug: team,
        meeting_id,
        proposal_id,
    };
    let (access, row) = subject.load(db, caller.principal, Intent::Read).await?;
    let view = views(db, caller.principal, vec![row])
        .await?
        .pop()
        .ok_or(ApiError::Web(crate::web::WebError::NotFound))?;
    Ok((access.team.slug, view))
}

fn location(team: &str, meeting_id: MeetingId, proposal_id: ProposalId) -> String {
    format!("/api/v1/teams/{team}/meetings/{meeting_id}/proposals/{proposal_id}")
}

/// A meeting's proposals the token's owner sees, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/proposals",
    tag = "proposals",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        PageQuery,
    ),
    responses(
        (status = 200, description = "One page of proposals", body = ProposalList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting) = path.into_inner();
    let meeting_id: MeetingId = path_id(&meeting)?;
    let limit = page.limit()?;
    let after = page.after_key(|key| key.parse::<ProposalId>().ok())?;
    let db = &state.db.conn;
    let (_, rows, more) =
        proposals::listed(db, caller.principal, &team, meeting_id, after, Some(limit)).await?;
    let next_cursor = rows
        .last()
        .filter(|_| more)
        .map(|p| encode_key(&p.id.to_string()));
    let proposals = views(db, caller.principal, rows).await?;
    json_with_etag(
        &req,
        &ProposalList {
            proposals,
            next_cursor,
        },
    )
}

/// The proposals the token's owner sees, as CSV (the proposals page's export).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/proposals.csv",
    tag = "proposals",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "Columns: id, title, why, minutes, author, status, hidden_reason, merged_into, created_at",
            body = String, content_type = "text/csv"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn csv(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting) = path.into_inner();
    let (access, body) =
        proposals::export(&state.db.conn, caller.principal, &team, path_id(&meeting)?).await?;
    Ok(download(
        &proposals::export_name(&access),
        "text/csv; charset=utf-8",
        body,
    ))
}

/// One proposal.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}",
    tag = "proposals",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("proposal" = i64, Path, description = "The proposal's id"),
    ),
    responses(
        (status = 200, description = "The proposal", body = Proposal,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 404, description = "No such proposal the owner sees", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting, proposal) = path.into_inner();
    let (_, view) = one(
        &state,
        &caller,
        &team,
        path_id(&meeting)?,
        path_id(&proposal)?,
    )
    .await?;
    json_with_etag(&req, &view)
}

/// Proposes an item (members, while the proposal window is open), as the proposals page's
/// form does.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/proposals",
    tag = "proposals",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    request_body = ProposalBody,
    responses(
        (status = 201, description = "Proposed; `Location` is its address", body = Proposal,
            headers(("Location" = String, description = "The new proposal's address"))),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to propose", body = ErrorBody),
        (status = 409, description = "The proposal window is closed, or the meeting cancelled", body = ErrorBody),
        (status = 422, description = "Title, why or minutes refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<ProposalBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting) = path.into_inner();
    let meeting_id: MeetingId = path_id(&meeting)?;
    let form = ProposalForm::from(body.into_inner());
    let id = proposals::propose(
        &state.db.conn,
        caller.principal,
        &team,
        meeting_id,
        &form,
        caller.now,
    )
    .await?;
    let (slug, view) = one(&state, &caller, &team, meeting_id, id).await?;
    Ok(created(&location(&slug, meeting_id, id), &view))
}

/// Edits one's own proposal (its author, until voting opens), as the edit form does: title,
/// why and minutes are all given again.
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}",
    tag = "proposals",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("proposal" = i64, Path, description = "The proposal's id"),
    ),
    request_body = ProposalBody,
    responses(
        (status = 200, description = "Edited", body = Proposal),
        WriteErrors,
        (status = 403, description = "A read token, or not the item's author", body = ErrorBody),
        (status = 409, description = "Voting has opened, the item is no longer active, or the meeting is cancelled", body = ErrorBody),
        (status = 422, description = "Title, why or minutes refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn edit(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<ProposalBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting, proposal) = path.into_inner();
    let (meeting_id, proposal_id) = (path_id(&meeting)?, path_id(&proposal)?);
    let form = ProposalForm::from(body.into_inner());
    proposals::edit(
        &state.db.conn,
        caller.principal,
        &team,
        meeting_id,
        proposal_id,
        &form,
        caller.now,
    )
    .await?;
    let (_, view) = one(&state, &caller, &team, meeting_id, proposal_id).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Withdraws one's own proposal (its author, until voting opens). The item stays, marked
/// `withdrawn`, seen by its author and the leaders.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/withdraw",
    tag = "proposals",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("proposal" = i64, Path, description = "The proposal's id"),
    ),
    responses(
        (status = 200, description = "Withdrawn", body = Proposal),
        ReadErrors,
        (status = 403, description = "A read token, or not the item's author", body = ErrorBody),
        (status = 409, description = "Voting has opened, the item is no longer active, or the meeting is cancelled", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn withdraw(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting, proposal) = path.into_inner();
    let (meeting_id, proposal_id) = (path_id(&meeting)?, path_id(&proposal)?);
    proposals::withdraw(
        &state.db.conn,
        caller.principal,
        &team,
        meeting_id,
        proposal_id,
        caller.now,
    )
    .await?;
    let (_, view) = one(&state, &caller, &team, meeting_id, proposal_id).await?;
    Ok(HttpResponse::Ok().json(view))
}
