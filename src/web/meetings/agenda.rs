//! The agreed agenda: the published agenda (or, before publication, the tally's) with start
//! times and every deviation and its reason; the leaders' publication form; the printable view;
//! and the `.ics` file with the agenda in its description.

use crate::domain::ids::{MeetingId, ProposalId};
use std::collections::{BTreeMap, HashMap};

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use sea_orm::DatabaseConnection;
use serde::Serialize;
use time::{Duration, OffsetDateTime};

use crate::access::{Action, Principal};
use crate::domain::agreed_agenda::{ItemKind, PublishedItem, reason_field};
use crate::format::ics;
use crate::i18n::{Lang, text, text_with};
use crate::service::meetings::agreed::{self, AgendaView, tally_items};
use crate::web::WebError;
use crate::web::context::{Ctx, redirect_or_reshow, status_for};
use crate::web::format::{clock, date_time_in};
use crate::web::meetings::results::Download;
use crate::web::meetings::results::{AgendaLine, agenda_lines_in};
use crate::web::meetings::{MeetingHeader, header};
use crate::web::pages::base_url;
use crate::web::visitor::Layout;

#[derive(Debug, Clone, Serialize)]
struct Line {
    start: String,
    title: String,
    minutes: u32,
    note: String,
}

#[derive(Serialize)]
struct AgendaPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    published: bool,
    publisher: String,
    published_at: String,
    lines: Vec<Line>,
    deviations: Vec<String>,
    total_minutes: u32,
    over_by: u32,
    tally_lines: Vec<AgendaLine>,
    voting_closed: bool,
    can_publish: bool,
}

/// "ranked 1st" (`key` with `$rank`) in `lang`: the catalogue picks the ordinal form (1st,
/// 2nd, 3rd; 1er, 2e) from the number, which text arguments (`i18n::text_with`) cannot.
fn ranked(lang: Lang, key: &str, rank: u32) -> String {
    use fluent_templates::Loader;
    use fluent_templates::fluent_bundle::FluentValue;
    use fluent_templates::fluent_bundle::types::{
        FluentNumber, FluentNumberOptions, FluentNumberType,
    };
    let number = FluentNumber::new(
        f64::from(rank),
        FluentNumberOptions {
            r#type: FluentNumberType::Ordinal,
            ..FluentNumberOptions::default()
        },
    );
    let args = HashMap::from([(
        std::borrow::Cow::Borrowed("rank"),
        FluentValue::Number(number),
    )]);
    crate::i18n::LOCALES.lookup_with_args(&lang.id(), key, &args)
}

/// One item of the published agenda, placed in time.
#[derive(Debug, Clone)]
pub struct Placed<'a> {
    /// When it starts.
    pub start: OffsetDateTime,
    /// The item as published.
    pub item: &'a PublishedItem,
    /// The seeded draw decided its place in the tally.
    pub drawn: bool,
    /// Where it comes from, as people read it ("ranked 2nd", "added").
    pub note: String,
}

/// The published agenda's items in order with their start times (none before publication).
#[must_use]
pub fn placed_items(view: &AgendaView, lang: Lang) -> Vec<Placed<'_>> {
    let mut at = view.access.meeting.starts_at;
    let Some(publication) = &view.publication else {
        return Vec::new();
    };
    // Places the seeded draw decided say so on the agreed agenda too.
    let drawn: Vec<u32> = view
        .tally
        .as_ref()
        .and_then(|t| t.output.agenda.as_ref())
        .map(|a| a.items.iter().filter(|i| i.drawn).map(|i| i.rank).collect())
        .unwrap_or_default();
    publication
        .items
        .iter()
        .map(|item| {
            let was_drawn = item.kind == ItemKind::Ranked
                && item.rank.is_some_and(|rank| drawn.contains(&rank));
            let placed = Placed {
                start: at,
                item,
                drawn: was_drawn,
                note: match (item.kind, item.rank) {
                    (ItemKind::Fixed, _) => text(lang, "mt-agenda-fixed"),
                    (ItemKind::Added, _) => text(lang, "mt-agenda-added"),
                    (ItemKind::Ranked, Some(rank)) if was_drawn => {
                        ranked(lang, "mt-agenda-ranked-drawn", rank)
                    }
                    (ItemKind::Ranked, Some(rank)) => ranked(lang, "mt-agenda-ranked", rank),
                    (ItemKind::Ranked, None) => String::new(),
                },
            };
            at += Duration::minutes(i64::from(item.minutes));
            placed
        })
        .collect()
}

