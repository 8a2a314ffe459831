//! Team administration over `/api/v1`, through the services and access rows of the web pages:
//! a team's open invitations (list, create, revoke: `ManageMembers`, as the team page),
//! leaving a team (`LeaveTeam`), the site admin's list of every team and the form that creates
//! one (`ManageInstance`, as `/admin/teams`), and the team's cohort links (`ManageTeamLinks`,
//! as `/teams/{team}/links`: the links, the team's meetings with whether each is shared, and
//! proposing, accepting and removing a link). One-time links (an invitation, a new team's first
//! leader) are answered once, as the web shows them once, and never stored by caches.
//!
//! The team itself (`teams::show`, `teams::update`) and what leaders do to members
//! (`members::change_role`, `members::remove`, `members::reset_link`) live beside their lists;
//! this module's [`Doc`] documents them all.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use crate::domain::ids::{TeamId, TeamLinkId};
use crate::service::cohorts::links::{self, LinkForm, LinkLine, LinkState};
use crate::service::cohorts::shares::{self, ShareLine};
use crate::service::notices::Delivery;
use crate::service::teams::{self, InvitationForm, Invited, OpenInvitation, TeamAfter, TeamForm};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, next_key};
use crate::web::api::errors::{
    ApiError, ErrorBody, ListErrors, ReadErrors, TokenErrors, WriteErrors,
};
use crate::web::api::meetings::utc;
use crate::web::api::members::RoleChoice;
use crate::web::api::{json_with_etag, members, path_id, teams as team_api};
use crate::web::pages::base_url;

/// This area's part of the OpenAPI document (merged by `openapi::document_value`).
#[derive(OpenApi)]
#[openapi(
    paths(
        team_api::show,
        team_api::update,
        invitations,
        invite,
        revoke,
        members::change_role,
        members::remove,
        members::reset_link,
        leave,
        all_teams,
        create_team,
        team_links,
        propose_link,
        accept_link,
        remove_link,
    ),
    components(schemas(
        team_api::TeamDetails,
        team_api::TeamChange,
        RoleChoice,
        members::MemberChange,
        members::ResetLink,
        Invitation,
        InvitationList,
        NewInvitation,
        InvitationCreated,
        AdminTeam,
        AdminTeamList,
        NewTeam,
        CreatedTeam,
        LinkStatus,
        TeamLink,
        SharedMeeting,
        TeamLinks,
        NewLink,
    )),
    tags(
        (name = "invitations", description = "A team's invitation links: list the open ones, make one (or mail one per address), revoke one"),
        (name = "admin", description = "Site administration: every team, and creating one with its first leader's invitation"),
        (name = "links", description = "Cohort links between teams, agreed by a leader of each side, and which meetings the team shares with linked teams"),
    )
)]
pub struct Doc;

/// One-time answers (they carry a secret link) are never stored by caches.
fn no_store(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

// ---------------------------------------------------------------------------------------------
// Invitations

/// An open invitation link of a team (the link itself is shown only when made).
#[derive(Debug, Serialize, ToSchema)]
pub struct Invitation {
    pub id: i64,
    /// The role it gives: `member` or `leader`.
    #[schema(example = "member")]
    pub role: String,
    /// Times it has been used.
    pub uses: i32,
    /// How many people may use it.
    pub max_uses: i32,
    /// When it stops working (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub expires_at: String,
    /// When it was made (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl From<OpenInvitation> for Invitation {
    fn from(i: OpenInvitation) -> Self {
        Self {
            id: i.id,
            role: i.role.as_str().to_owned(),
            uses: i.uses,
            max_uses: i.max_uses,
            expires_at: utc(i.expires_at),
            created_at: utc(i.created_at),
        }
    }
}

/// One page of a team's open invitations.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationList {
    /// Oldest first (by id): neither revoked, expired nor used up.
    pub invitations: Vec<Invitation>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A new invitation, as the team page's "invite people" form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    /// The role it gives.
    pub role: RoleChoice,
    /// How many people may use the link (1 to 100; default 1). Mailed links are single-use.
    #[schema(minimum = 1, maximum = 100)]
    pub max_uses: Option<i64>,
    /// Days until it expires (1 to 30; default 7).
    #[schema(minimum = 1, maximum = 30)]
    pub valid_days: Option<i64>,
    /// Addresses to mail a single-use link each to (only when the site sends mail; at most
    /// 200). Empty or absent: one link to pass on, answered once.
    #[serde(default)]
    #[schema(max_items = 200)]
    pub emails: Vec<String>,
}

