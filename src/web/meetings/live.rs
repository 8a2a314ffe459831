//! The live meeting page (`/teams/{team}/meetings/{id}/live`): the agreed agenda with each
//! item's time box and the time used by the server's clock, the scan under the first item,
//! attendance in one step, the note-taker, decisions and actions per item, and closing.
//! Thin: parse, call `service::meetings::{run, capture}`, render. Works without JavaScript;
//! `static/clock.js` only ticks the running item's clock between page loads.

use crate::domain::ids::{MeetingId, UserId};
use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::access::Action;
use crate::domain::meeting_run::ItemState;
use crate::format;
use crate::service::ServiceError;
use crate::service::actions::{ActionForm, ActionLine};
use crate::service::ledger::{self as ledger_service, Member};
use crate::service::meetings::capture::{self, DecisionForm};
use crate::service::meetings::roles::{self, AttendanceForm, NoteTakerChoice, NoteTakerForm};
use crate::service::meetings::run;
use crate::service::meetings::scan::{Scan, scan};
use crate::web::WebError;
use crate::web::context::{Ctx, FieldMap, redirect_or_reshow, status_for};
use crate::web::meetings::{MeetingHeader, header};
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct DecisionView {
    text: String,
    review_on: String,
}

#[derive(Serialize)]
struct ItemView {
    position: i32,
    number: usize,
    title: String,
    planned: u32,
    used: i64,
    state: ItemState,
    over_by: i64,
    started_iso: String,
    decisions: Vec<DecisionView>,
    actions: Vec<ActionLine>,
}

#[derive(Serialize)]
struct AttendanceView {
    id: UserId,
    name: String,
    status: &'static str,
}

/// What a refused capture form brings back: where, and what was typed.
#[derive(Default)]
pub struct Typed {
    position: Option<i32>,
    decision: DecisionForm,
    action: ActionForm,
}

#[derive(Serialize)]
struct LivePage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    published: bool,
    closed: String,
    facilitator: String,
    note_taker: String,
    /// The note-taker's id, for the choice marked selected ("" when nobody).
    note_taker_id: String,
    note_taker_choices: Vec<NoteTakerChoice>,
    items: Vec<ItemView>,
    planned_total: i64,
    used_total: i64,
    over_total: i64,
    running: bool,
    now_iso: String,
    attendance: Vec<AttendanceView>,
    members: Vec<Member>,
    may_run: bool,
    may_record: bool,
    scan: Scan,
    today: String,
    error_position: i32,
    decision_form: DecisionForm,
    action_form: ActionForm,
    blank_decision: DecisionForm,
    blank_action: ActionForm,
    no_errors: FieldMap,
    errors: FieldMap,
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

async fn live_page(
    ctx: &Ctx,
    slug: &str,
    id: MeetingId,
    typed: Typed,
    errors: FieldMap,
) -> Result<HttpResponse, WebError> {
    let (db, now) = (ctx.db(), ctx.now);
    let user = ctx.require_user()?.id;
    let run = run::state(db, ctx.principal(), slug, id, Action::ViewMeetings).await?;
    let meeting = &run.access.meeting;
    let team = &run.access.team;
    let decisions = capture::decisions_of(db, id).await?;
    let lang = ctx.lang();
    let captured: Vec<ActionLine> =
        capture::actions_of(db, &team.slug, id, run.access.zone.today(now))
            .await?
            .into_iter()
            .map(|line| line.in_lang(lang))
            .collect();
    let members = ledger_service::roster(db, team.id).await?;
    let name_of = |who: Option<UserId>| {
        who.and_then(|w| members.iter().find(|m| m.id == w))
            .map_or_else(
                || crate::i18n::text(lang, "mt-live-nobody-named"),
                |m| m.name.clone(),
            )
    };
    let items: Vec<ItemView> = run
        .items
        .iter()
        .zip(&run.clocks)
        .enumerate()
        .map(|(i, (item, clock))| {
            let position = i32::try_from(i).unwrap_or(i32::MAX);
            ItemView {
                position,
                number: i + 1,
                title: item.title.clone(),
                planned: item.minutes,
                used: clock.used(now),
                state: clock.state(),
                over_by: clock.over(now).max(0),
                started_iso: clock.started.map(rfc3339).unwrap_or_default(),
                decisions: decisions
                    .iter()
                    .filter(|d| d.item_position == position)
                    .map(|d| DecisionView {
                        text: d.text.clone(),
                        review_on: d
                            .review_on
                            .map(|day| format::date_in(day, lang))
                            .unwrap_or_default(),
                    })
                    .collect(),
                actions: captured
                    .iter()
                    .filter(|a| a.item_position == Some(position))
                    .cloned()
                    .collect(),
            }
        })
        .collect();
    let (planned_total, used_total) = crate::domain::meeting_run::totals(&run.clocks, now);
    let page = LivePage {
        title: crate::i18n::text_with(lang, "mt-live-heading", &[("title", meeting.title.clone())]),
        layout: ctx.layout(),
        meeting: header(ctx, &run.access, now).await?,
        published: run.published,
        closed: run
            .closed_at()
            .map(|at| format::date_time_in(at, run.access.zone, lang))
            .unwrap_or_default(),
        facilitator: name_of(meeting.facilitator_id),
        note_taker: name_of(run.note_taker()),
        note_taker_id: run
            .note_taker()
            .map(|id| id.to_string())
            .unwrap_or_default(),
        note_taker_choices: roles::note_taker_choices(
            db,
            team.id,
            meeting.facilitator_id,
            run.access.zone,
            lang,
        )
        .await?,
        items,
        planned_total,
        used_total,
        over_total: (used_total - planned_total).max(0),
        running: run.running().is_some(),
        now_iso: rfc3339(now),
        attendance: members
            .iter()
            .map(|m| AttendanceView {
                id: m.id,
                name: m.name.clone(),
                status: run.attendance_of(m.id),
            })
            .collect(),
        may_run: run.access.may(ctx.principal(), Action::RunMeeting) && run.may_run(user),
        may_record: run.access.may(ctx.principal(), Action::RunMeeting) && run.may_record(user),
        scan: scan(
            db,
            &team.slug,
            meeting,
            now,
            (run.access.zone, lang),
            Some(members.len() as u64),
        )
        .await?,
        today: format::iso(run.access.zone.today(now)),
        error_position: typed.position.unwrap_or(-1),
        decision_form: typed.decision,
        action_form: typed.action,
        blank_decision: DecisionForm::default(),
        blank_action: ActionForm::default(),
        no_errors: FieldMap::new(),
        members,
        errors,
    };
    ctx.render(status_for(&page.errors), "meeting_live.html", &page)
}

