//! The minutes (`/teams/{team}/meetings/{id}/minutes`: printable page, version history, the
//! editors' form; `minutes.md`: the Markdown download) and the printable three-minute scan
//! (`/scan`). Thin: parse, call `service::meetings::{minutes, scan}`, render.

use crate::domain::ids::MeetingId;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::access::Action;
use crate::service::meetings::minutes::{self, MAX_CHARS, MinutesForm, VersionLine};
use crate::service::meetings::scan::{Scan, scan};
use crate::service::meetings::{self as meeting_service};
use crate::web::WebError;
use crate::web::context::{Ctx, FieldMap, redirect_or_reshow, status_for};
use crate::web::markdown;
use crate::web::meetings::{MeetingHeader, header};
use crate::web::pages::download;
use crate::web::visitor::Layout;

/// `?version=N` picks an older version.
#[derive(Debug, Default, Deserialize)]
pub struct VersionQuery {
    /// The version number (empty: the latest the visitor may read).
    #[serde(default)]
    pub version: String,
}

impl VersionQuery {
    fn number(&self) -> Option<i32> {
        self.version.trim().parse().ok()
    }
}

#[derive(Serialize)]
struct MinutesPage<'a> {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    closed: bool,
    /// The shown version as HTML (`web::markdown`: no raw HTML, no unsafe links).
    body_html: String,
    version: i32,
    published: bool,
    latest: i32,
    versions: Vec<VersionLine>,
    may_edit: bool,
    form: &'a MinutesForm,
    max_chars: usize,
    errors: FieldMap,
}

async fn minutes_page(
    ctx: &Ctx,
    slug: &str,
    id: MeetingId,
    version: Option<i32>,
    typed: Option<&MinutesForm>,
    errors: FieldMap,
) -> Result<HttpResponse, WebError> {
    let view = minutes::view(ctx.db(), ctx.principal(), slug, id, version, ctx.lang()).await?;
    let meeting = header(ctx, &view.run.access, ctx.now).await?;
    let shown = view.shown.as_ref();
    let fresh = MinutesForm {
        body: shown.map(|m| m.body.clone()).unwrap_or_default(),
        publish: String::new(),
    };
    let page = MinutesPage {
        title: crate::i18n::text_with(
            ctx.lang(),
            "mt-minutes-heading",
            &[("title", view.run.access.meeting.title.clone())],
        ),
        layout: ctx.layout(),
        meeting,
        closed: view.run.closed_at().is_some(),
        body_html: shown
            .map(|m| markdown::to_html(&m.body))
            .unwrap_or_default(),
        version: shown.map_or(0, |m| m.version),
        published: shown.is_some_and(|m| m.published),
        latest: view.versions.first().map_or(0, |v| v.version),
        versions: view.versions,
        may_edit: view.may_edit,
        form: typed.unwrap_or(&fresh),
        max_chars: MAX_CHARS,
        errors,
    };
    ctx.render(status_for(&page.errors), "meeting_minutes.html", &page)
}

/// `GET /teams/{team}/meetings/{id}/minutes`.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    query: web::Query<VersionQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    minutes_page(&ctx, &slug, id, query.number(), None, FieldMap::new()).await
}

/// `POST /teams/{team}/meetings/{id}/minutes`: a new version, a draft or published.
pub async fn save(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    form: web::Form<MinutesForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = minutes::save(ctx.db(), ctx.principal(), &slug, id, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |version| format!("/teams/{slug}/meetings/{id}/minutes?version={version}"),
        |errors| minutes_page(&ctx, &slug, id, None, Some(&form), errors),
    )
    .await
}

/// `GET /teams/{team}/meetings/{id}/minutes.md` (the version the page would show).
pub async fn markdown(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    query: web::Query<VersionQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let view = minutes::view(
        ctx.db(),
        ctx.principal(),
        &slug,
        id,
        query.number(),
        ctx.lang(),
    )
    .await?;
    let shown = view.shown.ok_or(WebError::NotFound)?;
    Ok(download(
        &format!("minutes-{id}-v{}.md", shown.version),
        "text/markdown; charset=utf-8",
        shown.body,
    ))
}

#[derive(Serialize)]
struct ScanPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    scan: Scan,
}

/// `GET /teams/{team}/meetings/{id}/scan`: the three-minute scan on one printable screen.
pub async fn scan_page(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let access =
        meeting_service::authorize(ctx.db(), ctx.principal(), &slug, id, Action::ViewMeetings)
            .await?;
    let page = ScanPage {
        title: crate::i18n::text_with(
            ctx.lang(),
            "mt-scan-heading",
            &[("title", access.meeting.title.clone())],
        ),
        layout: ctx.layout(),
        scan: scan(
            ctx.db(),
            &access.team,
            &access.meeting,
            ctx.now,
            (access.zone, ctx.lang()),
        )
        .await?,
        meeting: header(&ctx, &access, ctx.now).await?,
    };
    ctx.render(actix_web::http::StatusCode::OK, "meeting_scan.html", &page)
}
