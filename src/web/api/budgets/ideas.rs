//! A round's ideas over `/api/v1/teams/{team}/budgets/{round}/ideas`: the list (a page at a
//! time) and one idea as the ideas page shows them (every idea, with its review, supporters
//! and comment count), and proposing, editing and withdrawing one's own idea during the ideas
//! phase through `service::budgets::ideas`, the service of the ideas page's forms.

use actix_web::{HttpRequest, HttpResponse, web};
use sea_orm::ActiveEnum;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::Principal;
use crate::domain::budget::money_input;
use crate::domain::ids::{IdeaId, RoundId};
use crate::service::budgets::ideas::{self, IdeaForm, IdeasView};
use crate::service::budgets::paging;
use crate::service::comments::{self, SubjectKind};
use crate::service::meetings::{author_name, names_of};
use crate::web::AppState;
use crate::web::WebError;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, encode_key};
use crate::web::api::errors::{ApiError, ErrorBody, ListErrors, ReadErrors, WriteErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{created, json_with_etag, path_id};

use super::refused;

/// A budget idea, as the ideas page shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Idea {
    pub id: i64,
    /// The round's id.
    pub round_id: i64,
    pub title: String,
    /// What it is and why.
    pub description: String,
    /// Location or category (may be empty).
    pub location: String,
    /// The cost on the ballot, in currency units with up to two decimals.
    #[schema(example = "1200.50")]
    pub cost: String,
    /// The cost in minor units (cents).
    pub cost_minor: i64,
    /// The cost its author asked for, when a leader adjusted it (`null` otherwise).
    pub original_cost: Option<String>,
    /// Why a leader adjusted the cost.
    pub cost_reason: Option<String>,
    /// `proposed`, `withdrawn`, `feasible` or `infeasible`.
    #[schema(example = "proposed")]
    pub status: String,
    /// Why a leader found it infeasible (everyone sees it).
    pub status_reason: Option<String>,
    /// The author (`null`: a former member or an imported idea).
    pub author_id: Option<i64>,
    /// The author's name.
    pub author: String,
    /// Whether the token's owner proposed it.
    pub mine: bool,
    /// Members supporting it.
    pub supporters: u64,
    /// Whether the token's owner supports it.
    pub supported: bool,
    /// Comments on it.
    pub comments: u64,
    /// When it was proposed (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
}

/// One page of a round's ideas.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaList {
    /// In the order proposed (by id).
    pub ideas: Vec<Idea>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// An idea as the "propose an idea" form takes it (and the edit form: all fields again).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IdeaBody {
    /// 2 to 120 characters, one line.
    #[schema(min_length = 2, max_length = 120)]
    pub title: String,
    /// What it is and why: 10 to 2,000 characters.
    #[schema(min_length = 10, max_length = 2000)]
    pub description: String,
    /// The cost in currency units, as text: `"1200"` or `"1200.50"` (more than zero, at most
    /// two decimals, at most the round's amount).
    #[schema(
        example = "1200.50",
        min_length = 1,
        max_length = 20,
        pattern = r"^[0-9]+(\.[0-9]{1,2})?$"
    )]
    pub cost: String,
    /// Location or category (optional): up to 200 characters.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub location: String,
}

impl From<IdeaBody> for IdeaForm {
    fn from(body: IdeaBody) -> Self {
        Self {
            title: body.title,
            description: body.description,
            cost: body.cost,
            location: body.location,
        }
    }
}

/// The ideas of `view` as JSON: authors' names and comment counts in one query each.
async fn views(
    db: &sea_orm::DatabaseConnection,
    principal: Principal,
    view: &IdeasView,
) -> Result<Vec<Idea>, ApiError> {
    let rows = &view.ideas;
    let names = names_of(db, rows.iter().filter_map(|i| i.author_id)).await?;
    let counts = comments::counts(db, SubjectKind::BudgetIdea, rows.iter().map(|i| i.id)).await?;
    Ok(rows
        .iter()
        .map(|i| Idea {
            id: i.id.0,
            round_id: i.round_id.0,
            title: i.title.clone(),
            description: i.description.clone(),
            location: i.location.clone(),
            cost: money_input(i.cost),
            cost_minor: i.cost,
            original_cost: i.original_cost.map(money_input),
            cost_reason: i.cost_reason.clone(),
            status: i.status.to_value(),
            status_reason: i.status_reason.clone(),
            author_id: i.author_id.map(|u| u.0),
            author: author_name(&names, i.author_id),
            mine: i.author_id.is_some() && i.author_id == principal.user_id,
            supporters: view.supports.get(&i.id).copied().unwrap_or(0),
            supported: view.mine.contains(&i.id),
            comments: counts.get(&i.id).copied().unwrap_or(0),
            created_at: utc(i.created_at),
        })
        .collect())
}

