//! The leaders' side of budget rounds over `/api/v1/teams/{team}/budgets`, and members'
//! support of ideas: creating and editing a round (the round form), importing a Pabulib `.pb`
//! file as a round (the rounds page's import), reviewing an idea, publishing the outcome with
//! overrides and recording a funded idea's follow-through — through the same services as the
//! pages (`service::budgets::{form, exchange, review, publish}`), so every access decision is
//! the access table's `ManageBudgets` row (members 403, another team 404); supporting an idea
//! (and taking the support back) is `ProposeIdea`, as the ideas page's button. A refusal by the
//! round's phase or an idea's state is 409; a field refused, 422 with `fields`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Deserializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::access::Action;
use crate::domain::budget::{BallotType, BudgetRule};
use crate::domain::ids::{IdeaId, RoundId};
use crate::domain::meeting::{Privacy, input_value};
use crate::domain::zone::Zone;
use crate::i18n::Msg;
use crate::service::budgets::exchange::{self, ImportForm, MAX_IMPORT_BYTES};
use crate::service::budgets::form::{self, RoundForm};
use crate::service::budgets::review::{self, ReviewForm};
use crate::service::budgets::{self, ideas as idea_service, publish};
use crate::service::{FieldErrors, ServiceError, teams};
use crate::web::AppState;
use crate::web::WebError;
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ErrorBody, ReadErrors, WriteErrors};
use crate::web::api::{created, path_id};
use crate::web::error::ErrorDetails;

use super::ideas::{Idea, one};
use super::results::{BudgetResults, FollowUp, computed};
use super::{Round, refused};

/// This area's part of the OpenAPI document (merged by `openapi::document_value`).
#[derive(OpenApi)]
#[openapi(
    paths(create, edit, import, support, unsupport, review_idea, follow_up, publish_results),
    components(schemas(
        RoundBody,
        RoundPatch,
        BallotTypeChoice,
        RuleChoice,
        PrivacyChoice,
        ReviewBody,
        Decision,
        FollowUpBody,
        FollowUpChoice,
        PublishBody,
        OverrideBody,
    )),
    tags((name = "budget leaders", description = "Budget rounds, the leaders' side: creating, editing and importing rounds, reviewing ideas, publishing the outcome with overrides, follow-through; and members' support of ideas"))
)]
pub struct Doc;

/// How members vote in a round.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BallotTypeChoice {
    /// Approve any number of ideas.
    #[default]
    Approval,
    /// Approve at most `ballot_max` ideas.
    ApprovalMax,
    /// Approve ideas costing together at most the round's amount.
    Knapsack,
    /// Rank ideas, best first (at most `ballot_max` when set).
    Ranked,
}

impl From<BallotTypeChoice> for BallotType {
    fn from(choice: BallotTypeChoice) -> Self {
        match choice {
            BallotTypeChoice::Approval => Self::Approval,
            BallotTypeChoice::ApprovalMax => Self::ApprovalMax,
            BallotTypeChoice::Knapsack => Self::Knapsack,
            BallotTypeChoice::Ranked => Self::Ranked,
        }
    }
}

/// The rule that decides which ideas are funded.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleChoice {
    /// The Method of Equal Shares.
    #[default]
    Mes,
    /// Greedy by votes.
    Greedy,
    /// Sequential Phragmén (approval ballots only).
    Phragmen,
}

impl From<RuleChoice> for BudgetRule {
    fn from(choice: RuleChoice) -> Self {
        match choice {
            RuleChoice::Mes => Self::Mes,
            RuleChoice::Greedy => Self::Greedy,
            RuleChoice::Phragmen => Self::Phragmen,
        }
    }
}

/// Whether leaders may see who chose what.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PrivacyChoice {
    /// Ballots cannot be linked to voters once the round is computed.
    #[default]
    Secret,
    /// Leaders may see who chose what.
    Open,
}

impl From<PrivacyChoice> for Privacy {
    fn from(choice: PrivacyChoice) -> Self {
        match choice {
            PrivacyChoice::Secret => Self::Secret,
            PrivacyChoice::Open => Self::Open,
        }
    }
}

fn default_currency() -> String {
    "EUR".to_owned()
}

