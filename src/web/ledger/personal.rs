//! My reciprocity (`/teams/{team}/ledger/me`): totals, entries waiting for an answer, thanks
//! and notifications, and the handlers whose forms live on that page (record help, thank,
//! hide or show thanks, mark notifications read), which show it again with errors.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::{EntryView, csv_response};
use crate::auth::tokens::random_token;
use crate::format;
use crate::i18n::{self, Lang};
use crate::service::ledger::exchanges::{self, ExchangeForm, Recorded};
use crate::service::ledger::thanks::{self, ThanksForm, ThanksLine};
use crate::service::ledger::views;
use crate::service::ledger::{Member, Reader, notify};
use crate::web::WebError;
use crate::web::context::{Ctx, redirect_or_reshow};
use crate::web::pages::see_other;
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct PeriodView {
    label: String,
    given: String,
    given_count: i64,
    received: String,
    received_count: i64,
}

#[derive(Serialize)]
struct PersonView {
    name: String,
    minutes: String,
    count: i64,
}

#[derive(Serialize)]
struct MyPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    periods: Vec<PeriodView>,
    index: Option<String>,
    waiting_for_me: Vec<EntryView>,
    waiting_for_them: Vec<EntryView>,
    mine: Vec<EntryView>,
    entries: EntriesPager,
    helped: Vec<PersonView>,
    helped_more: u64,
    helpers: Vec<PersonView>,
    helpers_more: u64,
    /// Large teams: one shared list of names for the person fields instead of a selector each.
    pick_by_name: bool,
    thanks: Vec<ThanksLine>,
    notifications: Vec<notify::Unread>,
    others: Vec<Member>,
    member_options: std::sync::Arc<crate::web::person_fields::MemberOptions>,
    is_leader: bool,
    sees_team: bool,
    today: String,
    earliest: String,
    form: &'a ExchangeForm,
    errors: BTreeMap<String, String>,
    thanks_form: &'a ThanksForm,
    thanks_errors: BTreeMap<String, String>,
    notice: Option<String>,
}

/// Where the person's entries stand in their pages, with links that work without JavaScript.
#[derive(Serialize)]
struct EntriesPager {
    total: u64,
    page: u64,
    pages: u64,
    first: u64,
    last: u64,
    prev: Option<String>,
    next: Option<String>,
}

impl EntriesPager {
    fn new(slug: &str, my: &views::MyLedger) -> Self {
        let link = |page: u64| format!("/teams/{slug}/ledger/me?page={page}#entries");
        let per_page = views::ENTRIES_PER_PAGE;
        let first = (my.page - 1) * per_page + 1;
        Self {
            total: my.entries,
            page: my.page,
            pages: my.pages,
            first: first.min(my.entries),
            last: (first + my.mine.len() as u64).saturating_sub(1),
            prev: (my.page > 1).then(|| link(my.page - 1)),
            next: (my.page < my.pages).then(|| link(my.page + 1)),
        }
    }
}

/// What the "my reciprocity" page was asked to show besides the data.
#[derive(Default)]
struct MyExtras<'a> {
    form: Option<&'a ExchangeForm>,
    errors: BTreeMap<String, String>,
    thanks_form: Option<&'a ThanksForm>,
    thanks_errors: BTreeMap<String, String>,
    notice: Option<String>,
    page: u64,
}

fn fresh_exchange_form() -> ExchangeForm {
    ExchangeForm {
        direction: "gave".to_owned(),
        idempotency_key: random_token(),
        ..ExchangeForm::default()
    }
}

fn fresh_thanks_form() -> ThanksForm {
    ThanksForm {
        idempotency_key: random_token(),
        ..ThanksForm::default()
    }
}

