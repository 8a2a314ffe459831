//! The budget ballot: a checkbox per idea (a rank field for ranked ballots), the running total
//! against the budget and any limit computed on the server ("Check my total" recomputes it
//! without saving, so the page works without JavaScript; `budget_ballot.js` keeps it live),
//! and the receipt page after saving.

use crate::domain::ids::{IdeaId, RoundId};
use std::collections::{BTreeMap, HashMap};

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::access::Action;
use crate::domain::budget::{BallotType, BudgetPhase};
use crate::i18n;
use crate::service::ServiceError;
use crate::service::budgets::ballots::{self, idea_field, parse_selection, total_of};
use crate::service::budgets::{self as budgets};
use crate::service::meetings::ballots::rank_field;
use crate::web::WebError;
use crate::web::budgets::{RoundHeader, ballot_type_label};
use crate::web::context::{Ctx, status_for};
use crate::web::format::{date_time_in, money_in};
use crate::web::receipt as receipts;
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct BallotIdea {
    id: IdeaId,
    field: String,
    title: String,
    description: String,
    cost: String,
    cost_minor: i64,
    chosen: bool,
    /// Ranked ballots: what the rank field shows.
    rank: String,
}

#[derive(Serialize)]
struct Total {
    count: u32,
    total: String,
    left: String,
    over: bool,
}

#[derive(Serialize)]
struct BallotPage {
    title: String,
    layout: Layout,
    round: RoundHeader,
    ideas: Vec<BallotIdea>,
    ranked: bool,
    ballot_type: String,
    max_ideas: Option<u32>,
    knapsack: bool,
    amount_minor: i64,
    currency: String,
    total: Total,
    errors: BTreeMap<String, String>,
    voting_open: bool,
    can_vote: bool,
    status_line: Option<String>,
    checked: bool,
}

async fn page(
    ctx: &Ctx,
    slug: &str,
    id: RoundId,
    typed: Option<&HashMap<String, String>>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let now = ctx.now;
    let lang = ctx.visitor.lang;
    let principal = ctx.principal();
    let view = ballots::view(ctx.db(), principal, slug, id).await?;
    let limits = view.access.limits();
    let ranked = limits.ballot_type == BallotType::Ranked;
    let chosen: Vec<IdeaId> = match typed {
        Some(fields) => {
            parse_selection(limits.ballot_type, &view.ideas, fields).unwrap_or_else(|_| {
                // Rank problems are shown beside the fields; total what was ticked or ranked.
                view.ideas
                    .iter()
                    .map(|i| i.id)
                    .filter(|i| {
                        fields
                            .get(&rank_field(*i))
                            .is_some_and(|v| !v.trim().is_empty())
                    })
                    .collect()
            })
        }
        None => view.selection.clone(),
    };
    let (total, _) = total_of(&view.access, &view.ideas, &chosen);
    let currency = view.access.round.currency.clone();
    let ideas = view
        .ideas
        .iter()
        .map(|i| {
            let rank = match typed {
                Some(fields) => fields
                    .get(&rank_field(i.id))
                    .map(|v| v.trim().to_owned())
                    .unwrap_or_default(),
                None => chosen
                    .iter()
                    .position(|c| *c == i.id)
                    .map(|p| (p + 1).to_string())
                    .unwrap_or_default(),
            };
            BallotIdea {
                id: i.id,
                field: if ranked {
                    rank_field(i.id)
                } else {
                    idea_field(i.id)
                },
                title: i.title.clone(),
                description: i.description.clone(),
                cost: money_in(i.cost, &currency, lang),
                cost_minor: i.cost,
                chosen: chosen.contains(&i.id),
                rank,
            }
        })
        .collect();
    let status = status_for(&errors);
    let page = BallotPage {
        title: i18n::text_with(
            lang,
            "bg-ballot-title",
            &[("round", view.access.round.title.clone())],
        ),
        layout: ctx.layout(),
        round: RoundHeader::new(&view.access, now, lang),
        ideas,
        ranked,
        ballot_type: ballot_type_label(lang, limits.ballot_type),
        max_ideas: limits.max_ideas,
        knapsack: limits.ballot_type == BallotType::Knapsack,
        amount_minor: limits.amount,
        total: Total {
            count: total.count,
            total: money_in(total.total, &currency, lang),
            left: money_in(total.left.abs(), &currency, lang),
            over: total.left < 0,
        },
        currency,
        errors,
        voting_open: view.access.phase(now) == BudgetPhase::Voting,
        can_vote: view.access.may(principal, Action::CastBudgetBallot),
        status_line: view.last_voted_at.map(|at| {
            i18n::text_with(
                lang,
                "bg-ballot-voted",
                &[("when", date_time_in(at, view.access.zone, lang))],
            )
        }),
        checked: typed.is_some(),
    };
    ctx.render(status, "budget_ballot.html", &page)
}

/// `GET /teams/{team}/budgets/{id}/ballot`.
pub async fn show(ctx: Ctx, path: web::Path<(String, RoundId)>) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    page(&ctx, &slug, id, None, BTreeMap::new()).await
}

#[derive(Serialize)]
struct ReceiptPage {
    title: String,
    layout: Layout,
    round: RoundHeader,
    code: String,
    hash: String,
    changed: bool,
    at: String,
    chosen: Vec<String>,
}

fn subject(id: RoundId) -> String {
    format!("budget round {id}")
}

/// `POST /teams/{team}/budgets/{id}/ballot`: saves, then redirects to the receipt
/// (post/redirect/get); with `check`, shows the running total of what was ticked without
/// saving.
pub async fn cast(
    ctx: Ctx,
    path: web::Path<(String, RoundId)>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    if form.contains_key("check") {
        return page(&ctx, &slug, id, Some(&form), BTreeMap::new()).await;
    }
    let now = ctx.now;
    let principal = ctx.principal();
    match ballots::cast(ctx.db(), principal, &slug, id, &form, now).await {
        Ok(saved) => {
            let to = format!("/teams/{slug}/budgets/{id}/ballot/receipt");
            receipts::hold(&ctx, &subject(id), saved, &to)
        }
        Err(ServiceError::Invalid(errors)) => {
            page(&ctx, &slug, id, Some(&form), errors.in_language(ctx.lang())).await
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /teams/{team}/budgets/{id}/ballot/receipt`: the receipt of the ballot just saved, once;
/// afterwards, back to the ballot.
pub async fn receipt(
    ctx: Ctx,
    path: web::Path<(String, RoundId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let principal = ctx.principal();
    budgets::authorize(ctx.db(), principal, &slug, id, Action::CastBudgetBallot).await?;
    let Some(held) = receipts::take(&ctx, &subject(id)) else {
        return receipts::shown_once(&ctx, &format!("/teams/{slug}/budgets/{id}/ballot"));
    };
    let view = ballots::view(ctx.db(), principal, &slug, id).await?;
    let chosen = view
        .selection
        .iter()
        .filter_map(|i| view.ideas.iter().find(|x| x.id == *i))
        .map(|x| x.title.clone())
        .collect();
    let lang = ctx.visitor.lang;
    let page = ReceiptPage {
        title: i18n::text(lang, "bg-receipt-saved"),
        layout: ctx.layout(),
        round: RoundHeader::new(&view.access, ctx.now, lang),
        at: date_time_in(held.at(ctx.now), view.access.zone, lang),
        code: held.code,
        hash: held.hash,
        changed: held.changed,
        chosen,
    };
    ctx.render(StatusCode::OK, "budget_receipt.html", &page)
}