/// What an invitation made.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationCreated {
    /// The link to pass on, shown this once (`null` when links were mailed).
    pub link: Option<String>,
    /// The invitation behind that link (`null` when links were mailed).
    pub invitation: Option<Invitation>,
    /// How many addresses were each mailed their own link (0 for a link to pass on).
    pub mailed: usize,
}

/// A team's open invitations, a page at a time (those who manage members).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/invitations",
    tag = "invitations",
    params(("team" = String, Path, description = "The team's slug"), PageQuery),
    responses(
        (status = 200, description = "One page of open invitations", body = InvitationList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
        (status = 403, description = "Not a leader of the team", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn invitations(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = page.limit()?;
    let after = page.after_key(|key| key.parse::<i64>().ok())?;
    let (_, rows, more) = teams::invitation_slice(
        &state.db.conn,
        caller.principal,
        &team,
        after,
        limit,
        caller.now,
    )
    .await?;
    let next_cursor = next_key(&rows, more, |i| i.id.to_string());
    json_with_etag(
        &req,
        &InvitationList {
            invitations: rows.into_iter().map(Invitation::from).collect(),
            next_cursor,
        },
    )
}

/// Makes an invitation link (leaders and site admins), as the team page's form does: one link
/// to pass on, answered this once; or, with `emails`, a single-use link mailed to each address.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/invitations",
    tag = "invitations",
    params(("team" = String, Path, description = "The team's slug")),
    request_body = NewInvitation,
    responses(
        (status = 201, description = "Made; never stored by caches", body = InvitationCreated,
            headers(("Location" = String, description = "The team's invitations"))),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 422, description = "Uses, days or addresses refused, or addresses while the site sends no mail (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn invite(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<NewInvitation>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let form = InvitationForm {
        role: body.role.as_str().to_owned(),
        max_uses: body.max_uses.unwrap_or(1).to_string(),
        valid_days: body.valid_days.unwrap_or(7).to_string(),
        emails: body.emails.join("\n"),
    };
    let db = &state.db.conn;
    let delivery = Delivery::of(&state.settings);
    let invited = teams::invite(db, caller.principal, &team, &form, delivery, caller.now).await?;
    let answer = match invited {
        Invited::Link(token) => {
            let row = teams::invitation_of_token(db, caller.principal, &team, &token).await?;
            InvitationCreated {
                link: Some(format!("{}/invite/{token}", base_url(&state, &req))),
                invitation: Some(row.into()),
                mailed: 0,
            }
        }
        Invited::Mailed(n) => InvitationCreated {
            link: None,
            invitation: None,
            mailed: n,
        },
    };
    Ok(no_store(
        HttpResponse::Created()
            .insert_header((
                header::LOCATION,
                format!("/api/v1/teams/{team}/invitations"),
            ))
            .json(answer),
    ))
}

/// Revokes an invitation of the team (leaders and site admins): its link stops working.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/invitations/{invitation}/revoke",
    tag = "invitations",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("invitation" = i64, Path, description = "The invitation's id"),
    ),
    responses(
        (status = 204, description = "Revoked"),
        ReadErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn revoke(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, invitation) = path.into_inner();
    let id: i64 = path_id(&invitation)?;
    teams::revoke_invitation(&state.db.conn, caller.principal, &team, id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Leaves the team (its members; the last leader cannot leave).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/leave",
    tag = "members",
    params(("team" = String, Path, description = "The team's slug")),
    responses(
        (status = 204, description = "Left: no longer a member"),
        ReadErrors,
        (status = 403, description = "A read token, or a site admin outside the team", body = ErrorBody),
        (status = 409, description = "The team's last leader cannot leave", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn leave(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let user = caller.principal.user_id.ok_or(ApiError::InvalidToken)?;
    teams::remove_member(&state.db.conn, caller.principal, &team, user).await?;
    Ok(HttpResponse::NoContent().finish())
}

// ---------------------------------------------------------------------------------------------
// Every team (site admins)

/// A team of the instance, as the site admin's list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminTeam {
    #[schema(example = "leadership")]
    pub slug: String,
    pub name: String,
    pub purpose: String,
    /// The IANA time zone it meets in.
    pub time_zone: String,
    /// How many members it has.
    pub members: u64,
}

/// One page of the instance's teams.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminTeamList {
    /// By name, then by id.
    pub teams: Vec<AdminTeam>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A new team, as the site admin's form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTeam {
    /// Its name (2 to 80 characters).
    #[schema(min_length = 2, max_length = 80, example = "Senior leadership team")]
    pub name: String,
    /// Its address name (2 to 60 of `a-z`, `0-9`, `-`); absent: made from the name.
    #[serde(default)]
    #[schema(max_length = 60, pattern = "^([a-z0-9][a-z0-9-]*[a-z0-9])?$")]
    pub slug: String,
    /// Its standing purpose (10 to 300 characters).
    #[schema(min_length = 10, max_length = 300)]
    pub purpose: String,
    /// The IANA time zone it meets in; absent: the admin's own, else UTC.
    #[serde(default)]
    #[schema(max_length = 64, example = "Europe/Paris")]
    pub time_zone: String,
}

/// A team just made, with the link for its first leader.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedTeam {
    pub team: AdminTeam,
    /// The single-use, 7-day invitation link for its first leader, shown this once.
    pub leader_invitation: String,
}

fn team_key(name: &str, id: TeamId) -> String {
    format!("{}.{name}", id.0)
}

fn parse_team_key(key: &str) -> Option<TeamAfter> {
    let (id, name) = key.split_once('.')?;
    Some(TeamAfter {
        name: name.to_owned(),
        id: TeamId(id.parse().ok()?),
    })
}

/// Every team of the instance, a page at a time, with its member count (site admins).
#[utoipa::path(
    get,
    path = "/api/v1/admin/teams",
    tag = "admin",
    params(PageQuery),
    responses(
        (status = 200, description = "One page of teams", body = AdminTeamList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        TokenErrors,
        (status = 400, description = "A bad `cursor` or `limit`", body = ErrorBody),
        (status = 403, description = "Not a site admin", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn all_teams(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = page.limit()?;
    let after = page.after_key(parse_team_key)?;
    let (rows, more) =
        teams::team_slice(&state.db.conn, caller.principal, after.as_ref(), limit).await?;
    let next_cursor = next_key(&rows, more, |(t, _)| team_key(&t.name, t.id));
    let teams = rows
        .into_iter()
        .map(|(t, members)| AdminTeam {
            slug: t.slug,
            name: t.name,
            purpose: t.purpose,
            time_zone: t.time_zone,
            members,
        })
        .collect();
    json_with_etag(&req, &AdminTeamList { teams, next_cursor })
}

/// Creates a team (site admins), as `/admin/teams` does: the answer carries its first
/// leader's single-use invitation link, this once.
#[utoipa::path(
    post,
    path = "/api/v1/admin/teams",
    tag = "admin",
    request_body = NewTeam,
    responses(
        (status = 201, description = "Created; never stored by caches", body = CreatedTeam,
            headers(("Location" = String, description = "The new team's address"))),
        TokenErrors,
        (status = 400, description = "A body that is not this JSON", body = ErrorBody),
        (status = 403, description = "A read token, or not a site admin", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "Name, address, purpose or zone refused, or the address is taken (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn create_team(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    body: web::Json<NewTeam>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let form = TeamForm {
        name: body.name,
        slug: body.slug,
        purpose: body.purpose,
        time_zone: body.time_zone,
    };
    let created = teams::create_team(&state.db.conn, caller.principal, &form).await?;
    let link = format!(
        "{}/invite/{}",
        base_url(&state, &req),
        created.leader_invitation
    );
    let team = created.team;
    let location = format!("/api/v1/teams/{}", team.slug);
    let answer = CreatedTeam {
        team: AdminTeam {
            slug: team.slug,
            name: team.name,
            purpose: team.purpose,
            time_zone: team.time_zone,
            members: 0,
        },
        leader_invitation: link,
    };
    Ok(no_store(
        HttpResponse::Created()
            .insert_header((header::LOCATION, location))
            .json(answer),
    ))
}

// ---------------------------------------------------------------------------------------------
// Cohort links

/// Where a link stands, seen from this team.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LinkStatus {
    /// This team proposed it; the other team's leaders have not accepted yet.
    Proposed,
    /// The other team proposed it; a leader of this team may accept.
    Awaiting,
    /// Both sides agreed.
    Linked,
}

impl From<LinkState> for LinkStatus {
    fn from(state: LinkState) -> Self {
        match state {
            LinkState::Proposed => Self::Proposed,
            LinkState::Awaiting => Self::Awaiting,
            LinkState::Linked => Self::Linked,
        }
    }
}

/// A link (or proposal) between this team and another.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamLink {
    pub id: i64,
    /// The other team's address name.
    pub team: String,
    /// The other team's name.
    pub team_name: String,
    pub status: LinkStatus,
    /// When it was proposed, or accepted once linked (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub since: String,
}

impl From<LinkLine> for TeamLink {
    fn from(l: LinkLine) -> Self {
        Self {
            id: l.id.0,
            team: l.team_slug,
            team_name: l.team_name,
            status: l.state.into(),
            since: utc(l.since_at),
        }
    }
}

/// One of the team's meetings, with whether linked teams may read it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SharedMeeting {
    pub meeting_id: i64,
    pub title: String,
    /// RFC 3339, UTC.
    #[schema(format = DateTime)]
    pub starts_at: String,
    /// Shared with linked teams: their members read its published agenda and minutes.
    pub shared: bool,
    /// Whether its agenda is published (what a linked team would see).
    pub agenda_published: bool,
    /// Whether some minutes are published.
    pub minutes_published: bool,
}

impl From<ShareLine> for SharedMeeting {
    fn from(m: ShareLine) -> Self {
        Self {
            meeting_id: m.meeting_id.0,
            title: m.title,
            starts_at: utc(m.starts_at),
            shared: m.shared,
            agenda_published: m.agenda_published,
            minutes_published: m.minutes_published,
        }
    }
}

/// The team's links page: its links and its latest meetings' sharing.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamLinks {
    /// Linked first, then awaiting this team, then proposed by it.
    pub links: Vec<TeamLink>,
    /// The team's latest meetings (at most 50, latest first), with whether each is shared.
    pub meetings: Vec<SharedMeeting>,
}

/// A link to propose.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLink {
    /// The other team's address name (`principals-cohort`, or `/teams/principals-cohort`).
    #[schema(min_length = 1, max_length = 300, example = "principals-cohort")]
    pub team: String,
}

