//! A budget idea's own page: the idea and its comment thread, with the forms to comment (during
//! the ideas phase), edit one's own comment and (leaders) hide one with a reason. The ideas
//! list shows only a count and a link here, so its cost does not grow with the discussion.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::domain::budget::format_money;
use crate::service::ServiceError;
use crate::service::budgets::ideas;
use crate::service::comments::budget::BudgetIdea;
use crate::service::comments::{self, CommentForm, Intent};
use crate::service::meetings;
use crate::web::WebError;
use crate::web::budgets::RoundHeader;
use crate::web::comments::{HideForm, PageQuery, Posted, ThreadView, comment_link};
use crate::web::context::{Ctx, redirect_or_reshow};
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct IdeaView {
    title: String,
    description: String,
    location: String,
    cost: String,
    author: String,
    mine: bool,
    status: &'static str,
    status_reason: Option<String>,
}

#[derive(Serialize)]
struct IdeaPage {
    title: String,
    layout: Layout,
    round: RoundHeader,
    idea: IdeaView,
    thread: ThreadView,
}

fn target(slug: &str, round_id: i64, idea_id: i64) -> BudgetIdea<'_> {
    BudgetIdea {
        slug,
        round_id,
        idea_id,
    }
}

async fn page(
    ctx: &Ctx,
    (slug, id, idea_id): (&str, i64, i64),
    page: Option<u64>,
    posted: &Posted,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let db = ctx.db();
    let now = ctx.now;
    let principal = ctx.principal();
    let subject = target(slug, id, idea_id);
    let (access, idea) = subject.load(db, principal, Intent::Read).await?;
    let thread = comments::thread(db, &subject, principal, page, now).await?;
    let base = format!("/teams/{slug}/budgets/{id}/ideas/{idea_id}");
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = IdeaPage {
        title: format!("{}: {}", idea.title, access.round.title),
        layout: ctx.layout(),
        round: RoundHeader::new(&access, now),
        idea: IdeaView {
            cost: format_money(idea.cost, &access.round.currency),
            author: meetings::name_of(db, idea.author_id).await?,
            mine: idea.author_id.is_some() && idea.author_id == principal.user_id,
            status: ideas::status_label(idea.status),
            status_reason: idea.status_reason,
            title: idea.title,
            description: idea.description,
            location: idea.location,
        },
        thread: ThreadView::new(thread, &base, format!("{base}/comments"), posted, errors),
    };
    ctx.render(status, "budget_idea.html", &view)
}

/// `GET /teams/{team}/budgets/{id}/ideas/{idea}`.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, i64, i64)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    let posted = Posted::Nothing;
    page(
        &ctx,
        (&slug, id, idea),
        query.page(),
        &posted,
        BTreeMap::new(),
    )
    .await
}

/// After a comment form: back to the thread at the comment, or the page again with the
/// refusal (422, the form as typed).
async fn after(
    ctx: &Ctx,
    (slug, id, idea): (&str, i64, i64),
    page_query: Option<u64>,
    posted: Posted,
    result: Result<i64, ServiceError>,
) -> Result<HttpResponse, WebError> {
    let base = format!("/teams/{slug}/budgets/{id}/ideas/{idea}");
    redirect_or_reshow(
        result,
        |comment| comment_link(&base, page_query, comment),
        |errors| page(ctx, (slug, id, idea), page_query, &posted, errors),
    )
    .await
}

/// `POST /teams/{team}/budgets/{id}/ideas/{idea}/comments`.
pub async fn add(
    ctx: Ctx,
    path: web::Path<(String, i64, i64)>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    let form = form.into_inner();
    let subject = target(&slug, id, idea);
    let result = comments::add(ctx.db(), &subject, ctx.principal(), &form, ctx.now).await;
    after(&ctx, (&slug, id, idea), None, Posted::Add(form), result).await
}

/// `POST /teams/{team}/budgets/{id}/ideas/{idea}/comments/{comment}/edit`.
pub async fn edit(
    ctx: Ctx,
    path: web::Path<(String, i64, i64, i64)>,
    query: web::Query<PageQuery>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea, cid) = path.into_inner();
    let form = form.into_inner();
    let subject = target(&slug, id, idea);
    let result = comments::edit(ctx.db(), &subject, ctx.principal(), cid, &form, ctx.now)
        .await
        .map(|()| cid);
    let posted = Posted::Edit(cid, form);
    after(&ctx, (&slug, id, idea), query.page(), posted, result).await
}

/// `POST /teams/{team}/budgets/{id}/ideas/{idea}/comments/{comment}/hide`.
pub async fn hide(
    ctx: Ctx,
    path: web::Path<(String, i64, i64, i64)>,
    query: web::Query<PageQuery>,
    form: web::Form<HideForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea, cid) = path.into_inner();
    let reason = form.into_inner().reason;
    let subject = target(&slug, id, idea);
    let result = comments::hide(ctx.db(), &subject, ctx.principal(), cid, &reason, ctx.now)
        .await
        .map(|()| cid);
    let posted = Posted::Hide(cid, reason);
    after(&ctx, (&slug, id, idea), query.page(), posted, result).await
}