/// A round as the round form takes it (the same fields, as JSON).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundBody {
    /// 2 to 120 characters, one line.
    #[schema(min_length = 2, max_length = 120, example = "Green schoolyard")]
    pub title: String,
    /// What the money is for: 10 to 300 characters.
    #[schema(min_length = 10, max_length = 300)]
    pub purpose: String,
    /// The amount to spend in currency units, as text: `"25000"` or `"25000.50"` (more than
    /// zero, at most two decimals, at most 100,000,000,000).
    #[schema(
        example = "25000",
        min_length = 1,
        max_length = 20,
        pattern = r"^[0-9]+(\.[0-9]{1,2})?$"
    )]
    pub amount: String,
    /// The currency shown with amounts: 1 to 8 characters (default `EUR`).
    #[serde(default = "default_currency")]
    #[schema(min_length = 1, max_length = 8, default = "EUR", example = "EUR")]
    pub currency: String,
    /// When the ideas phase starts: RFC 3339 (`2026-12-10T09:00:00Z`), or a wall-clock time
    /// in the token owner's time zone as the form takes it (`2026-12-10T10:00`); to the minute.
    #[schema(format = DateTime, example = "2026-12-10T09:00:00Z")]
    pub ideas_open: String,
    /// When the leaders' review starts (after `ideas_open`).
    #[schema(format = DateTime, example = "2026-12-17T09:00:00Z")]
    pub review_at: String,
    /// When voting opens (after `review_at`).
    #[schema(format = DateTime, example = "2026-12-19T09:00:00Z")]
    pub voting_open: String,
    /// When voting closes (after `voting_open`).
    #[schema(format = DateTime, example = "2026-12-26T09:00:00Z")]
    pub voting_close: String,
    /// How members vote (default `approval`).
    #[serde(default)]
    pub ballot_type: BallotTypeChoice,
    /// Most ideas on one ballot: 1 to 1,000; required for `approval_max`, optional for
    /// `ranked`, ignored otherwise.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 1000)]
    pub ballot_max: Option<i32>,
    /// The rule that decides (default `mes`; `phragmen` needs approval ballots).
    #[serde(default)]
    pub rule: RuleChoice,
    /// `secret` (default) or `open` ballots.
    #[serde(default)]
    pub privacy: PrivacyChoice,
}

/// Changes to a round: only the fields given change; the rest stay as stored. Once the first
/// ballot exists the ballot type, its maximum, the rule, the privacy, the amount and the
/// opening of voting are frozen and voting may only be extended; phases that have begun keep
/// their start; once voting has closed nothing changes (409).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundPatch {
    /// 2 to 120 characters, one line.
    #[schema(min_length = 2, max_length = 120)]
    pub title: Option<String>,
    /// 10 to 300 characters.
    #[schema(min_length = 10, max_length = 300)]
    pub purpose: Option<String>,
    /// Currency units, as text (more than zero, at most two decimals).
    #[schema(min_length = 1, max_length = 20, pattern = r"^[0-9]+(\.[0-9]{1,2})?$")]
    pub amount: Option<String>,
    /// 1 to 8 characters.
    #[schema(min_length = 1, max_length = 8)]
    pub currency: Option<String>,
    /// RFC 3339, or a wall-clock time in the owner's zone.
    #[schema(format = DateTime)]
    pub ideas_open: Option<String>,
    #[schema(format = DateTime)]
    pub review_at: Option<String>,
    #[schema(format = DateTime)]
    pub voting_open: Option<String>,
    #[schema(format = DateTime)]
    pub voting_close: Option<String>,
    pub ballot_type: Option<BallotTypeChoice>,
    /// 1 to 1,000; `null` removes the maximum.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i32>, minimum = 1, maximum = 1000)]
    pub ballot_max: Option<Option<i32>>,
    pub rule: Option<RuleChoice>,
    pub privacy: Option<PrivacyChoice>,
}

/// A field that may be given as `null`: `Some(None)`, as opposed to absent (`None`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<i32>>, D::Error> {
    Option::<i32>::deserialize(d).map(Some)
}

