//! Role maps: the team's list with the "new role map" form (`/teams/{team}/roles`), and one
//! map with its milestones, edit forms, publish/close buttons and history
//! (`/teams/{team}/roles/{id}`). Thin: parse, call `service::role_maps`, render.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::domain::ids::{MilestoneId, RoleMapId, UserId};
use crate::domain::role_map::Rights;
use crate::i18n;
use crate::service::role_maps::{
    self, DoneForm, MapForm, MilestoneForm, MilestoneLine, VersionLine,
};
use crate::web::WebError;
use crate::web::context::{Ctx, FieldMap, redirect_or_reshow, status_for};
use crate::web::paging::{PageQuery, Pager};
use crate::web::person_fields;
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct MapsPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    rows: Vec<role_maps::MapRow>,
    total: u64,
    /// `page`, `pages`, `prev`, `next`.
    #[serde(flatten)]
    pager: Pager,
    member_options: std::sync::Arc<crate::web::person_fields::MemberOptions>,
    form: &'a MapForm,
    errors: FieldMap,
}

async fn list_page(
    ctx: &Ctx,
    slug: &str,
    page: Option<u64>,
    form: Option<&MapForm>,
    errors: FieldMap,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang();
    let list = role_maps::list(ctx.db(), ctx.principal(), slug, page, lang).await?;
    let team = &list.access.team.team;
    let base = format!("/teams/{}/roles", team.slug);
    let fresh = MapForm {
        owner_id: list.access.user_id.to_string(),
        ..MapForm::default()
    };
    let view = MapsPage {
        title: i18n::text_with(lang, "rm-list-title", &[("team", team.name.clone())]),
        layout: ctx.layout(),
        slug: team.slug.clone(),
        team_name: team.name.clone(),
        pager: Pager::new(list.page, list.pages, |p| format!("{base}?page={p}")),
        rows: list.rows,
        total: list.total,
        member_options: ctx.member_options(team.id, team.roster_version).await?,
        form: form.unwrap_or(&fresh),
        errors,
    };
    ctx.render(status_for(&view.errors), "role_maps.html", &view)
}

/// `GET /teams/{team}/roles`.
pub async fn list(
    ctx: Ctx,
    slug: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    list_page(&ctx, &slug, query.page(), None, FieldMap::new()).await
}

/// `POST /teams/{team}/roles`: a new draft (any member).
pub async fn create(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<MapForm>,
) -> Result<HttpResponse, WebError> {
    let result = role_maps::create(ctx.db(), ctx.principal(), &slug, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |id| format!("/teams/{slug}/roles/{id}"),
        |errors| list_page(&ctx, &slug, None, Some(&form), errors),
    )
    .await
}

/// Which form of the map page a refused input belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    None,
    Map,
    New,
    Milestone(MilestoneId),
}

#[derive(Serialize)]
struct MapView {
    id: RoleMapId,
    title: String,
    outcome: String,
    owner: String,
    owner_id: UserId,
    status: &'static str,
    status_word: String,
    version: i32,
}

#[derive(Serialize)]
struct MilestoneView {
    #[serde(flatten)]
    line: MilestoneLine,
    /// The edit form's values: what was typed when refused, else the stored ones.
    form: MilestoneForm,
    errors: FieldMap,
}

#[derive(Serialize)]
struct MapPage {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    map: MapView,
    milestones: Vec<MilestoneView>,
    rights: Rights,
    may_move: bool,
    history: Vec<VersionLine>,
    history_total: u64,
    history_more: bool,
    member_options: std::sync::Arc<crate::web::person_fields::MemberOptions>,
    today: String,
    map_form: MapForm,
    map_errors: FieldMap,
    new_form: MilestoneForm,
    new_errors: FieldMap,
}

