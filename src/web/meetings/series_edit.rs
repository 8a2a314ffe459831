//! Editing a recurring series (`/teams/{team}/series/{id}/edit`, leaders): the form filled
//! with the series' values, shown again as typed with its messages on bad input. Thin: parse,
//! call `service::series::edit`, render.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::domain::ids::SeriesId;
use crate::i18n;
use crate::service::series::{self, EditForm};
use crate::web::WebError;
use crate::web::context::{Ctx, redirect_or_reshow, status_for};
use crate::web::visitor::Layout;

use super::series::{Choice, cadence_choices, weekday_choices};

#[derive(Serialize)]
struct EditPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    team_zone: String,
    id: SeriesId,
    series_title: String,
    form: &'a EditForm,
    cadences: Vec<Choice>,
    weekdays: Vec<Choice>,
    errors: BTreeMap<String, String>,
}

async fn edit_page(
    ctx: &Ctx,
    slug: &str,
    id: SeriesId,
    typed: Option<&EditForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang();
    let (access, current) = series::edit_form(ctx.db(), ctx.principal(), slug, id).await?;
    let team = &access.team.team;
    let view = EditPage {
        title: i18n::text_with(lang, "rhe-title", &[("title", access.series.title.clone())]),
        layout: ctx.layout(),
        slug: team.slug.clone(),
        team_name: team.name.clone(),
        team_zone: team.time_zone.clone(),
        id,
        series_title: access.series.title.clone(),
        form: typed.unwrap_or(&current),
        cadences: cadence_choices(lang),
        weekdays: weekday_choices(lang),
        errors,
    };
    ctx.render(status_for(&view.errors), "series_edit.html", &view)
}

/// `GET /teams/{team}/series/{id}/edit` (leaders).
pub async fn edit_form(
    ctx: Ctx,
    path: web::Path<(String, SeriesId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    edit_page(&ctx, &slug, id, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/series/{id}/edit` (leaders): saves the series and applies it to the
/// occurrences nobody changed alone.
pub async fn update(
    ctx: Ctx,
    path: web::Path<(String, SeriesId)>,
    form: web::Form<EditForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = series::edit(ctx.db(), ctx.principal(), &slug, id, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |_| format!("/teams/{slug}/series/{id}"),
        |errors| edit_page(&ctx, &slug, id, Some(&form), errors),
    )
    .await
}