async fn my_page(ctx: &Ctx, slug: &str, extras: MyExtras<'_>) -> Result<HttpResponse, WebError> {
    let now = ctx.now;
    // Every read on one pooled connection (the page only reads).
    let reads = ctx.reads().await?;
    let db = &reads;
    let my = views::my_ledger(
        db,
        &ctx.state.rosters,
        ctx.principal(),
        slug,
        now,
        extras.page.max(1),
    )
    .await?;
    let pick_by_name =
        my.members.len().saturating_sub(1) > crate::web::person_fields::PICK_BY_NAME_ABOVE;
    let team = &my.access.team;
    let lang = ctx.lang();
    let reader = Reader::of(&my.access, lang);
    let thanks = thanks::received(db, team.id, my.access.user_id, reader).await?;
    let notifications = notify::unread(db, my.access.user_id, team.id, reader).await?;
    let fresh = fresh_exchange_form();
    let fresh_thanks = fresh_thanks_form();
    let status = if extras.errors.is_empty() && extras.thanks_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let today = my.access.zone.today(now);
    let page = MyPage {
        title: i18n::text_with(lang, "fl-me-title", &[("team", team.name.clone())]),
        layout: ctx.layout(),
        slug: team.slug.clone(),
        team_name: team.name.clone(),
        periods: my
            .periods
            .iter()
            .map(|p| PeriodView {
                label: period_label(lang, p.span),
                given: format::minutes(p.totals.given_minutes),
                given_count: p.totals.given_count,
                received: format::minutes(p.totals.received_minutes),
                received_count: p.totals.received_count,
            })
            .collect(),
        index: my.index.map(|i| super::index_in(i, lang)),
        waiting_for_me: my
            .waiting_for_me
            .iter()
            .map(|e| EntryView::new(e, lang))
            .collect(),
        waiting_for_them: my
            .waiting_for_them
            .iter()
            .map(|e| EntryView::new(e, lang))
            .collect(),
        mine: my.mine.iter().map(|e| EntryView::new(e, lang)).collect(),
        entries: EntriesPager::new(&team.slug, &my),
        helped: people(&my.helped),
        helped_more: my.helped_total.saturating_sub(my.helped.len() as u64),
        helpers: people(&my.helpers),
        helpers_more: my.helpers_total.saturating_sub(my.helpers.len() as u64),
        pick_by_name,
        thanks,
        notifications,
        // The selectors of small teams list everyone but the reader; larger teams type a name
        // from the one shared list.
        others: if pick_by_name {
            Vec::new()
        } else {
            my.members
                .iter()
                .filter(|m| m.id != my.access.user_id)
                .cloned()
                .collect()
        },
        member_options: ctx.member_options(team.id, team.roster_version).await?,
        is_leader: my.access.is_leader(),
        sees_team: my.sees_team,
        today: format::iso(today),
        earliest: format::iso(today - time::Duration::days(crate::domain::ledger::MAX_AGE_DAYS)),
        form: extras.form.unwrap_or(&fresh),
        errors: extras.errors,
        thanks_form: extras.thanks_form.unwrap_or(&fresh_thanks),
        thanks_errors: extras.thanks_errors,
        notice: extras.notice,
    };
    drop(reads);
    ctx.render(status, "ledger_me.html", &page)
}

fn people(list: &[views::Counterpart]) -> Vec<PersonView> {
    list.iter()
        .map(|c| PersonView {
            name: c.name.clone(),
            minutes: format::minutes(c.minutes),
            count: c.count,
        })
        .collect()
}

/// Query of the personal page (a notice after a redirect, the page of entries).
#[derive(Debug, Default, Deserialize)]
pub struct MyQuery {
    #[serde(default)]
    done: Option<String>,
    /// Kept as text: a number or `last`; anything else shows the first page rather than an
    /// error.
    #[serde(default)]
    page: Option<String>,
}

/// A period of the totals table in the page's language.
fn period_label(lang: Lang, span: views::Span) -> String {
    let key = match span {
        views::Span::Recent => "fl-period-recent",
        views::Span::Term => "fl-period-term",
        views::Span::All => "fl-period-all",
    };
    i18n::text(lang, key)
}

