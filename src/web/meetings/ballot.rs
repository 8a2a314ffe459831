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
use crate::web::meetings::{MeetingHeader, header, header_on};
use crate::web::receipt::{self as receipts, HeldReceipt};
use crate::web::visitor::Layout;

/// One item of the ballot, with everything its line shows worked out here: a 1,000-item
/// ballot renders 1,000 of these, so the template only prints fields (no map lookups).
#[derive(Serialize)]
struct BallotItem<'a> {
    /// Sort tie-breaker only (the template does not print it).
    #[serde(skip)]
    id: ProposalId,
    field: String,
    title: &'a str,
    why: &'a str,
    minutes: i32,
    /// The rank to sort by (stored, or as typed when it is a number).
    rank: Option<usize>,
    /// What the field shows: the stored rank, or exactly what the person typed.
    value: String,
    /// The message beside this item's field, if its rank needs correcting.
    error: Option<String>,
}

#[derive(Serialize)]
struct BallotPage<'a> {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    /// The items, for the read-only list shown outside the voting window (empty while the
    /// form is shown: the form's lines are `lines`).
    items: Vec<BallotItem<'a>>,
    /// How many items the meeting has.
    item_count: usize,
    /// The form's lines, written by [`form_lines`] (already escaped).
    lines: String,
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
    let reads = ctx.reads().await?;
    let view = ballots::view(&reads, &ctx.state.ballot_options, principal, slug, id).await?;
    let ranks = &view.ranks;
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
                    let rank = ranks.get(&p.id).copied();
                    (rank, rank.map(|r| r.to_string()).unwrap_or_default())
                }
            };
            BallotItem {
                id: p.id,
                error: errors.get(&field).cloned(),
                field,
                title: &p.title,
                why: &p.why,
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
    let voting_open = w.voting(now);
    let can_vote = view.access.may(principal, Action::CastBallot);
    let item_count = items.len();
    let ranked_count = items.iter().filter(|i| !i.value.is_empty()).count();
    let lines = if voting_open && can_vote {
        let words = LineWords {
            rank: crate::i18n::text(lang, "ballot-rank-word"),
            minutes: crate::i18n::text(lang, "minutes-unit"),
        };
        form_lines(&std::mem::take(&mut items), item_count, &words)
    } else {
        String::new()
    };
    let page = BallotPage {
        open_ballot: crate::service::meetings::privacy(&view.access.meeting)
            == crate::domain::meeting::Privacy::Open,
        title: crate::i18n::text_with(
            lang,
            "mt-ballot-title",
            &[("title", view.access.meeting.title.clone())],
        ),
        layout: ctx.layout(),
        meeting: header_on(ctx, &reads, &view.access, now).await?,
        max_rank: item_count,
        ranked_count,
        error_count: errors.keys().filter(|k| k.starts_with("rank_")).count(),
        items,
        item_count,
        lines,
        errors,
        voting_open,
        can_vote,
        status_line,
        voting_closes: date_time_in(w.voting_close, zone, lang),
    };
    // Back to the pool before rendering: others wait for connections, not for Tera.
    drop(reads);
    ctx.render(status, "ballot.html", &page)
}

/// The words every line of the form repeats, looked up once per page.
struct LineWords {
    rank: String,
    minutes: String,
}

