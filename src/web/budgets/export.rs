//! A round's outcome as files: the Pabulib `.pb` (which `roundtable budget` recounts) and a
//! CSV of ideas with votes and funding, both after voting closes.

use crate::domain::ids::RoundId;
use actix_web::{HttpResponse, web};

use crate::service::budgets::exchange;
use crate::web::WebError;
use crate::web::context::Ctx;
use crate::web::pages::download;

/// `GET /teams/{team}/budgets/{id}/results/round.pb`: the Pabulib file (after voting closes).
pub async fn export_pb(
    ctx: Ctx,
    path: web::Path<(String, RoundId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let (_, text) = exchange::export_pb(ctx.db(), ctx.principal(), &slug, id, ctx.now).await?;
    Ok(download(&exchange::pb_name(id), exchange::PB_TYPE, text))
}

/// `GET /teams/{team}/budgets/{id}/results/ideas.csv`.
pub async fn export_csv(
    ctx: Ctx,
    path: web::Path<(String, RoundId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let (_, text) = exchange::export_csv(ctx.db(), ctx.principal(), &slug, id, ctx.now).await?;
    Ok(download(&exchange::csv_name(id), exchange::CSV_TYPE, text))
}
