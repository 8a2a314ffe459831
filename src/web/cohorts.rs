//! Cohorts across teams: the links settings page (`/teams/{team}/links`: propose, accept,
//! remove links; choose which meetings to share), the per-meeting share switch, and what a
//! linked team reads (`/teams/{team}/shared`, `/teams/{team}/shared/{meeting}`). Thin: parse,
//! call `service::cohorts`, render.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::domain::agreed_agenda::ItemKind;
use crate::domain::ids::{MeetingId, TeamLinkId};
use crate::i18n::{self, Msg};
use crate::service::cohorts::links::{self, LinkForm, LinkLine};
use crate::service::cohorts::shared::{self, SharedItem};
use crate::service::cohorts::shares::{self, ShareLine};
use crate::web::WebError;
use crate::web::context::{Ctx, FieldMap, done_or_reshow, status_for};
use crate::web::flash::{self, Flash};
use crate::web::markdown;
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct LinksPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    links: Vec<LinkLine>,
    meetings: Vec<ShareLine>,
    form: &'a LinkForm,
    errors: FieldMap,
}

async fn links_page(
    ctx: &Ctx,
    slug: &str,
    form: Option<&LinkForm>,
    errors: FieldMap,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang();
    let (access, lines) = links::list(ctx.db(), ctx.principal(), slug, lang).await?;
    let meetings = shares::share_lines(ctx.db(), &access, lang).await?;
    let fresh = LinkForm::default();
    let page = LinksPage {
        title: i18n::text_with(
            lang,
            "co-links-title",
            &[("team", access.team.name.clone())],
        ),
        layout: ctx.layout(),
        slug: access.team.slug.clone(),
        team_name: access.team.name.clone(),
        links: lines,
        meetings,
        form: form.unwrap_or(&fresh),
        errors,
    };
    ctx.render(status_for(&page.errors), "team_links.html", &page)
}

/// `GET /teams/{team}/links`.
pub async fn show(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, WebError> {
    links_page(&ctx, &slug, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/links`: propose a link to another team.
pub async fn propose(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<LinkForm>,
) -> Result<HttpResponse, WebError> {
    let result = links::propose(ctx.db(), ctx.principal(), &slug, &form, ctx.now).await;
    done_or_reshow(
        ctx.lang(),
        result,
        |_| async {
            let message = Msg::new("co-link-proposed").render(ctx.lang());
            flash::redirect(&ctx, &Flash::says(message), &format!("/teams/{slug}/links"))
        },
        |errors| links_page(&ctx, &slug, Some(&form), errors),
    )
    .await
}

/// `POST /teams/{team}/links/{id}/accept`.
pub async fn accept(
    ctx: Ctx,
    path: web::Path<(String, TeamLinkId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let other = links::accept(ctx.db(), ctx.principal(), &slug, id, ctx.now).await?;
    let message = Msg::new("co-link-accepted")
        .arg("team", other.as_str())
        .render(ctx.lang());
    flash::redirect(&ctx, &Flash::says(message), &format!("/teams/{slug}/links"))
}

/// `POST /teams/{team}/links/{id}/remove`: remove a link, or decline or withdraw a proposal.
pub async fn remove(
    ctx: Ctx,
    path: web::Path<(String, TeamLinkId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let other = links::remove(ctx.db(), ctx.principal(), &slug, id).await?;
    let message = Msg::new("co-link-removed")
        .arg("team", other.as_str())
        .render(ctx.lang());
    flash::redirect(&ctx, &Flash::says(message), &format!("/teams/{slug}/links"))
}

/// The share switch as posted: `shared=1` to share, anything else to stop sharing;
/// `back=meeting` when it was posted from the meeting's own page (to go back there).
#[derive(Debug, Deserialize)]
pub struct ShareForm {
    #[serde(default)]
    pub shared: String,
    #[serde(default)]
    pub back: String,
}

/// `POST /teams/{team}/meetings/{id}/share`.
pub async fn share(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    form: web::Form<ShareForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let shared = form.shared == "1";
    let title = shares::set_shared(ctx.db(), ctx.principal(), &slug, id, shared, ctx.now).await?;
    let key = if shared {
        "co-meeting-shared"
    } else {
        "co-meeting-unshared"
    };
    let message = Msg::new(key)
        .arg("title", title.as_str())
        .render(ctx.lang());
    let back = if form.back == "meeting" {
        format!("/teams/{slug}/meetings/{id}")
    } else {
        format!("/teams/{slug}/links")
    };
    flash::redirect(&ctx, &Flash::says(message), &back)
}

#[derive(Serialize)]
struct SharedListPage {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    items: Vec<SharedItem>,
}

/// `GET /teams/{team}/shared`: what linked teams share with this one.
pub async fn list(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang();
    let (access, items) = shared::shared_with(ctx.db(), ctx.principal(), &slug, lang).await?;
    let page = SharedListPage {
        title: i18n::text_with(
            lang,
            "co-shared-title",
            &[("team", access.team.name.clone())],
        ),
        layout: ctx.layout(),
        slug: access.team.slug.clone(),
        team_name: access.team.name,
        items,
    };
    ctx.render(actix_web::http::StatusCode::OK, "shared_list.html", &page)
}

#[derive(Serialize)]
struct AgendaLine {
    title: String,
    minutes: u32,
    fixed: bool,
}

#[derive(Serialize)]
struct SharedMeetingPage {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    from_team: String,
    meeting_title: String,
    purpose_line: String,
    starts: String,
    place: String,
    agenda: Option<Vec<AgendaLine>>,
    /// The minutes as HTML (`web::markdown`: no raw HTML, no unsafe links).
    minutes_html: Option<String>,
}

/// `GET /teams/{team}/shared/{meeting}`: a linked team's shared meeting, read-only.
pub async fn meeting(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let m = shared::shared_meeting(ctx.db(), ctx.principal(), &slug, id, ctx.lang()).await?;
    let page = SharedMeetingPage {
        title: m.title.clone(),
        layout: ctx.layout(),
        slug: m.viewer.team.slug.clone(),
        team_name: m.viewer.team.name.clone(),
        from_team: m.from_team,
        meeting_title: m.title,
        purpose_line: m.purpose_line,
        starts: m.starts,
        place: m.place,
        agenda: m.agenda.map(|items| {
            items
                .into_iter()
                .map(|i| AgendaLine {
                    fixed: i.kind == ItemKind::Fixed,
                    title: i.title,
                    minutes: i.minutes,
                })
                .collect()
        }),
        minutes_html: m.minutes.as_deref().map(markdown::to_html),
    };
    ctx.render(
        actix_web::http::StatusCode::OK,
        "shared_meeting.html",
        &page,
    )
}