/// A time as the form takes it: an RFC 3339 instant becomes the wall-clock time in `zone`
/// (the zone the service reads the form in); anything else is passed on for the service to
/// read or refuse under its field.
fn wall_clock(raw: &str, zone: Zone) -> String {
    OffsetDateTime::parse(raw.trim(), &Rfc3339)
        .ok()
        // Far from today a zone's offset could carry the time out of range: left to be
        // refused as typed.
        .filter(|at| (1900..=9000).contains(&at.year()))
        .map_or_else(|| raw.to_owned(), |at| input_value(at, zone))
}

fn max_text(max: Option<i32>) -> String {
    max.map(|m| m.to_string()).unwrap_or_default()
}

impl RoundBody {
    fn into_form(self, zone: Zone) -> RoundForm {
        RoundForm {
            title: self.title,
            purpose: self.purpose,
            amount: self.amount,
            currency: self.currency,
            ideas_open: wall_clock(&self.ideas_open, zone),
            review_at: wall_clock(&self.review_at, zone),
            voting_open: wall_clock(&self.voting_open, zone),
            voting_close: wall_clock(&self.voting_close, zone),
            ballot_type: BallotType::from(self.ballot_type).as_str().to_owned(),
            ballot_max: max_text(self.ballot_max),
            rule: BudgetRule::from(self.rule).as_str().to_owned(),
            privacy: Privacy::from(self.privacy).as_str().to_owned(),
        }
    }
}

impl RoundPatch {
    /// `form` (the stored round as its edit form shows it) with the given fields changed.
    fn apply(self, mut form: RoundForm, zone: Zone) -> RoundForm {
        let time = |raw: Option<String>, stored: &mut String| {
            if let Some(raw) = raw {
                *stored = wall_clock(&raw, zone);
            }
        };
        time(self.ideas_open, &mut form.ideas_open);
        time(self.review_at, &mut form.review_at);
        time(self.voting_open, &mut form.voting_open);
        time(self.voting_close, &mut form.voting_close);
        if let Some(title) = self.title {
            form.title = title;
        }
        if let Some(purpose) = self.purpose {
            form.purpose = purpose;
        }
        if let Some(amount) = self.amount {
            form.amount = amount;
        }
        if let Some(currency) = self.currency {
            form.currency = currency;
        }
        if let Some(kind) = self.ballot_type {
            form.ballot_type = BallotType::from(kind).as_str().to_owned();
        }
        if let Some(max) = self.ballot_max {
            form.ballot_max = max_text(max);
        }
        if let Some(rule) = self.rule {
            form.rule = BudgetRule::from(rule).as_str().to_owned();
        }
        if let Some(privacy) = self.privacy {
            form.privacy = Privacy::from(privacy).as_str().to_owned();
        }
        form
    }
}

/// A leader's review of an idea, as the review form takes it.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// On the ballot.
    Feasible,
    /// Off the ballot, with a reason everyone sees.
    Infeasible,
}

/// A review decision.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewBody {
    pub decision: Decision,
    /// Why it is infeasible (required then, 3 to 300 characters; everyone sees it).
    #[serde(default)]
    #[schema(min_length = 3, max_length = 300)]
    pub reason: Option<String>,
    /// A new cost in currency units (optional; at most the round's amount, and needs
    /// `cost_reason`); the author's cost is kept and shown as the original.
    #[serde(default)]
    #[schema(
        example = "900",
        min_length = 1,
        max_length = 20,
        pattern = r"^[0-9]+(\.[0-9]{1,2})?$"
    )]
    pub cost: Option<String>,
    /// Why the cost changed (3 to 300 characters).
    #[serde(default)]
    #[schema(min_length = 3, max_length = 300)]
    pub cost_reason: Option<String>,
}

/// How far a funded idea is.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpChoice {
    Planned,
    InProgress,
    Done,
    Dropped,
}

impl FollowUpChoice {
    fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::Dropped => "dropped",
        }
    }
}

/// A funded idea's owner and status, as the follow-through form takes them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpBody {
    /// The member who carries it out (a member of the team), or `null`/absent for nobody.
    #[serde(default)]
    #[schema(minimum = 1)]
    pub owner_id: Option<i64>,
    pub status: FollowUpChoice,
}

