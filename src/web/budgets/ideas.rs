//! The ideas page: every idea with its cost (and the original, when a leader adjusted it),
//! review state and reason, supporters; the form to propose; support buttons during the ideas
//! phase; review forms for leaders until voting opens.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::access::Action;
use crate::domain::budget::{BudgetPhase, format_money};
use crate::service::budgets::ideas::{self, IdeaForm, ReviewForm};
use crate::service::meetings::{author_name, names_of};
use crate::store::entities::budget_ideas::IdeaStatus;
use crate::web::budgets::RoundHeader;
use crate::web::pages::{field_errors, render, see_other};
use crate::web::visitor::{Layout, Visitor};
use crate::web::{AppState, WebError};

#[derive(Serialize)]
struct IdeaRow {
    id: i64,
    title: String,
    description: String,
    location: String,
    author: String,
    cost: String,
    original_cost: Option<String>,
    cost_reason: Option<String>,
    status: &'static str,
    status_reason: Option<String>,
    supporters: u64,
    supported: bool,
    mine: bool,
    withdrawn: bool,
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
    review_idea: Option<i64>,
    ideas_open: bool,
    can_propose: bool,
    can_review: bool,
}

fn status_label(status: IdeaStatus) -> &'static str {
    match status {
        IdeaStatus::Proposed => "not reviewed yet (on the ballot unless marked infeasible)",
        IdeaStatus::Withdrawn => "withdrawn by its author",
        IdeaStatus::Feasible => "feasible",
        IdeaStatus::Infeasible => "infeasible",
    }
}

async fn page(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    id: i64,
    form: IdeaForm,
    errors: BTreeMap<String, String>,
    review_idea: Option<i64>,
) -> Result<HttpResponse, WebError> {
    let principal = visitor.principal();
    let now = state.clock.now();
    let view = ideas::view(&state.db.conn, principal, slug, id).await?;
    let currency = view.access.round.currency.clone();
    let names = names_of(
        &state.db.conn,
        view.ideas.iter().filter_map(|i| i.author_id),
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
            cost: format_money(i.cost, &currency),
            original_cost: i.original_cost.map(|c| format_money(c, &currency)),
            cost_reason: i.cost_reason.clone(),
            status: status_label(i.status),
            status_reason: i.status_reason.clone(),
            supporters: view.supports.get(&i.id).copied().unwrap_or(0),
            supported: view.mine.contains(&i.id),
            mine: i.author_id.is_some() && i.author_id == principal.user_id,
            withdrawn: i.status == IdeaStatus::Withdrawn,
        })
        .collect();
    let phase = view.access.phase(now);
    let page = IdeasPage {
        title: format!("Ideas: {}", view.access.round.title),
        layout: visitor.layout(),
        round: RoundHeader::new(&view.access, now),
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
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(state, status, "budget_ideas.html", &page)
}

/// `GET /teams/{team}/budgets/{id}/ideas`.
pub async fn list(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    page(
        &state,
        &visitor,
        &slug,
        id,
        IdeaForm::default(),
        BTreeMap::new(),
        None,
    )
    .await
}

/// `POST /teams/{team}/budgets/{id}/ideas`.
pub async fn propose(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64)>,
    form: web::Form<IdeaForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let now = state.clock.now();
    match ideas::propose(&state.db.conn, visitor.principal(), &slug, id, &form, now).await {
        Ok(_) => Ok(see_other(&format!("/teams/{slug}/budgets/{id}/ideas"))),
        Err(error) => {
            let errors = field_errors(error)?;
            page(&state, &visitor, &slug, id, form.into_inner(), errors, None).await
        }
    }
}

#[derive(Serialize)]
struct EditPage {
    title: String,
    layout: Layout,
    round: RoundHeader,
    idea_id: i64,
    form: IdeaForm,
    errors: BTreeMap<String, String>,
}

async fn edit_page(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    id: i64,
    idea_id: i64,
    typed: Option<IdeaForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let (access, idea) =
        ideas::edit_form(&state.db.conn, visitor.principal(), slug, id, idea_id).await?;
    let page = EditPage {
        title: format!("Edit idea: {}", idea.title),
        layout: visitor.layout(),
        round: RoundHeader::new(&access, state.clock.now()),
        idea_id,
        form: typed.unwrap_or_else(|| IdeaForm::of(&idea)),
        errors: errors.clone(),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(state, status, "budget_idea_edit.html", &page)
}

/// `GET /teams/{team}/budgets/{id}/ideas/{idea}/edit`.
pub async fn edit_form(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64, i64)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    edit_page(&state, &visitor, &slug, id, idea, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/budgets/{id}/ideas/{idea}/edit`.
pub async fn edit(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64, i64)>,
    form: web::Form<IdeaForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    let now = state.clock.now();
    let principal = visitor.principal();
    match ideas::edit(&state.db.conn, principal, &slug, id, idea, &form, now).await {
        Ok(()) => Ok(see_other(&format!("/teams/{slug}/budgets/{id}/ideas"))),
        Err(error) => {
            let errors = field_errors(error)?;
            edit_page(
                &state,
                &visitor,
                &slug,
                id,
                idea,
                Some(form.into_inner()),
                errors,
            )
            .await
        }
    }
}

/// Shows the ideas page again with a refusal, or goes back to it.
async fn back(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    id: i64,
    idea: i64,
    result: crate::service::Result<()>,
) -> Result<HttpResponse, WebError> {
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/teams/{slug}/budgets/{id}/ideas#idea-{idea}"
        ))),
        Err(error) => {
            let errors = field_errors(error)?;
            page(
                state,
                visitor,
                slug,
                id,
                IdeaForm::default(),
                errors,
                Some(idea),
            )
            .await
        }
    }
}

/// `POST /teams/{team}/budgets/{id}/ideas/{idea}/withdraw`.
pub async fn withdraw(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64, i64)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    let now = state.clock.now();
    let result = ideas::withdraw(&state.db.conn, visitor.principal(), &slug, id, idea, now).await;
    back(&state, &visitor, &slug, id, idea, result).await
}

/// `POST /teams/{team}/budgets/{id}/ideas/{idea}/support`: supports, or takes support back.
pub async fn support(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64, i64)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    let now = state.clock.now();
    let result = ideas::toggle_support(&state.db.conn, visitor.principal(), &slug, id, idea, now)
        .await
        .map(drop);
    back(&state, &visitor, &slug, id, idea, result).await
}

/// `POST /teams/{team}/budgets/{id}/ideas/{idea}/review` (leaders).
pub async fn review(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64, i64)>,
    form: web::Form<ReviewForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    let now = state.clock.now();
    let principal = visitor.principal();
    let result = ideas::review(&state.db.conn, principal, &slug, id, idea, &form, now).await;
    back(&state, &visitor, &slug, id, idea, result).await
}
