//! One exchange (`/teams/{team}/ledger/exchanges/{id}`), seen by its two people and leaders,
//! and the moves on it: confirm, adjust minutes, dispute, resolve (leaders), reverse.

use crate::domain::ids::{ExchangeId, UserId};
use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::auth::tokens::random_token;
use crate::domain::ledger::Effective;
use crate::format;
use crate::i18n::{self, Lang};
use crate::service::ledger::exchanges::{self, MoveForm, MoveKind};
use crate::service::ledger::views;

use crate::web::WebError;
use crate::web::context::{Ctx, done_or_reshow, status_for};
use crate::web::flash::{self, Flash};
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct ExchangePage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    id: ExchangeId,
    helper: String,
    helped: String,
    minutes: String,
    minutes_value: i32,
    date: String,
    category: String,
    note: Option<String>,
    state: String,
    recorded_by: String,
    awaiting: Option<String>,
    expires: Option<String>,
    dispute_reason: Option<String>,
    resolution_note: Option<String>,
    reversal_reason: Option<String>,
    my_turn: bool,
    can_resolve: bool,
    can_reverse: bool,
    form: &'a MoveForm,
    errors: BTreeMap<String, String>,
}

async fn page(
    ctx: &Ctx,
    slug: &str,
    id: ExchangeId,
    form: Option<&MoveForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let db = ctx.db();
    let now = ctx.now;
    let detail = views::entry(db, ctx.principal(), slug, id, now).await?;
    let allowed = detail.allowed();
    let views::EntryDetail {
        access: acc,
        model: row,
        state: effective,
        people,
        reversal_reason,
        ..
    } = detail;
    let lang = ctx.lang();
    let name = |id: UserId| {
        people
            .get(&id)
            .cloned()
            .unwrap_or_else(|| i18n::text(lang, "fl-former-member"))
    };
    let fresh = MoveForm {
        minutes: row.minutes.to_string(),
        idempotency_key: random_token(),
        ..MoveForm::default()
    };
    let status = status_for(&errors);
    let page = ExchangePage {
        title: i18n::text_with(
            lang,
            "fl-exchange-title",
            &[
                ("helper", name(row.helper_id)),
                ("helped", name(row.helped_id)),
            ],
        ),
        layout: ctx.layout(),
        slug: acc.team.slug.clone(),
        id: row.id,
        helper: name(row.helper_id),
        helped: name(row.helped_id),
        minutes: format::minutes(i64::from(row.minutes)),
        minutes_value: row.minutes,
        date: format::date_in(row.occurred_on, lang),
        category: row.category.clone(),
        note: row.note.clone(),
        state: super::state_word(lang, effective),
        recorded_by: name(row.recorded_by),
        awaiting: (effective == Effective::Pending)
            .then(|| row.awaiting_id.map(name))
            .flatten(),
        expires: (effective == Effective::Pending)
            .then(|| {
                row.expires_at
                    .map(|at| format::date_time_in(at, acc.zone, lang))
            })
            .flatten(),
        dispute_reason: row.dispute_reason.clone(),
        resolution_note: row.resolution_note.clone(),
        reversal_reason,
        my_turn: allowed.answer,
        can_resolve: allowed.resolve,
        can_reverse: allowed.reverse,
        form: form.unwrap_or(&fresh),
        errors,
    };
    ctx.render(status, "ledger_exchange.html", &page)
}

/// `GET /teams/{team}/ledger/exchanges/{id}`.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, ExchangeId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    page(&ctx, &slug, id, None, BTreeMap::new()).await
}

async fn act(
    ctx: Ctx,
    path: web::Path<(String, ExchangeId)>,
    form: web::Form<MoveForm>,
    kind: MoveKind,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = exchanges::act(ctx.db(), ctx.principal(), &slug, id, kind, &form, ctx.now).await;
    done_or_reshow(
        ctx.lang(),
        result,
        |_| async {
            let lang = ctx.lang();
            let flash = Flash::says(moved(lang, kind)).then(
                i18n::text(lang, "fl-moved-next"),
                format!("/teams/{slug}/ledger/me#waiting"),
            );
            flash::redirect(
                &ctx,
                &flash,
                &format!("/teams/{slug}/ledger/exchanges/{id}"),
            )
        },
        |errors| page(&ctx, &slug, id, Some(&form), errors),
    )
    .await
}

/// The one-line confirmation of a move on an entry.
fn moved(lang: Lang, kind: MoveKind) -> String {
    let key = match kind {
        MoveKind::Confirm => "fl-moved-confirm",
        MoveKind::Adjust => "fl-moved-adjust",
        MoveKind::Dispute => "fl-moved-dispute",
        MoveKind::Resolve => "fl-moved-resolve",
        MoveKind::Reverse => "fl-moved-reverse",
    };
    i18n::text(lang, key)
}

/// `POST …/exchanges/{id}/confirm`.
pub async fn confirm(
    ctx: Ctx,
    path: web::Path<(String, ExchangeId)>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, WebError> {
    act(ctx, path, form, MoveKind::Confirm).await
}

/// `POST …/exchanges/{id}/adjust`.
pub async fn adjust(
    ctx: Ctx,
    path: web::Path<(String, ExchangeId)>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, WebError> {
    act(ctx, path, form, MoveKind::Adjust).await
}

/// `POST …/exchanges/{id}/dispute`.
pub async fn dispute(
    ctx: Ctx,
    path: web::Path<(String, ExchangeId)>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, WebError> {
    act(ctx, path, form, MoveKind::Dispute).await
}

/// `POST …/exchanges/{id}/resolve` (leaders).
pub async fn resolve(
    ctx: Ctx,
    path: web::Path<(String, ExchangeId)>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, WebError> {
    act(ctx, path, form, MoveKind::Resolve).await
}

/// `POST …/exchanges/{id}/reverse`.
pub async fn reverse(
    ctx: Ctx,
    path: web::Path<(String, ExchangeId)>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, WebError> {
    act(ctx, path, form, MoveKind::Reverse).await
}
