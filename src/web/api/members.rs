//! `GET /api/v1/teams/{team}/members`: the team page's member list, a page at a time, in its
//! order (leaders first, then by name, then id), with its search (`q`: names, and email
//! addresses for those who manage members) and a role filter, through
//! `service::teams::member_slice` (the access table's `ViewTeam` row). Only what the team
//! page shows: ids, names and roles.
//!
//! And what leaders do in that list, through the same services as its buttons: change a
//! member's role (`PATCH …/members/{user}`; the last leader stays), remove one
//! (`POST …/remove`) and issue a password-reset link (`POST …/reset-link`).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::access::TeamRole;
use crate::domain::ids::UserId;
use crate::i18n::Msg;
use crate::service::teams::{self, MemberAfter, MemberFilter};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, encode_key};
use crate::web::api::errors::{ApiError, ErrorBody, ReadErrors, WriteErrors};
use crate::web::api::{json_with_etag, path_id};

/// A member of the team.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamMember {
    /// The person's user id.
    pub id: i64,
    /// Their display name.
    pub name: String,
    /// `member` or `leader`.
    #[schema(example = "member")]
    pub role: String,
}

/// One page of a team's members.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberList {
    /// Leaders first, then by name (case ignored), then by id.
    pub members: Vec<TeamMember>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// The member list's search, as the team page's.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MemberSearch {
    /// Part of a name (case ignored); leaders also find email addresses. Absent: everyone.
    pub q: Option<String>,
    /// `leader` or `member`; absent: both.
    pub role: Option<String>,
}

impl MemberSearch {
    fn filter(&self) -> Result<MemberFilter, ApiError> {
        let role = match self.role.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(
                TeamRole::parse(text)
                    .ok_or_else(|| ApiError::parameter("role", Msg::new("api-error-role")))?,
            ),
        };
        Ok(MemberFilter {
            search: self.q.clone().unwrap_or_default(),
            role,
        })
    }
}

/// The cursor's key: `<0 for a leader, 1 for a member>.<id>.<name>` (the name last, as it may
/// hold dots).
fn key_of(leader: bool, id: UserId, name: &str) -> String {
    format!("{}.{}.{name}", u8::from(!leader), id.0)
}

fn parse_key(key: &str) -> Option<MemberAfter> {
    let (rank, rest) = key.split_once('.')?;
    let (id, name) = rest.split_once('.')?;
    let leader = match rank {
        "0" => true,
        "1" => false,
        _ => return None,
    };
    Some(MemberAfter {
        leader,
        name: name.to_owned(),
        id: UserId(id.parse().ok()?),
    })
}

/// A team's members, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/members",
    tag = "members",
    params(("team" = String, Path, description = "The team's slug"), MemberSearch, PageQuery),
    responses(
        (status = 200, description = "One page of members", body = MemberList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 400, description = "A bad `role`, `cursor` or `limit`", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    search: web::Query<MemberSearch>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = search.filter()?;
    let limit = page.limit()?;
    let after = page.after_key(parse_key)?;
    let (_, rows, more) = teams::member_slice(
        &state.db.conn,
        caller.principal,
        &team,
        &filter,
        after.as_ref(),
        limit,
    )
    .await?;
    let next_cursor = rows.last().filter(|_| more).map(|r| {
        encode_key(&key_of(
            r.role == TeamRole::Leader,
            r.user_id,
            &r.display_name,
        ))
    });
    let members = rows
        .into_iter()
        .map(|r| TeamMember {
            id: r.user_id.0,
            name: r.display_name,
            role: r.role.as_str().to_owned(),
        })
        .collect();
    json_with_etag(
        &req,
        &MemberList {
            members,
            next_cursor,
        },
    )
}

/// A role in a team.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoleChoice {
    Member,
    Leader,
}

impl RoleChoice {
    /// The role as the services read it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Leader => "leader",
        }
    }
}

/// A member's new role.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberChange {
    /// `member` or `leader`.
    pub role: RoleChoice,
}

/// A password-reset link issued for a member.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResetLink {
    /// The link to pass on, shown this once; `null` when the site mailed it to the member's own
    /// address instead (as the team page does).
    pub link: Option<String>,
    /// Whether it was mailed to the member.
    pub mailed: bool,
    /// Hours the link stays valid.
    #[schema(example = 24)]
    pub valid_hours: i64,
}

fn member_json(row: teams::MemberRow) -> TeamMember {
    TeamMember {
        id: row.user_id.0,
        name: row.display_name,
        role: row.role.as_str().to_owned(),
    }
}

/// Makes a member a leader or a leader a member (leaders and site admins), as the team page's
/// buttons do. The last leader cannot be made a member (409).
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}/members/{user}",
    tag = "members",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("user" = i64, Path, description = "The member's user id"),
    ),
    request_body = MemberChange,
    responses(
        (status = 200, description = "Changed (or already so)", body = TeamMember),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 409, description = "The team's last leader cannot be made a member", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn change_role(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<MemberChange>,
) -> Result<HttpResponse, ApiError> {
    let (team, user) = path.into_inner();
    let user: UserId = path_id(&user)?;
    let db = &state.db.conn;
    teams::change_role(db, caller.principal, &team, user, body.role.as_str()).await?;
    let row = teams::member_of(db, caller.principal, &team, user).await?;
    Ok(HttpResponse::Ok().json(member_json(row)))
}

/// Removes a member from the team (leaders and site admins), as the team page's button does.
/// The last leader cannot be removed (409); removing oneself is leaving.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/members/{user}/remove",
    tag = "members",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("user" = i64, Path, description = "The member's user id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        ReadErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 409, description = "The team's last leader cannot be removed", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn remove(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, user) = path.into_inner();
    let user: UserId = path_id(&user)?;
    teams::remove_member(&state.db.conn, caller.principal, &team, user).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Issues a 24-hour password-reset link for a member (leaders of every team the member is in,
/// and site admins), as the team page's button does: the link is answered this once, or mailed
/// to the member when the site sends mail.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/members/{user}/reset-link",
    tag = "members",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("user" = i64, Path, description = "The member's user id"),
    ),
    responses(
        (status = 200, description = "Issued; never stored by caches", body = ResetLink),
        ReadErrors,
        (status = 403, description = "A read token, not a leader, or the member is in a team the owner does not lead (or is a site admin)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn reset_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    use crate::service::accounts::{self, ResetIssued};

    let (team, user) = path.into_inner();
    let user: UserId = path_id(&user)?;
    let delivery = crate::service::notices::Delivery::of(&state.settings);
    let issued = accounts::issue_reset_link(
        &state.db.conn,
        caller.principal,
        &team,
        user,
        delivery,
        caller.now,
    )
    .await?;
    let base = crate::web::pages::base_url(&state, &req);
    let body = match issued {
        ResetIssued::Link(token) => ResetLink {
            link: Some(format!("{base}/reset/{token}")),
            mailed: false,
            valid_hours: accounts::RESET_VALID_HOURS,
        },
        ResetIssued::Mailed => ResetLink {
            link: None,
            mailed: true,
            valid_hours: accounts::RESET_VALID_HOURS,
        },
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_members_cursor_key_reads_back_even_with_dots_in_the_name() {
        let key = key_of(true, UserId(7), "A. N. Other");
        assert_eq!(
            parse_key(&key),
            Some(MemberAfter {
                leader: true,
                name: "A. N. Other".to_owned(),
                id: UserId(7),
            })
        );
        assert_eq!(parse_key("2.7.x"), None);
        assert_eq!(parse_key("1.x.y"), None);
        assert_eq!(parse_key("1"), None);
    }
}
