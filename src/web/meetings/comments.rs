//! An agenda proposal's own page: the item and its comment thread, with the forms to comment,
//! edit one's own comment and (leaders) hide one with a reason. The proposals list shows only
//! a count and a link here, so its cost does not grow with the discussion.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::service::ServiceError;
use crate::service::comments::agenda::AgendaProposal;
use crate::service::comments::{self, CommentForm, Intent};
use crate::service::meetings::{self, proposals};
use crate::web::WebError;
use crate::web::comments::{HideForm, PageQuery, Posted, ThreadView, comment_link};
use crate::web::context::{Ctx, redirect_or_reshow};
use crate::web::meetings::proposals::status_note;
use crate::web::meetings::{MeetingHeader, header};
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct ItemView {
    id: i64,
    title: String,
    why: String,
    minutes: i32,
    author: String,
    mine: bool,
    note: Option<String>,
}

#[derive(Serialize)]
struct ProposalPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    proposal: ItemView,
    thread: ThreadView,
}

fn target(slug: &str, meeting_id: i64, proposal_id: i64) -> AgendaProposal<'_> {
    AgendaProposal {
        slug,
        meeting_id,
        proposal_id,
    }
}

async fn page(
    ctx: &Ctx,
    (slug, id, pid): (&str, i64, i64),
    page: Option<u64>,
    posted: &Posted,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let db = ctx.db();
    let now = ctx.now;
    let principal = ctx.principal();
    let subject = target(slug, id, pid);
    let (access, row) = subject.load(db, principal, Intent::Read).await?;
    let thread = comments::thread(db, &subject, principal, page, now).await?;
    let merged_into = match row.merged_into {
        Some(into) => proposals::all(db, id)
            .await?
            .into_iter()
            .find(|p| p.id == into)
            .map(|p| p.title),
        None => None,
    };
    let base = format!("/teams/{slug}/meetings/{id}/proposals/{pid}");
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = ProposalPage {
        title: format!("{}: {}", row.title, access.meeting.title),
        layout: ctx.layout(),
        meeting: header(ctx, &access, now).await?,
        proposal: ItemView {
            id: row.id,
            note: status_note(&row, merged_into.as_deref()),
            title: row.title,
            why: row.why,
            minutes: row.minutes,
            author: meetings::name_of(db, row.author_id).await?,
            mine: row.author_id.is_some() && row.author_id == principal.user_id,
        },
        thread: ThreadView::new(thread, &base, format!("{base}/comments"), posted, errors),
    };
    ctx.render(status, "proposal.html", &view)
}

/// `GET /teams/{team}/meetings/{id}/proposals/{proposal}`.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, i64, i64)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, pid) = path.into_inner();
    page(
        &ctx,
        (&slug, id, pid),
        query.page(),
        &Posted::Nothing,
        BTreeMap::new(),
    )
    .await
}

/// After a comment form: back to the thread at the comment, or the page again with the
/// refusal (422, the form as typed).
async fn after(
    ctx: &Ctx,
    (slug, id, pid): (&str, i64, i64),
    page_query: Option<u64>,
    posted: Posted,
    result: Result<i64, ServiceError>,
) -> Result<HttpResponse, WebError> {
    let base = format!("/teams/{slug}/meetings/{id}/proposals/{pid}");
    redirect_or_reshow(
        result,
        |comment| comment_link(&base, page_query, comment),
        |errors| page(ctx, (slug, id, pid), page_query, &posted, errors),
    )
    .await
}

/// `POST /teams/{team}/meetings/{id}/proposals/{proposal}/comments`.
pub async fn add(
    ctx: Ctx,
    path: web::Path<(String, i64, i64)>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, pid) = path.into_inner();
    let form = form.into_inner();
    let result = comments::add(
        ctx.db(),
        &target(&slug, id, pid),
        ctx.principal(),
        &form,
        ctx.now,
    )
    .await;
    after(&ctx, (&slug, id, pid), None, Posted::Add(form), result).await
}

/// `POST /teams/{team}/meetings/{id}/proposals/{proposal}/comments/{comment}/edit`.
pub async fn edit(
    ctx: Ctx,
    path: web::Path<(String, i64, i64, i64)>,
    query: web::Query<PageQuery>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, pid, cid) = path.into_inner();
    let form = form.into_inner();
    let result = comments::edit(
        ctx.db(),
        &target(&slug, id, pid),
        ctx.principal(),
        cid,
        &form,
        ctx.now,
    )
    .await
    .map(|()| cid);
    let posted = Posted::Edit(cid, form);
    after(&ctx, (&slug, id, pid), query.page(), posted, result).await
}

/// `POST /teams/{team}/meetings/{id}/proposals/{proposal}/comments/{comment}/hide`.
pub async fn hide(
    ctx: Ctx,
    path: web::Path<(String, i64, i64, i64)>,
    query: web::Query<PageQuery>,
    form: web::Form<HideForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, pid, cid) = path.into_inner();
    let reason = form.into_inner().reason;
    let result = comments::hide(
        ctx.db(),
        &target(&slug, id, pid),
        ctx.principal(),
        cid,
        &reason,
        ctx.now,
    )
    .await
    .map(|()| cid);
    let posted = Posted::Hide(cid, reason);
    after(&ctx, (&slug, id, pid), query.page(), posted, result).await
}
