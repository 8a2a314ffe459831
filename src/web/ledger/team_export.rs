//! The team ledger's CSV export (`members.csv`): every line of the member table, where the page
//! shows one page of it, in the same window and sort as the page's query.

use actix_web::{HttpResponse, web};
use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

use super::csv_response;
use super::team_view::TeamQuery;
use crate::access::Principal;
use crate::service::ledger::views::{self, SortKey, Window};
use crate::web::WebError;
use crate::web::context::Ctx;

/// `GET /teams/{team}/ledger/members.csv`.
pub async fn team_csv(
    ctx: Ctx,
    slug: web::Path<String>,
    query: web::Query<TeamQuery>,
) -> Result<HttpResponse, WebError> {
    Ok(team_csv_file(
        ctx.db(),
        &ctx.state.rosters,
        ctx.principal(),
        &slug,
        query.parts(),
        ctx.now,
    )
    .await?)
}

/// The team table as a CSV download, in a window and sort (the web's export and the API's).
pub async fn team_csv_file(
    db: &impl ConnectionTrait,
    rosters: &crate::service::teams::Rosters,
    principal: Principal,
    slug: &str,
    (window, sort, descending): (Window, SortKey, bool),
    now: OffsetDateTime,
) -> crate::service::Result<HttpResponse> {
    let view = views::team_ledger(
        db,
        rosters,
        principal,
        slug,
        (window, sort, descending),
        now,
    )
    .await?;
    let body = views::team_csv(&view)?;
    Ok(csv_response(
        &format!("{}-ledger-{}.csv", view.access.team.slug, window.as_str()),
        body,
    ))
}
