//! The files anyone can recount a meeting's tally from with `roundtable tally`: `ballots.csv`
//! (the CLI's ballot format), `rules.json` (rules, seed and candidates) and `receipts.csv`
//! (each ballot's receipt hash, in the same order as `ballots.csv`); and the count itself as
//! RCTab's summary JSON (`rctab.json`), what the CLI prints for those files. Each file is
//! built by a function of the request's parts, which the web handlers here and the API
//! (`web::api::results`) both answer with.

use crate::domain::ids::MeetingId;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use sea_orm::DatabaseConnection;
use time::OffsetDateTime;

use crate::access::Principal;
use crate::service::ServiceError;
use crate::service::meetings::tally::{self, Results};
use crate::tally::formats::rctab_json::write_ranking;
use crate::web::WebError;
use crate::web::context::Ctx;

/// A file to download.
#[derive(Debug, Clone)]
pub struct Download {
    /// Its media type.
    pub content_type: &'static str,
    /// The name it is saved under.
    pub filename: String,
    /// Its bytes.
    pub body: Vec<u8>,
}

impl Download {
    /// The file as an attachment.
    #[must_use]
    pub fn response(self) -> HttpResponse {
        HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, self.content_type))
            .insert_header((
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", self.filename),
            ))
            .body(self.body)
    }
}

const CSV: &str = "text/csv; charset=utf-8";

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

/// `ballots.csv` of a tallied meeting: one ballot per line, rank by rank (`NotFound` before
/// the tally).
pub async fn ballots_file(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: MeetingId,
    now: OffsetDateTime,
) -> Result<Download, WebError> {
    let (_, _, rows) = tally::published_ballots(db, principal, slug, id, now).await?;
    Ok(Download {
        content_type: CSV,
        filename: format!("meeting-{id}-ballots.csv"),
        body: csv_bytes(rows.into_iter().map(|(_, names)| names))?,
    })
}

/// `receipts.csv` of a tallied meeting: receipt hash and ranking, in the order of
/// `ballots.csv` (`NotFound` before the tally).
pub async fn receipts_file(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: MeetingId,
    now: OffsetDateTime,
) -> Result<Download, WebError> {
    let (_, _, rows) = tally::published_ballots(db, principal, slug, id, now).await?;
    let header = vec![
        "receipt_sha256".to_owned(),
        "ranking (best first)".to_owned(),
    ];
    let lines = std::iter::once(header).chain(rows.into_iter().map(|(hash, names)| {
        let mut line = vec![hash];
        line.extend(names);
        line
    }));
    Ok(Download {
        content_type: CSV,
        filename: format!("meeting-{id}-receipts.csv"),
        body: csv_bytes(lines)?,
    })
}

/// Summaries written at once by this server: a long ranking's summary lists every continuing
/// item in every round, so each one written holds a pass in full in memory.
static SUMMARIES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

/// `rctab.json` of a tallied meeting: RCTab's summary JSON of the stored count, one summary
/// per pass, written by the function `roundtable tally --format json` prints with (`[]` when
/// nothing was ranked; `NotFound` before the tally). It holds the passes the count ran: when
/// the agenda was full before every item had a place, the CLI's full recount prints further
/// passes after these.
pub async fn rctab_file(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: MeetingId,
    now: OffsetDateTime,
) -> Result<Download, WebError> {
    let (access, results) = tally::results(db, principal, slug, id, now).await?;
    let Results::Final(result) = results else {
        return Err(ServiceError::NotFound.into());
    };
    let contest = access.meeting.title;
    let _permit = SUMMARIES
        .acquire()
        .await
        .map_err(|e| WebError::Unexpected(anyhow::Error::new(e)))?;
    let body = tokio::task::spawn_blocking(move || {
        let mut out = Vec::new();
        match &result.output.ranking {
            Some(ranking) => write_ranking(&mut out, ranking, Some(&contest)),
            None => std::io::Write::write_all(&mut out, b"[]\n"),
        }
        .map(|()| out)
    })
    .await
    .map_err(|e| WebError::Unexpected(anyhow::Error::new(e)))?
    .map_err(|e| WebError::Unexpected(anyhow::Error::new(e)))?;
    Ok(Download {
        content_type: "application/json",
        filename: format!("meeting-{id}-rctab.json"),
        body,
    })
}

/// `GET /teams/{team}/meetings/{id}/results/ballots.csv`.
pub async fn ballots_csv(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    Ok(ballots_file(ctx.db(), ctx.principal(), &slug, id, ctx.now)
        .await?
        .response())
}

/// `GET /teams/{team}/meetings/{id}/results/receipts.csv`.
pub async fn receipts_csv(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    Ok(receipts_file(ctx.db(), ctx.principal(), &slug, id, ctx.now)
        .await?
        .response())
}

/// `GET /teams/{team}/meetings/{id}/results/rctab.json`.
pub async fn rctab_json(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    Ok(rctab_file(ctx.db(), ctx.principal(), &slug, id, ctx.now)
        .await?
        .response())
}

/// `GET /teams/{team}/meetings/{id}/results/rules.json`: the rules, seed and candidates, for
/// `roundtable tally --ballots ballots.csv --rules rules.json`.
pub async fn rules_json(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    Ok(rules_file(ctx.db(), ctx.principal(), &slug, id, ctx.now)
        .await?
        .response())
}

/// `rules.json` of a tallied meeting: the count's rules (seed included) and its candidates,
/// pretty-printed JSON (`NotFound` before the tally).
pub async fn rules_file(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: MeetingId,
    now: OffsetDateTime,
) -> Result<Download, WebError> {
    let (access, results) = tally::results(db, principal, slug, id, now).await?;
    let Results::Final(result) = results else {
        return Err(ServiceError::NotFound.into());
    };
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
    Ok(Download {
        content_type: "application/json",
        filename: format!("meeting-{id}-rules.json"),
        body: serde_json::to_vec_pretty(&value)
            .map_err(|e| WebError::Unexpected(anyhow::Error::new(e)))?,
    })
}
