//! The notification centre over `/api/v1`: one's notifications across one's teams, newest
//! first, a page at a time with the unread count (as `/notifications` shows them), and
//! marking all or some read (as its "mark read" forms do) — through `service::notices::centre`.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::service::notices::centre::{self, Row};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, encode_key};
use crate::web::api::errors::{ApiError, ErrorBody, TokenErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{API_ROUTES, json_with_etag};
use crate::web::routes::Method;

/// One notification, as the centre shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Notification {
    pub id: i64,
    /// The kind's stable name: `proposals_open`, `voting_open`, `voting_reminder`,
    /// `agenda_published`, `action_assigned`, `action_overdue`, `ledger` or `digest` (another
    /// name: a kind this version does not know).
    #[schema(example = "action_assigned")]
    pub kind: String,
    /// The kind as the centre labels it, in the caller's language.
    pub kind_label: String,
    /// The team's slug.
    pub team: String,
    /// The team's name.
    pub team_name: String,
    /// What happened.
    pub message: String,
    /// Where to act, as the page links it (a path of the web pages).
    #[schema(example = "/teams/garden/actions/12")]
    pub link: String,
    /// The same place in this API, when the API serves it (`null` otherwise).
    #[schema(example = "/api/v1/teams/garden/actions/12")]
    pub api_link: Option<String>,
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
    /// Not yet marked read.
    pub unread: bool,
}

impl From<Row> for Notification {
    fn from(row: Row) -> Self {
        Self {
            api_link: api_link(&row.link),
            id: row.id,
            kind: row.kind_code,
            kind_label: row.kind,
            team: row.team_slug,
            team_name: row.team,
            message: row.message,
            link: row.link,
            created_at: utc(row.created_at),
            unread: row.unread,
        }
    }
}

/// One page of the caller's notifications.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationList {
    /// Newest first (by id).
    pub notifications: Vec<Notification>,
    /// Unread notifications in all (the bell's count).
    pub unread: u64,
    /// Pass as `cursor` for the next (older) page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Which notifications to mark read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationsRead {
    /// These notifications (ids of someone else's change nothing); absent: all of them.
    #[schema(min_items = 1)]
    pub ids: Option<Vec<i64>>,
}

/// What marking read changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationsMarked {
    /// How many notifications were marked read now (already read ones are not counted).
    pub marked: u64,
    /// Unread notifications left.
    pub unread: u64,
}

/// Whether the API path pattern `pattern` (`{name}` is one segment) serves `path`.
fn serves(pattern: &str, path: &str) -> bool {
    let wanted: Vec<&str> = pattern.split('/').collect();
    let given: Vec<&str> = path.split('/').collect();
    wanted.len() == given.len()
        && wanted
            .iter()
            .zip(&given)
            .all(|(w, g)| w == g || (w.starts_with('{') && w.ends_with('}') && !g.is_empty()))
}

/// The API's address of a web page's link, when an API read serves the same path under
/// `/api/v1` (the pages and the API name things alike: `/teams/{team}/actions/{action}`).
fn api_link(link: &str) -> Option<String> {
    let path = link.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') || path.starts_with("/api/") {
        return None;
    }
    let candidate = format!("/api/v1{path}");
    API_ROUTES
        .iter()
        .any(|r| {
            matches!(r.method, Method::Get | Method::GetOrHead)
                && r.needs_token
                && serves(r.path, &candidate)
        })
        .then_some(candidate)
}

/// The caller's notifications across their teams, newest first, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/notifications",
    tag = "notifications",
    params(PageQuery),
    responses(
        (status = 200, description = "One page of notifications and the unread count", body = NotificationList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        TokenErrors,
        (status = 400, description = "A bad `cursor` or `limit`", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = page.limit()?;
    let before = page.after_key(|key| key.parse::<i64>().ok())?;
    let user_id = caller.principal.user_id.ok_or(ApiError::InvalidToken)?;
    let found = centre::page_of(
        &state.db.conn,
        user_id,
        (before, limit),
        caller.principal.zone,
        caller.lang,
    )
    .await?;
    json_with_etag(
        &req,
        &NotificationList {
            notifications: found.rows.into_iter().map(Into::into).collect(),
            unread: found.unread,
            next_cursor: found.older.map(|id| encode_key(&id.to_string())),
        },
    )
}

/// Marks the given notifications read, or all of them (send `{}`).
#[utoipa::path(
    post,
    path = "/api/v1/notifications/read",
    tag = "notifications",
    request_body = NotificationsRead,
    responses(
        (status = 200, description = "Marked", body = NotificationsMarked),
        TokenErrors,
        (status = 400, description = "A body that is not this JSON", body = ErrorBody),
        (status = 403, description = "A read token", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn read(
    state: web::Data<AppState>,
    caller: ApiCaller,
    body: web::Json<NotificationsRead>,
) -> Result<HttpResponse, ApiError> {
    let user_id = caller.principal.user_id.ok_or(ApiError::InvalidToken)?;
    let db = &state.db.conn;
    let marked = match &body.ids {
        None => centre::mark_read(db, user_id, None, caller.now).await?,
        Some(ids) => centre::mark_read_ids(db, user_id, ids, caller.now).await?,
    };
    let unread = centre::unread_total(db, user_id).await?;
    Ok(HttpResponse::Ok().json(NotificationsMarked { marked, unread }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_link_becomes_an_api_link_only_where_the_api_serves_it() {
        assert_eq!(
            api_link("/teams/garden/actions/12").as_deref(),
            Some("/api/v1/teams/garden/actions/12")
        );
        assert_eq!(
            api_link("/teams/garden/checkins#mine").as_deref(),
            Some("/api/v1/teams/garden/checkins")
        );
        assert_eq!(
            api_link("/teams/garden").as_deref(),
            Some("/api/v1/teams/garden")
        );
        assert_eq!(api_link("/teams/garden/no-such-page"), None);
        assert_eq!(api_link("/teams//actions/12"), None);
        assert_eq!(api_link("https://elsewhere.test/teams/a/actions/1"), None);
        assert_eq!(api_link("/api/v1/teams/garden/actions/12"), None);
    }
}
