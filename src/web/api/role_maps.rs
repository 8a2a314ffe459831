//! Role maps over `/api/v1/teams/{team}/role-maps`: the list (a page at a time), one map with
//! its milestones and what the token's owner may do on it, its versioned history, and the
//! changes the role map pages offer (start a draft, edit the map and its milestones, tick a
//! milestone done, publish, close) — through `service::role_maps` (`ViewRoleMaps`,
//! `EditRoleMaps`, `PublishRoleMaps`, with the finer rules of `domain::role_map`).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::ids::{MilestoneId, RoleMapId};
use crate::domain::role_map::Status;
use crate::service::role_maps::{
    self, DoneForm, MapDetail, MapForm, MapRow, MilestoneForm, MilestoneLine, VersionLine,
};
use crate::web::AppState;
use crate::web::WebError;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, next_key};
use crate::web::api::errors::{ApiError, ErrorBody, ListErrors, ReadErrors, WriteErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{created, json_with_etag, path_id};

/// Where a role map is in its life.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoleMapStatus {
    /// Drafted together: any member edits.
    Draft,
    /// Published: its owner and leaders edit, milestone owners tick theirs; changes are versions.
    Published,
    /// Closed: read-only.
    Closed,
}

impl From<Status> for RoleMapStatus {
    fn from(status: Status) -> Self {
        match status {
            Status::Draft => Self::Draft,
            Status::Published => Self::Published,
            Status::Closed => Self::Closed,
        }
    }
}

/// A role map as the team's list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleMapItem {
    pub id: i64,
    /// The project's name.
    pub title: String,
    /// Its outcome, in one sentence.
    pub outcome: String,
    /// Its owner (a user id) and their name.
    pub owner_id: i64,
    pub owner: String,
    pub status: RoleMapStatus,
    /// Last changed (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub updated_at: String,
}

impl From<MapRow> for RoleMapItem {
    fn from(r: MapRow) -> Self {
        Self {
            id: r.id.0,
            title: r.title,
            outcome: r.outcome,
            owner_id: r.owner_id.0,
            owner: r.owner,
            status: r.state.into(),
            updated_at: utc(r.updated_at),
        }
    }
}

/// One page of a team's role maps.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleMapList {
    /// Newest first.
    pub role_maps: Vec<RoleMapItem>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A milestone of a role map.
#[derive(Debug, Serialize, ToSchema)]
pub struct Milestone {
    pub id: i64,
    pub title: String,
    /// Who carries it (a user id) and their name.
    pub owner_id: i64,
    pub owner: String,
    /// Due day (`YYYY-MM-DD`).
    #[schema(format = Date)]
    pub due_on: String,
    pub done: bool,
    /// Not done and its day has passed.
    pub overdue: bool,
    /// Whether the token's owner may tick it done or not done.
    pub may_mark_done: bool,
}

impl From<MilestoneLine> for Milestone {
    fn from(m: MilestoneLine) -> Self {
        Self {
            id: m.id.0,
            title: m.title,
            owner_id: m.owner_id.0,
            owner: m.owner,
            due_on: m.due_iso,
            done: m.done,
            overdue: m.overdue,
            may_mark_done: m.may_mark_done,
        }
    }
}

/// One role map: its roles (owner, milestone owners), milestones and state.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleMapDetails {
    pub id: i64,
    pub title: String,
    pub outcome: String,
    pub owner_id: i64,
    pub owner: String,
    pub status: RoleMapStatus,
    /// The latest version (0 until published; each change after publication adds one).
    pub version: i32,
    /// Soonest due first.
    pub milestones: Vec<Milestone>,
    /// Whether the token's owner may change the map and its milestones.
    pub may_edit: bool,
    /// Whether the token's owner may publish (a draft) or close (a published map).
    pub may_publish_or_close: bool,
    /// How many versions its history holds (`…/history` lists them).
    pub versions: u64,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

impl From<MapDetail> for RoleMapDetails {
    fn from(d: MapDetail) -> Self {
        Self {
            id: d.map.id.0,
            title: d.map.title,
            outcome: d.map.outcome,
            owner_id: d.map.owner_id.0,
            owner: d.owner,
            status: d.status.into(),
            version: d.map.version,
            milestones: d.milestones.into_iter().map(Into::into).collect(),
            may_edit: d.rights.edit_all,
            may_publish_or_close: d.may_move,
            versions: d.history_total,
            created_at: utc(d.map.created_at),
            updated_at: utc(d.map.updated_at),
        }
    }
}

