//! `GET /api/v1/teams`: the teams the token's owner belongs to, with their role.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::service::teams;
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ErrorBody};
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
        (status = 401, description = "No token, or not a current one", body = ErrorBody),
        (status = 429, description = "Too many requests with this token", body = ErrorBody),
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