/// One override of the computed outcome.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideBody {
    /// An idea on the ballot: funded by the rule becomes not funded, and the other way round.
    pub idea_id: i64,
    /// Why (3 to 300 characters); everyone sees it.
    #[schema(min_length = 3, max_length = 300)]
    pub reason: String,
}

/// The publication of a round's outcome.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishBody {
    /// Ideas whose computed outcome the leaders reverse, each at most once, each with a
    /// reason (none: the rule's outcome as computed).
    #[serde(default)]
    pub overrides: Vec<OverrideBody>,
}

/// The rule an imported file's round is decided by.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `mes` (default), `greedy` or `phragmen` (approval files only).
    #[param(inline)]
    pub rule: Option<RuleChoice>,
}

/// A refusal under one of `state_fields` (the round's or the idea's state, not the typing) is
/// `409 Conflict`; the rest as [`refused`] answers them.
fn refused_by(error: ServiceError, state_fields: &[&str]) -> ApiError {
    if let ServiceError::Invalid(fields) = &error
        && let Some(message) = state_fields.iter().find_map(|f| fields.get(f))
    {
        return ApiError::Web(WebError::Conflict(message.clone()));
    }
    refused(error)
}

/// A round's address in the API.
fn round_location(team: &str, round_id: RoundId) -> String {
    format!("/api/v1/teams/{team}/budgets/{round_id}")
}

/// The round `round_id` as the caller sees it now.
async fn round_view(
    state: &AppState,
    caller: &ApiCaller,
    team: &str,
    round_id: RoundId,
) -> Result<(String, Round), ApiError> {
    let access = budgets::authorize(
        &state.db.conn,
        caller.principal,
        team,
        round_id,
        Action::ViewBudgets,
    )
    .await?;
    Ok((access.team.slug.clone(), Round::of(&access, caller)))
}

/// Creates a round (leaders), as the "new round" form does.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/budgets",
    tag = "budget leaders",
    params(("team" = String, Path, description = "The team's slug")),
    request_body = RoundBody,
    responses(
        (status = 201, description = "Created; `Location` is its address", body = Round,
            headers(("Location" = String, description = "The new round's address"))),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 422, description = "A field refused, e.g. phases out of order (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<RoundBody>,
) -> Result<HttpResponse, ApiError> {
    let db = &state.db.conn;
    let access = teams::authorize(db, caller.principal, &team, Action::ManageBudgets).await?;
    let form = body.into_inner().into_form(access.zone);
    let id = form::create(db, caller.principal, &team, &form, caller.now).await?;
    let (slug, round) = round_view(&state, &caller, &team, id).await?;
    Ok(created(&round_location(&slug, id), &round))
}

/// Edits a round (leaders), as the round's edit form does; only the fields given change.
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}/budgets/{round}",
    tag = "budget leaders",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
    ),
    request_body = RoundPatch,
    responses(
        (status = 200, description = "Edited", body = Round),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 409, description = "Voting has closed, or the round was imported: nothing changes", body = ErrorBody),
        (status = 422, description = "A field refused, frozen by the first ballot, or a phase that has begun moved (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn edit(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<RoundPatch>,
) -> Result<HttpResponse, ApiError> {
    let (team, round) = path.into_inner();
    let round_id: RoundId = path_id(&round)?;
    let db = &state.db.conn;
    let (access, stored) = form::edit_form(db, caller.principal, &team, round_id).await?;
    let form = body.into_inner().apply(stored, access.zone);
    form::update(db, caller.principal, &team, round_id, &form, caller.now)
        .await
        .map_err(|e| refused_by(e, &["round"]))?;
    let (_, round) = round_view(&state, &caller, &team, round_id).await?;
    Ok(HttpResponse::Ok().json(round))
}

/// `413` for a file over the import limit, with the service's sentence.
fn too_large() -> HttpResponse {
    let mut response = HttpResponse::build(StatusCode::PAYLOAD_TOO_LARGE).finish();
    response.extensions_mut().insert(ErrorDetails {
        code: "payload_too_large",
        message: Msg::new("sm-import-too-large").arg("kib", MAX_IMPORT_BYTES / 1024),
        fields: FieldErrors::new(),
        retry_after_seconds: None,
    });
    response
}