fn published_lines(view: &AgendaView, lang: Lang) -> (Vec<Line>, u32) {
    let lines: Vec<Line> = placed_items(view, lang)
        .into_iter()
        .map(|p| Line {
            start: clock(p.start, view.access.zone),
            title: p.item.title.clone(),
            minutes: p.item.minutes,
            note: p.note,
        })
        .collect();
    let total = lines.iter().map(|l| l.minutes).sum();
    (lines, total)
}

async fn load(
    ctx: &Ctx,
    slug: &str,
    id: MeetingId,
) -> Result<(AgendaView, MeetingHeader, OffsetDateTime), WebError> {
    let now = ctx.now;
    let view = agreed::view(ctx.db(), ctx.principal(), slug, id, now).await?;
    let meeting = header(ctx, &view.access, now).await?;
    Ok((view, meeting, now))
}

fn agenda_page(
    view: &AgendaView,
    meeting: MeetingHeader,
    ctx: &Ctx,
    now: OffsetDateTime,
) -> AgendaPage {
    let lang = ctx.lang();
    let (lines, total) = published_lines(view, lang);
    let budget = u32::try_from(view.access.meeting.budget_minutes).unwrap_or(0);
    let publisher = view
        .publication
        .as_ref()
        .map(|p| p.publisher.clone())
        .unwrap_or_default();
    AgendaPage {
        title: text_with(
            lang,
            "mt-agenda-title",
            &[("title", view.access.meeting.title.clone())],
        ),
        layout: ctx.layout(),
        meeting,
        published: view.publication.is_some(),
        published_at: view
            .publication
            .as_ref()
            .map(|p| date_time_in(p.published_at, view.access.zone, lang))
            .unwrap_or_default(),
        deviations: view
            .publication
            .as_ref()
            .map(|p| {
                p.deviations
                    .iter()
                    .map(|d| d.sentence(publisher.as_str()).render(lang))
                    .collect()
            })
            .unwrap_or_default(),
        publisher,
        lines,
        total_minutes: total,
        over_by: total.saturating_sub(budget),
        tally_lines: view
            .tally
            .as_ref()
            .map(|t| agenda_lines_in(t, ctx.lang()).0)
            .unwrap_or_default(),
        voting_closed: view.access.windows().voting_closed(now),
        can_publish: view.access.may(ctx.principal(), Action::PublishAgenda)
            && view.tally.is_some()
            && now < view.access.meeting.starts_at,
    }
}

/// `GET /teams/{team}/meetings/{id}/agenda`.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let (view, meeting, now) = load(&ctx, &slug, id).await?;
    let page = agenda_page(&view, meeting, &ctx, now);
    ctx.render(StatusCode::OK, "agenda.html", &page)
}

/// `GET /teams/{team}/meetings/{id}/agenda/print`.
pub async fn print(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let (view, meeting, now) = load(&ctx, &slug, id).await?;
    let page = agenda_page(&view, meeting, &ctx, now);
    ctx.render(StatusCode::OK, "agenda_print.html", &page)
}

/// `GET /teams/{team}/meetings/{id}/agenda.ics`.
pub async fn calendar(
    req: HttpRequest,
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let base = base_url(&ctx.state, &req);
    let file = calendar_file(
        ctx.db(),
        ctx.principal(),
        &slug,
        id,
        ctx.now,
        ctx.lang(),
        &base,
    );
    Ok(file.await?.response())
}

