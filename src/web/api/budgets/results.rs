//! A round's results over `/api/v1/teams/{team}/budgets/{round}/results`: what the results
//! page shows (`service::budgets::publish::results`, the same visibility: nothing while voting
//! is open, computed once on the first read after it closes) — the funded ideas with the
//! rule's explanation of each, greedy by votes beside it with one sentence per difference, the
//! publication with its overrides and their reasons, follow-through — and the page's two
//! downloads, the Pabulib `.pb` and the ideas CSV, from the same service as the web's.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::budget::{BudgetRule, money_input};
use crate::domain::ids::RoundId;
use crate::service::budgets::compute::Funded;
use crate::service::budgets::exchange;
use crate::service::budgets::publish::{self, ResultsView, follow_up_label};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ErrorBody, ReadErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{json_with_etag, path_id};
use crate::web::budgets::results::{differences, how_funded};
use crate::web::budgets::rule_label;
use crate::web::pages::download;

/// A round's results, as the results page shows them.
#[derive(Debug, Serialize, ToSchema)]
pub struct BudgetResults {
    /// The round's id.
    pub round_id: i64,
    /// The round's phase now: results exist only in `results`.
    #[schema(example = "results")]
    pub phase: String,
    /// The outcome once voting has closed; `null` before (no bandwagon).
    pub computed: Option<ComputedResults>,
}

/// The computed outcome of a round.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComputedResults {
    /// When it was computed (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub computed_at: String,
    /// Ballots counted.
    pub voters: u64,
    /// `mes`, `greedy` or `phragmen`.
    #[schema(example = "mes")]
    pub rule: String,
    /// The rule's name, in the token owner's language.
    pub rule_name: String,
    #[schema(example = "EUR")]
    pub currency: String,
    /// The amount, in currency units.
    pub amount: String,
    /// What the rule's funded ideas cost together.
    pub spent: String,
    /// The amount left over.
    pub left: String,
    /// The ideas the rule funds, in the order it bought them.
    pub funded: Vec<FundedIdea>,
    /// Every idea on the ballot with its votes, in the round's project order.
    pub ideas: Vec<ResultIdea>,
    /// Idea ids greedy by votes would have funded, for comparison.
    pub greedy: Vec<i64>,
    /// What greedy's ideas cost together.
    pub greedy_spent: String,
    /// One sentence per idea the rule and greedy fund differently, in the owner's language.
    pub differences: Vec<String>,
    /// The leaders' publication; `null` until published.
    pub published: Option<Publication>,
}

/// A funded idea and how it was bought.
#[derive(Debug, Serialize, ToSchema)]
pub struct FundedIdea {
    pub id: i64,
    pub title: String,
    /// Cost in currency units.
    pub cost: String,
    /// Ballots that chose it.
    pub votes: u64,
    /// 1-based step at which the rule bought it.
    pub step: usize,
    /// Equal shares: what each supporter paid, exact, in currency units (`null`: unequal
    /// payments, the completion, or another rule).
    pub price_per_supporter: Option<String>,
    /// Whether the completion (greedy fill of what was left) added it.
    pub by_completion: bool,
    /// The results page's sentence on how it was bought (equal shares; empty otherwise).
    pub explanation: String,
    /// Follow-through once a leader recorded it; `null` before.
    pub follow_up: Option<FollowUp>,
}

/// Who carries out a funded idea and how far it is.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUp {
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    /// `planned`, `in_progress`, `done` or `dropped`.
    #[schema(example = "planned")]
    pub status: String,
}

/// An idea on the ballot with its votes.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultIdea {
    pub id: i64,
    /// Its project id in the `.pb` file.
    pub code: String,
    pub title: String,
    /// Cost in currency units.
    pub cost: String,
    /// Ballots that chose it.
    pub votes: u64,
    /// Funded by the round's rule.
    pub funded: bool,
    /// Funded by greedy by votes.
    pub funded_by_greedy: bool,
}

/// The published outcome.
#[derive(Debug, Serialize, ToSchema)]
pub struct Publication {
    #[schema(format = DateTime)]
    pub at: String,
    /// Who published it.
    pub by: String,
    /// Idea ids funded in the published outcome (the rule's, with overrides applied).
    pub funded: Vec<i64>,
    /// The leaders' overrides, each with the reason everyone sees.
    pub overrides: Vec<Override>,
}

/// A leader's override of the computed outcome.
#[derive(Debug, Serialize, ToSchema)]
pub struct Override {
    pub idea_id: i64,
    /// Funded (`true`) or not funded (`false`) against the rule.
    pub funded: bool,
    pub reason: String,
}