async fn map_page(
    ctx: &Ctx,
    slug: &str,
    id: RoleMapId,
    target: Target,
    typed: (Option<&MapForm>, Option<&MilestoneForm>),
    errors: FieldMap,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang();
    let d = role_maps::detail(ctx.db(), ctx.principal(), slug, id, ctx.now, lang).await?;
    let team = &d.access.team.team;
    let member_options = ctx.member_options(team.id, team.roster_version).await?;
    // A large team's owner fields type a name from the list: an owner is shown by that name.
    let roster = if member_options.by_name {
        Some(ctx.roster(team.id, team.roster_version).await?)
    } else {
        None
    };
    let show = |raw: String| match roster.as_deref() {
        Some(members) => person_fields::shown(members, &raw),
        None => raw,
    };
    let status = status_for(&errors);
    let pick = |wanted: Target| {
        if target == wanted {
            errors.clone()
        } else {
            FieldMap::new()
        }
    };
    let milestones = d
        .milestones
        .into_iter()
        .map(|line| {
            let mine = Target::Milestone(line.id);
            let mut form = match (target == mine, typed.1) {
                (true, Some(form)) => form.clone(),
                _ => MilestoneForm {
                    title: line.title.clone(),
                    owner_id: line.owner_id.to_string(),
                    due_on: line.due_iso.clone(),
                },
            };
            form.owner_id = show(std::mem::take(&mut form.owner_id));
            MilestoneView {
                errors: pick(mine),
                line,
                form,
            }
        })
        .collect();
    let mut map_form = typed.0.cloned().unwrap_or_else(|| MapForm {
        title: d.map.title.clone(),
        outcome: d.map.outcome.clone(),
        owner_id: d.map.owner_id.to_string(),
    });
    map_form.owner_id = show(std::mem::take(&mut map_form.owner_id));
    let fresh = MilestoneForm {
        owner_id: d.access.user_id.to_string(),
        ..MilestoneForm::default()
    };
    let mut new_form = match (target, typed.1) {
        (Target::New, Some(form)) => form.clone(),
        _ => fresh,
    };
    new_form.owner_id = show(std::mem::take(&mut new_form.owner_id));
    let view = MapPage {
        title: d.map.title.clone(),
        layout: ctx.layout(),
        slug: d.access.team.team.slug.clone(),
        team_name: d.access.team.team.name.clone(),
        map: MapView {
            id: d.map.id,
            title: d.map.title,
            outcome: d.map.outcome,
            owner: d.owner,
            owner_id: d.map.owner_id,
            status: d.status.as_str(),
            status_word: d.status.word().render(lang),
            version: d.map.version,
        },
        milestones,
        rights: d.rights,
        may_move: d.may_move,
        history_more: d.history_total > d.history.len() as u64,
        history: d.history,
        history_total: d.history_total,
        member_options,
        today: d.today_iso,
        map_form,
        map_errors: pick(Target::Map),
        new_form,
        new_errors: pick(Target::New),
    };
    ctx.render(status, "role_map.html", &view)
}

/// `GET /teams/{team}/roles/{id}`.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, RoleMapId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    map_page(&ctx, &slug, id, Target::None, (None, None), FieldMap::new()).await
}

/// The map page's anchor of the milestones list.
const MILESTONES: &str = "#milestones";

/// Where a change on a map page goes back to: the map page (at `anchor`) when the service
/// says done, else the map page again with the refused form re-filled and its messages.
struct Back<'a> {
    ctx: &'a Ctx,
    slug: &'a str,
    id: RoleMapId,
    anchor: &'static str,
}

impl<'a> Back<'a> {
    fn to(ctx: &'a Ctx, slug: &'a str, id: RoleMapId, anchor: &'static str) -> Self {
        Self {
            ctx,
            slug,
            id,
            anchor,
        }
    }

    /// `303` to the map page, or the page again with `target`'s form holding `typed`.
    async fn or_reshow(
        self,
        result: crate::service::Result<()>,
        target: Target,
        typed: (Option<&MapForm>, Option<&MilestoneForm>),
    ) -> Result<HttpResponse, WebError> {
        let Self {
            ctx,
            slug,
            id,
            anchor,
        } = self;
        redirect_or_reshow(
            ctx.lang(),
            result,
            |()| format!("/teams/{slug}/roles/{id}{anchor}"),
            |errors| map_page(ctx, slug, id, target, typed, errors),
        )
        .await
    }

    /// [`Self::or_reshow`] for a button without a form of its own.
    async fn or_show(self, result: crate::service::Result<()>) -> Result<HttpResponse, WebError> {
        self.or_reshow(result, Target::None, (None, None)).await
    }
}

