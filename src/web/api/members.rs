//! `GET /api/v1/teams/{team}/members`: the team page's member list, a page at a time, in its
//! order (leaders first, then by name, then id), with its search (`q`: names, and email
//! addresses for those who manage members) and a role filter, through
//! `service::teams::member_slice` (the access table's `ViewTeam` row). Only what the team
//! page shows: ids, names and roles.

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
use crate::web::api::errors::{ApiError, ErrorBody};
use crate::web::api::json_with_etag;

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
        (status = 400, description = "A bad `role`, `cursor` or `limit`", body = ErrorBody),
        (status = 401, description = "No token, or not a current one", body = ErrorBody),
        (status = 404, description = "No such team, or not the owner's", body = ErrorBody),
        (status = 429, description = "Too many requests with this token", body = ErrorBody),
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
