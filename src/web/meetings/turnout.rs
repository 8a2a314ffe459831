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
use crate::web::meetings::{MeetingHeader, header, header_at};
use crate::web::paging::{PageQuery, Pager};
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct TurnoutPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    turnout: String,
    /// This page of the members who have not voted, by name.
    not_voted: Vec<Member>,
    /// How many members have not voted.
    not_voted_total: u64,
    pager: Pager,
    voting_open: bool,
    voting_closes: String,
    /// Open ballot, voting closed: the rankings page is there.
    rankings: bool,
}

/// Members per page of "who has not voted yet".
const NOT_VOTED_PER_PAGE: u64 = 100;

/// `GET /teams/{team}/meetings/{id}/turnout`: how many have voted and who has not yet, a
/// hundred names a page.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let turnout::NotVotedSlice {
        access,
        facts,
        total,
        window,
        members: not_voted,
    } = turnout::not_voted_slice(
        ctx.db(),
        &ctx.state.rosters,
        ctx.principal(),
        &slug,
        id,
        (query.number(), NOT_VOTED_PER_PAGE),
    )
    .await?;
    let base = format!("/teams/{slug}/meetings/{id}/turnout");
    let w = access.windows();
    let phase = facts.phase(&access, ctx.now);
    let page = TurnoutPage {
        title: crate::i18n::text_with(
            ctx.lang(),
            "mt-turnout-title",
            &[("title", access.meeting.title.clone())],
        ),
        layout: ctx.layout(),
        meeting: header_at(&ctx, ctx.db(), &access, phase).await?,
        turnout: facts.counts.turnout.sentence().render(ctx.lang()),
        not_voted,
        not_voted_total: total,
        pager: window.pager(|p| format!("{base}?page={p}#not-voted")),
        voting_open: w.voting(ctx.now),
        voting_closes: date_time_in(w.voting_close, access.zone, ctx.lang()),
        rankings: privacy(&access.meeting) == Privacy::Open && w.voting_closed(ctx.now),
    };
    ctx.render(StatusCode::OK, "turnout.html", &page)
}

/// Ballots per page of the rankings page.
const RANKINGS_PER_PAGE: u64 = 50;
/// Choices shown per ballot on the page; the rest are counted (the download has them all), so
/// a page stays small when each of hundreds of items is ranked.
const SHOWN_CHOICES: usize = 10;

#[derive(Serialize)]
struct RankingRow {
    voter: String,
    /// The first [`SHOWN_CHOICES`] choices, best first.
    items: Vec<String>,
    /// How many further choices the ballot ranks.
    more: usize,
}

#[derive(Serialize)]
struct RankingsPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    rows: Vec<RankingRow>,
    /// How many ballots there are.
    ballots: u64,
    pager: Pager,
}

/// `GET /teams/{team}/meetings/{id}/rankings`: an open ballot's rankings by voter, fifty
/// ballots a page.
pub async fn rankings(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let (access, ballots, page, rows) = turnout::open_rankings_slice(
        ctx.db(),
        ctx.principal(),
        &slug,
        id,
        ctx.now,
        query.number(),
        RANKINGS_PER_PAGE,
    )
    .await?;
    let base = format!("/teams/{slug}/meetings/{id}/rankings");
    let pager = Pager::for_total(ballots, RANKINGS_PER_PAGE, page, |p| {
        format!("{base}?page={p}")
    });
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
            .map(|mut r| {
                let more = r.items.len().saturating_sub(SHOWN_CHOICES);
                r.items.truncate(SHOWN_CHOICES);
                RankingRow {
                    voter: r.voter,
                    items: r.items,
                    more,
                }
            })
            .collect(),
        ballots,
        pager,
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
