//! The action log: the list with its filters and the "new action" form
//! (`/teams/{team}/actions`), the CSV export, one action with its history, status form and
//! comments (`/teams/{team}/actions/{id}`). Thin: parse, call `service::actions`, render.

use crate::domain::ids::ActionId;
use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::domain::action::Status;
use crate::i18n;
use crate::service::actions::{
    self, ActionForm, ActionLine, CommentForm, CommentLine, Filter, HistoryLine, StatusForm,
};
use crate::web::WebError;
use crate::web::context::{Ctx, redirect_or_reshow, status_for};
use crate::web::pages::download;
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct FilterLink {
    label: String,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct ActionsPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    filters: Vec<FilterLink>,
    filter: &'a Filter,
    csv_link: String,
    actions: Vec<ActionLine>,
    member_options: std::sync::Arc<crate::web::person_fields::MemberOptions>,
    form: &'a ActionForm,
    errors: BTreeMap<String, String>,
    today: String,
}

fn query_string(filter: &Filter) -> String {
    let mut parts = Vec::new();
    for (key, value) in [
        ("show", &filter.show),
        ("meeting", &filter.meeting),
        ("owner", &filter.owner),
    ] {
        if !value.trim().is_empty() {
            parts.push(format!("{key}={}", urlencoding(value.trim())));
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Filter values are ids and fixed words; anything else is dropped rather than echoed.
fn urlencoding(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

async fn list_page(
    ctx: &Ctx,
    slug: &str,
    filter: &Filter,
    form: Option<&ActionForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let (now, db) = (ctx.now, ctx.db());
    let (acc, lines) = actions::list(db, ctx.principal(), slug, filter, now).await?;
    let team = &acc.team.team;
    let base = format!("/teams/{}/actions", team.slug);
    let lang = ctx.lang();
    let filters = [
        ("fl-filter-all", ""),
        ("fl-filter-mine", "mine"),
        ("fl-filter-open", "open"),
        ("fl-filter-overdue", "overdue"),
        ("fl-filter-blocked", "blocked"),
    ]
    .into_iter()
    .map(|(key, show)| FilterLink {
        label: i18n::text(lang, key),
        href: format!(
            "{base}{}",
            query_string(&Filter {
                show: show.to_owned(),
                from_help: String::new(),
                ..filter.clone()
            })
        ),
        current: filter.show == show,
    })
    .collect();
    let fresh = ActionForm {
        owner_id: acc.user_id.to_string(),
        help_post_id: urlencoding(&filter.from_help),
        ..ActionForm::default()
    };
    let page = ActionsPage {
        title: i18n::text_with(lang, "fl-actions-title", &[("team", team.name.clone())]),
        layout: ctx.layout(),
        slug: team.slug.clone(),
        team_name: team.name.clone(),
        filters,
        filter,
        csv_link: format!("{base}.csv{}", query_string(filter)),
        actions: lines.into_iter().map(|l| l.in_lang(lang)).collect(),
        member_options: ctx.member_options(team.id, team.roster_version).await?,
        form: form.unwrap_or(&fresh),
        today: crate::format::iso(acc.team.zone.today(now)),
        errors,
    };
    ctx.render(status_for(&page.errors), "actions.html", &page)
}

/// `GET /teams/{team}/actions`.
pub async fn list(
    ctx: Ctx,
    slug: web::Path<String>,
    filter: web::Query<Filter>,
) -> Result<HttpResponse, WebError> {
    list_page(&ctx, &slug, &filter, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/actions`: outside a meeting, or from a help request.
pub async fn create(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<ActionForm>,
) -> Result<HttpResponse, WebError> {
    let delivery = crate::service::notices::Delivery::of(&ctx.state.settings);
    let result = actions::create(ctx.db(), ctx.principal(), &slug, &form, delivery, ctx.now).await;
    let filter = Filter::default();
    redirect_or_reshow(
        ctx.lang(),
        result,
        |id| format!("/teams/{slug}/actions/{id}"),
        |errors| list_page(&ctx, &slug, &filter, Some(&form), errors),
    )
    .await
}

/// `GET /teams/{team}/actions.csv` (with the list's filters).
pub async fn csv(
    ctx: Ctx,
    slug: web::Path<String>,
    filter: web::Query<Filter>,
) -> Result<HttpResponse, WebError> {
    let (acc, lines) = actions::list(ctx.db(), ctx.principal(), &slug, &filter, ctx.now).await?;
    let body = actions::export::actions_csv(&lines)?;
    Ok(download(
        &format!("{}-actions.csv", acc.team.team.slug),
        "text/csv; charset=utf-8",
        body,
    ))
}

/// A status choice of the form.
#[derive(Serialize)]
struct StatusChoice {
    value: &'static str,
    label: String,
}

#[derive(Serialize)]
struct ActionPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    action: ActionLine,
    history: Vec<HistoryLine>,
    comments: Vec<CommentLine>,
    may_change: bool,
    statuses: Vec<StatusChoice>,
    status_form: &'a StatusForm,
    comment_form: &'a CommentForm,
    errors: BTreeMap<String, String>,
}

async fn action_page(
    ctx: &Ctx,
    slug: &str,
    id: ActionId,
    forms: (Option<&StatusForm>, Option<&CommentForm>),
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang();
    let d = actions::detail(ctx.db(), ctx.principal(), slug, id, ctx.now, lang).await?;
    let fresh_status = StatusForm::default();
    let fresh_comment = CommentForm::default();
    let page = ActionPage {
        title: d.line.title.clone(),
        layout: ctx.layout(),
        slug: d.access.team.team.slug.clone(),
        team_name: d.access.team.team.name.clone(),
        statuses: Status::ALL
            .into_iter()
            .filter(|s| *s != d.line.status)
            .map(|s| StatusChoice {
                value: s.as_str(),
                label: s.word().render(lang),
            })
            .collect(),
        may_change: d.may_change && d.line.status.is_open(),
        action: d.line,
        history: d.history,
        comments: d.comments,
        status_form: forms.0.unwrap_or(&fresh_status),
        comment_form: forms.1.unwrap_or(&fresh_comment),
        errors,
    };
    ctx.render(status_for(&page.errors), "action.html", &page)
}

/// `GET /teams/{team}/actions/{id}`.
pub async fn show(ctx: Ctx, path: web::Path<(String, ActionId)>) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    action_page(&ctx, &slug, id, (None, None), BTreeMap::new()).await
}

/// `POST /teams/{team}/actions/{id}/status` (owner or leader).
pub async fn change_status(
    ctx: Ctx,
    path: web::Path<(String, ActionId)>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = actions::change_status(ctx.db(), ctx.principal(), &slug, id, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/actions/{id}"),
        |errors| action_page(&ctx, &slug, id, (Some(&form), None), errors),
    )
    .await
}

/// `POST /teams/{team}/actions/{id}/comments` (any member).
pub async fn comment(
    ctx: Ctx,
    path: web::Path<(String, ActionId)>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = actions::comment(ctx.db(), ctx.principal(), &slug, id, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |_| format!("/teams/{slug}/actions/{id}#comments"),
        |errors| action_page(&ctx, &slug, id, (None, Some(&form)), errors),
    )
    .await
}
