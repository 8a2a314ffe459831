//! The live meeting page (`/teams/{team}/meetings/{id}/live`): the agreed agenda with each
//! item's time box and the time used by the server's clock, the scan under the first item,
//! attendance in one step, the note-taker, decisions and actions per item, and closing.
//! Thin: parse, call `service::meetings::{run, capture}`, render. Works without JavaScript;
//! `static/clock.js` only ticks the running item's clock between page loads.

use crate::domain::ids::{MeetingId, UserId};
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::access::Action;
use crate::domain::meeting_run::ItemState;
use crate::format;
use crate::service::ServiceError;
use crate::service::actions::{ActionForm, ActionLine};
use crate::service::ledger::Member;
use crate::service::meetings::capture::{self, DecisionForm};
use crate::service::meetings::roles::{self, AttendanceForm, NoteTakerChoice, NoteTakerForm};
use crate::service::meetings::scan::{Scan, scan};
use crate::service::meetings::{self, run};
use crate::service::teams;
use crate::web::WebError;
use crate::web::context::{Ctx, FieldMap, redirect_or_reshow, status_for};
use crate::web::meetings::{MeetingHeader, header_at};
use crate::web::paging::{self, Pager};
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

/// Members the attendance form shows a page (every radio group of a page is posted; a team of
/// thousands is marked a hundred at a time).
pub const ATTENDANCE_PER_PAGE: u64 = 100;

/// What a refused capture form brings back: where, and what was typed; and which page of the
/// attendance form to show.
#[derive(Default)]
pub struct Typed {
    people: u64,
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
    /// The page of the attendance form (when it may be taken), else who was recorded.
    attendance: Vec<AttendanceView>,
    attendance_pager: Pager,
    /// "12 present, 3 apologies, 5 not recorded".
    attendance_count: String,
    /// The owner field of each item's action form: only for whoever records them.
    member_options: Option<Arc<crate::web::person_fields::MemberOptions>>,
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
    // Every read on one pooled connection, as the meeting page does.
    let reads = ctx.reads().await?;
    let (db, now) = (&reads, ctx.now);
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
    let open = run.published && run.closed_at().is_none();
    let may_drive = run.access.may(ctx.principal(), Action::RunMeeting);
    let may_run = may_drive && run.may_run(user);
    let may_record = may_drive && run.may_record(user);
    // The forms for attendance and the note-taker show only to whoever runs the meeting while
    // it is published and open, the action forms' owner field to whoever records; only their
    // pages read the whole roster. Everyone else's names the few people the page shows.
    let takes_roles = may_run && open;
    let records = may_record && open;
    let (members, member_count) = if takes_roles || records {
        let members = ctx.roster(team.id, team.roster_version).await?;
        let count = members.len() as u64;
        (members, count)
    } else {
        let named = run
            .attendance
            .keys()
            .copied()
            .chain(meeting.facilitator_id)
            .chain(run.note_taker());
        (
            Arc::new(teams::members_among(db, team.id, named).await?),
            team.size(),
        )
    };
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
    let zone = run.access.zone;
    let view = |m: &Member| AttendanceView {
        id: m.id,
        name: m.name.clone(),
        status: run.attendance_of(m.id),
    };
    let base = format!("/teams/{}/meetings/{id}/live", team.slug);
    let attendance_pager = Pager::for_total(member_count, ATTENDANCE_PER_PAGE, typed.people, |p| {
        format!("{base}?people={p}")
    });
    let attendance: Vec<AttendanceView> = if takes_roles {
        let skip = usize::try_from(attendance_pager.offset(ATTENDANCE_PER_PAGE)).unwrap_or(0);
        members
            .iter()
            .skip(skip)
            .take(ATTENDANCE_PER_PAGE as usize)
            .map(view)
            .collect()
    } else {
        members
            .iter()
            .filter(|m| !run.attendance_of(m.id).is_empty())
            .map(view)
            .collect()
    };
    let (present, apologies) = run.attendance_totals();
    let attendance_count = crate::i18n::Msg::new("mt-live-attendance-count")
        .arg("present", present)
        .arg("apologies", apologies)
        .arg(
            "unrecorded",
            member_count.saturating_sub((present + apologies) as u64),
        )
        .render(lang);
    let page = LivePage {
        title: crate::i18n::text_with(lang, "mt-live-heading", &[("title", meeting.title.clone())]),
        layout: ctx.layout(),
        // The run has read whether the agenda is published: the phase needs nothing more.
        meeting: header_at(
            ctx,
            db,
            &run.access,
            meetings::phase_at(meeting, run.published, now),
        )
        .await?,
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
        note_taker_choices: if takes_roles {
            roles::note_taker_choices(db, team.id, &members, meeting.facilitator_id, zone, lang)
                .await?
        } else {
            Vec::new()
        },
        items,
        planned_total,
        used_total,
        over_total: (used_total - planned_total).max(0),
        running: run.running().is_some(),
        now_iso: rfc3339(now),
        attendance,
        attendance_pager,
        attendance_count,
        may_run,
        may_record,
        scan: scan(db, team, meeting, now, (zone, lang)).await?,
        today: format::iso(run.access.zone.today(now)),
        error_position: typed.position.unwrap_or(-1),
        decision_form: typed.decision,
        action_form: typed.action,
        blank_decision: DecisionForm::default(),
        blank_action: ActionForm::default(),
        no_errors: FieldMap::new(),
        member_options: if records {
            Some(ctx.member_options(team.id, team.roster_version).await?)
        } else {
            None
        },
        errors,
    };
    drop(reads);
    ctx.render(status_for(&page.errors), "meeting_live.html", &page)
}

/// `?people=` on the live page: the page of the attendance form.
#[derive(Debug, Default, Deserialize)]
pub struct PeopleQuery {
    #[serde(default)]
    people: String,
}

impl PeopleQuery {
    fn page(raw: &str) -> u64 {
        paging::requested(raw).unwrap_or(1)
    }
}

/// `GET /teams/{team}/meetings/{id}/live` (`?people=N`: that page of the attendance form).
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    query: web::Query<PeopleQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let typed = Typed {
        people: PeopleQuery::page(&query.people),
        ..Typed::default()
    };
    live_page(&ctx, &slug, id, typed, FieldMap::new()).await
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

/// `POST /teams/{team}/meetings/{id}/live/attendance`: the attendance of the members on one
/// page of the form (the hidden `people` names the page, to come back to).
pub async fn attendance(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    form: web::Form<AttendanceForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    roles::take_attendance(
        ctx.db(),
        ctx.principal(),
        &slug,
        id,
        &form,
        roles::Whom::Named,
        ctx.now,
    )
    .await?;
    let people = PeopleQuery::page(form.get("people").map_or("", String::as_str));
    let to = if people > 1 {
        format!("/teams/{slug}/meetings/{id}/live?people={people}#attendance")
    } else {
        back(&slug, id, "attendance")
    };
    Ok(crate::web::pages::see_other(&to))
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
        ..Typed::default()
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
        action: form.into_inner(),
        ..Typed::default()
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
