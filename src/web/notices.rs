//! The notification centre (`/notifications`), the account page's notification choices, and
//! the unsubscribe links in mail (which work without signing in).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::domain::notice::Kind;
use crate::service::ServiceError;
use crate::service::notices::{centre, prefs};
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
    let page = centre::page(ctx.db(), user.id, before, user.zone).await?;
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
                .map_err(|_| WebError::BadRequest("unknown notification".to_owned()))?,
        ),
    };
    let changed = centre::mark_read(ctx.db(), user.id, id, ctx.now).await?;
    let message = match (id, changed) {
        (Some(_), _) => "Marked as read.".to_owned(),
        (None, 0) => "Nothing was unread.".to_owned(),
        (None, 1) => "Marked 1 notification as read.".to_owned(),
        (None, n) => format!("Marked {n} notifications as read."),
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
            &Flash::says("Notification choices saved."),
            "/account#notifications",
        ),
        Err(ServiceError::Invalid(errors)) => {
            super::auth::account(&ctx, ctx.layout(), errors.into_map(), None, Some(&chosen)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Serialize)]
struct UnsubscribePage {
    title: &'static str,
    layout: Layout,
    token: String,
    kind: &'static str,
    done: bool,
}

fn kind_of(ctx: &Ctx, token: &str) -> Result<(crate::domain::ids::UserId, Kind), WebError> {
    ctx.state
        .unsubscribe
        .verify(token)
        .ok_or(WebError::NotFound)
}

/// `GET /unsubscribe/{token}`: says what the link stops and asks to confirm (a link scanner's
/// visit changes nothing).
pub async fn unsubscribe_page(
    ctx: Ctx,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let (_, kind) = kind_of(&ctx, &token)?;
    let view = UnsubscribePage {
        title: "Stop these emails",
        layout: ctx.layout(),
        token: token.into_inner(),
        kind: kind.label(),
        done: false,
    };
    ctx.render(StatusCode::OK, "unsubscribe.html", &view)
}

/// `POST /unsubscribe/{token}`: stops that kind of mail for that person (also the one-click
/// `List-Unsubscribe-Post` of RFC 8058, which mail programs send without cookies).
pub async fn unsubscribe(ctx: Ctx, token: web::Path<String>) -> Result<HttpResponse, WebError> {
    let (user_id, kind) = kind_of(&ctx, &token)?;
    prefs::unsubscribe(ctx.db(), user_id, kind).await?;
    let view = UnsubscribePage {
        title: "Emails stopped",
        layout: ctx.layout(),
        token: token.into_inner(),
        kind: kind.label(),
        done: true,
    };
    ctx.render(StatusCode::OK, "unsubscribe.html", &view)
}
