//! The notification centre (`/notifications`), the account page's notification choices, and
//! the unsubscribe links in mail (which work without signing in).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::domain::notice::Kind;
use crate::i18n::{text, text_with};
use crate::service::ServiceError;
use crate::service::notices::{self, centre, prefs};
use crate::web::WebError;
use crate::web::context::Ctx;
use crate::web::flash::{self, Flash};
use crate::web::visitor::Layout;

/// `?before=` pages back through older notifications.
#[derive(Debug, Deserialize)]
pub struct CentreQuery {
    before: Option<String>,
}

#[derive(Serialize)]
struct CentrePage {
    title: String,
    layout: Layout,
    page: centre::Page,
    /// Showing an older page (offers the way back to the newest).
    older_page: bool,
}

/// `GET /notifications`: every notification of the signed-in person, newest first.
pub async fn show(ctx: Ctx, query: web::Query<CentreQuery>) -> Result<HttpResponse, WebError> {
    let user = ctx.require_user()?;
    // A cursor that is not a number is treated as the first page, not refused.
    let before = query.before.as_deref().and_then(|b| b.parse::<i64>().ok());
    let page = centre::page(ctx.db(), user.id, before, user.zone, ctx.lang()).await?;
    let view = CentrePage {
        title: crate::i18n::text(ctx.visitor.lang, "notifications-heading"),
        layout: ctx.layout(),
        page,
        older_page: before.is_some(),
    };
    ctx.render(StatusCode::OK, "notifications.html", &view)
}

/// The "mark read" forms: one notification (`id`) or all.
#[derive(Debug, Deserialize)]
pub struct ReadForm {
    id: Option<String>,
}

/// `POST /notifications/read`.
pub async fn read(ctx: Ctx, form: web::Form<ReadForm>) -> Result<HttpResponse, WebError> {
    let user = ctx.require_user()?;
    let id = match form.id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            text.parse::<i64>()
                .map_err(|_| WebError::BadRequest(crate::i18n::Msg::new("notice-unknown")))?,
        ),
    };
    let changed = centre::mark_read(ctx.db(), user.id, id, ctx.now).await?;
    let lang = ctx.visitor.lang;
    let message = match (id, changed) {
        (Some(_), _) => text(lang, "st-notices-read-one"),
        (None, 0) => text(lang, "st-notices-read-none"),
        (None, 1) => text(lang, "st-notices-read-single"),
        (None, n) => text_with(lang, "st-notices-read-many", &[("count", n.to_string())]),
    };
    flash::redirect(&ctx, &Flash::says(message), "/notifications")
}

/// `POST /account/notifications`: the channel per kind.
pub async fn save_preferences(
    ctx: Ctx,
    form: web::Form<BTreeMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let user = ctx.require_user()?;
    let mut chosen = form.into_inner();
    chosen.remove("csrf_token");
    match prefs::save(ctx.db(), user.id, &chosen).await {
        Ok(()) => flash::redirect(
            &ctx,
            &Flash::says(text(ctx.visitor.lang, "st-notices-saved")),
            "/account#notifications",
        ),
        Err(ServiceError::Invalid(errors)) => {
            super::auth::account(
                &ctx,
                ctx.layout(),
                errors.in_language(ctx.lang()),
                None,
                Some(&chosen),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Serialize)]
struct UnsubscribePage {
    title: String,
    layout: Layout,
    token: String,
    kind: String,
    done: bool,
}

fn kind_of(ctx: &Ctx, token: &str) -> Result<(crate::domain::ids::UserId, Kind), WebError> {
    ctx.state
        .unsubscribe
        .verify(token)
        .ok_or(WebError::NotFound)
}

/// The unsubscribe page, in the language the link's person chose (they are known from the
/// signed link, signed in or not), else the visitor's.
async fn unsubscribe_view(
    ctx: &Ctx,
    user_id: crate::domain::ids::UserId,
    kind: Kind,
    token: String,
    done: bool,
) -> Result<HttpResponse, WebError> {
    let lang = notices::chosen_language(ctx.db(), user_id)
        .await?
        .unwrap_or(ctx.lang());
    let mut layout = ctx.layout();
    layout.lang = lang;
    let title = if done {
        text(lang, "st-unsub-done-heading")
    } else {
        text(lang, "st-unsub-title")
    };
    let view = UnsubscribePage {
        title,
        layout,
        token,
        kind: prefs::kind_name(kind, lang),
        done,
    };
    ctx.render(StatusCode::OK, "unsubscribe.html", &view)
}

/// `GET /unsubscribe/{token}`: says what the link stops and asks to confirm (a link scanner's
/// visit changes nothing).
pub async fn unsubscribe_page(
    ctx: Ctx,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let (user_id, kind) = kind_of(&ctx, &token)?;
    unsubscribe_view(&ctx, user_id, kind, token.into_inner(), false).await
}

/// `POST /unsubscribe/{token}`: stops that kind of mail for that person (also the one-click
/// `List-Unsubscribe-Post` of RFC 8058, which mail programs send without cookies).
pub async fn unsubscribe(ctx: Ctx, token: web::Path<String>) -> Result<HttpResponse, WebError> {
    let (user_id, kind) = kind_of(&ctx, &token)?;
    prefs::unsubscribe(ctx.db(), user_id, kind).await?;
    unsubscribe_view(&ctx, user_id, kind, token.into_inner(), true).await
}