async fn link_line(
    state: &AppState,
    caller: &ApiCaller,
    team: &str,
    id: TeamLinkId,
) -> Result<TeamLink, ApiError> {
    let (_, lines) = links::list(&state.db.conn, caller.principal, team, caller.lang).await?;
    lines
        .into_iter()
        .find(|l| l.id == id)
        .map(TeamLink::from)
        .ok_or(ApiError::Web(crate::web::WebError::NotFound))
}

/// The team's cohort links and which of its meetings linked teams may read (its leaders), as
/// the links page shows them (one page: a team has a handful of links).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/links",
    tag = "links",
    params(("team" = String, Path, description = "The team's slug")),
    responses(
        (status = 200, description = "The links and the meetings' sharing", body = TeamLinks,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 403, description = "Not a leader of the team", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn team_links(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let db = &state.db.conn;
    let (access, lines) = links::list(db, caller.principal, &team, caller.lang).await?;
    let meetings = shares::share_lines(db, &access, caller.lang).await?;
    json_with_etag(
        &req,
        &TeamLinks {
            links: lines.into_iter().map(TeamLink::from).collect(),
            meetings: meetings.into_iter().map(SharedMeeting::from).collect(),
        },
    )
}

/// Proposes a link with another team (leaders); a leader of that team accepts it.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/links",
    tag = "links",
    params(("team" = String, Path, description = "The team's slug")),
    request_body = NewLink,
    responses(
        (status = 201, description = "Proposed", body = TeamLink,
            headers(("Location" = String, description = "The team's links"))),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 422, description = "No such other team, this team itself, or a link already stands (`fields.team`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn propose_link(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<NewLink>,
) -> Result<HttpResponse, ApiError> {
    let form = LinkForm {
        team: body.into_inner().team,
    };
    let id = links::propose(&state.db.conn, caller.principal, &team, &form, caller.now).await?;
    let line = link_line(&state, &caller, &team, id).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/teams/{team}/links")))
        .json(line))
}

/// Accepts another team's proposal (leaders of the team it was proposed to); accepting twice
/// changes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/links/{link}/accept",
    tag = "links",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("link" = i64, Path, description = "The link's id"),
    ),
    responses(
        (status = 200, description = "Linked", body = TeamLink),
        ReadErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 409, description = "This team proposed it: the other side accepts", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn accept_link(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, link) = path.into_inner();
    let id: TeamLinkId = path_id(&link)?;
    links::accept(&state.db.conn, caller.principal, &team, id, caller.now).await?;
    Ok(HttpResponse::Ok().json(link_line(&state, &caller, &team, id).await?))
}

/// Removes a link, or declines or withdraws a proposal (leaders of either side): what the
/// other team shared stops being visible at once.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/links/{link}/remove",
    tag = "links",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("link" = i64, Path, description = "The link's id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        ReadErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn remove_link(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, link) = path.into_inner();
    let id: TeamLinkId = path_id(&link)?;
    links::remove(&state.db.conn, caller.principal, &team, id).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_teams_cursor_key_reads_back_even_with_dots_in_the_name() {
        let key = team_key("St. Mary's", TeamId(9));
        assert_eq!(
            parse_team_key(&key),
            Some(TeamAfter {
                name: "St. Mary's".to_owned(),
                id: TeamId(9),
            })
        );
        assert_eq!(parse_team_key("x.y"), None);
        assert_eq!(parse_team_key("7"), None);
    }
}
