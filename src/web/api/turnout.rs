//! A meeting's turnout and, for open ballots, who ranked what, over `/api/v1` (leaders:
//! `ViewVoters`, as the turnout and rankings pages): through `service::meetings::turnout`, so
//! participation never touches a ballot and a secret meeting has no rankings to show (404).
//!
//! Both lists are paged with a cursor, so a district of thousands of members or ballots is
//! read a bounded page at a time: the members who have not voted by name (case ignored) then
//! id, the rankings in the order of the meeting's `receipts.csv` (receipt hash, then id). The
//! rankings file (`rankings.csv`) stays one download, as on the web.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::domain::ids::{MeetingId, UserId};
use crate::domain::meeting::Privacy;
use crate::service::meetings::turnout::{self, BallotAfter, NameAfter};
use crate::service::meetings::{self};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, next_key};
use crate::web::api::errors::{ApiError, ErrorBody, ListErrors, ReadErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{json_with_etag, path_id};
use crate::web::pages::download;

/// This area's part of the OpenAPI document (merged by `openapi::document_value`).
#[derive(OpenApi)]
#[openapi(
    paths(turnout_of, rankings, rankings_csv),
    components(schemas(NotVoted, MeetingTurnout, VoterRanking, OpenRankings))
)]
pub struct Doc;

/// A member who has not voted yet.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotVoted {
    pub user_id: i64,
    pub name: String,
}

/// A meeting's turnout, as the turnout page shows it to leaders (participation only: never
/// who ranked what), with one page of the members who have not voted.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingTurnout {
    /// Members who have voted.
    pub voted: u64,
    /// Members of the team (each may vote).
    pub members: u64,
    /// One page of the members without a ballot yet, by name (case ignored), then id.
    pub not_voted: Vec<NotVoted>,
    /// Pass as `cursor` for the next page of `not_voted`; `null` on the last page.
    pub next_cursor: Option<String>,
    /// Whether voting is open now.
    pub voting_open: bool,
    /// When voting closes (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub voting_close_at: String,
    /// Whether the rankings can be read (open ballots, after voting closed).
    pub rankings_available: bool,
}

/// The cursor key of a member who has not voted: `<id>.<name>` (the name may hold dots).
fn name_key(id: UserId, name: &str) -> String {
    format!("{}.{name}", id.0)
}

fn parse_name_key(key: &str) -> Option<NameAfter> {
    let (id, name) = key.split_once('.')?;
    Some(NameAfter {
        name: name.to_owned(),
        id: UserId(id.parse().ok()?),
    })
}

/// How many have voted and, a page at a time, who has not yet (leaders).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/turnout",
    tag = "meeting_admin",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        PageQuery,
    ),
    responses(
        (status = 200, description = "The turnout, with one page of who has not voted", body = MeetingTurnout,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
        (status = 403, description = "Not a leader of the team", body = ErrorBody),
        (status = 404, description = "No such meeting in a team of the owner's", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn turnout_of(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting) = path.into_inner();
    let id: MeetingId = path_id(&meeting)?;
    let limit = page.limit()?;
    let after = page.after_key(parse_name_key)?;
    let (access, counts, members, more) = turnout::not_voted_page(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        after.as_ref(),
        limit,
    )
    .await?;
    let w = access.windows();
    json_with_etag(
        &req,
        &MeetingTurnout {
            voted: counts.voted,
            members: counts.members,
            next_cursor: next_key(&members, more, |m| name_key(m.id, &m.name)),
            not_voted: members
                .into_iter()
                .map(|m| NotVoted {
                    user_id: m.id.0,
                    name: m.name,
                })
                .collect(),
            voting_open: w.voting(caller.now),
            voting_close_at: utc(w.voting_close),
            rankings_available: meetings::privacy(&access.meeting) == Privacy::Open
                && w.voting_closed(caller.now),
        },
    )
}

/// One voter's ranking of an open ballot.
#[derive(Debug, Serialize, ToSchema)]
pub struct VoterRanking {
    /// The voter's name.
    pub voter: String,
    /// Item titles, first choice first.
    pub items: Vec<String>,
}

/// One page of an open meeting's rankings.
#[derive(Debug, Serialize, ToSchema)]
pub struct OpenRankings {
    /// In the order of the meeting's `receipts.csv` (receipt hash, then id).
    pub rankings: Vec<VoterRanking>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// The cursor key of a ballot: `<id>.<receipt hash>`.
fn ballot_key(after: &BallotAfter) -> String {
    format!("{}.{}", after.id, after.receipt_hash)
}

fn parse_ballot_key(key: &str) -> Option<BallotAfter> {
    let (id, hash) = key.split_once('.')?;
    Some(BallotAfter {
        receipt_hash: hash.to_owned(),
        id: id.parse().ok()?,
    })
}

/// Who ranked what, a page at a time (leaders; open ballots only, after voting closes).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/rankings",
    tag = "meeting_admin",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        PageQuery,
    ),
    responses(
        (status = 200, description = "One page of the rankings", body = OpenRankings,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
        (status = 403, description = "Not a leader of the team", body = ErrorBody),
        (status = 404, description = "No such meeting in a team of the owner's, or its ballots are secret", body = ErrorBody),
        (status = 409, description = "Voting has not closed", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn rankings(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting) = path.into_inner();
    let limit = page.limit()?;
    let after = page.after_key(parse_ballot_key)?;
    let (rows, more) = turnout::open_rankings_page(
        &state.db.conn,
        caller.principal,
        &team,
        path_id(&meeting)?,
        caller.now,
        after.as_ref(),
        limit,
    )
    .await?;
    json_with_etag(
        &req,
        &OpenRankings {
            next_cursor: next_key(&rows, more, |(key, _)| ballot_key(key)),
            rankings: rows
                .into_iter()
                .map(|(_, r)| VoterRanking {
                    voter: r.voter,
                    items: r.items,
                })
                .collect(),
        },
    )
}

/// The rankings as CSV, as the rankings page's download: voter, then items first choice first.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/rankings.csv",
    tag = "meeting_admin",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "Columns: voter, then one item title per rank",
            body = String, content_type = "text/csv"),
        ReadErrors,
        (status = 403, description = "Not a leader of the team", body = ErrorBody),
        (status = 404, description = "No such meeting in a team of the owner's, or its ballots are secret", body = ErrorBody),
        (status = 409, description = "Voting has not closed", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn rankings_csv(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting) = path.into_inner();
    let id: MeetingId = path_id(&meeting)?;
    let (_, rows) =
        turnout::open_rankings(&state.db.conn, caller.principal, &team, id, caller.now).await?;
    Ok(download(
        &format!("meeting-{id}-rankings.csv"),
        "text/csv; charset=utf-8",
        turnout::rankings_csv(&rows)?,
    ))
}