fn notice(lang: Lang, done: Option<&str>) -> Option<String> {
    let key = match done {
        Some("recorded") => "fl-me-recorded",
        Some("pending") => "fl-me-pending",
        Some("thanked") => "fl-me-thanked",
        _ => return None,
    };
    Some(i18n::text(lang, key))
}

/// `GET /teams/{team}/ledger/me`.
pub async fn me(
    ctx: Ctx,
    slug: web::Path<String>,
    query: web::Query<MyQuery>,
) -> Result<HttpResponse, WebError> {
    let extras = MyExtras {
        notice: notice(ctx.lang(), query.done.as_deref()),
        page: query
            .page
            .as_deref()
            .and_then(crate::web::paging::requested)
            .unwrap_or(1),
        ..MyExtras::default()
    };
    my_page(&ctx, &slug, extras).await
}

/// `GET /teams/{team}/ledger/me.csv`: the caller's own entries.
pub async fn me_csv(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, WebError> {
    Ok(my_csv_file(ctx.db(), ctx.principal(), &slug, ctx.now).await?)
}

/// The caller's own entries as a CSV download (the web's export and the API's).
pub async fn my_csv_file(
    db: &impl sea_orm::ConnectionTrait,
    principal: crate::access::Principal,
    slug: &str,
    now: time::OffsetDateTime,
) -> crate::service::Result<HttpResponse> {
    let my = views::my_entries(db, principal, slug, now).await?;
    let body = views::my_csv(&my)?;
    Ok(csv_response(
        &format!("{}-my-ledger.csv", my.access.team.slug),
        body,
    ))
}

/// `POST /teams/{team}/ledger/exchanges`.
pub async fn record(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<ExchangeForm>,
) -> Result<HttpResponse, WebError> {
    let result = exchanges::record(ctx.db(), ctx.principal(), &slug, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |Recorded { status, .. }| {
            let done = if status == crate::domain::ledger::Status::Pending {
                "pending"
            } else {
                "recorded"
            };
            format!("/teams/{slug}/ledger/me?done={done}")
        },
        |errors| {
            let extras = MyExtras {
                form: Some(&form),
                errors,
                ..MyExtras::default()
            };
            my_page(&ctx, &slug, extras)
        },
    )
    .await
}

/// `POST /teams/{team}/thanks`.
pub async fn thank(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<ThanksForm>,
) -> Result<HttpResponse, WebError> {
    let result = thanks::thank(ctx.db(), ctx.principal(), &slug, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/ledger/me?done=thanked"),
        |thanks_errors| {
            let extras = MyExtras {
                thanks_form: Some(&form),
                thanks_errors,
                ..MyExtras::default()
            };
            my_page(&ctx, &slug, extras)
        },
    )
    .await
}

/// `POST /teams/{team}/thanks/{id}/hide` and `/show`.
pub async fn hide_thanks(
    ctx: Ctx,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, WebError> {
    set_hidden(ctx, path, true).await
}

/// `POST /teams/{team}/thanks/{id}/show`.
pub async fn show_thanks(
    ctx: Ctx,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, WebError> {
    set_hidden(ctx, path, false).await
}

async fn set_hidden(
    ctx: Ctx,
    path: web::Path<(String, i64)>,
    hidden: bool,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    thanks::set_hidden(ctx.db(), ctx.principal(), &slug, id, hidden, ctx.now).await?;
    Ok(see_other(&format!("/teams/{slug}/ledger/me#thanks")))
}

/// `POST /teams/{team}/ledger/notifications/read`.
pub async fn read_notifications(
    ctx: Ctx,
    slug: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    notify::mark_read(ctx.db(), ctx.principal(), &slug, ctx.now).await?;
    Ok(see_other(&format!("/teams/{slug}/ledger/me")))
}
