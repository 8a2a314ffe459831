//! Turnout for leaders (who has not voted yet) and an open ballot's rankings after the close,
//! as a page and a CSV. Everyone else sees only the counts, on the meeting page.

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::domain::ids::MeetingId;
use crate::domain::meeting::Privacy;
use crate::service::meetings::{privacy, turnout};
use crate::service::teams::Member;
use crate::web::WebError;
use crate::web::context::Ctx;
use crate::web::format::date_time_in;
use crate::web::meetings::{MeetingHeader, header};
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct TurnoutPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    turnout: String,
    not_voted: Vec<Member>,
    voting_open: bool,
    voting_closes: String,
    /// Open ballot, voting closed: the rankings page is there.
    rankings: bool,
}

/// `GET /teams/{team}/meetings/{id}/turnout`: how many have voted and who has not yet.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let voters = turnout::voters(ctx.db(), ctx.principal(), &slug, id).await?;
    let access = &voters.access;
    let w = access.windows();
    let page = TurnoutPage {
        title: crate::i18n::text_with(
            ctx.lang(),
            "mt-turnout-title",
            &[("title", access.meeting.title.clone())],
        ),
        layout: ctx.layout(),
        meeting: header(&ctx, access, ctx.now).await?,
        turnout: voters.turnout.sentence().render(ctx.lang()),
        not_voted: voters.not_voted,
        voting_open: w.voting(ctx.now),
        voting_closes: date_time_in(w.voting_close, access.zone, ctx.lang()),
        rankings: privacy(&access.meeting) == Privacy::Open && w.voting_closed(ctx.now),
    };
    ctx.render(StatusCode::OK, "turnout.html", &page)
}

#[derive(Serialize)]
struct RankingRow {
    voter: String,
    items: Vec<String>,
}

#[derive(Serialize)]
struct RankingsPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    rows: Vec<RankingRow>,
}

/// `GET /teams/{team}/meetings/{id}/rankings`: an open ballot's rankings, by voter.
pub async fn rankings(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let (access, rows) =
        turnout::open_rankings(ctx.db(), ctx.principal(), &slug, id, ctx.now).await?;
    let page = RankingsPage {
        title: crate::i18n::text_with(
            ctx.lang(),
            "mt-rankings-title",
            &[("title", access.meeting.title.clone())],
        ),
        layout: ctx.layout(),
        meeting: header(&ctx, &access, ctx.now).await?,
        rows: rows
            .into_iter()
            .map(|r| RankingRow {
                voter: r.voter,
                items: r.items,
            })
            .collect(),
    };
    ctx.render(StatusCode::OK, "rankings.html", &page)
}

/// `GET /teams/{team}/meetings/{id}/rankings.csv`: voter, then items first choice first.
pub async fn rankings_csv(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let (_, rows) = turnout::open_rankings(ctx.db(), ctx.principal(), &slug, id, ctx.now).await?;
    // One writer for the page and the API, its cells defused against spreadsheet formulas.
    let body = turnout::rankings_csv(&rows)?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"meeting-{id}-rankings.csv\""),
        ))
        .body(body))
}
