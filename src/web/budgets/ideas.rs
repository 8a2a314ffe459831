//! The ideas page: every idea with its cost (and the original, when a leader adjusted it),
//! review state and reason, supporters; the form to propose; support buttons during the ideas
//! phase; review forms for leaders until voting opens.

use crate::domain::ids::{IdeaId, RoundId};
use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use sea_orm::ActiveEnum;
use serde::Serialize;

use crate::access::Action;
use crate::domain::budget::BudgetPhase;
use crate::format::money_in;
use crate::i18n;
use crate::service::budgets::ideas::{self, IdeaForm};
use crate::service::budgets::review::{self, ReviewForm};
use crate::service::comments::{self, SubjectKind};
use crate::service::meetings::{author_name, names_of};
use crate::web::budgets::{RoundHeader, idea_status_label};

use crate::web::WebError;
use crate::web::context::{Ctx, redirect_or_reshow, status_for};
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct IdeaRow {
    id: IdeaId,
    title: String,
    description: String,
    location: String,
    author: String,
    cost: String,
    original_cost: Option<String>,
    cost_reason: Option<String>,
    status: String,
    status_reason: Option<String>,
    supporters: u64,
    supported: bool,
    mine: bool,
    withdrawn: bool,
    comments: u64,
}

#[derive(Serialize)]
struct IdeasPage {
    title: String,
    layout: Layout,
    round: RoundHeader,
    ideas: Vec<IdeaRow>,
    form: IdeaForm,
    errors: BTreeMap<String, String>,
    /// The idea a review error belongs to.
    review_idea: Option<IdeaId>,
    ideas_open: bool,
    can_propose: bool,
    can_review: bool,
}

async fn page(
    ctx: &Ctx,
    slug: &str,
    id: RoundId,
    form: IdeaForm,
    errors: BTreeMap<String, String>,
    review_idea: Option<IdeaId>,
) -> Result<HttpResponse, WebError> {
    let principal = ctx.principal();
    let now = ctx.now;
    let lang = ctx.visitor.lang;
    let view = ideas::view(ctx.db(), principal, slug, id).await?;
    let currency = view.access.round.currency.clone();
    let names = names_of(ctx.db(), view.ideas.iter().filter_map(|i| i.author_id)).await?;
    let counts = comments::counts(
        ctx.db(),
        SubjectKind::BudgetIdea,
        view.ideas.iter().map(|i| i.id),
    )
    .await?;
    let rows = view
        .ideas
        .iter()
        .map(|i| IdeaRow {
            id: i.id,
            title: i.title.clone(),
            description: i.description.clone(),
            location: i.location.clone(),
            author: author_name(&names, i.author_id),
            cost: money_in(i.cost, &currency, lang),
            original_cost: i.original_cost.map(|c| money_in(c, &currency, lang)),
            cost_reason: i.cost_reason.clone(),
            status: idea_status_label(lang, &i.status.to_value()),
            status_reason: i.status_reason.clone(),
            supporters: view.supports.get(&i.id).copied().unwrap_or(0),
            supported: view.mine.contains(&i.id),
            mine: i.author_id.is_some() && i.author_id == principal.user_id,
            withdrawn: ideas::is_withdrawn(i),
            comments: counts.get(&i.id).copied().unwrap_or(0),
        })
        .collect();
    let phase = view.access.phase(now);
    let page = IdeasPage {
        title: i18n::text_with(
            lang,
            "bg-ideas-title",
            &[("round", view.access.round.title.clone())],
        ),
        layout: ctx.layout(),
        round: RoundHeader::new(&view.access, now, lang),
        ideas: rows,
        form,
        errors: errors.clone(),
        review_idea,
        ideas_open: phase == BudgetPhase::Ideas,
        can_propose: view.access.may(principal, Action::ProposeIdea),
        can_review: view.access.may(principal, Action::ManageBudgets)
            && phase < BudgetPhase::Voting
            && !view.access.round.imported,
    };
    let status = status_for(&errors);
    ctx.render(status, "budget_ideas.html", &page)
}