/// A version of a role map.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleMapVersion {
    pub version: i32,
    /// Who made it (`null`: a former member).
    pub actor_id: Option<i64>,
    /// What changed, before and after, in the owner's language.
    pub text: String,
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl From<VersionLine> for RoleMapVersion {
    fn from(v: VersionLine) -> Self {
        Self {
            version: v.version,
            actor_id: v.actor_id.map(|u| u.0),
            text: v.text,
            created_at: utc(v.created_at),
        }
    }
}

/// One page of a role map's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleMapHistory {
    /// Newest first.
    pub versions: Vec<RoleMapVersion>,
    /// Pass as `cursor` for the next (older) page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A new role map (a draft), as the "new role map" form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRoleMap {
    /// The project's name: one line, 3 to 120 characters (trimmed).
    #[serde(default)]
    #[schema(min_length = 3, max_length = 120)]
    pub title: String,
    /// Its outcome, in one sentence: one line, 10 to 300 characters (trimmed).
    #[serde(default)]
    #[schema(min_length = 10, max_length = 300)]
    pub outcome: String,
    /// Its owner: a member of the team (a user id).
    pub owner_id: Option<i64>,
}

/// Changes to a role map's own fields; those left out keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleMapChange {
    /// One line, 3 to 120 characters (trimmed).
    #[schema(min_length = 3, max_length = 120)]
    pub title: Option<String>,
    /// One sentence, one line, 10 to 300 characters (trimmed).
    #[schema(min_length = 10, max_length = 300)]
    pub outcome: Option<String>,
    /// A member of the team (a user id).
    pub owner_id: Option<i64>,
}

/// A new milestone.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMilestone {
    /// One line, 3 to 200 characters (trimmed).
    #[serde(default)]
    #[schema(min_length = 3, max_length = 200)]
    pub title: String,
    /// Who carries it: a member of the team (a user id).
    pub owner_id: Option<i64>,
    /// Due day, `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(format = Date)]
    pub due_on: String,
}

/// Changes to a milestone; those left out keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneChange {
    /// One line, 3 to 200 characters (trimmed).
    #[schema(min_length = 3, max_length = 200)]
    pub title: Option<String>,
    /// A member of the team (a user id).
    pub owner_id: Option<i64>,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub due_on: Option<String>,
}

/// A milestone's done flag.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneDone {
    pub done: bool,
}