pub(super) fn computed(
    view: &ResultsView,
    rule: BudgetRule,
    caller: &ApiCaller,
) -> ComputedResults {
    let c = &view.computed;
    let lang = caller.lang;
    let steps: HashMap<&str, &Funded> = c
        .outcome
        .funded
        .iter()
        .map(|f| (f.code.as_str(), f))
        .collect();
    let cost_of = |codes: &[String]| -> i64 {
        c.input
            .ideas
            .iter()
            .filter(|i| codes.contains(&i.code))
            .map(|i| i.cost)
            .fold(0, i64::saturating_add)
    };
    let funded = c
        .outcome
        .selected
        .iter()
        .filter_map(|code| c.input.ideas.iter().find(|i| &i.code == code))
        .map(|idea| {
            let step = steps.get(idea.code.as_str()).copied();
            FundedIdea {
                id: idea.id.0,
                title: idea.title.clone(),
                cost: money_input(idea.cost),
                votes: idea.supporters,
                step: step.map_or(0, |s| s.step),
                price_per_supporter: step.and_then(|s| s.price_per_supporter.clone()),
                by_completion: step.is_some_and(|s| s.by_completion),
                explanation: how_funded(step, idea, &c.input.currency, rule, lang),
                follow_up: view.follow_ups.get(&idea.id).map(|f| FollowUp {
                    owner_id: f.owner_id.map(|u| u.0),
                    owner: f.owner.clone(),
                    status: follow_up_label(f.status).to_owned(),
                }),
            }
        })
        .collect();
    let spent = cost_of(&c.outcome.selected);
    let rule_name = rule_label(lang, rule);
    ComputedResults {
        computed_at: utc(c.computed_at),
        voters: c.input.voters,
        rule: rule.as_str().to_owned(),
        differences: differences(c, &rule_name, lang),
        rule_name,
        currency: c.input.currency.clone(),
        amount: money_input(c.input.amount),
        spent: money_input(spent),
        left: money_input(c.input.amount.saturating_sub(spent)),
        funded,
        ideas: c
            .input
            .ideas
            .iter()
            .map(|i| ResultIdea {
                id: i.id.0,
                code: i.code.clone(),
                title: i.title.clone(),
                cost: money_input(i.cost),
                votes: i.supporters,
                funded: c.outcome.selected.contains(&i.code),
                funded_by_greedy: c.greedy.selected.contains(&i.code),
            })
            .collect(),
        greedy: c
            .input
            .ideas
            .iter()
            .filter(|i| c.greedy.selected.contains(&i.code))
            .map(|i| i.id.0)
            .collect(),
        greedy_spent: money_input(cost_of(&c.greedy.selected)),
        published: view.published.as_ref().map(|(at, by)| {
            let funded = view.funded_ids();
            Publication {
                at: utc(*at),
                by: by.clone(),
                funded: c
                    .input
                    .ideas
                    .iter()
                    .filter(|i| funded.contains(&i.id))
                    .map(|i| i.id.0)
                    .collect(),
                overrides: view
                    .overrides
                    .iter()
                    .map(|o| Override {
                        idea_id: o.idea_id.0,
                        funded: o.funded,
                        reason: o.reason.clone(),
                    })
                    .collect(),
            }
        }),
    }
}

/// A round's results.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/budgets/{round}/results",
    tag = "budgets",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
    ),
    responses(
        (status = 200, description = "The results (`computed` is `null` until voting closes)", body = BudgetResults,
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
    let (access, view) = publish::results(
        &state.db.conn,
        caller.principal,
        &team,
        path_id(&round)?,
        caller.now,
        false,
    )
    .await?;
    let rule = BudgetRule::from(access.round.rule);
    json_with_etag(
        &req,
        &BudgetResults {
            round_id: access.round.id.0,
            phase: access.phase(caller.now).as_str().to_owned(),
            computed: view.as_ref().map(|v| computed(v, rule, &caller)),
        },
    )
}

/// The round as a Pabulib `.pb` file (the same file as the results page's download), after
/// voting closes.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/budgets/{round}/results/round.pb",
    tag = "budgets",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
    ),
    responses(
        (status = 200, description = "The Pabulib file: META, PROJECTS and VOTES sections", body = String, content_type = "text/plain"),
        ReadErrors,
        (status = 404, description = "No such round in a team of the owner's, or voting has not closed", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn pabulib(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, round) = path.into_inner();
    let id: RoundId = path_id(&round)?;
    let (_, text) =
        exchange::export_pb(&state.db.conn, caller.principal, &team, id, caller.now).await?;
    Ok(download(&exchange::pb_name(id), exchange::PB_TYPE, text))
}

/// The round's ideas with votes and funding as CSV (the results page's download), after
/// voting closes.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/budgets/{round}/results/ideas.csv",
    tag = "budgets",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("round" = i64, Path, description = "The round's id"),
    ),
    responses(
        (status = 200, description = "Columns: project_id, title, cost, votes, funded, funded_by_greedy", body = String, content_type = "text/csv"),
        ReadErrors,
        (status = 404, description = "No such round in a team of the owner's, or voting has not closed", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn csv(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, round) = path.into_inner();
    let id: RoundId = path_id(&round)?;
    let (_, text) =
        exchange::export_csv(&state.db.conn, caller.principal, &team, id, caller.now).await?;
    Ok(download(&exchange::csv_name(id), exchange::CSV_TYPE, text))
}
