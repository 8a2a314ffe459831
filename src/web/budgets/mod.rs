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
use crate::domain::budget::{BallotType, BudgetPhase, BudgetRule};
use crate::domain::meeting::{Privacy, time_left};
use crate::i18n::{self, Lang};
use crate::service::budgets::exchange::{self, ImportForm};
use crate::service::budgets::form::{self, RoundForm};
use crate::service::budgets::{self, RoundAccess};
use crate::web::format::{date_time_in, money_in};

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
    /// "25,000 EUR" ("25 000 EUR" in French).
    pub amount: String,
    pub phase: BudgetPhase,
    /// Phase in words.
    pub phase_label: String,
    /// "2 days left" in this phase (empty for results).
    pub time_left: String,
    /// Base address of the round's pages.
    pub base: String,
}

impl RoundHeader {
    /// The header at `now`, in `lang`.
    pub fn new(access: &RoundAccess, now: OffsetDateTime, lang: Lang) -> Self {
        let r = &access.round;
        let phase = access.phase(now);
        Self {
            team_slug: access.team.slug.clone(),
            team_name: access.team.name.clone(),
            id: r.id,
            title: r.title.clone(),
            purpose: r.purpose.clone(),
            amount: money_in(r.amount, &r.currency, lang),
            phase,
            phase_label: phase_label(lang, phase),
            time_left: phase
                .ends(&access.windows())
                .map(|end| time_left(now, end).render(lang))
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
    phase_label: String,
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
    let lang = ctx.visitor.lang;
    let rounds = rows
        .iter()
        .map(|r| RoundRow {
            id: r.id,
            title: r.title.clone(),
            amount: money_in(r.amount, &r.currency, lang),
            phase_label: phase_label(lang, BudgetPhase::at(&budgets::windows(r), now)),
            closes: date_time_in(r.voting_close_at, access.zone, lang),
        })
        .collect();
    let can_manage =
        crate::access::authorize(principal, access.role, Action::ManageBudgets) == Decision::Allow;
    let page = RoundsPage {
        title: i18n::text_with(
            lang,
            "bg-rounds-title",
            &[("team", access.team.name.clone())],
        ),
        layout: ctx.layout(),
        team_slug: access.team.slug,
        team_name: access.team.name,
        can_manage,
        rounds,
        import,
        rules: rule_choices(lang),
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
    let result = exchange::import(ctx.db(), ctx.principal(), &slug, &form, now, ctx.lang()).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |id| format!("/teams/{slug}/budgets/{id}/results"),
        |errors| list_page(&ctx, &slug, form.into_inner(), errors),
    )
    .await
}

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label: String,
}

fn rule_choices(lang: Lang) -> Vec<Choice> {
    [BudgetRule::Mes, BudgetRule::Greedy, BudgetRule::Phragmen]
        .into_iter()
        .map(|r| Choice {
            value: r.as_str(),
            label: rule_label(lang, r),
        })
        .collect()
}

/// A round's phase in words, in `lang`.
pub(crate) fn phase_label(lang: Lang, phase: BudgetPhase) -> String {
    let key = match phase {
        BudgetPhase::Upcoming => "bg-phase-upcoming",
        BudgetPhase::Ideas => "bg-phase-ideas",
        BudgetPhase::Review => "bg-phase-review",
        BudgetPhase::Voting => "bg-phase-voting",
        BudgetPhase::Results => "bg-phase-results",
    };
    i18n::text(lang, key)
}

/// How members vote, in words, in `lang`.
pub(crate) fn ballot_type_label(lang: Lang, ballot_type: BallotType) -> String {
    let key = match ballot_type {
        BallotType::Approval => "bg-ballot-type-approval",
        BallotType::ApprovalMax => "bg-ballot-type-approval-max",
        BallotType::Knapsack => "bg-ballot-type-knapsack",
        BallotType::Ranked => "bg-ballot-type-ranked",
    };
    i18n::text(lang, key)
}

/// A rule's name, in `lang`.
pub(crate) fn rule_label(lang: Lang, rule: BudgetRule) -> String {
    let key = match rule {
        BudgetRule::Mes => "bg-rule-mes",
        BudgetRule::Greedy => "bg-rule-greedy",
        BudgetRule::Phragmen => "bg-rule-phragmen",
    };
    i18n::text(lang, key)
}

/// An idea's review state in words, in `lang`, from its stored value (`proposed`, …).
pub(crate) fn idea_status_label(lang: Lang, status: &str) -> String {
    let key = match status {
        "withdrawn" => "bg-status-withdrawn",
        "feasible" => "bg-status-feasible",
        "infeasible" => "bg-status-infeasible",
        _ => "bg-status-proposed",
    };
    i18n::text(lang, key)
}

/// A funded idea's follow-through state in words, in `lang`, from its form value
/// (`planned`, `in_progress`, `done`, `dropped`).
pub(crate) fn follow_up_label(lang: Lang, status: &str) -> String {
    let key = match status {
        "in_progress" => "bg-follow-in-progress",
        "done" => "bg-follow-done",
        "dropped" => "bg-follow-dropped",
        _ => "bg-follow-planned",
    };
    i18n::text(lang, key)
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
    let lang = ctx.visitor.lang;
    let (title, action) = match round_id {
        Some(id) => (
            i18n::text(lang, "bg-form-edit-title"),
            format!("/teams/{slug}/budgets/{id}/edit"),
        ),
        None => (
            i18n::text(lang, "bg-form-new-title"),
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
            label: ballot_type_label(lang, b),
        })
        .collect(),
        rules: rule_choices(lang),
        privacy_options: vec![
            Choice {
                value: Privacy::Secret.as_str(),
                label: i18n::text(lang, "bg-form-privacy-secret"),
            },
            Choice {
                value: Privacy::Open.as_str(),
                label: i18n::text(lang, "bg-form-privacy-open"),
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
        ctx.lang(),
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
        ctx.lang(),
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
    label: String,
    from: String,
    current: bool,
}

#[derive(Serialize)]
struct RoundPage {
    title: String,
    layout: Layout,
    round: RoundHeader,
    phases: Vec<PhaseRow>,
    ballot_type: String,
    ballot_max: Option<i32>,
    rule: String,
    privacy: String,
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
    let lang = ctx.visitor.lang;
    let access = budgets::authorize(db, principal, &slug, id, Action::ViewBudgets).await?;
    let w = access.windows();
    let phase = access.phase(now);
    let r = &access.round;
    let voted = budgets::participation(db, id, principal.user_id)
        .await?
        .map(|p| {
            i18n::text_with(
                lang,
                "bg-voted",
                &[("when", date_time_in(p.last_voted_at, access.zone, lang))],
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
        label: phase_label(lang, p),
        from: date_time_in(from, access.zone, lang),
        current: p == phase,
    })
    .collect();
    let page = RoundPage {
        title: r.title.clone(),
        layout: ctx.layout(),
        phases,
        ballot_type: ballot_type_label(lang, BallotType::from(r.ballot_type)),
        ballot_max: r.ballot_max,
        rule: rule_label(lang, BudgetRule::from(r.rule)),
        privacy: i18n::text(
            lang,
            match budgets::privacy(r) {
                Privacy::Secret => "bg-privacy-secret",
                Privacy::Open => "bg-privacy-open",
            },
        ),
        voted,
        can_manage: access.may(principal, Action::ManageBudgets),
        imported: r.imported,
        zone: access.zone,
        round: RoundHeader::new(&access, now, lang),
    };
    ctx.render(StatusCode::OK, "budget.html", &page)
}
