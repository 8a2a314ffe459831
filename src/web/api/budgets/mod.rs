//! Participatory budget rounds over `/api/v1/teams/{team}/budgets`: the rounds (a page at a
//! time, keyset in SQL) and one round, the ideas ([`ideas`]), the caller's own ballot
//! ([`ballot`]), the results with their exports ([`results`]) and the leaders' forms with
//! members' support of ideas ([`manage`]) — through `service::budgets`, the services of the
//! budget pages, so every access decision is the access table's (`ViewBudgets` to read,
//! `ProposeIdea` to propose, support, edit or withdraw one's own idea, `CastBudgetBallot` to
//! vote, `ManageBudgets` for the leaders' forms).
//! A refusal by the round's phase (the ideas phase or voting is not open) answers 409;
//! another team's round 404.

pub mod ballot;
pub mod ideas;
pub mod manage;
pub mod results;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::access::Action;
use crate::domain::budget::{BallotType, BudgetPhase, BudgetRule, money_input};
use crate::service::budgets::RoundRow;
use crate::service::budgets::paging::{self, RoundAfter};
use crate::service::budgets::{self, RoundAccess};
use crate::service::{ServiceError, budgets::ideas as idea_service};
use crate::web::AppState;
use crate::web::WebError;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, encode_key};
use crate::web::api::errors::{ApiError, ListErrors, ReadErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{json_with_etag, path_id};
use crate::web::budgets::rule_label;

/// A budget round.
#[derive(Debug, Serialize, ToSchema)]
pub struct Round {
    pub id: i64,
    /// The team's slug.
    pub team: String,
    pub title: String,
    /// What the money is for.
    pub purpose: String,
    /// The amount to spend, in currency units with up to two decimals.
    #[schema(example = "25000")]
    pub amount: String,
    /// The amount in minor units (cents).
    pub amount_minor: i64,
    #[schema(example = "EUR")]
    pub currency: String,
    /// `upcoming`, `ideas`, `review`, `voting` or `results`, at the request's time.
    #[schema(example = "ideas")]
    pub phase: String,
    /// The phase boundaries.
    pub windows: RoundWindows,
    /// `approval`, `approval_max`, `knapsack` or `ranked`.
    #[schema(example = "approval")]
    pub ballot_type: String,
    /// Most ideas on one ballot (approval with a maximum; ranked when set).
    pub ballot_max: Option<i32>,
    /// `mes` (the Method of Equal Shares), `greedy` or `phragmen`.
    #[schema(example = "mes")]
    pub rule: String,
    /// The rule's name, in the token owner's language.
    pub rule_name: String,
    /// `open` (leaders may see who chose what) or `secret` ballots.
    #[schema(example = "secret")]
    pub privacy: String,
    /// Whether the round was imported from a Pabulib file (no ideas phase or ballots here).
    pub imported: bool,
}

/// When each phase of a round begins (RFC 3339, UTC).
#[derive(Debug, Serialize, ToSchema)]
pub struct RoundWindows {
    #[schema(format = DateTime)]
    pub ideas_open_at: String,
    #[schema(format = DateTime)]
    pub review_at: String,
    #[schema(format = DateTime)]
    pub voting_open_at: String,
    #[schema(format = DateTime)]
    pub voting_close_at: String,
}

/// One page of a team's rounds.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoundList {
    /// Latest voting close first, then highest id (as the rounds page lists them).
    pub rounds: Vec<Round>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

impl Round {
    fn new(team: &str, r: &RoundRow, now: OffsetDateTime, caller: &ApiCaller) -> Self {
        let w = budgets::windows(r);
        Self {
            id: r.id.0,
            team: team.to_owned(),
            title: r.title.clone(),
            purpose: r.purpose.clone(),
            amount: money_input(r.amount),
            amount_minor: r.amount,
            currency: r.currency.clone(),
            phase: BudgetPhase::at(&w, now).as_str().to_owned(),
            windows: RoundWindows {
                ideas_open_at: utc(w.ideas_open),
                review_at: utc(w.review),
                voting_open_at: utc(w.voting_open),
                voting_close_at: utc(w.voting_close),
            },
            ballot_type: BallotType::from(r.ballot_type).as_str().to_owned(),
            ballot_max: r.ballot_max,
            rule: BudgetRule::from(r.rule).as_str().to_owned(),
            rule_name: rule_label(caller.lang, BudgetRule::from(r.rule)),
            privacy: budgets::privacy(r).as_str().to_owned(),
            imported: r.imported,
        }
    }

    /// The round of `access`, as the caller sees it now.
    fn of(access: &RoundAccess, caller: &ApiCaller) -> Self {
        Self::new(&access.team.slug, &access.round, caller.now, caller)
    }
}

/// A service error as the API answers it: a refusal by the round's phase or by an idea's state
/// (shown at the top of the web form) is `409 Conflict`, as a closed meeting window is.
fn refused(error: ServiceError) -> ApiError {
    if let ServiceError::Invalid(fields) = &error
        && let Some(message) = fields
            .get(idea_service::PHASE_FIELD)
            .or_else(|| fields.get(idea_service::STATE_FIELD))
    {
        return ApiError::Web(WebError::Conflict(message.clone()));
    }
    error.into()
}

/// The sort key in a rounds cursor: `<voting close in Unix nanoseconds>.<id>`.
fn round_after(key: &str) -> Option<RoundAfter> {
    let (nanos, id) = key.split_once('.')?;
    Some(RoundAfter {
        voting_close_at: OffsetDateTime::from_unix_timestamp_nanos(nanos.parse().ok()?).ok()?,
        id: id.parse().ok()?,
    })
}

/// A team's budget rounds, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/budgets",
    tag = "budgets",
    params(("team" = String, Path, description = "The team's slug"), PageQuery),
    responses(
        (status = 200, description = "One page of rounds", body = RoundList,
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
    let after = page.after_key(round_after)?;
    let page = paging::rounds(&state.db.conn, caller.principal, &team, after, limit).await?;
    json_with_etag(
        &req,
        &RoundList {
            rounds: page
                .rounds
                .iter()
                .map(|r| Round::new(&page.access.team.slug, r, caller.now, &caller))
                .collect(),
            next_cursor: page.next.map(|after| {
                encode_key(&format!(
                    "{}.{}",
                    after.voting_close_at.unix_timestamp_nanos(),
                    after.id
                ))
            }),
        },
    )
}

/// One budget round.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/budgets/{round}",
    tag = "budgets",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
    ),
    responses(
        (status = 200, description = "The round", body = Round,
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
    let (team, round) = path.into_inner();
    let access = budgets::authorize(
        &state.db.conn,
        caller.principal,
        &team,
        path_id(&round)?,
        Action::ViewBudgets,
    )
    .await?;
    json_with_etag(&req, &Round::of(&access, &caller))
}
