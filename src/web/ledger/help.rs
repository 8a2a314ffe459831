//! Help posts: the list with the "offer or request" form (`/teams/{team}/help`), one post with
//! its responses (`/teams/{team}/help/{id}`), responding and closing.

use crate::domain::ids::PostId;
use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::auth::tokens::random_token;
use crate::domain::ledger::may_close;
use crate::service::ledger::posts::{self, PostForm, PostLine, ResponseForm};
use crate::web::WebError;
use crate::web::context::{Ctx, redirect_or_reshow, status_for};
use crate::web::pages::see_other;
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct HelpPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    posts: Vec<PostLine>,
    unmet_after_days: i32,
    form: &'a PostForm,
    errors: BTreeMap<String, String>,
}

async fn list_page(
    ctx: &Ctx,
    slug: &str,
    form: Option<&PostForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let (acc, posts) =
        posts::open_posts(ctx.db(), ctx.principal(), slug, ctx.now, ctx.lang()).await?;
    let fresh = PostForm {
        idempotency_key: random_token(),
        ..PostForm::default()
    };
    let status = status_for(&errors);
    let page = HelpPage {
        title: crate::i18n::text_with(
            ctx.lang(),
            "fl-help-title",
            &[("team", acc.team.name.clone())],
        ),
        layout: ctx.layout(),
        slug: acc.team.slug.clone(),
        team_name: acc.team.name.clone(),
        posts,
        unmet_after_days: acc.settings.unmet_after_days,
        form: form.unwrap_or(&fresh),
        errors,
    };
    ctx.render(status, "help.html", &page)
}

/// `GET /teams/{team}/help`.
pub async fn list(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, WebError> {
    list_page(&ctx, &slug, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/help`.
pub async fn create(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<PostForm>,
) -> Result<HttpResponse, WebError> {
    let result = posts::create(ctx.db(), ctx.principal(), &slug, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |id| format!("/teams/{slug}/help/{id}"),
        |errors| list_page(&ctx, &slug, Some(&form), errors),
    )
    .await
}

#[derive(Serialize)]
struct PostPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    post: PostLine,
    mine: bool,
    can_close: bool,
    already_responded: bool,
    form: &'a ResponseForm,
    errors: BTreeMap<String, String>,
}

async fn post_page(
    ctx: &Ctx,
    slug: &str,
    id: PostId,
    form: Option<&ResponseForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let (acc, post) = posts::post(ctx.db(), ctx.principal(), slug, id, ctx.now, ctx.lang()).await?;
    let fresh = ResponseForm::default();
    let status = status_for(&errors);
    let page = PostPage {
        title: post.title.clone(),
        layout: ctx.layout(),
        slug: acc.team.slug.clone(),
        mine: post.author_id == acc.user_id,
        can_close: post.open && may_close(post.author_id, acc.user_id, acc.is_leader()),
        already_responded: post.responses.iter().any(|r| r.responder_id == acc.user_id),
        post,
        form: form.unwrap_or(&fresh),
        errors,
    };
    ctx.render(status, "help_post.html", &page)
}

/// `GET /teams/{team}/help/{id}`.
pub async fn show(ctx: Ctx, path: web::Path<(String, PostId)>) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    post_page(&ctx, &slug, id, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/help/{id}/responses`.
pub async fn respond(
    ctx: Ctx,
    path: web::Path<(String, PostId)>,
    form: web::Form<ResponseForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = posts::respond(ctx.db(), ctx.principal(), &slug, id, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/help/{id}"),
        |errors| post_page(&ctx, &slug, id, Some(&form), errors),
    )
    .await
}

/// `POST /teams/{team}/help/{id}/close`.
pub async fn close(ctx: Ctx, path: web::Path<(String, PostId)>) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    posts::close(ctx.db(), ctx.principal(), &slug, id, ctx.now).await?;
    Ok(see_other(&format!("/teams/{slug}/help")))
}
