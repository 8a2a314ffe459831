//! `GET /api/v1/teams`: the teams the token's owner belongs to, with their role; one team
//! (`GET /api/v1/teams/{team}`, the team page's `ViewTeam`) and its settings
//! (`PATCH /api/v1/teams/{team}`: the time zone, as the team page's form, `ManageTeamSettings`).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::{self, Action, Decision};
use crate::service::teams;
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ErrorBody, ReadErrors, TokenErrors, WriteErrors};
use crate::web::api::json_with_etag;

/// A team the owner belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct Team {
    /// The team's address name (`/api/v1/teams/{slug}/…`).
    #[schema(example = "leadership")]
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Its standing purpose.
    pub purpose: String,
    /// The IANA time zone it meets in.
    pub time_zone: String,
    /// The owner's role: `member` or `leader`.
    #[schema(example = "member")]
    pub role: String,
}

/// The owner's teams, by name.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamList {
    pub teams: Vec<Team>,
}

/// The teams the token's owner belongs to (a person belongs to a handful: one page).
#[utoipa::path(
    get,
    path = "/api/v1/teams",
    tag = "teams",
    responses(
        (status = 200, description = "The owner's teams, by name", body = TeamList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        TokenErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
) -> Result<HttpResponse, ApiError> {
    let user_id = caller.principal.user_id.ok_or(ApiError::InvalidToken)?;
    let rows = teams::teams_of(&state.db.conn, user_id).await?;
    let teams = rows
        .into_iter()
        .map(|(team, role)| Team {
            slug: team.slug,
            name: team.name,
            purpose: team.purpose,
            time_zone: team.time_zone,
            role: role.as_str().to_owned(),
        })
        .collect();
    json_with_etag(&req, &TeamList { teams })
}

/// One team, as its page shows it to the token's owner.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamDetails {
    /// The team's address name.
    #[schema(example = "leadership")]
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Its standing purpose.
    pub purpose: String,
    /// The IANA time zone it meets in.
    #[schema(example = "Europe/Paris")]
    pub time_zone: String,
    /// The owner's role: `member`, `leader`, or `null` (a site admin outside the team).
    #[schema(example = "leader")]
    pub role: Option<String>,
    /// Whether the owner may invite, promote, demote and remove members.
    pub manages_members: bool,
    /// Whether the owner may change the team's settings (its time zone).
    pub manages_settings: bool,
}

/// The team's settings a leader may change (as the team page's form).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamChange {
    /// An IANA time zone (`Europe/Paris`, `UTC`): the team's meetings keep their instants.
    #[schema(example = "Europe/Paris", min_length = 1, max_length = 64)]
    pub time_zone: String,
}

async fn details(
    state: &AppState,
    caller: &ApiCaller,
    slug: &str,
) -> Result<TeamDetails, ApiError> {
    let access = teams::authorize(&state.db.conn, caller.principal, slug, Action::ViewTeam).await?;
    let may = |action| access::authorize(caller.principal, access.role, action) == Decision::Allow;
    Ok(TeamDetails {
        manages_members: may(Action::ManageMembers),
        manages_settings: may(Action::ManageTeamSettings),
        role: access.role.map(|r| r.as_str().to_owned()),
        slug: access.team.slug,
        name: access.team.name,
        purpose: access.team.purpose,
        time_zone: access.team.time_zone,
    })
}

/// One team: its name, purpose, time zone and the owner's role in it.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}",
    tag = "teams",
    params(("team" = String, Path, description = "The team's slug")),
    responses(
        (status = 200, description = "The team", body = TeamDetails,
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
    team: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    json_with_etag(&req, &details(&state, &caller, &team).await?)
}

/// Changes the team's time zone (leaders and site admins), as the team page's form does.
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}",
    tag = "teams",
    params(("team" = String, Path, description = "The team's slug")),
    request_body = TeamChange,
    responses(
        (status = 200, description = "Changed", body = TeamDetails),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 422, description = "Not a time zone (`fields.time_zone`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn update(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<TeamChange>,
) -> Result<HttpResponse, ApiError> {
    teams::set_time_zone(&state.db.conn, caller.principal, &team, &body.time_zone).await?;
    Ok(HttpResponse::Ok().json(details(&state, &caller, &team).await?))
}
