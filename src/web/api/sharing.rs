//! Sharing meetings with linked teams over `/api/v1`, through the services and access rows of
//! the web: the per-meeting share switch (`ManageTeamLinks`, as
//! `POST /teams/{team}/meetings/{id}/share`), and what a linked team reads (`ViewSharedItems`,
//! as `/teams/{team}/shared` and `/teams/{team}/shared/{meeting}`): the meetings linked teams
//! share with this one, a page at a time, and one of them with its agreed agenda and its latest
//! published minutes (Markdown, as written). Anything else of the other team stays 404.
//!
//! The team's links and which of its meetings are shared are listed by `admin::team_links`.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use crate::domain::agreed_agenda::ItemKind;
use crate::service::cohorts::shared::{self, SharedItem};
use crate::service::cohorts::shares;
use crate::service::meetings::listing::After;
use crate::web::AppState;
use crate::web::api::admin::SharedMeeting;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{self, PageQuery};
use crate::web::api::errors::{ApiError, ErrorBody, ListErrors, ReadErrors, WriteErrors};
use crate::web::api::json_with_etag;
use crate::web::api::meetings::utc;
use crate::web::api::results::meeting_path;

/// This area's part of the OpenAPI document (merged by `openapi::document_value`).
#[derive(OpenApi)]
#[openapi(
    paths(share, list, show),
    components(schemas(
        ShareSwitch,
        SharedMeeting,
        SharedByLinkedTeam,
        SharedByLinkedTeamList,
        SharedMeetingRead,
        SharedAgendaItem,
    )),
    tags(
        (name = "sharing", description = "Sharing a meeting's published agenda and minutes with linked teams, and reading what linked teams share"),
    )
)]
pub struct Doc;

/// The share switch of one meeting: the state wanted, not a toggle.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareSwitch {
    /// `true`: members of every linked team may read the meeting's published agenda and
    /// minutes; `false`: they may not (any more).
    pub shared: bool,
}

/// Shares a meeting with linked teams, or stops sharing it (leaders), as the links page's and
/// the meeting page's switch does. `PUT`, not `POST`: the body is the state wanted, so sending
/// it again changes nothing (the service does nothing when the state is already so, and audits
/// only a change). The answer is the meeting's share state, as `GET …/links` lists it.
#[utoipa::path(
    put,
    path = "/api/v1/teams/{team}/meetings/{meeting}/share",
    tag = "sharing",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    request_body = ShareSwitch,
    responses(
        (status = 200, description = "The meeting's share state now", body = SharedMeeting),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 404, description = "No such meeting in a team of the owner's", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn share(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<ShareSwitch>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    let db = &state.db.conn;
    shares::set_shared(db, caller.principal, &team, id, body.shared, caller.now).await?;
    let line = shares::share_line(db, caller.principal, &team, id, caller.lang).await?;
    Ok(HttpResponse::Ok().json(SharedMeeting::from(line)))
}

/// A meeting a linked team shares with this one.
#[derive(Debug, Serialize, ToSchema)]
pub struct SharedByLinkedTeam {
    /// Read it at `GET /api/v1/teams/{team}/shared/{meeting_id}` (this team's slug).
    pub meeting_id: i64,
    /// The name of the team that shares it.
    pub from_team: String,
    pub title: String,
    /// RFC 3339, UTC.
    #[schema(format = DateTime)]
    pub starts_at: String,
    /// Whether its agreed agenda is published.
    pub has_agenda: bool,
    /// Whether some minutes are published.
    pub has_minutes: bool,
}

impl From<SharedItem> for SharedByLinkedTeam {
    fn from(i: SharedItem) -> Self {
        Self {
            meeting_id: i.meeting_id.0,
            from_team: i.team_name,
            title: i.title,
            starts_at: utc(i.starts_at),
            has_agenda: i.has_agenda,
            has_minutes: i.has_minutes,
        }
    }
}

/// One page of what linked teams share with this team.
#[derive(Debug, Serialize, ToSchema)]
pub struct SharedByLinkedTeamList {
    /// Latest start first, then highest id: shared by a linked team, with a published agenda
    /// or published minutes.
    pub meetings: Vec<SharedByLinkedTeam>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// The meetings teams linked with this one share with it, a page at a time (its members), as
/// `/teams/{team}/shared` lists them.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/shared",
    tag = "sharing",
    params(("team" = String, Path, description = "The team's slug"), PageQuery),
    responses(
        (status = 200, description = "One page of shared meetings", body = SharedByLinkedTeamList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
        (status = 403, description = "Not a member of the team (a site admin outside it)", body = ErrorBody),
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
    let after = page.after()?;
    let (_, items, more) = shared::shared_page(
        &state.db.conn,
        caller.principal,
        &team,
        after,
        limit,
        caller.lang,
    )
    .await?;
    let next_cursor = items.last().filter(|_| more).map(|i| {
        cursor::encode(After {
            starts_at: i.starts_at,
            id: i.meeting_id,
        })
    });
    json_with_etag(
        &req,
        &SharedByLinkedTeamList {
            meetings: items.into_iter().map(SharedByLinkedTeam::from).collect(),
            next_cursor,
        },
    )
}

/// One item of a shared meeting's agreed agenda, as the shared page shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SharedAgendaItem {
    pub title: String,
    pub minutes: u32,
    /// A fixed item of the meeting (the three-minute scan, say) rather than a proposal.
    pub fixed: bool,
}

/// A meeting a linked team shares, read-only: what `/teams/{team}/shared/{meeting}` shows.
#[derive(Debug, Serialize, ToSchema)]
pub struct SharedMeetingRead {
    pub meeting_id: i64,
    /// The name of the team that shares it.
    pub from_team: String,
    pub title: String,
    /// One sentence linking the meeting to its team's purpose.
    pub purpose_line: String,
    /// Place or link.
    pub place: String,
    /// RFC 3339, UTC.
    #[schema(format = DateTime)]
    pub starts_at: String,
    /// The agreed agenda in order, fixed items first; `null` while it is not published.
    pub agenda: Option<Vec<SharedAgendaItem>>,
    /// The latest published minutes, as Markdown (the web page renders them); `null` while
    /// none are published. Drafts are never shared.
    pub minutes: Option<String>,
}

/// One meeting a linked team shares with this one (its members): the agreed agenda and the
/// latest published minutes. A meeting not shared, not published, or of a team not linked with
/// this one answers 404, as on the web.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/shared/{meeting}",
    tag = "sharing",
    params(
        ("team" = String, Path, description = "The reading team's slug (not the sharing team's)"),
        ("meeting" = i64, Path, description = "The shared meeting's id"),
    ),
    responses(
        (status = 200, description = "The shared meeting", body = SharedMeetingRead,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 403, description = "Not a member of the team (a site admin outside it)", body = ErrorBody),
        (status = 404, description = "No such team of the owner's, or no such meeting shared with it", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    let m =
        shared::shared_meeting(&state.db.conn, caller.principal, &team, id, caller.lang).await?;
    let agenda = m.agenda.map(|items| {
        items
            .into_iter()
            .map(|i| SharedAgendaItem {
                fixed: i.kind == ItemKind::Fixed,
                title: i.title,
                minutes: i.minutes,
            })
            .collect()
    });
    json_with_etag(
        &req,
        &SharedMeetingRead {
            meeting_id: id.0,
            from_team: m.from_team,
            title: m.title,
            purpose_line: m.purpose_line,
            place: m.place,
            starts_at: utc(m.starts_at),
            agenda,
            minutes: m.minutes,
        },
    )
}
