//! The personal calendar feed: `GET /calendar/{token}.ics` (public: the secret token stands in
//! for the person; routed as `/calendar/{file}`, the `.ics` taken off here) and, on the account page, making a new address or revoking it. Thin: parse,
//! call `service::calendar`, answer. Also the team's meetings calendar,
//! `GET /teams/{team}/meetings.ics` (signed in, `ViewMeetings`), whose bytes the API's
//! `/api/v1/teams/{team}/meetings.ics` shares through [`team_file`].

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::access::Principal;
use crate::i18n::Lang;
use crate::i18n::Msg;
use crate::service::calendar;
use crate::web::WebError;
use crate::web::context::Ctx;
use crate::web::flash::{self, Flash};
use crate::web::pages::{base_url, download};

/// The team calendar's media type.
pub const CALENDAR: &str = "text/calendar; charset=utf-8";

/// The team's meetings from 90 days back to a year ahead as an iCalendar download
/// (`{slug}-meetings.ics`; cancelled meetings with `STATUS:CANCELLED`), for whoever may see the
/// team's meetings: the one answer of the web page's and the API's addresses.
pub async fn team_file(
    db: &sea_orm::DatabaseConnection,
    principal: Principal,
    slug: &str,
    base: &str,
    now: time::OffsetDateTime,
    lang: Lang,
) -> Result<HttpResponse, crate::service::ServiceError> {
    let (slug, text) = calendar::team_feed(db, principal, slug, base, now, lang).await?;
    Ok(download(&format!("{slug}-meetings.ics"), CALENDAR, text))
}

/// `GET /teams/{team}/meetings.ics`: the team's meetings calendar, as the API's.
pub async fn team_meetings(
    ctx: Ctx,
    req: HttpRequest,
    team: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let base = base_url(&ctx.state, &req);
    Ok(team_file(ctx.db(), ctx.principal(), &team, &base, ctx.now, ctx.lang()).await?)
}

/// `GET /calendar/{token}.ics`: the feed, or 404 for a token that is not current.
pub async fn feed(
    ctx: Ctx,
    req: HttpRequest,
    file: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = file.strip_suffix(".ics").ok_or(WebError::NotFound)?;
    let base = base_url(&ctx.state, &req);
    let text = calendar::feed(ctx.db(), token, &base, ctx.now).await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/calendar; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "private, no-store"))
        .body(text))
}

/// `POST /account/calendar`: a new secret address (the old one, if any, stops working). The
/// address is shown once, on the next page.
pub async fn regenerate(ctx: Ctx, req: HttpRequest) -> Result<HttpResponse, WebError> {
    ctx.require_user()?;
    let token = calendar::regenerate(ctx.db(), ctx.principal(), ctx.now).await?;
    let lang = ctx.lang();
    let href = format!("{}/calendar/{token}.ics", base_url(&ctx.state, &req));
    let flash = Flash::with_link(
        Msg::new("co-feed-made").render(lang),
        Msg::new("co-feed-copy").render(lang),
        href,
    );
    flash::redirect(&ctx, &flash, "/account#calendar")
}

/// `POST /account/calendar/revoke`: the address stops working.
pub async fn revoke(ctx: Ctx) -> Result<HttpResponse, WebError> {
    ctx.require_user()?;
    calendar::revoke(ctx.db(), ctx.principal()).await?;
    let message = Msg::new("co-feed-revoked").render(ctx.lang());
    flash::redirect(&ctx, &Flash::says(message), "/account#calendar")
}