/// `GET /teams/{team}/meetings/{id}/live`.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    live_page(&ctx, &slug, id, Typed::default(), FieldMap::new()).await
}

fn back(slug: &str, id: MeetingId, anchor: &str) -> String {
    format!("/teams/{slug}/meetings/{id}/live#{anchor}")
}

/// `POST /teams/{team}/meetings/{id}/live/items/{position}/start`.
pub async fn start(
    ctx: Ctx,
    path: web::Path<(String, MeetingId, i32)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, position) = path.into_inner();
    run::start_item(ctx.db(), ctx.principal(), &slug, id, position, ctx.now).await?;
    Ok(crate::web::pages::see_other(&back(
        &slug,
        id,
        &format!("item-{position}"),
    )))
}

/// `POST /teams/{team}/meetings/{id}/live/items/{position}/end`.
pub async fn end(
    ctx: Ctx,
    path: web::Path<(String, MeetingId, i32)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, position) = path.into_inner();
    run::end_item(ctx.db(), ctx.principal(), &slug, id, position, ctx.now).await?;
    Ok(crate::web::pages::see_other(&back(
        &slug,
        id,
        &format!("item-{position}"),
    )))
}

/// `POST /teams/{team}/meetings/{id}/live/attendance`: everyone's attendance in one form.
pub async fn attendance(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    form: web::Form<AttendanceForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    roles::take_attendance(ctx.db(), ctx.principal(), &slug, id, &form, ctx.now).await?;
    Ok(crate::web::pages::see_other(&back(&slug, id, "attendance")))
}

/// `POST /teams/{team}/meetings/{id}/live/note-taker`.
pub async fn note_taker(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    form: web::Form<NoteTakerForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = roles::set_note_taker(ctx.db(), ctx.principal(), &slug, id, &form).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| back(&slug, id, "roles"),
        |errors| live_page(&ctx, &slug, id, Typed::default(), errors),
    )
    .await
}

/// `POST /teams/{team}/meetings/{id}/live/items/{position}/decisions`.
pub async fn decide(
    ctx: Ctx,
    path: web::Path<(String, MeetingId, i32)>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, position) = path.into_inner();
    let result = capture::record_decision(
        ctx.db(),
        ctx.principal(),
        &slug,
        id,
        position,
        &form,
        ctx.now,
    )
    .await;
    let typed = Typed {
        position: Some(position),
        decision: form.into_inner(),
        action: ActionForm::default(),
    };
    captured(&ctx, &slug, id, result, typed).await
}

/// `POST /teams/{team}/meetings/{id}/live/items/{position}/actions`.
pub async fn act(
    ctx: Ctx,
    path: web::Path<(String, MeetingId, i32)>,
    form: web::Form<ActionForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, position) = path.into_inner();
    let result = capture::record_action(
        ctx.db(),
        ctx.principal(),
        &slug,
        id,
        position,
        &form,
        crate::service::notices::Delivery::of(&ctx.state.settings),
        ctx.now,
    )
    .await;
    let typed = Typed {
        position: Some(position),
        decision: DecisionForm::default(),
        action: form.into_inner(),
    };
    captured(&ctx, &slug, id, result, typed).await
}

/// After a decision or an action: back to its item, or the page with the typed form again.
async fn captured<T>(
    ctx: &Ctx,
    slug: &str,
    id: MeetingId,
    result: Result<T, ServiceError>,
    typed: Typed,
) -> Result<HttpResponse, WebError> {
    let anchor = format!("item-{}", typed.position.unwrap_or(0));
    redirect_or_reshow(
        ctx.lang(),
        result,
        |_| back(slug, id, &anchor),
        |errors| live_page(ctx, slug, id, typed, errors),
    )
    .await
}

/// `POST /teams/{team}/meetings/{id}/live/close`: ends the meeting and drafts the minutes.
pub async fn close(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    run::close(ctx.db(), ctx.principal(), &slug, id, ctx.now, ctx.lang()).await?;
    Ok(crate::web::pages::see_other(&format!(
        "/teams/{slug}/meetings/{id}/minutes"
    )))
}
