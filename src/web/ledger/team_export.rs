//! The team ledger's CSV export (`members.csv`): every line of the member table, where the page
//! shows one page of it, in the same window and sort as the page's query.

use actix_web::{HttpResponse, web};

use super::csv_response;
use super::team_view::TeamQuery;
use crate::service::ledger::views;
use crate::web::WebError;
use crate::web::context::Ctx;

/// `GET /teams/{team}/ledger/members.csv`.
pub async fn team_csv(
    ctx: Ctx,
    slug: web::Path<String>,
    query: web::Query<TeamQuery>,
) -> Result<HttpResponse, WebError> {
    let (window, sort, descending) = query.parts();
    let view = views::team_ledger(
        ctx.db(),
        ctx.principal(),
        &slug,
        window,
        sort,
        descending,
        ctx.now,
    )
    .await?;
    let body = views::team_csv(&view)?;
    Ok(csv_response(
        &format!("{}-ledger-{}.csv", view.access.team.slug, window.as_str()),
        body,
    ))
}