fn owner(id: Option<i64>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

async fn details(
    state: &AppState,
    caller: &ApiCaller,
    team: &str,
    id: RoleMapId,
) -> Result<MapDetail, ApiError> {
    Ok(role_maps::detail(
        &state.db.conn,
        caller.principal,
        team,
        id,
        caller.now,
        caller.lang,
    )
    .await?)
}

/// The map after a change, as `200 OK`.
async fn changed(
    state: &AppState,
    caller: &ApiCaller,
    team: &str,
    id: RoleMapId,
) -> Result<HttpResponse, ApiError> {
    let d = details(state, caller, team, id).await?;
    Ok(HttpResponse::Ok().json(RoleMapDetails::from(d)))
}

/// The map's address in the API.
fn address(d: &MapDetail) -> String {
    format!(
        "/api/v1/teams/{}/role-maps/{}",
        d.access.team.team.slug, d.map.id
    )
}

const TEAM: &str = "The team's slug";

/// A team's role maps, newest first, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/role-maps",
    tag = "role-maps",
    params(("team" = String, Path, description = TEAM), PageQuery),
    responses(
        (status = 200, description = "One page of role maps", body = RoleMapList,
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
    team: web::Path<String>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = page.limit()?;
    let after = page.after_key(|key| key.parse::<RoleMapId>().ok())?;
    let (_, rows, more) = role_maps::page::list_after(
        &state.db.conn,
        caller.principal,
        &team,
        (after, limit),
        caller.lang,
    )
    .await?;
    let next_cursor = next_key(&rows, more, |r| r.id.to_string());
    json_with_etag(
        &req,
        &RoleMapList {
            role_maps: rows.into_iter().map(Into::into).collect(),
            next_cursor,
        },
    )
}

/// One role map with its milestones.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/role-maps/{map}",
    tag = "role-maps",
    params(("team" = String, Path, description = TEAM),
        ("map" = i64, Path, description = "The role map's id")),
    responses(
        (status = 200, description = "The role map", body = RoleMapDetails,
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
    let (team, map) = path.into_inner();
    let d = details(&state, &caller, &team, path_id(&map)?).await?;
    json_with_etag(&req, &RoleMapDetails::from(d))
}

/// A role map's versions (each change after publication), newest first, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/role-maps/{map}/history",
    tag = "role-maps",
    params(("team" = String, Path, description = TEAM),
        ("map" = i64, Path, description = "The role map's id"), PageQuery),
    responses(
        (status = 200, description = "One page of versions", body = RoleMapHistory,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn history(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (team, map) = path.into_inner();
    let limit = page.limit()?;
    let before = page.after_key(|key| key.parse::<i32>().ok())?;
    let (_, lines, more) = role_maps::page::history(
        &state.db.conn,
        caller.principal,
        &team,
        path_id(&map)?,
        (before, limit),
        caller.lang,
    )
    .await?;
    let next_cursor = next_key(&lines, more, |v| v.version.to_string());
    json_with_etag(
        &req,
        &RoleMapHistory {
            versions: lines.into_iter().map(Into::into).collect(),
            next_cursor,
        },
    )
}

/// Starts a draft role map (any member), as the "new role map" form does.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/role-maps",
    tag = "role-maps",
    params(("team" = String, Path, description = TEAM)),
    request_body = NewRoleMap,
    responses(
        (status = 201, description = "Started; `Location` is its address", body = RoleMapDetails,
            headers(("Location" = String, description = "The new role map's address"))),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to start one", body = ErrorBody),
        (status = 422, description = "Title, outcome or owner refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<NewRoleMap>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let form = MapForm {
        title: body.title,
        outcome: body.outcome,
        owner_id: owner(body.owner_id),
    };
    let id = role_maps::create(&state.db.conn, caller.principal, &team, &form, caller.now).await?;
    let d = details(&state, &caller, &team, id).await?;
    Ok(created(&address(&d), &RoleMapDetails::from(d)))
}

/// Changes a role map's title, outcome or owner (a draft: any member; published: its owner
/// or a leader; a change to a published map is a new version).
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}/role-maps/{map}",
    tag = "role-maps",
    params(("team" = String, Path, description = TEAM),
        ("map" = i64, Path, description = "The role map's id")),
    request_body = RoleMapChange,
    responses(
        (status = 200, description = "Changed", body = RoleMapDetails),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to edit this map", body = ErrorBody),
        (status = 409, description = "The map is closed", body = ErrorBody),
        (status = 422, description = "Title, outcome or owner refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn update(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<RoleMapChange>,
) -> Result<HttpResponse, ApiError> {
    let (team, map) = path.into_inner();
    let id: RoleMapId = path_id(&map)?;
    let current = details(&state, &caller, &team, id).await?;
    let body = body.into_inner();
    let form = MapForm {
        title: body.title.unwrap_or(current.map.title),
        outcome: body.outcome.unwrap_or(current.map.outcome),
        owner_id: owner(body.owner_id.or(Some(current.map.owner_id.0))),
    };
    role_maps::update_map(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        &form,
        caller.now,
    )
    .await?;
    changed(&state, &caller, &team, id).await
}

/// Adds a milestone to a role map.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/role-maps/{map}/milestones",
    tag = "role-maps",
    params(("team" = String, Path, description = TEAM),
        ("map" = i64, Path, description = "The role map's id")),
    request_body = NewMilestone,
    responses(
        (status = 201, description = "Added; the body is the map with it", body = RoleMapDetails,
            headers(("Location" = String, description = "The role map's address"))),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to edit this map", body = ErrorBody),
        (status = 409, description = "The map is closed", body = ErrorBody),
        (status = 422, description = "Title, owner or due day refused, or the map has all the milestones it may (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn add_milestone(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<NewMilestone>,
) -> Result<HttpResponse, ApiError> {
    let (team, map) = path.into_inner();
    let id: RoleMapId = path_id(&map)?;
    let body = body.into_inner();
    let form = MilestoneForm {
        title: body.title,
        owner_id: owner(body.owner_id),
        due_on: body.due_on,
    };
    role_maps::add_milestone(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        &form,
        caller.now,
    )
    .await?;
    let d = details(&state, &caller, &team, id).await?;
    Ok(created(&address(&d), &RoleMapDetails::from(d)))
}

/// The map and milestone a milestone path names.
fn milestone_path(
    path: web::Path<(String, String, String)>,
) -> Result<(String, RoleMapId, MilestoneId), ApiError> {
    let (team, map, milestone) = path.into_inner();
    Ok((team, path_id(&map)?, path_id(&milestone)?))
}

/// Changes a milestone's title, owner or due day.
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}/role-maps/{map}/milestones/{milestone}",
    tag = "role-maps",
    params(("team" = String, Path, description = TEAM),
        ("map" = i64, Path, description = "The role map's id"),
        ("milestone" = i64, Path, description = "The milestone's id")),
    request_body = MilestoneChange,
    responses(
        (status = 200, description = "Changed; the body is the map", body = RoleMapDetails),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to edit this map", body = ErrorBody),
        (status = 409, description = "The map is closed", body = ErrorBody),
        (status = 422, description = "Title, owner or due day refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn update_milestone(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<MilestoneChange>,
) -> Result<HttpResponse, ApiError> {
    let (team, id, milestone) = milestone_path(path)?;
    let current = details(&state, &caller, &team, id)
        .await?
        .milestones
        .into_iter()
        .find(|m| m.id == milestone)
        .ok_or(ApiError::Web(WebError::NotFound))?;
    let body = body.into_inner();
    let form = MilestoneForm {
        title: body.title.unwrap_or(current.title),
        owner_id: owner(body.owner_id.or(Some(current.owner_id.0))),
        due_on: body.due_on.unwrap_or(current.due_iso),
    };
    role_maps::update_milestone(
        &state.db.conn,
        caller.principal,
        &team,
        (id, milestone),
        &form,
        caller.now,
    )
    .await?;
    changed(&state, &caller, &team, id).await
}

/// Removes a milestone.
#[utoipa::path(
    delete,
    path = "/api/v1/teams/{team}/role-maps/{map}/milestones/{milestone}",
    tag = "role-maps",
    params(("team" = String, Path, description = TEAM),
        ("map" = i64, Path, description = "The role map's id"),
        ("milestone" = i64, Path, description = "The milestone's id")),
    responses(
        (status = 200, description = "Removed; the body is the map", body = RoleMapDetails),
        ReadErrors,
        (status = 403, description = "A read token, or not allowed to edit this map", body = ErrorBody),
        (status = 409, description = "The map is closed", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn remove_milestone(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id, milestone) = milestone_path(path)?;
    role_maps::remove_milestone(
        &state.db.conn,
        caller.principal,
        &team,
        (id, milestone),
        caller.now,
    )
    .await?;
    changed(&state, &caller, &team, id).await
}

/// Ticks a milestone done or not done (anyone who may edit the map, or the milestone's owner
/// on a published map).
#[utoipa::path(
    put,
    path = "/api/v1/teams/{team}/role-maps/{map}/milestones/{milestone}/done",
    tag = "role-maps",
    params(("team" = String, Path, description = TEAM),
        ("map" = i64, Path, description = "The role map's id"),
        ("milestone" = i64, Path, description = "The milestone's id")),
    request_body = MilestoneDone,
    responses(
        (status = 200, description = "Set; the body is the map", body = RoleMapDetails),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to tick it", body = ErrorBody),
        (status = 409, description = "The map is closed", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn set_done(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<MilestoneDone>,
) -> Result<HttpResponse, ApiError> {
    let (team, id, milestone) = milestone_path(path)?;
    let form = DoneForm {
        done: if body.done { "yes" } else { "no" }.to_owned(),
    };
    role_maps::set_done(
        &state.db.conn,
        caller.principal,
        &team,
        (id, milestone),
        &form,
        caller.now,
    )
    .await?;
    changed(&state, &caller, &team, id).await
}

/// Publishes a draft role map (its owner or a leader); later changes are versions.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/role-maps/{map}/publish",
    tag = "role-maps",
    params(("team" = String, Path, description = TEAM),
        ("map" = i64, Path, description = "The role map's id")),
    responses(
        (status = 200, description = "Published", body = RoleMapDetails),
        ReadErrors,
        (status = 403, description = "A read token, or neither its owner nor a leader", body = ErrorBody),
        (status = 409, description = "Not a draft", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn publish(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, map) = path.into_inner();
    let id: RoleMapId = path_id(&map)?;
    role_maps::publish(&state.db.conn, caller.principal, &team, id, caller.now).await?;
    changed(&state, &caller, &team, id).await
}

/// Closes a published role map (its owner or a leader); it becomes read-only.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/role-maps/{map}/close",
    tag = "role-maps",
    params(("team" = String, Path, description = TEAM),
        ("map" = i64, Path, description = "The role map's id")),
    responses(
        (status = 200, description = "Closed", body = RoleMapDetails),
        ReadErrors,
        (status = 403, description = "A read token, or neither its owner nor a leader", body = ErrorBody),
        (status = 409, description = "Not published", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn close(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, map) = path.into_inner();
    let id: RoleMapId = path_id(&map)?;
    role_maps::close(&state.db.conn, caller.principal, &team, id, caller.now).await?;
    changed(&state, &caller, &team, id).await
}
