//! The ranked ballot: a number field per item (works without JavaScript; `ballot.js` adds a
//! filter box, drag and drop and move buttons that fill in the same fields), and the receipt
//! page. One small field per item keeps the page linear in the number of items (a selector of
//! every rank per item made a 1,000-item ballot 32 MB).

use crate::domain::ids::{MeetingId, ProposalId};
use std::collections::{BTreeMap, HashMap};

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::access::Action;
use crate::service::meetings::{
    self as meetings,
    ballots::{self, rank_field},
};
use crate::web::WebError;
use crate::web::context::{Ctx, done_or_reshow, status_for};
use crate::web::format::{clock, date_time_in};
use crate::web::meetings::{MeetingHeader, header};
use crate::web::receipt::{self as receipts, HeldReceipt};
use crate::web::visitor::Layout;

/// One item of the ballot, with everything its line shows worked out here: a 1,000-item
/// ballot renders 1,000 of these, so the template only prints fields (no map lookups).
#[derive(Serialize)]
struct BallotItem {
    /// Sort tie-breaker only (the template does not print it).
    #[serde(skip)]
    id: ProposalId,
    field: String,
    title: String,
    why: String,
    minutes: i32,
    /// The rank to sort by (stored, or as typed when it is a number).
    rank: Option<usize>,
    /// What the field shows: the stored rank, or exactly what the person typed.
    value: String,
    /// The message beside this item's field, if its rank needs correcting.
    error: Option<String>,
}

#[derive(Serialize)]
struct BallotPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    items: Vec<BallotItem>,
    max_rank: usize,
    /// Items with a rank (saved, or typed when the form is shown again).
    ranked_count: usize,
    error_count: usize,
    errors: BTreeMap<String, String>,
    voting_open: bool,
    can_vote: bool,
    status_line: Option<String>,
    voting_closes: String,
    /// Open ballot: leaders will see who ranked what (said before anyone votes).
    open_ballot: bool,
}

async fn page(
    ctx: &Ctx,
    slug: &str,
    id: MeetingId,
    typed: Option<&HashMap<String, String>>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let now = ctx.now;
    let principal = ctx.principal();
    let view = ballots::view(ctx.db(), principal, slug, id).await?;
    let mut items: Vec<BallotItem> = view
        .items
        .iter()
        .map(|p| {
            let field = rank_field(p.id);
            let (rank, value) = match typed {
                Some(fields) => {
                    let raw = fields.get(&field).map_or("", |v| v.trim());
                    (raw.parse().ok(), raw.to_owned())
                }
                None => {
                    let rank = view.ranks.get(&p.id).copied();
                    (rank, rank.map(|r| r.to_string()).unwrap_or_default())
                }
            };
            BallotItem {
                id: p.id,
                error: errors.get(&field).cloned(),
                field,
                title: p.title.clone(),
                why: p.why.clone(),
                minutes: p.minutes,
                rank,
                value,
            }
        })
        .collect();
    // Ranked items first, in rank order: the list reads as the ballot.
    items.sort_by_key(|i| (i.rank.is_none(), i.rank, i.id));
    let zone = view.access.zone;
    let lang = ctx.lang();
    let status_line = view.last_voted_at.map(|at| {
        if view.changes > 0 {
            crate::i18n::text_with(
                lang,
                "mt-ballot-changed-status",
                &[
                    ("clock", clock(at, zone)),
                    ("at", date_time_in(at, zone, lang)),
                ],
            )
        } else {
            crate::i18n::text_with(
                lang,
                "mt-ballot-voted-status",
                &[("at", date_time_in(at, zone, lang))],
            )
        }
    });
    let status = status_for(&errors);
    let w = view.access.windows();
    let page = BallotPage {
        open_ballot: crate::service::meetings::privacy(&view.access.meeting)
            == crate::domain::meeting::Privacy::Open,
        title: crate::i18n::text_with(
            lang,
            "mt-ballot-title",
            &[("title", view.access.meeting.title.clone())],
        ),
        layout: ctx.layout(),
        meeting: header(ctx, &view.access, now).await?,
        max_rank: items.len(),
        ranked_count: items.iter().filter(|i| !i.value.is_empty()).count(),
        error_count: errors.keys().filter(|k| k.starts_with("rank_")).count(),
        items,
        errors,
        voting_open: w.voting(now),
        can_vote: view.access.may(principal, Action::CastBallot),
        status_line,
        voting_closes: date_time_in(w.voting_close, zone, lang),
    };
    ctx.render(status, "ballot.html", &page)
}

/// `GET /teams/{team}/meetings/{id}/ballot`.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    page(&ctx, &slug, id, None, BTreeMap::new()).await
}

#[derive(Serialize)]
struct ReceiptPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    code: String,
    hash: String,
    changed: bool,
    at: String,
    at_clock: String,
    ranking: Vec<String>,
}

fn subject(id: MeetingId) -> String {
    format!("meeting {id}")
}

/// `POST /teams/{team}/meetings/{id}/ballot`: saves, then redirects to the receipt
/// (post/redirect/get: reloading the receipt never submits the ballot again).
pub async fn cast(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let now = ctx.now;
    let principal = ctx.principal();
    let result = ballots::cast(ctx.db(), principal, &slug, id, &form, now).await;
    done_or_reshow(
        ctx.lang(),
        result,
        |receipt| {
            let to = format!("/teams/{slug}/meetings/{id}/ballot/receipt");
            std::future::ready(receipts::hold(&ctx, &subject(id), receipt, &to))
        },
        |errors| page(&ctx, &slug, id, Some(&form), errors),
    )
    .await
}

/// `GET /teams/{team}/meetings/{id}/ballot/receipt`: the receipt of the ballot just saved,
/// once. Afterwards (a reload, another tab) it sends the voter to their ballot, which says
/// when they last saved it; the code itself is never shown again.
pub async fn receipt(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    meetings::authorize(ctx.db(), ctx.principal(), &slug, id, Action::CastBallot).await?;
    match receipts::take(&ctx, &subject(id)) {
        Some(held) => receipt_page(&ctx, &slug, id, held).await,
        None => receipts::shown_once(&ctx, &format!("/teams/{slug}/meetings/{id}/ballot")),
    }
}

/// The receipt page.
async fn receipt_page(
    ctx: &Ctx,
    slug: &str,
    id: MeetingId,
    receipt: HeldReceipt,
) -> Result<HttpResponse, WebError> {
    let view = ballots::view(ctx.db(), ctx.principal(), slug, id).await?;
    let mut ranked: Vec<(usize, &str)> = view
        .items
        .iter()
        .filter_map(|p| view.ranks.get(&p.id).map(|r| (*r, p.title.as_str())))
        .collect();
    ranked.sort_unstable();
    let at = receipt.at(ctx.now);
    let page = ReceiptPage {
        title: crate::i18n::text(ctx.lang(), "mt-receipt-saved"),
        layout: ctx.layout(),
        meeting: header(ctx, &view.access, ctx.now).await?,
        code: receipt.code,
        hash: receipt.hash,
        changed: receipt.changed,
        at: date_time_in(at, view.access.zone, ctx.lang()),
        at_clock: clock(at, view.access.zone),
        ranking: ranked.into_iter().map(|(_, t)| t.to_owned()).collect(),
    };
    ctx.render(StatusCode::OK, "ballot_receipt.html", &page)
}
