//! The handlers every commented subject shares (show, add, edit, hide), written once and
//! instantiated per subject: an agenda proposal's page and a budget idea's page differ only in
//! what they show above the thread ([`CommentPage::render`]) and which [`Target`] the service
//! checks, so a fix to the comment flow reaches both.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};

use crate::service::ServiceError;
use crate::service::comments::{self, CommentForm, Target};
use crate::web::WebError;
use crate::web::comments::{HideForm, PageQuery, Posted, comment_link};
use crate::web::context::{Ctx, redirect_or_reshow};

/// A subject's own page with its comment thread, addressed as `…/{parent}/…/{id}` in a team.
#[expect(
    async_fn_in_trait,
    reason = "actix handlers run on one thread and need no Send bound"
)]
pub trait CommentPage: Sized {
    /// What the comments service authorizes, locks and checks the window of.
    type Subject<'a>: Target
    where
        Self: 'a;

    /// The id of the subject's parent (a meeting or a budget round).
    type Parent: serde::de::DeserializeOwned;

    /// The subject's own id (an agenda proposal's, a budget idea's).
    type Id: serde::de::DeserializeOwned;

    /// The page named by an address: team slug, parent and subject id.
    fn new(slug: String, parent: Self::Parent, id: Self::Id) -> Self;

    /// The subject for the comments service.
    fn subject(&self) -> Self::Subject<'_>;

    /// The page's address; the thread's links and forms start from it.
    fn base(&self) -> String;

    /// Renders the page: 200, or 422 with `posted` filled in again beside `errors`.
    async fn render(
        &self,
        ctx: &Ctx,
        page: Option<u64>,
        posted: &Posted,
        errors: BTreeMap<String, String>,
    ) -> Result<HttpResponse, WebError>;
}

/// `GET …/{id}`: the subject and one page of its thread.
pub async fn show<P: CommentPage>(
    ctx: Ctx,
    path: web::Path<(String, P::Parent, P::Id)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, parent, id) = path.into_inner();
    P::new(slug, parent, id)
        .render(&ctx, query.page(), &Posted::Nothing, BTreeMap::new())
        .await
}

/// `POST …/{id}/comments`.
pub async fn add<P: CommentPage>(
    ctx: Ctx,
    path: web::Path<(String, P::Parent, P::Id)>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, parent, id) = path.into_inner();
    let page = P::new(slug, parent, id);
    let form = form.into_inner();
    let result = comments::add(ctx.db(), &page.subject(), ctx.principal(), &form, ctx.now).await;
    after(&ctx, &page, None, Posted::Add(form), result).await
}

/// `POST …/{id}/comments/{comment}/edit`.
pub async fn edit<P: CommentPage>(
    ctx: Ctx,
    path: web::Path<(String, P::Parent, P::Id, i64)>,
    query: web::Query<PageQuery>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, parent, id, comment) = path.into_inner();
    let page = P::new(slug, parent, id);
    let form = form.into_inner();
    let result = comments::edit(
        ctx.db(),
        &page.subject(),
        ctx.principal(),
        comment,
        &form,
        ctx.now,
    )
    .await
    .map(|()| comment);
    let posted = Posted::Edit(comment, form);
    after(&ctx, &page, query.page(), posted, result).await
}

/// `POST …/{id}/comments/{comment}/hide` (leaders; the reason shows in the comment's place).
pub async fn hide<P: CommentPage>(
    ctx: Ctx,
    path: web::Path<(String, P::Parent, P::Id, i64)>,
    query: web::Query<PageQuery>,
    form: web::Form<HideForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, parent, id, comment) = path.into_inner();
    let page = P::new(slug, parent, id);
    let reason = form.into_inner().reason;
    let result = comments::hide(
        ctx.db(),
        &page.subject(),
        ctx.principal(),
        comment,
        &reason,
        ctx.now,
    )
    .await
    .map(|()| comment);
    let posted = Posted::Hide(comment, reason);
    after(&ctx, &page, query.page(), posted, result).await
}

/// After a comment form: back to the thread at the comment, or the page again with the
/// refusal (422, the form as typed).
async fn after<P: CommentPage>(
    ctx: &Ctx,
    page: &P,
    page_query: Option<u64>,
    posted: Posted,
    result: Result<i64, ServiceError>,
) -> Result<HttpResponse, WebError> {
    let base = page.base();
    redirect_or_reshow(
        ctx.lang(),
        result,
        |comment| comment_link(&base, page_query, comment),
        |errors| page.render(ctx, page_query, &posted, errors),
    )
    .await
}
