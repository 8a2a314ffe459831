//! Recurring meetings (`/teams/{team}/series…`): the list with the away dates, the form for a
//! new series, one series with its next occurrences and rota, swaps, cancelling one occurrence
//! and ending the series. Thin: parse, call `service::series`, render.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::domain::ids::{OccurrenceId, SeriesId};
use crate::domain::series::Cadence;
use crate::i18n::{self, Lang};
use crate::service::series::{
    self, AwayForm, CancelForm, SeriesForm, SwapForm,
    pages::{AwayLine, OccurrenceLine, SeriesLine, SwapLine, role_name},
};
use crate::web::WebError;
use crate::web::context::{Ctx, redirect_or_reshow, status_for};
use crate::web::paging::{PageQuery, Pager};
use crate::web::visitor::Layout;

/// One option of a selector on the series forms.
#[derive(Serialize)]
pub(super) struct Choice {
    value: String,
    label: String,
}

/// The cadences, named in `lang`, for the series forms.
pub(super) fn cadence_choices(lang: Lang) -> Vec<Choice> {
    Cadence::ALL
        .into_iter()
        .map(|c| Choice {
            value: c.as_str().to_owned(),
            label: i18n::text(
                lang,
                match c {
                    Cadence::Weekly => "rh-cadence-weekly",
                    Cadence::Fortnightly => "rh-cadence-fortnightly",
                },
            ),
        })
        .collect()
}

/// The weekdays, Monday (1) first, named in `lang`, for the series forms.
pub(super) fn weekday_choices(lang: Lang) -> Vec<Choice> {
    WEEKDAYS
        .iter()
        .enumerate()
        .map(|(i, key)| Choice {
            value: (i + 1).to_string(),
            label: i18n::text(lang, key),
        })
        .collect()
}

#[derive(Serialize)]
struct ListPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    series: Vec<SeriesLine>,
    /// `page`, `pages`, `prev`, `next`.
    #[serde(flatten)]
    pager: Pager,
    away: Vec<AwayLine>,
    member_options: std::sync::Arc<crate::web::person_fields::MemberOptions>,
    is_leader: bool,
    today: String,
    away_form: &'a AwayForm,
    errors: BTreeMap<String, String>,
}

async fn list_page(
    ctx: &Ctx,
    slug: &str,
    page: u64,
    form: Option<&AwayForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang();
    let data = series::list(ctx.db(), ctx.principal(), slug, page, ctx.now, lang).await?;
    let team = &data.access.team;
    let base = format!("/teams/{}/series", team.slug);
    let pager = Pager::new(data.page, data.pages, |p| format!("{base}?page={p}"));
    let fresh = AwayForm::default();
    let view = ListPage {
        title: i18n::text_with(lang, "rh-list-title", &[("team", team.name.clone())]),
        layout: ctx.layout(),
        slug: team.slug.clone(),
        team_name: team.name.clone(),
        series: data.series,
        pager,
        away: data.away,
        member_options: ctx.member_options(team.id, team.roster_version).await?,
        is_leader: data.is_leader,
        today: data.today,
        away_form: form.unwrap_or(&fresh),
        errors,
    };
    ctx.render(status_for(&view.errors), "series_list.html", &view)
}

/// `GET /teams/{team}/series`.
pub async fn list(
    ctx: Ctx,
    slug: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    list_page(&ctx, &slug, query.number(), None, BTreeMap::new()).await
}

/// `POST /teams/{team}/series/away`: mark oneself (or, leaders, a member) away.
pub async fn mark_away(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<AwayForm>,
) -> Result<HttpResponse, WebError> {
    let result = series::mark_away(ctx.db(), ctx.principal(), &slug, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/series#away"),
        |errors| list_page(&ctx, &slug, 1, Some(&form), errors),
    )
    .await
}

/// `POST /teams/{team}/series/away/{id}/remove`.
pub async fn remove_away(
    ctx: Ctx,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    series::remove_away(ctx.db(), ctx.principal(), &slug, id, ctx.now).await?;
    Ok(crate::web::pages::see_other(&format!(
        "/teams/{slug}/series#away"
    )))
}

#[derive(Serialize)]
struct FormPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    team_zone: String,
    form: &'a SeriesForm,
    cadences: Vec<Choice>,
    weekdays: Vec<Choice>,
    errors: BTreeMap<String, String>,
}

async fn form_page(
    ctx: &Ctx,
    slug: &str,
    typed: Option<&SeriesForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang();
    let (access, fresh) = series::new_form(ctx.db(), ctx.principal(), slug, ctx.now, lang).await?;
    let view = FormPage {
        title: i18n::text(lang, "rh-new-title"),
        layout: ctx.layout(),
        slug: access.team.slug.clone(),
        team_name: access.team.name.clone(),
        team_zone: access.team.time_zone.clone(),
        form: typed.unwrap_or(&fresh),
        cadences: cadence_choices(lang),
        weekdays: weekday_choices(lang),
        errors,
    };
    ctx.render(status_for(&view.errors), "series_form.html", &view)
}

