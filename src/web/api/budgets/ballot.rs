//! The token owner's own budget ballot over `/api/v1/teams/{team}/budgets/{round}/ballot`:
//! reading it (`ViewBudgets`, as the ballot page) and casting or changing it
//! (`CastBudgetBallot`) through `service::budgets::ballots`, the service of the ballot form —
//! so a ballot cast here is stored exactly as the same ideas ticked (or ranked) on the form,
//! with a receipt code shown once. The round's ballot type decides what the list means: the
//! ideas approved, or for ranked ballots the ideas best first. Outside voting, 409.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::ids::{IdeaId, RoundId};
use crate::service::budgets::ballots;
use crate::service::meetings::ballots::Receipt;
use crate::web::AppState;
use crate::web::WebError;
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ErrorBody, ReadErrors, WriteErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{json_with_etag, path_id, saved_ballot};

/// The owner's stored budget ballot.
#[derive(Debug, Serialize, ToSchema)]
pub struct BudgetBallot {
    /// The round's ballot type: `approval`, `approval_max`, `knapsack` or `ranked`.
    #[schema(example = "approval")]
    pub ballot_type: String,
    /// Idea ids chosen (best first for ranked ballots); empty when the ballot can no longer be
    /// read (a round's computation unlinks secret ballots from their voters).
    pub ideas: Vec<i64>,
    /// When it was last saved (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub last_voted_at: String,
}

/// A budget ballot just saved, with its receipt.
#[derive(Debug, Serialize, ToSchema)]
pub struct CastBudgetBallot {
    /// Idea ids, as stored (best first for ranked ballots).
    pub ideas: Vec<i64>,
    /// The receipt code: shown this once (only its hash is kept), as on the receipt page.
    #[schema(example = "ABCD-EFGH-JKLM-NPQR")]
    pub receipt_code: String,
    /// The code's SHA-256.
    pub receipt_hash: String,
    /// Whether it replaced an earlier ballot.
    pub changed: bool,
    /// When it was saved (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub saved_at: String,
}

impl From<Receipt<IdeaId>> for CastBudgetBallot {
    fn from(r: Receipt<IdeaId>) -> Self {
        Self {
            ideas: r.ranking.iter().map(|id| id.0).collect(),
            receipt_code: r.code,
            receipt_hash: r.hash,
            changed: r.changed,
            saved_at: utc(r.at),
        }
    }
}

/// The ideas to vote for.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetBallotBody {
    /// Idea ids on the ballot, each at most once: the ideas approved (approval, approval with
    /// a maximum, knapsack), or the ideas best first (ranked). The round's limits apply (the
    /// maximum number of ideas; for knapsack, the amount). At least one idea.
    #[schema(min_items = 1)]
    pub ideas: Vec<i64>,
}

/// The owner's own ballot in a round.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/budgets/{round}/ballot",
    tag = "budgets",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
    ),
    responses(
        (status = 200, description = "The owner's ballot", body = BudgetBallot,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 404, description = "No such round in a team of the owner's, or no ballot cast", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, round) = path.into_inner();
    let view = ballots::view(&state.db.conn, caller.principal, &team, path_id(&round)?).await?;
    let Some(last_voted_at) = view.last_voted_at else {
        return Err(ApiError::Web(WebError::NotFound));
    };
    json_with_etag(
        &req,
        &BudgetBallot {
            ballot_type: view.access.limits().ballot_type.as_str().to_owned(),
            ideas: view.selection.iter().map(|id| id.0).collect(),
            last_voted_at: utc(last_voted_at),
        },
    )
}

/// Casts or changes the owner's ballot (members, while voting is open), as the ballot form
/// does: 201 for a first ballot, 200 when it replaced one.
#[utoipa::path(
    put,
    path = "/api/v1/teams/{team}/budgets/{round}/ballot",
    tag = "budgets",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
    ),
    request_body = BudgetBallotBody,
    responses(
        (status = 200, description = "Changed; the new receipt", body = CastBudgetBallot),
        (status = 201, description = "Cast; the receipt", body = CastBudgetBallot,
            headers(("Location" = String, description = "The ballot's address"))),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to vote", body = ErrorBody),
        (status = 409, description = "Voting is not open", body = ErrorBody),
        (status = 422, description = "An idea not on the ballot or named twice (`fields.ideas`), or a ballot that is empty or breaks the round's limits (`fields.ballot`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn cast(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<BudgetBallotBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, round) = path.into_inner();
    let round_id: RoundId = path_id(&round)?;
    let chosen: Vec<IdeaId> = body.ideas.iter().copied().map(IdeaId).collect();
    let receipt = ballots::cast_selection(
        &state.db.conn,
        caller.principal,
        &team,
        round_id,
        &chosen,
        caller.now,
    )
    .await?;
    let body = CastBudgetBallot::from(receipt);
    Ok(saved_ballot(
        body.changed,
        format!("/api/v1/teams/{team}/budgets/{round_id}/ballot"),
        &body,
    ))
}
