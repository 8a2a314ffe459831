//! The token owner's own ranked ballot over `/api/v1/teams/{team}/meetings/{meeting}/ballot`:
//! reading it (`ViewMeetings`, as the ballot page) and casting or changing it (`CastBallot`)
//! through `service::meetings::ballots`, the service of the ballot form — so a ballot cast
//! here is stored exactly as the same ranks typed into the form, with a receipt code shown
//! once, as on the receipt page. Outside the voting window, or in a cancelled meeting, 409.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::ids::{MeetingId, ProposalId};
use crate::service::meetings::ballots::{self, Receipt};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ErrorBody, ReadErrors, WriteErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{json_with_etag, path_id, saved_ballot};

/// The owner's stored ballot.
#[derive(Debug, Serialize, ToSchema)]
pub struct Ballot {
    /// Proposal ids, best first (empty when the ballot can no longer be read: a secret
    /// meeting's tally destroys the link between voters and ballots).
    pub ranking: Vec<i64>,
    /// When it was last saved (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub last_voted_at: String,
    /// How many times it was changed after the first save.
    pub changes: i32,
}

/// A ballot just saved, with its receipt.
#[derive(Debug, Serialize, ToSchema)]
pub struct CastBallot {
    /// Proposal ids, best first, as stored.
    pub ranking: Vec<i64>,
    /// The receipt code: shown this once (only its hash is kept), as on the receipt page.
    #[schema(example = "ABCD-EFGH-JKLM-NPQR")]
    pub receipt_code: String,
    /// The code's SHA-256, as the published ballot list shows it.
    pub receipt_hash: String,
    /// Whether it replaced an earlier ballot.
    pub changed: bool,
    /// When it was saved (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub saved_at: String,
}

impl From<Receipt> for CastBallot {
    fn from(r: Receipt) -> Self {
        Self {
            ranking: r.ranking.iter().map(|id| id.0).collect(),
            receipt_code: r.code,
            receipt_hash: r.hash,
            changed: r.changed,
            saved_at: utc(r.at),
        }
    }
}

/// A ranking to cast.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BallotBody {
    /// Proposal ids of the meeting's active items, best first; each at most once. Items left
    /// out are unranked (as a blank rank on the form). At least one.
    #[schema(min_items = 1)]
    pub ranking: Vec<i64>,
}

fn address(team: &str, meeting: MeetingId) -> String {
    format!("/api/v1/teams/{team}/meetings/{meeting}/ballot")
}

/// The owner's own ballot in a meeting.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/ballot",
    tag = "ballots",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "The owner's ballot", body = Ballot,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 404, description = "No such meeting in a team of the owner's, or no ballot cast", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting) = path.into_inner();
    let view = ballots::view(
        &state.db.conn,
        &state.ballot_options,
        caller.principal,
        &team,
        path_id(&meeting)?,
    )
    .await?;
    let Some(last_voted_at) = view.last_voted_at else {
        return Err(ApiError::Web(crate::web::WebError::NotFound));
    };
    let mut ranked: Vec<(usize, ProposalId)> =
        view.ranks.iter().map(|(id, rank)| (*rank, *id)).collect();
    ranked.sort_unstable();
    json_with_etag(
        &req,
        &Ballot {
            ranking: ranked.into_iter().map(|(_, id)| id.0).collect(),
            last_voted_at: utc(last_voted_at),
            changes: view.changes,
        },
    )
}

/// Casts or changes the owner's ballot (members, while voting is open), as the ballot form
/// does: 201 for a first ballot, 200 when it replaced one.
#[utoipa::path(
    put,
    path = "/api/v1/teams/{team}/meetings/{meeting}/ballot",
    tag = "ballots",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    request_body = BallotBody,
    responses(
        (status = 200, description = "Changed; the new receipt", body = CastBallot),
        (status = 201, description = "Cast; the receipt", body = CastBallot,
            headers(("Location" = String, description = "The ballot's address"))),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to vote", body = ErrorBody),
        (status = 409, description = "Voting is not open, or the meeting is cancelled", body = ErrorBody),
        (status = 422, description = "An empty ranking, an unknown or repeated item (`fields.ranking`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn cast(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<BallotBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting) = path.into_inner();
    let meeting_id: MeetingId = path_id(&meeting)?;
    let ranking: Vec<ProposalId> = body.ranking.iter().copied().map(ProposalId).collect();
    let receipt = ballots::cast_ranking(
        &state.db.conn,
        caller.principal,
        &team,
        meeting_id,
        &ranking,
        caller.now,
    )
    .await?;
    let body = CastBallot::from(receipt);
    Ok(saved_ballot(
        body.changed,
        address(&team, meeting_id),
        &body,
    ))
}