const WEEKDAYS: [&str; 7] = [
    "rh-weekday-1",
    "rh-weekday-2",
    "rh-weekday-3",
    "rh-weekday-4",
    "rh-weekday-5",
    "rh-weekday-6",
    "rh-weekday-7",
];

/// `GET /teams/{team}/series/new` (leaders).
pub async fn new_form(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, WebError> {
    form_page(&ctx, &slug, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/series` (leaders): creates the series and its next occurrences.
pub async fn create(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<SeriesForm>,
) -> Result<HttpResponse, WebError> {
    let result = series::create(ctx.db(), ctx.principal(), &slug, &form, ctx.now, ctx.lang()).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |id| format!("/teams/{slug}/series/{id}"),
        |errors| form_page(&ctx, &slug, Some(&form), errors),
    )
    .await
}

#[derive(Serialize)]
struct ShowPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    id: SeriesId,
    series_title: String,
    purpose_template: String,
    rhythm: String,
    windows: String,
    ended: bool,
    next: Vec<OccurrenceLine>,
    past: Vec<OccurrenceLine>,
    /// The past occurrences' pages.
    past_pager: Pager,
    swaps: Vec<SwapLine>,
    member_options: std::sync::Arc<crate::web::person_fields::MemberOptions>,
    roles: Vec<Choice>,
    is_leader: bool,
    swap_form: &'a SwapForm,
    cancel_form: &'a CancelForm,
    errors: BTreeMap<String, String>,
}

async fn show_page(
    ctx: &Ctx,
    slug: &str,
    id: SeriesId,
    past_page: u64,
    forms: (Option<&SwapForm>, Option<&CancelForm>),
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang();
    let data = series::page(
        ctx.db(),
        ctx.principal(),
        slug,
        id,
        past_page,
        ctx.now,
        lang,
    )
    .await?;
    let team = &data.access.team.team;
    let base = format!("/teams/{}/series/{id}", team.slug);
    let past_pager = Pager::new(data.past_page, data.past_pages, |p| {
        format!("{base}?page={p}#past")
    });
    let fresh_swap = SwapForm::default();
    let fresh_cancel = CancelForm::default();
    let s = &data.access.series;
    let view = ShowPage {
        title: i18n::text_with(lang, "rh-series-title", &[("title", s.title.clone())]),
        layout: ctx.layout(),
        slug: team.slug.clone(),
        team_name: team.name.clone(),
        id,
        series_title: s.title.clone(),
        purpose_template: s.purpose_template.clone(),
        rhythm: data.rhythm,
        windows: data.windows,
        ended: s.ended_at.is_some(),
        next: data.next,
        past: data.past,
        past_pager,
        swaps: data.swaps,
        member_options: ctx.member_options(team.id, team.roster_version).await?,
        roles: data
            .roles
            .iter()
            .map(|r| Choice {
                value: r.as_str().to_owned(),
                label: role_name(*r, lang),
            })
            .collect(),
        is_leader: data.is_leader,
        swap_form: forms.0.unwrap_or(&fresh_swap),
        cancel_form: forms.1.unwrap_or(&fresh_cancel),
        errors,
    };
    ctx.render(status_for(&view.errors), "series.html", &view)
}

/// `GET /teams/{team}/series/{id}`: tops the series up, then shows it.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, SeriesId)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    show_page(
        &ctx,
        &slug,
        id,
        query.number(),
        (None, None),
        BTreeMap::new(),
    )
    .await
}

/// `POST /teams/{team}/series/{id}/swap`.
pub async fn swap(
    ctx: Ctx,
    path: web::Path<(String, SeriesId)>,
    form: web::Form<SwapForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = series::swap(ctx.db(), ctx.principal(), &slug, id, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/series/{id}#swaps"),
        |errors| show_page(&ctx, &slug, id, 1, (Some(&form), None), errors),
    )
    .await
}

/// `POST /teams/{team}/series/{id}/occurrences/{occurrence}/cancel` (leaders).
pub async fn cancel(
    ctx: Ctx,
    path: web::Path<(String, SeriesId, OccurrenceId)>,
    form: web::Form<CancelForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, occurrence) = path.into_inner();
    let result = series::cancel_occurrence(
        ctx.db(),
        ctx.principal(),
        &slug,
        id,
        occurrence,
        &form,
        ctx.now,
    )
    .await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/series/{id}"),
        |errors| show_page(&ctx, &slug, id, 1, (None, Some(&form)), errors),
    )
    .await
}

/// `POST /teams/{team}/series/{id}/end` (leaders).
pub async fn end(ctx: Ctx, path: web::Path<(String, SeriesId)>) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    series::end_series(ctx.db(), ctx.principal(), &slug, id, ctx.now).await?;
    Ok(crate::web::pages::see_other(&format!(
        "/teams/{slug}/series/{id}"
    )))
}