/// A meeting's `.ics` file: the meeting as one event, with the published agenda (and its
/// deviations) in the description, written in `lang`; `base` is the site's address.
pub async fn calendar_file(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: MeetingId,
    now: OffsetDateTime,
    lang: Lang,
    base: &str,
) -> Result<Download, WebError> {
    let view = agreed::view(db, principal, slug, id, now).await?;
    let m = &view.access.meeting;
    let (lines, _) = published_lines(&view, lang);
    let mut description = m.purpose_line.clone();
    if lines.is_empty() {
        description.push_str("\n\n");
        description.push_str(&text(lang, "mt-agenda-not-published"));
    } else {
        description.push_str("\n\n");
        description.push_str(&text(lang, "mt-ics-agenda"));
        for line in &lines {
            description.push_str(&format!(
                "\n{} {} ({} min)",
                line.start, line.title, line.minutes
            ));
        }
        if let Some(p) = &view.publication {
            for d in &p.deviations {
                description.push_str(&format!(
                    "\n{}",
                    d.sentence(p.publisher.as_str()).render(lang)
                ));
            }
        }
    }
    let uid = format!("meeting-{}@roundtable", m.id);
    let url = format!("{base}/teams/{slug}/meetings/{id}/agenda");
    let text = ics::calendar(&ics::Event {
        uid: &uid,
        stamp: now,
        starts: m.starts_at,
        ends: m.starts_at + Duration::minutes(i64::from(m.budget_minutes)),
        summary: &m.title,
        location: &m.place,
        description: &description,
        url: Some(&url),
    });
    Ok(Download {
        content_type: "text/calendar; charset=utf-8",
        filename: format!("meeting-{id}.ics"),
        body: text.into_bytes(),
    })
}

#[derive(Serialize)]
struct PublishRow {
    id: ProposalId,
    title: String,
    minutes: u32,
    rank: u32,
    in_tally: bool,
    include: bool,
    position: String,
    reason: String,
    reason_field: String,
    error: Option<String>,
    position_error: Option<String>,
}

#[derive(Serialize)]
struct PublishPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    rows: Vec<PublishRow>,
    fixed: Vec<AgendaLine>,
    add_title: String,
    add_minutes: String,
    add_position: String,
    add_reason: String,
    has_errors: bool,
    errors: BTreeMap<String, String>,
}

async fn publish_page(
    ctx: &Ctx,
    slug: &str,
    id: MeetingId,
    typed: Option<&HashMap<String, String>>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let (view, meeting, _) = load(ctx, slug, id).await?;
    if !view.access.may(ctx.principal(), Action::PublishAgenda) {
        return Err(WebError::Forbidden);
    }
    let Some(tally) = &view.tally else {
        return Err(WebError::Conflict(crate::i18n::Msg::new(
            "conflict-agenda-published-voting-closed",
        )));
    };
    let get = |name: &str| typed.and_then(|f| f.get(name)).cloned().unwrap_or_default();
    let rows = tally_items(tally)
        .into_iter()
        .map(|t| {
            let field = reason_field(t.proposal_id);
            PublishRow {
                include: match typed {
                    Some(f) => f.contains_key(&format!("include_{}", t.proposal_id)),
                    None => t.included,
                },
                position: get(&format!("position_{}", t.proposal_id)),
                reason: get(&field),
                error: errors.get(&field).cloned(),
                position_error: errors.get(&format!("position_{}", t.proposal_id)).cloned(),
                reason_field: field,
                id: t.proposal_id,
                title: t.title,
                minutes: t.minutes,
                rank: t.rank,
                in_tally: t.included,
            }
        })
        .collect();
    let status = status_for(&errors);
    let page = PublishPage {
        title: text_with(
            ctx.lang(),
            "mt-publish-title",
            &[("title", view.access.meeting.title.clone())],
        ),
        layout: ctx.layout(),
        meeting,
        rows,
        fixed: agenda_lines_in(tally, ctx.lang())
            .0
            .into_iter()
            .filter(|l| l.fixed)
            .collect(),
        add_title: get("add_title"),
        add_minutes: get("add_minutes"),
        add_position: get("add_position"),
        add_reason: get("add_reason"),
        has_errors: !errors.is_empty(),
        errors,
    };
    ctx.render(status, "agenda_publish.html", &page)
}

/// `GET /teams/{team}/meetings/{id}/agenda/publish`.
pub async fn publish_form(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    publish_page(&ctx, &slug, id, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/meetings/{id}/agenda/publish`.
pub async fn publish(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let now = ctx.now;
    let delivery = crate::service::notices::Delivery::of(&ctx.state.settings);
    let lang = ctx.lang();
    let result = agreed::publish(
        ctx.db(),
        ctx.principal(),
        &slug,
        id,
        &form,
        delivery,
        now,
        lang,
    )
    .await;
    redirect_or_reshow(
        lang,
        result,
        |()| format!("/teams/{slug}/meetings/{id}/agenda"),
        |errors| publish_page(&ctx, &slug, id, Some(&form), errors),
    )
    .await
}
