//! Help posts: the list with the "offer or request" form (`/teams/{team}/help`), one post with
//! its responses (`/teams/{team}/help/{id}`), responding and closing.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::auth::tokens::random_token;
use crate::domain::ledger::may_close;
use crate::service::ledger::posts::{self, PostForm, PostLine, ResponseForm};
use crate::web::pages::{field_errors, render, see_other};
use crate::web::visitor::{Layout, Visitor};
use crate::web::{AppState, WebError};

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
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    form: Option<&PostForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let (acc, posts) =
        posts::open_posts(&state.db.conn, visitor.principal(), slug, state.clock.now()).await?;
    let fresh = PostForm {
        idempotency_key: random_token(),
        ..PostForm::default()
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = HelpPage {
        title: format!("Help · {}", acc.team.name),
        layout: visitor.layout(),
        slug: acc.team.slug.clone(),
        team_name: acc.team.name.clone(),
        posts,
        unmet_after_days: acc.settings.unmet_after_days,
        form: form.unwrap_or(&fresh),
        errors,
    };
    render(state, status, "help.html", &page)
}

/// `GET /teams/{team}/help`.
pub async fn list(
    state: web::Data<AppState>,
    visitor: Visitor,
    slug: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    list_page(&state, &visitor, &slug, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/help`.
pub async fn create(
    state: web::Data<AppState>,
    visitor: Visitor,
    slug: web::Path<String>,
    form: web::Form<PostForm>,
) -> Result<HttpResponse, WebError> {
    match posts::create(
        &state.db.conn,
        visitor.principal(),
        &slug,
        &form,
        state.clock.now(),
    )
    .await
    {
        Ok(id) => Ok(see_other(&format!("/teams/{slug}/help/{id}"))),
        Err(error) => {
            let errors = field_errors(error)?;
            list_page(&state, &visitor, &slug, Some(&form), errors).await
        }
    }
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
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    id: i64,
    form: Option<&ResponseForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let (acc, post) = posts::post(
        &state.db.conn,
        visitor.principal(),
        slug,
        id,
        state.clock.now(),
    )
    .await?;
    let fresh = ResponseForm::default();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = PostPage {
        title: post.title.clone(),
        layout: visitor.layout(),
        slug: acc.team.slug.clone(),
        mine: post.author_id == acc.user_id,
        can_close: post.open && may_close(post.author_id, acc.user_id, acc.is_leader()),
        already_responded: post.responses.iter().any(|r| r.responder_id == acc.user_id),
        post,
        form: form.unwrap_or(&fresh),
        errors,
    };
    render(state, status, "help_post.html", &page)
}

/// `GET /teams/{team}/help/{id}`.
pub async fn show(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    post_page(&state, &visitor, &slug, id, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/help/{id}/responses`.
pub async fn respond(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64)>,
    form: web::Form<ResponseForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    match posts::respond(
        &state.db.conn,
        visitor.principal(),
        &slug,
        id,
        &form,
        state.clock.now(),
    )
    .await
    {
        Ok(()) => Ok(see_other(&format!("/teams/{slug}/help/{id}"))),
        Err(error) => {
            let errors = field_errors(error)?;
            post_page(&state, &visitor, &slug, id, Some(&form), errors).await
        }
    }
}

/// `POST /teams/{team}/help/{id}/close`.
pub async fn close(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    posts::close(
        &state.db.conn,
        visitor.principal(),
        &slug,
        id,
        state.clock.now(),
    )
    .await?;
    Ok(see_other(&format!("/teams/{slug}/help")))
}
