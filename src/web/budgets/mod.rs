//! Budget round pages (issue 14): the team's rounds, creating, editing and importing a round
//! (leaders), and the round page with its phases and what the visitor can do now. Ideas,
//! ballots and results have their own files.

pub mod ballot;
pub mod export;
pub mod idea;
pub mod ideas;
pub mod results;

use crate::domain::ids::RoundId;
use crate::domain::zone::Zone;
use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Serialize;
use time::OffsetDateTime;

use crate::access::{Action, Decision};
use crate::domain::budget::{BallotType, BudgetPhase, BudgetRule, format_money};
use crate::domain::meeting::{Privacy, time_left};
use crate::service::budgets::exchange::{self, ImportForm};
use crate::service::budgets::form::{self, RoundForm};
use crate::service::budgets::{self, RoundAccess};
use crate::web::format::date_time;

use crate::web::WebError;
use crate::web::context::{Ctx, redirect_or_reshow, status_for};
use crate::web::visitor::Layout;

/// What every round page shows at the top.
#[derive(Debug, Clone, Serialize)]
pub struct RoundHeader {
    /// Team address.
    pub team_slug: String,
    pub team_name: String,
    /// Round id.
    pub id: RoundId,
    pub title: String,
    /// What the money is for.
    pub purpose: String,
    /// "25,000 EUR".
    pub amount: String,
    pub phase: BudgetPhase,
    /// Phase in words.
    pub phase_label: &'static str,
    /// "2 days left" in this phase (empty for results).
    pub time_left: String,
    /// Base address of the round's pages.
    pub base: String,
}

impl RoundHeader {
    /// The header at `now`.
    pub fn new(access: &RoundAccess, now: OffsetDateTime) -> Self {
        let r = &access.round;
        let phase = access.phase(now);
        Self {
            team_slug: access.team.slug.clone(),
            team_name: access.team.name.clone(),
            id: r.id,
            title: r.title.clone(),
            purpose: r.purpose.clone(),
            amount: format_money(r.amount, &r.currency),
            phase,
            phase_label: phase.label(),
            time_left: phase
                .ends(&access.windows())
                .map(|end| time_left(now, end))
                .unwrap_or_default(),
            base: format!("/teams/{}/budgets/{}", access.team.slug, r.id),
        }
    }
}

#[derive(Serialize)]
struct RoundRow {
    id: RoundId,
    title: String,
    amount: String,
    phase_label: &'static str,
    closes: String,
}

#[derive(Serialize)]
struct RoundsPage {
    title: String,
    layout: Layout,
    team_slug: String,
    team_name: String,
    can_manage: bool,
    rounds: Vec<RoundRow>,
    import: ImportForm,
    errors: BTreeMap<String, String>,
    rules: Vec<Choice>,
}

async fn list_page(
    ctx: &Ctx,
    slug: &str,
    import: ImportForm,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let principal = ctx.principal();
    let (access, rows) = budgets::list(ctx.db(), principal, slug).await?;
    let now = ctx.now;
    let rounds = rows
        .iter()
        .map(|r| RoundRow {
            id: r.id,
            title: r.title.clone(),
            amount: format_money(r.amount, &r.currency),
            phase_label: BudgetPhase::at(&budgets::windows(r), now).label(),
            closes: date_time(r.voting_close_at, access.zone),
        })
        .collect();
    let can_manage =
        crate::access::authorize(principal, access.role, Action::ManageBudgets) == Decision::Allow;
    let page = RoundsPage {
        title: format!("Budgets of {}", access.team.name),
        layout: ctx.layout(),
        team_slug: access.team.slug,
        team_name: access.team.name,
        can_manage,
        rounds,
        import,
        rules: rule_choices(),
        errors: errors.clone(),
    };
    ctx.render(status_for(&errors), "budgets.html", &page)
}

/// `GET /teams/{team}/budgets`.
pub async fn list(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, WebError> {
    let import = ImportForm {
        rule: BudgetRule::Mes.as_str().to_owned(),
        ..ImportForm::default()
    };
    list_page(&ctx, &slug, import, BTreeMap::new()).await
}

/// `POST /teams/{team}/budgets/import`: a `.pb` file pasted by a leader becomes a round.
pub async fn import(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<ImportForm>,
) -> Result<HttpResponse, WebError> {
    let now = ctx.now;
    let result = exchange::import(ctx.db(), ctx.principal(), &slug, &form, now).await;
    redirect_or_reshow(
        result,
        |id| format!("/teams/{slug}/budgets/{id}/results"),
        |errors| list_page(&ctx, &slug, form.into_inner(), errors),
    )
    .await
}

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label: &'static str,
}

fn rule_choices() -> Vec<Choice> {
    [BudgetRule::Mes, BudgetRule::Greedy, BudgetRule::Phragmen]
        .into_iter()
        .map(|r| Choice {
            value: r.as_str(),
            label: r.label(),
        })
        .collect()
}

#[derive(Serialize)]
struct FormPage<'a> {
    title: String,
    layout: Layout,
    team_slug: String,
    action: String,
    editing: bool,
    form: &'a RoundForm,
    errors: BTreeMap<String, String>,
    ballot_types: Vec<Choice>,
    rules: Vec<Choice>,
    privacy_options: Vec<Choice>,
    /// The zone the phases are typed in.
    zone: Zone,
}

/// The zone a leader types the team's times in (their own, else the team's).
async fn form_zone(ctx: &Ctx, slug: &str) -> Result<Zone, WebError> {
    let access =
        crate::service::teams::authorize(ctx.db(), ctx.principal(), slug, Action::ManageBudgets)
            .await?;
    Ok(access.zone)
}