/// Imports a Pabulib `.pb` file as a new round (leaders), as the rounds page's import does:
/// its projects become feasible ideas, its votes open ballots, and the round is already in its
/// results phase. The body is the file's text.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/budgets/import",
    tag = "budget leaders",
    params(("team" = String, Path, description = "The team's slug"), ImportQuery),
    request_body(
        content = String,
        content_type = "text/plain",
        description = "The `.pb` file's text (UTF-8; at most 1 MiB, and the server's body limit)"
    ),
    responses(
        (status = 201, description = "Imported; `Location` is the round's address", body = Round,
            headers(("Location" = String, description = "The new round's address"))),
        ReadErrors,
        (status = 400, description = "A body that is not UTF-8 text, or an unknown `rule`", body = ErrorBody),
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 413, description = "The file is too large", body = ErrorBody),
        (status = 415, description = "Not used: the body is read as text whatever its declared type", body = ErrorBody),
        (status = 422, description = "Not a usable file (`fields.pb` has the parser's finding) or a rule that does not fit it (`fields.rule`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn import(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    query: web::Query<ImportQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let db = &state.db.conn;
    teams::authorize(db, caller.principal, &team, Action::ManageBudgets).await?;
    if body.len() > MAX_IMPORT_BYTES {
        return Ok(too_large());
    }
    let pb = String::from_utf8(body.to_vec()).map_err(|e| {
        let mut fields = FieldErrors::new();
        fields.add(
            "body",
            Msg::new("api-error-body-detail").arg("detail", e.to_string()),
        );
        ApiError::InvalidBody(fields)
    })?;
    let form = ImportForm {
        pb,
        rule: BudgetRule::from(query.rule.unwrap_or_default())
            .as_str()
            .to_owned(),
    };
    let id = exchange::import(db, caller.principal, &team, &form, caller.now, caller.lang).await?;
    let (slug, round) = round_view(&state, &caller, &team, id).await?;
    Ok(created(&round_location(&slug, id), &round))
}

