//! `GET /api/v1/me`: who the token acts as, and what the token may do.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::service::api_tokens;
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ErrorBody};
use crate::web::api::json_with_etag;

/// The token's owner.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// The person's id.
    pub id: i64,
    /// Name shown to teammates.
    pub display_name: String,
    /// Sign-in address.
    pub email: String,
    /// Whether the person administers this site.
    pub is_admin: bool,
    /// Their own IANA time zone, if they chose one.
    pub time_zone: Option<String>,
    /// Their chosen language code, if any.
    pub language: Option<String>,
    /// The token this request used.
    pub token: TokenInfo,
}

/// The token a request used.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenInfo {
    /// `read` (GET only) or `read_write`.
    #[schema(example = "read")]
    pub scope: String,
}

/// Who the token acts as.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "account",
    responses(
        (status = 200, description = "The token's owner", body = Me,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        (status = 401, description = "No token, or not a current one", body = ErrorBody),
        (status = 429, description = "Too many requests with this token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
) -> Result<HttpResponse, ApiError> {
    let user = api_tokens::owner(&state.db.conn, caller.principal).await?;
    json_with_etag(
        &req,
        &Me {
            id: user.id.0,
            display_name: user.display_name,
            email: user.email,
            is_admin: user.is_admin,
            time_zone: user.time_zone,
            language: user.language,
            token: TokenInfo {
                scope: api_tokens::scope_name(caller.scope).to_owned(),
            },
        },
    )
}