fn form_page(
    ctx: &Ctx,
    slug: &str,
    round_id: Option<RoundId>,
    form: &RoundForm,
    zone: Zone,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let (title, action) = match round_id {
        Some(id) => (
            "Edit budget round".to_owned(),
            format!("/teams/{slug}/budgets/{id}/edit"),
        ),
        None => (
            "New budget round".to_owned(),
            format!("/teams/{slug}/budgets"),
        ),
    };
    let page = FormPage {
        title,
        layout: ctx.layout(),
        team_slug: slug.to_owned(),
        action,
        editing: round_id.is_some(),
        form,
        zone,
        errors: errors.clone(),
        ballot_types: [
            BallotType::Approval,
            BallotType::ApprovalMax,
            BallotType::Knapsack,
            BallotType::Ranked,
        ]
        .into_iter()
        .map(|b| Choice {
            value: b.as_str(),
            label: b.label(),
        })
        .collect(),
        rules: rule_choices(),
        privacy_options: vec![
            Choice {
                value: Privacy::Secret.as_str(),
                label: "Secret: nobody can link a ballot to a person after the computation",
            },
            Choice {
                value: Privacy::Open.as_str(),
                label: "Open: leaders can see who chose what",
            },
        ],
    };
    ctx.render(status_for(&errors), "budget_form.html", &page)
}

/// `GET /teams/{team}/budgets/new`.
pub async fn new_form(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, WebError> {
    let access =
        crate::service::teams::authorize(ctx.db(), ctx.principal(), &slug, Action::ManageBudgets)
            .await?;
    let form = RoundForm::new_at(ctx.now, access.zone);
    form_page(
        &ctx,
        &access.team.slug,
        None,
        &form,
        access.zone,
        BTreeMap::new(),
    )
}

/// `POST /teams/{team}/budgets`.
pub async fn create(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<RoundForm>,
) -> Result<HttpResponse, WebError> {
    let now = ctx.now;
    let result = form::create(ctx.db(), ctx.principal(), &slug, &form, now).await;
    redirect_or_reshow(
        result,
        |id| format!("/teams/{slug}/budgets/{id}"),
        |errors| async {
            let zone = form_zone(&ctx, &slug).await?;
            form_page(&ctx, &slug, None, &form, zone, errors)
        },
    )
    .await
}

/// `GET /teams/{team}/budgets/{id}/edit`.
pub async fn edit_form(
    ctx: Ctx,
    path: web::Path<(String, RoundId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let (access, form) = form::edit_form(ctx.db(), ctx.principal(), &slug, id).await?;
    form_page(
        &ctx,
        &access.team.slug,
        Some(id),
        &form,
        access.zone,
        BTreeMap::new(),
    )
}

/// `POST /teams/{team}/budgets/{id}/edit`.
pub async fn update(
    ctx: Ctx,
    path: web::Path<(String, RoundId)>,
    form: web::Form<RoundForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let now = ctx.now;
    let result = form::update(ctx.db(), ctx.principal(), &slug, id, &form, now).await;
    redirect_or_reshow(
        result,
        |()| format!("/teams/{slug}/budgets/{id}"),
        |errors| async {
            let zone = form_zone(&ctx, &slug).await?;
            form_page(&ctx, &slug, Some(id), &form, zone, errors)
        },
    )
    .await
}

#[derive(Serialize)]
struct PhaseRow {
    label: &'static str,
    from: String,
    current: bool,
}

#[derive(Serialize)]
struct RoundPage {
    title: String,
    layout: Layout,
    round: RoundHeader,
    phases: Vec<PhaseRow>,
    ballot_type: &'static str,
    ballot_max: Option<i32>,
    rule: &'static str,
    privacy: &'static str,
    voted: Option<String>,
    can_manage: bool,
    imported: bool,
    /// The zone the phases are shown in.
    zone: Zone,
}

/// `GET /teams/{team}/budgets/{id}`.
pub async fn show(ctx: Ctx, path: web::Path<(String, RoundId)>) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let principal = ctx.principal();
    let db = ctx.db();
    let now = ctx.now;
    let access = budgets::authorize(db, principal, &slug, id, Action::ViewBudgets).await?;
    let w = access.windows();
    let phase = access.phase(now);
    let r = &access.round;
    let voted = budgets::participation(db, id, principal.user_id)
        .await?
        .map(|p| {
            format!(
                "You voted; last change {}.",
                date_time(p.last_voted_at, access.zone)
            )
        });
    let phases = [
        (BudgetPhase::Ideas, w.ideas_open),
        (BudgetPhase::Review, w.review),
        (BudgetPhase::Voting, w.voting_open),
        (BudgetPhase::Results, w.voting_close),
    ]
    .into_iter()
    .map(|(p, from)| PhaseRow {
        label: p.label(),
        from: date_time(from, access.zone),
        current: p == phase,
    })
    .collect();
    let page = RoundPage {
        title: r.title.clone(),
        layout: ctx.layout(),
        phases,
        ballot_type: BallotType::from(r.ballot_type).label(),
        ballot_max: r.ballot_max,
        rule: BudgetRule::from(r.rule).label(),
        privacy: match budgets::privacy(r) {
            Privacy::Secret => "secret",
            Privacy::Open => "open (leaders can see who chose what)",
        },
        voted,
        can_manage: access.may(principal, Action::ManageBudgets),
        imported: r.imported,
        zone: access.zone,
        round: RoundHeader::new(&access, now),
    };
    ctx.render(StatusCode::OK, "budget.html", &page)
}