/// `POST /teams/{team}/roles/{id}`: the map's title, outcome and owner.
pub async fn update(
    ctx: Ctx,
    path: web::Path<(String, RoleMapId)>,
    form: web::Form<MapForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = role_maps::update_map(ctx.db(), ctx.principal(), &slug, id, &form, ctx.now).await;
    let back = Back::to(&ctx, &slug, id, "");
    back.or_reshow(result, Target::Map, (Some(&form), None))
        .await
}

/// `POST /teams/{team}/roles/{id}/milestones`: a new milestone.
pub async fn add_milestone(
    ctx: Ctx,
    path: web::Path<(String, RoleMapId)>,
    form: web::Form<MilestoneForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result =
        role_maps::add_milestone(ctx.db(), ctx.principal(), &slug, id, &form, ctx.now).await;
    let back = Back::to(&ctx, &slug, id, MILESTONES);
    back.or_reshow(result, Target::New, (None, Some(&form)))
        .await
}

/// `POST /teams/{team}/roles/{id}/milestones/{milestone}`: a milestone's title, owner, date.
pub async fn update_milestone(
    ctx: Ctx,
    path: web::Path<(String, RoleMapId, MilestoneId)>,
    form: web::Form<MilestoneForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, milestone) = path.into_inner();
    let result = role_maps::update_milestone(
        ctx.db(),
        ctx.principal(),
        &slug,
        (id, milestone),
        &form,
        ctx.now,
    )
    .await;
    let back = Back::to(&ctx, &slug, id, MILESTONES);
    back.or_reshow(result, Target::Milestone(milestone), (None, Some(&form)))
        .await
}

/// `POST /teams/{team}/roles/{id}/milestones/{milestone}/remove`.
pub async fn remove_milestone(
    ctx: Ctx,
    path: web::Path<(String, RoleMapId, MilestoneId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, milestone) = path.into_inner();
    let result =
        role_maps::remove_milestone(ctx.db(), ctx.principal(), &slug, (id, milestone), ctx.now)
            .await;
    Back::to(&ctx, &slug, id, MILESTONES).or_show(result).await
}

/// `POST /teams/{team}/roles/{id}/milestones/{milestone}/done` (`done=yes` or `no`).
pub async fn set_done(
    ctx: Ctx,
    path: web::Path<(String, RoleMapId, MilestoneId)>,
    form: web::Form<DoneForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, milestone) = path.into_inner();
    let result = role_maps::set_done(
        ctx.db(),
        ctx.principal(),
        &slug,
        (id, milestone),
        &form,
        ctx.now,
    )
    .await;
    Back::to(&ctx, &slug, id, MILESTONES).or_show(result).await
}

/// `POST /teams/{team}/roles/{id}/publish` (the map's owner or a leader).
pub async fn publish(
    ctx: Ctx,
    path: web::Path<(String, RoleMapId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = role_maps::publish(ctx.db(), ctx.principal(), &slug, id, ctx.now).await;
    Back::to(&ctx, &slug, id, "").or_show(result).await
}

/// `POST /teams/{team}/roles/{id}/close` (the map's owner or a leader).
pub async fn close(
    ctx: Ctx,
    path: web::Path<(String, RoleMapId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = role_maps::close(ctx.db(), ctx.principal(), &slug, id, ctx.now).await;
    Back::to(&ctx, &slug, id, "").or_show(result).await
}

/// A milestone due soon or overdue, as the home page shows it in a team's section.
#[derive(Debug, Serialize)]
pub struct MilestoneDueView {
    /// The milestone.
    pub title: String,
    /// The role map's project name.
    pub project: String,
    /// The role map's page.
    pub link: String,
    /// "19 Jan 2027" in the reader's language.
    pub due: String,
    /// Its day has passed.
    pub overdue: bool,
}

/// The home page's view of one team's milestones needing attention (already cut at
/// `service::home::CAP` in SQL), on the reader's `today`.
pub fn home_milestones(
    due: Vec<role_maps::MilestoneDue>,
    today: time::Date,
    lang: i18n::Lang,
) -> Vec<MilestoneDueView> {
    due.into_iter()
        .map(|m| MilestoneDueView {
            link: m.href(),
            due: crate::format::date_in(m.due_on, lang),
            overdue: crate::domain::role_map::is_overdue(m.done, m.due_on, today),
            title: m.title,
            project: m.role_map_title,
        })
        .collect()
}