/// `GET /teams/{team}/budgets/{id}/ideas`.
pub async fn list(ctx: Ctx, path: web::Path<(String, RoundId)>) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    page(&ctx, &slug, id, IdeaForm::default(), BTreeMap::new(), None).await
}

/// `POST /teams/{team}/budgets/{id}/ideas`.
pub async fn propose(
    ctx: Ctx,
    path: web::Path<(String, RoundId)>,
    form: web::Form<IdeaForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let now = ctx.now;
    let result = ideas::propose(ctx.db(), ctx.principal(), &slug, id, &form, now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |_| format!("/teams/{slug}/budgets/{id}/ideas"),
        |errors| page(&ctx, &slug, id, form.into_inner(), errors, None),
    )
    .await
}

#[derive(Serialize)]
struct EditPage {
    title: String,
    layout: Layout,
    round: RoundHeader,
    idea_id: IdeaId,
    form: IdeaForm,
    errors: BTreeMap<String, String>,
}

async fn edit_page(
    ctx: &Ctx,
    slug: &str,
    id: RoundId,
    idea_id: IdeaId,
    typed: Option<IdeaForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let (access, idea) = ideas::edit_form(ctx.db(), ctx.principal(), slug, id, idea_id).await?;
    let lang = ctx.visitor.lang;
    let page = EditPage {
        title: i18n::text_with(lang, "bg-idea-edit-title", &[("idea", idea.title.clone())]),
        layout: ctx.layout(),
        round: RoundHeader::new(&access, ctx.now, lang),
        idea_id,
        form: typed.unwrap_or_else(|| IdeaForm::of(&idea)),
        errors: errors.clone(),
    };
    let status = status_for(&errors);
    ctx.render(status, "budget_idea_edit.html", &page)
}

/// `GET /teams/{team}/budgets/{id}/ideas/{idea}/edit`.
pub async fn edit_form(
    ctx: Ctx,
    path: web::Path<(String, RoundId, IdeaId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    edit_page(&ctx, &slug, id, idea, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/budgets/{id}/ideas/{idea}/edit`.
pub async fn edit(
    ctx: Ctx,
    path: web::Path<(String, RoundId, IdeaId)>,
    form: web::Form<IdeaForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    let now = ctx.now;
    let principal = ctx.principal();
    let result = ideas::edit(ctx.db(), principal, &slug, id, idea, &form, now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/budgets/{id}/ideas"),
        |errors| edit_page(&ctx, &slug, id, idea, Some(form.into_inner()), errors),
    )
    .await
}

/// Shows the ideas page again with a refusal, or goes back to it.
async fn back(
    ctx: &Ctx,
    slug: &str,
    id: RoundId,
    idea: IdeaId,
    result: crate::service::Result<()>,
) -> Result<HttpResponse, WebError> {
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/budgets/{id}/ideas#idea-{idea}"),
        |errors| page(ctx, slug, id, IdeaForm::default(), errors, Some(idea)),
    )
    .await
}

/// `POST /teams/{team}/budgets/{id}/ideas/{idea}/withdraw`.
pub async fn withdraw(
    ctx: Ctx,
    path: web::Path<(String, RoundId, IdeaId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    let now = ctx.now;
    let result = ideas::withdraw(ctx.db(), ctx.principal(), &slug, id, idea, now).await;
    back(&ctx, &slug, id, idea, result).await
}

/// `POST /teams/{team}/budgets/{id}/ideas/{idea}/support`: supports, or takes support back.
pub async fn support(
    ctx: Ctx,
    path: web::Path<(String, RoundId, IdeaId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    let now = ctx.now;
    let result = ideas::toggle_support(ctx.db(), ctx.principal(), &slug, id, idea, now)
        .await
        .map(drop);
    back(&ctx, &slug, id, idea, result).await
}

/// `POST /teams/{team}/budgets/{id}/ideas/{idea}/review` (leaders).
pub async fn review(
    ctx: Ctx,
    path: web::Path<(String, RoundId, IdeaId)>,
    form: web::Form<ReviewForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    let now = ctx.now;
    let principal = ctx.principal();
    let result = review::review(ctx.db(), principal, &slug, id, idea, &form, now).await;
    back(&ctx, &slug, id, idea, result).await
}
