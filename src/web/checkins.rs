//! Weekly check-ins (`/teams/{team}/checkins`): the team's week (this one or a past one,
//! `?week=2026-W48`), how many have checked in (leaders: who has not), and the caller's own
//! form for this week. Thin: parse, call `service::checkins`, render.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::i18n::{self, Msg};
use crate::service::checkins::week::{ActionChoice, EntryLine, Missing};
use crate::service::checkins::{self, CheckinForm, WeekQuery};
use crate::web::WebError;
use crate::web::context::{Ctx, done_or_reshow, status_for};
use crate::web::flash::{self, Flash};
use crate::web::paging::Pager;
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct CheckinsPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    /// "week of 30 November".
    week_words: String,
    /// `2026-W49`.
    week_label: String,
    is_current: bool,
    /// Address of the week before, and of the week after if it has begun.
    previous_link: String,
    next_link: Option<String>,
    this_week_link: String,
    /// "3 of 12 members have checked in".
    progress: String,
    entries: Vec<EntryLine>,
    pager: Pager,
    missing: Option<Missing>,
    /// This week's form (empty for past weeks).
    form: Option<&'a CheckinForm>,
    /// Whether the caller already checked in this week (the form then edits).
    editing: bool,
    actions: Vec<ActionChoice>,
    more_actions: bool,
    errors: BTreeMap<String, String>,
}

async fn page(
    ctx: &Ctx,
    slug: &str,
    query: &WeekQuery,
    typed: Option<&CheckinForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang();
    let view = checkins::week_view(
        ctx.db(),
        &ctx.state.rosters,
        ctx.principal(),
        slug,
        query,
        ctx.now,
        lang,
    )
    .await?;
    let team = &view.access.team.team;
    let base = format!("/teams/{}/checkins", team.slug);
    let stored = view.mine.as_ref().map(CheckinForm::of).unwrap_or_default();
    let is_current = view.is_current();
    let page = CheckinsPage {
        title: i18n::text_with(lang, "ci-title", &[("team", team.name.clone())]),
        layout: ctx.layout(),
        slug: team.slug.clone(),
        team_name: team.name.clone(),
        week_words: view.week_words.clone(),
        week_label: view.week.label(),
        is_current,
        previous_link: format!("{base}?week={}", view.previous),
        next_link: view.next.as_ref().map(|w| format!("{base}?week={w}")),
        this_week_link: base.clone(),
        progress: Msg::new("ci-progress")
            .arg("done", view.checked_in)
            .arg("members", view.members)
            .render(lang),
        entries: view.entries,
        pager: view.pager,
        missing: view.missing,
        form: is_current.then_some(typed.unwrap_or(&stored)),
        editing: view.mine.is_some(),
        actions: view.actions,
        more_actions: view.more_actions,
        errors,
    };
    ctx.render(status_for(&page.errors), "checkins.html", &page)
}

/// `GET /teams/{team}/checkins[?week=2026-W48&page=2&missing=2]`.
pub async fn show(
    ctx: Ctx,
    slug: web::Path<String>,
    query: web::Query<WeekQuery>,
) -> Result<HttpResponse, WebError> {
    page(&ctx, &slug, &query, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/checkins`: writes or changes the caller's check-in of this week.
pub async fn save(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<CheckinForm>,
) -> Result<HttpResponse, WebError> {
    let result = checkins::save(ctx.db(), ctx.principal(), &slug, &form, ctx.now).await;
    let lang = ctx.lang();
    let this_week = WeekQuery::default();
    done_or_reshow(
        lang,
        result,
        |saved| {
            let key = if saved.created {
                "ci-saved"
            } else {
                "ci-updated"
            };
            let to = format!("/teams/{slug}/checkins#mine");
            std::future::ready(flash::redirect(
                &ctx,
                &Flash::says(i18n::text(lang, key)),
                &to,
            ))
        },
        |errors| page(&ctx, &slug, &this_week, Some(&form), errors),
    )
    .await
}
