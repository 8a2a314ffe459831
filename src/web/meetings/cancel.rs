//! Cancelling a meeting from its page (leaders): a small form with a reason, shown again with
//! what was typed when refused, and undoing a cancellation before the meeting starts. The
//! rules live in `service::meetings::cancel`.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::domain::ids::MeetingId;
use crate::service::meetings::cancel::{self, CancelForm};
use crate::web::WebError;
use crate::web::context::{Ctx, redirect_or_reshow};
use crate::web::pages::see_other;

pub use crate::web::context::FieldMap;

/// The cancel form on the meeting page.
#[derive(Debug, Clone, Serialize)]
pub struct CancelView {
    /// What the leader typed (empty at first).
    pub reason: String,
    /// The problem with it, in the page's language.
    pub error: Option<String>,
}

impl CancelView {
    /// The form re-filled with `typed` and its problem from `errors`.
    pub fn new(typed: Option<&CancelForm>, errors: &FieldMap) -> Self {
        Self {
            reason: typed.map(|f| f.reason.clone()).unwrap_or_default(),
            error: errors.get("reason").cloned(),
        }
    }
}

/// `POST /teams/{team}/meetings/{id}/cancel` (leaders): cancels, then back to the meeting
/// page, which says it was cancelled. A missing or too short reason shows the page again (422).
pub async fn cancel(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    form: web::Form<CancelForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = cancel::cancel(ctx.db(), ctx.principal(), &slug, id, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/meetings/{id}"),
        |errors| super::page(&ctx, &slug, id, Some(&form), errors),
    )
    .await
}

/// `POST /teams/{team}/meetings/{id}/cancel/undo` (leaders, before the meeting starts).
pub async fn undo(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    cancel::undo(ctx.db(), ctx.principal(), &slug, id, ctx.now).await?;
    Ok(see_other(&format!("/teams/{slug}/meetings/{id}")))
}