/// Sets the caller's support of an idea (`true`: supports) and answers the idea.
async fn change_support(
    state: &AppState,
    caller: &ApiCaller,
    path: (String, String, String),
    support: bool,
) -> Result<HttpResponse, ApiError> {
    let (team, round, idea) = path;
    let (round_id, idea_id): (RoundId, IdeaId) = (path_id(&round)?, path_id(&idea)?);
    idea_service::set_support(
        &state.db.conn,
        caller.principal,
        &team,
        round_id,
        idea_id,
        support,
        caller.now,
    )
    .await
    .map_err(refused)?;
    let (_, view) = one(state, caller, &team, round_id, idea_id).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Supports an idea (members, during the ideas phase), as the ideas page's button does;
/// supporting it again changes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/support",
    tag = "budget leaders",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
        ("idea" = i64, Path, description = "The idea's id"),
    ),
    responses(
        (status = 200, description = "Supported (`supported` is true)", body = Idea),
        ReadErrors,
        (status = 403, description = "A read token, or not a member of the team", body = ErrorBody),
        (status = 409, description = "The ideas phase is not open, or the idea is off the ballot", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn support(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    change_support(&state, &caller, path.into_inner(), true).await
}

/// Takes one's support of an idea back (during the ideas phase), as the ideas page's button
/// does a second time; without support, nothing changes.
#[utoipa::path(
    delete,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/support",
    tag = "budget leaders",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
        ("idea" = i64, Path, description = "The idea's id"),
    ),
    responses(
        (status = 200, description = "Not supported any more (`supported` is false)", body = Idea),
        ReadErrors,
        (status = 403, description = "A read token, or not a member of the team", body = ErrorBody),
        (status = 409, description = "The ideas phase is not open, or the idea is off the ballot", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn unsupport(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    change_support(&state, &caller, path.into_inner(), false).await
}

/// Reviews an idea (leaders, until voting opens), as the ideas page's review form does:
/// feasible, or infeasible with a reason everyone sees; optionally a cost adjusted with a
/// reason.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/review",
    tag = "budget leaders",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
        ("idea" = i64, Path, description = "The idea's id"),
    ),
    request_body = ReviewBody,
    responses(
        (status = 200, description = "Reviewed", body = Idea),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 409, description = "Voting has opened, or the idea was withdrawn", body = ErrorBody),
        (status = 422, description = "Reason, cost or cost reason refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn review_idea(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<ReviewBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, round, idea) = path.into_inner();
    let (round_id, idea_id): (RoundId, IdeaId) = (path_id(&round)?, path_id(&idea)?);
    let body = body.into_inner();
    let form = ReviewForm {
        decision: match body.decision {
            Decision::Feasible => "feasible",
            Decision::Infeasible => "infeasible",
        }
        .to_owned(),
        reason: body.reason.unwrap_or_default(),
        cost: body.cost.unwrap_or_default(),
        cost_reason: body.cost_reason.unwrap_or_default(),
    };
    review::review(
        &state.db.conn,
        caller.principal,
        &team,
        round_id,
        idea_id,
        &form,
        caller.now,
    )
    .await
    .map_err(|e| refused_by(e, &["review"]))?;
    let (_, view) = one(&state, &caller, &team, round_id, idea_id).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Records a funded idea's owner and status (leaders, after publication), as the results
/// page's follow-through form does.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/follow-up",
    tag = "budget leaders",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
        ("idea" = i64, Path, description = "The idea's id"),
    ),
    request_body = FollowUpBody,
    responses(
        (status = 200, description = "Recorded", body = FollowUp),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 409, description = "The outcome is not published yet, or does not fund this idea", body = ErrorBody),
        (status = 422, description = "An owner who is not a member of the team (`fields.owner_id`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn follow_up(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<FollowUpBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, round, idea) = path.into_inner();
    let (round_id, idea_id): (RoundId, IdeaId) = (path_id(&round)?, path_id(&idea)?);
    let db = &state.db.conn;
    let owner = body.owner_id.map(|id| id.to_string()).unwrap_or_default();
    publish::follow_up(
        db,
        caller.principal,
        &team,
        round_id,
        idea_id,
        &owner,
        body.status.as_str(),
        caller.now,
    )
    .await
    .map_err(|e| refused_by(e, &["follow_up"]))?;
    let (_, view) =
        publish::results(db, caller.principal, &team, round_id, caller.now, false).await?;
    let follow = view
        .as_ref()
        .and_then(|v| v.follow_ups.get(&idea_id))
        .ok_or(ApiError::Web(WebError::NotFound))?;
    Ok(HttpResponse::Ok().json(FollowUp {
        owner_id: follow.owner_id.map(|u| u.0),
        owner: follow.owner.clone(),
        status: publish::follow_up_label(follow.status).to_owned(),
    }))
}

/// Publishes the computed outcome (leaders, once, after voting closes), as the results page's
/// form does: each override reverses the rule's decision on one idea, with a reason everyone
/// sees.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/budgets/{round}/results/publish",
    tag = "budget leaders",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
    ),
    request_body = PublishBody,
    responses(
        (status = 200, description = "Published: the results with `published` filled", body = BudgetResults),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 409, description = "Voting has not closed, or the outcome is already published", body = ErrorBody),
        (status = 422, description = "An idea not on the ballot or named twice (`fields.overrides`), or a reason refused (`fields.reason_<idea id>`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn publish_results(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<PublishBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, round) = path.into_inner();
    let round_id: RoundId = path_id(&round)?;
    let db = &state.db.conn;
    let overrides: Vec<(IdeaId, String)> = body
        .into_inner()
        .overrides
        .into_iter()
        .map(|o| (IdeaId(o.idea_id), o.reason))
        .collect();
    publish::publish_overrides(
        db,
        caller.principal,
        &team,
        round_id,
        &overrides,
        caller.now,
    )
    .await?;
    let (access, view) =
        publish::results(db, caller.principal, &team, round_id, caller.now, false).await?;
    let rule = BudgetRule::from(access.round.rule);
    Ok(HttpResponse::Ok().json(BudgetResults {
        round_id: access.round.id.0,
        phase: access.phase(caller.now).as_str().to_owned(),
        computed: view.as_ref().map(|v| computed(v, rule, &caller)),
    }))
}
