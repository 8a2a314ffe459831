//! The files anyone can recount a meeting's tally from with `roundtable tally`: `ballots.csv`
//! (the CLI's ballot format), `rules.json` (rules, seed and candidates) and `receipts.csv`
//! (each ballot's receipt hash, in the same order as `ballots.csv`).

use crate::domain::ids::MeetingId;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};

use crate::service::meetings::tally;
use crate::web::WebError;
use crate::web::context::Ctx;

fn download(content_type: &str, filename: &str, body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, content_type.to_owned()))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .body(body)
}

fn csv_bytes(rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, WebError> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_writer(Vec::new());
    for row in rows {
        writer
            .write_record(&row)
            .map_err(|e| WebError::Unexpected(anyhow::Error::new(e)))?;
    }
    writer
        .into_inner()
        .map_err(|e| WebError::Unexpected(anyhow::anyhow!("writing CSV: {e}")))
}

/// `GET /teams/{team}/meetings/{id}/results/ballots.csv`: one ballot per line, rank by rank.
pub async fn ballots_csv(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let (_, _, rows) =
        tally::published_ballots(ctx.db(), ctx.principal(), &slug, id, ctx.now).await?;
    let body = csv_bytes(rows.into_iter().map(|(_, names)| names))?;
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("meeting-{id}-ballots.csv"),
        body,
    ))
}

/// `GET /teams/{team}/meetings/{id}/results/receipts.csv`: receipt hash and ranking, in the
/// order of `ballots.csv`.
pub async fn receipts_csv(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let (_, _, rows) =
        tally::published_ballots(ctx.db(), ctx.principal(), &slug, id, ctx.now).await?;
    let header = vec![
        "receipt_sha256".to_owned(),
        "ranking (best first)".to_owned(),
    ];
    let lines = std::iter::once(header).chain(rows.into_iter().map(|(hash, names)| {
        let mut line = vec![hash];
        line.extend(names);
        line
    }));
    let body = csv_bytes(lines)?;
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("meeting-{id}-receipts.csv"),
        body,
    ))
}

/// `GET /teams/{team}/meetings/{id}/results/rules.json`: the rules, seed and candidates, for
/// `roundtable tally --ballots ballots.csv --rules rules.json`.
pub async fn rules_json(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let (access, result, _) =
        tally::published_ballots(ctx.db(), ctx.principal(), &slug, id, ctx.now).await?;
    let candidates: Vec<serde_json::Value> = result
        .input
        .candidates
        .iter()
        .map(|c| serde_json::json!({ "name": c.name }))
        .collect();
    let value = serde_json::json!({
        "source": { "contestName": access.meeting.title },
        "rules": result.input.rules,
        "candidates": candidates,
    });
    let body = serde_json::to_vec_pretty(&value)
        .map_err(|e| WebError::Unexpected(anyhow::Error::new(e)))?;
    Ok(download(
        "application/json",
        &format!("meeting-{id}-rules.json"),
        body,
    ))
}