/// One idea of a round the caller sees, as JSON; `NotFound` for an idea of another round.
pub(super) async fn one(
    state: &AppState,
    caller: &ApiCaller,
    team: &str,
    round_id: RoundId,
    idea_id: IdeaId,
) -> Result<(String, Idea), ApiError> {
    let db = &state.db.conn;
    let view = paging::idea(db, caller.principal, team, round_id, idea_id).await?;
    let idea = views(db, caller.principal, &view)
        .await?
        .pop()
        .ok_or(ApiError::Web(WebError::NotFound))?;
    Ok((view.access.team.slug, idea))
}

pub(super) fn location(team: &str, round_id: RoundId, idea_id: IdeaId) -> String {
    format!("/api/v1/teams/{team}/budgets/{round_id}/ideas/{idea_id}")
}

/// A round's ideas, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas",
    tag = "budgets",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
        PageQuery,
    ),
    responses(
        (status = 200, description = "One page of ideas", body = IdeaList,
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
    let (team, round) = path.into_inner();
    let limit = page.limit()?;
    let after = page.after_key(|key| key.parse::<IdeaId>().ok())?;
    let db = &state.db.conn;
    let page = paging::ideas(db, caller.principal, &team, path_id(&round)?, after, limit).await?;
    let ideas = views(db, caller.principal, &page.view).await?;
    json_with_etag(
        &req,
        &IdeaList {
            ideas,
            next_cursor: page.next.map(|id| encode_key(&id.to_string())),
        },
    )
}

/// One idea.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}",
    tag = "budgets",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
        ("idea" = i64, Path, description = "The idea's id"),
    ),
    responses(
        (status = 200, description = "The idea", body = Idea,
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
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, round, idea) = path.into_inner();
    let (_, view) = one(&state, &caller, &team, path_id(&round)?, path_id(&idea)?).await?;
    json_with_etag(&req, &view)
}

/// Proposes an idea (members, during the ideas phase), as the ideas page's form does.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas",
    tag = "budgets",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
    ),
    request_body = IdeaBody,
    responses(
        (status = 201, description = "Proposed; `Location` is its address", body = Idea,
            headers(("Location" = String, description = "The new idea's address"))),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to propose", body = ErrorBody),
        (status = 409, description = "The ideas phase is not open", body = ErrorBody),
        (status = 422, description = "Title, description, cost or location refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<IdeaBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, round) = path.into_inner();
    let round_id: RoundId = path_id(&round)?;
    let form = IdeaForm::from(body.into_inner());
    let id = ideas::propose(
        &state.db.conn,
        caller.principal,
        &team,
        round_id,
        &form,
        caller.now,
    )
    .await
    .map_err(refused)?;
    let (slug, view) = one(&state, &caller, &team, round_id, id).await?;
    Ok(created(&location(&slug, round_id, id), &view))
}

/// Edits one's own idea (its author, during the ideas phase), as the edit form does: every
/// field is given again.
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}",
    tag = "budgets",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
        ("idea" = i64, Path, description = "The idea's id"),
    ),
    request_body = IdeaBody,
    responses(
        (status = 200, description = "Edited", body = Idea),
        WriteErrors,
        (status = 403, description = "A read token, or not the idea's author", body = ErrorBody),
        (status = 409, description = "The ideas phase is over, or the idea was withdrawn", body = ErrorBody),
        (status = 422, description = "Title, description, cost or location refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn edit(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<IdeaBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, round, idea) = path.into_inner();
    let (round_id, idea_id) = (path_id(&round)?, path_id(&idea)?);
    let form = IdeaForm::from(body.into_inner());
    ideas::edit(
        &state.db.conn,
        caller.principal,
        &team,
        round_id,
        idea_id,
        &form,
        caller.now,
    )
    .await
    .map_err(refused)?;
    let (_, view) = one(&state, &caller, &team, round_id, idea_id).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Withdraws one's own idea (its author, during the ideas phase). The idea stays, marked
/// `withdrawn`, off the ballot, as on the ideas page.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/withdraw",
    tag = "budgets",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
        ("idea" = i64, Path, description = "The idea's id"),
    ),
    responses(
        (status = 200, description = "Withdrawn", body = Idea),
        ReadErrors,
        (status = 403, description = "A read token, or not the idea's author", body = ErrorBody),
        (status = 409, description = "The ideas phase is over", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn withdraw(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, round, idea) = path.into_inner();
    let (round_id, idea_id) = (path_id(&round)?, path_id(&idea)?);
    ideas::withdraw(
        &state.db.conn,
        caller.principal,
        &team,
        round_id,
        idea_id,
        caller.now,
    )
    .await
    .map_err(refused)?;
    let (_, view) = one(&state, &caller, &team, round_id, idea_id).await?;
    Ok(HttpResponse::Ok().json(view))
}