/// The ballot form's lines, one `<li>` per item, written here rather than by the template:
/// at 1,000 items, copying every item into Tera's context and evaluating a dozen paths per
/// line cost most of the page's CPU (docs/benchmarks.md, issue 13). Every text is escaped
/// as Tera's `escape_html` escapes it (so the markup is the one the template wrote before),
/// straight into the page rather than into a new string per text.
fn form_lines(items: &[BallotItem], max_rank: usize, words: &LineWords) -> String {
    use crate::web::templates::escape_into;
    use std::fmt::Write as _;
    let (mut rank_word, mut min_word) = (String::new(), String::new());
    escape_into(&mut rank_word, &words.rank);
    escape_into(&mut min_word, &words.minutes);
    let mut out = String::with_capacity(items.len() * 256);
    // The field name appears up to five times a line: escaped once, here.
    let mut field = String::new();
    for (i, item) in items.iter().enumerate() {
        field.clear();
        escape_into(&mut field, &item.field);
        if i > 0 {
            out.push('\n');
        }
        out.push_str("<li");
        if !item.value.is_empty() {
            out.push_str(" class=\"is-ranked\"");
        }
        out.push_str("><label for=\"");
        out.push_str(&field);
        out.push_str("\"><b>");
        escape_into(&mut out, item.title);
        let _ = write!(out, "</b> ({} ", item.minutes);
        out.push_str(&min_word);
        out.push_str(")<span class=\"vh\">, ");
        out.push_str(&rank_word);
        out.push_str("</span></label><input id=\"");
        out.push_str(&field);
        out.push_str("\" name=\"");
        out.push_str(&field);
        let _ = write!(out, "\" type=\"number\" min=\"1\" max=\"{max_rank}\"");
        if !item.value.is_empty() {
            out.push_str(" value=\"");
            escape_into(&mut out, &item.value);
            out.push('"');
        }
        match &item.error {
            Some(error) => {
                out.push_str(" aria-invalid=\"true\" aria-describedby=\"");
                out.push_str(&field);
                out.push_str("-error\"><span class=\"field-error\" id=\"");
                out.push_str(&field);
                out.push_str("-error\">");
                escape_into(&mut out, error);
                out.push_str("</span>");
            }
            None => out.push('>'),
        }
        out.push_str("<small>");
        escape_into(&mut out, item.why);
        out.push_str("</small></li>");
    }
    out
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
    let view = ballots::view(
        ctx.db(),
        &ctx.state.ballot_options,
        ctx.principal(),
        slug,
        id,
    )
    .await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The line the template wrote before [`form_lines`] took it over.
    const TEMPLATE_LINE: &str = r#"{%- for item in items %}
<li{% if item.value %} class="is-ranked"{% endif %}><label for="{{ item.field }}"><b>{{ item.title }}</b> ({{ item.minutes }} {{ min_word }})<span class="vh">, {{ rank_word }}</span></label><input id="{{ item.field }}" name="{{ item.field }}" type="number" min="1" max="{{ max_rank }}"{% if item.value %} value="{{ item.value }}"{% endif %}{% if item.error %} aria-invalid="true" aria-describedby="{{ item.field }}-error"{% endif %}>{% if item.error %}<span class="field-error" id="{{ item.field }}-error">{{ item.error }}</span>{% endif %}<small>{{ item.why }}</small></li>
{%- endfor %}"#;

    fn item<'a>(id: i64, title: &'a str, value: &str, error: Option<&str>) -> BallotItem<'a> {
        BallotItem {
            id: ProposalId(id),
            field: rank_field(ProposalId(id)),
            title,
            why: "Why <it> & \"so\"",
            minutes: 10,
            rank: value.parse().ok(),
            value: value.to_owned(),
            error: error.map(str::to_owned),
        }
    }

    #[test]
    fn the_lines_written_in_rust_are_the_templates_markup_escaped_the_same_way() {
        let items = vec![
            item(1, "Budget <script>alert(1)</script>", "1", None),
            item(
                2,
                "Rota & 'duties' / \"cover\"",
                "x\"><b>",
                Some("Use a number <1–3>"),
            ),
            item(3, "Plain", "", None),
        ];
        let words = LineWords {
            rank: "rang <vh>".to_owned(),
            minutes: "min & s".to_owned(),
        };
        let mut context = tera::Context::new();
        context.insert("items", &items);
        context.insert("max_rank", &3);
        context.insert("rank_word", &words.rank);
        context.insert("min_word", &words.minutes);
        let expected = tera::Tera::one_off(TEMPLATE_LINE, &context, true).unwrap();

        let written = form_lines(&items, 3, &words);

        assert_eq!(written, expected.trim_start_matches('\n'));
        assert!(!written.contains("<script>") && !written.contains("value=\"x\"><b>"));
    }
}
