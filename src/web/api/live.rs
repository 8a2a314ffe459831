//! The meeting as it runs and its minutes, over `/api/v1/teams/{team}/meetings/{meeting}/`:
//! the live page's state (`live`), starting and ending items, attendance, the note-taker,
//! decisions and actions per item, closing; the minutes (JSON, a new version, the Markdown
//! download) and the three-minute scan — through `service::meetings::{run, roles, capture,
//! minutes, scan}`, the services of the live and minutes pages, with the same access rows
//! (`ViewMeetings` to read, `RunMeeting` to drive, `EditMinutes` to write the minutes). Who
//! may drive is the facilitator or a leader; the note-taker may also record; the minutes are
//! the note-taker's and the leaders'. A refusal because of the meeting's state (agenda not
//! published, meeting closed, item not started or not running) is `409 conflict`.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::access::Action;
use crate::domain::ids::{MeetingId, UserId};
use crate::domain::meeting_run::{ItemState, totals};
use crate::i18n::Msg;
use crate::service::actions::{self as action_service, ActionForm};
use crate::service::meetings::capture::{self, DecisionForm};
use crate::service::meetings::minutes::{self, MAX_CHARS, MinutesForm, MinutesView};
use crate::service::meetings::roles::{self, AttendanceForm, NoteTakerForm};
use crate::service::meetings::run;
use crate::service::meetings::scan::{Scan, scan};
use crate::service::meetings::{self as meeting_service};
use crate::service::notices::Delivery;
use crate::web::api::actions::{ActionDetails, ActionItem};
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ErrorBody, ReadErrors, WriteErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{created, json_with_etag, path_id};
use crate::web::pages::download;
use crate::web::{AppState, WebError};

/// This area's part of the OpenAPI document (merged by `openapi::document_value`).
#[derive(OpenApi)]
#[openapi(
    paths(show, attendance, note_taker, start, end, decide, act, close, minutes_show,
        minutes_save, minutes_markdown, scan_show),
    components(schemas(LiveItemState, LiveDecision, LiveItem, AttendanceStatus, Attendee,
        NamedPerson, NoteTakerSuggestion, Timer, LiveMeeting, AttendanceEntry, AttendanceBody,
        NoteTakerBody, DecisionBody, LiveActionBody, MinutesVersion, Minutes, MinutesBody,
        ScanMove, ScanReview, ScanHelpRequest, ScanThanks, ScanBlocker, ScanCheckins, ScanData)),
    tags((name = "live", description = "Running the meeting: the live page's state, items started and ended by the server's clock, attendance, the note-taker, decisions and actions per item, closing; the minutes and their Markdown; the three-minute scan"))
)]
pub struct Doc;

/// Where an agenda item stands.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LiveItemState {
    /// Not started.
    Waiting,
    /// Started, not ended.
    Running,
    /// Ended.
    Done,
}

impl From<ItemState> for LiveItemState {
    fn from(state: ItemState) -> Self {
        match state {
            ItemState::Waiting => Self::Waiting,
            ItemState::Running => Self::Running,
            ItemState::Done => Self::Done,
        }
    }
}

/// A decision captured on an item.
#[derive(Debug, Serialize, ToSchema)]
pub struct LiveDecision {
    pub id: i64,
    /// The agenda item's 0-based position.
    pub item_position: i32,
    /// What was decided.
    pub text: String,
    /// When to look at it again (`YYYY-MM-DD`), if set.
    #[schema(format = Date)]
    pub review_on: Option<String>,
    /// Who recorded it (`null`: a former account).
    pub recorded_by: Option<i64>,
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
}

/// One item of the published agenda, with its clock and what was captured on it.
#[derive(Debug, Serialize, ToSchema)]
pub struct LiveItem {
    /// 0-based position (the `{position}` of the item's endpoints).
    pub position: i32,
    /// 1-based number, as the page shows it.
    pub number: usize,
    pub title: String,
    /// The item's time box, in minutes.
    pub planned_minutes: u32,
    /// Minutes used by the server's clock (a running item counts up to now).
    pub used_minutes: i64,
    /// Minutes over its time box (0 when within).
    pub over_minutes: i64,
    pub state: LiveItemState,
    /// When it was started and ended (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub started_at: Option<String>,
    #[schema(format = DateTime)]
    pub ended_at: Option<String>,
    /// Decisions captured on it, as recorded.
    pub decisions: Vec<LiveDecision>,
    /// Actions agreed on it (they are in the team's action log).
    pub actions: Vec<ActionItem>,
}

/// A member's attendance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceStatus {
    Present,
    Apologies,
}

impl AttendanceStatus {
    /// As the attendance form writes it.
    fn form_value(self) -> &'static str {
        match self {
            Self::Present => "present",
            Self::Apologies => "apologies",
        }
    }
    fn of_form_value(value: &str) -> Option<Self> {
        match value {
            "present" => Some(Self::Present),
            "apologies" => Some(Self::Apologies),
            _ => None,
        }
    }
}

/// A member of the team and their attendance.
#[derive(Debug, Serialize, ToSchema)]
pub struct Attendee {
    pub user_id: i64,
    pub name: String,
    /// `null`: not recorded.
    pub status: Option<AttendanceStatus>,
}

/// A role holder (`user_id` `null` and `name` "nobody named" when none).
#[derive(Debug, Serialize, ToSchema)]
pub struct NamedPerson {
    pub user_id: Option<i64>,
    pub name: String,
}

/// A member in the note-taker choice: the first is the suggestion (in rotation).
#[derive(Debug, Serialize, ToSchema)]
pub struct NoteTakerSuggestion {
    pub user_id: i64,
    pub name: String,
    /// The last meeting they took notes at, in words ("never"), in the owner's language.
    pub last_took_notes: String,
}

/// The meeting's clock.
#[derive(Debug, Serialize, ToSchema)]
pub struct Timer {
    /// The server's time the state was read at (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub now: String,
    /// The item running now (its position), if any.
    pub running_position: Option<i32>,
    /// Minutes planned and used over all items, and how many over.
    pub planned_minutes: i64,
    pub used_minutes: i64,
    pub over_minutes: i64,
}

/// The running meeting as the live page shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct LiveMeeting {
    pub meeting_id: i64,
    pub title: String,
    /// Whether an agenda was published (nothing can be started before).
    pub published: bool,
    /// When the meeting was closed (RFC 3339, UTC); `null` while it runs.
    #[schema(format = DateTime)]
    pub closed_at: Option<String>,
    pub facilitator: NamedPerson,
    pub note_taker: NamedPerson,
    /// Members, least recently note-taking first, the facilitator last.
    pub note_taker_choices: Vec<NoteTakerSuggestion>,
    pub timer: Timer,
    /// The published agenda's items, in order (empty before publication).
    pub items: Vec<LiveItem>,
    /// Every current member, by name.
    pub attendance: Vec<Attendee>,
    /// Whether the token's owner may drive the meeting (the facilitator or a leader).
    pub may_run: bool,
    /// Whether they may record decisions and actions (also the note-taker).
    pub may_record: bool,
}

/// One member's attendance to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceEntry {
    /// A member of the team (a user id); others are ignored, as on the form.
    pub user_id: i64,
    pub status: AttendanceStatus,
}

/// Everyone's attendance in one step, as the live page's attendance form takes it: the list
/// replaces what was recorded; members left out are not recorded.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceBody {
    pub attendance: Vec<AttendanceEntry>,
}

/// The note-taker, as the live page's form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteTakerBody {
    /// A member of the team (a user id); `null` or left out: nobody.
    #[serde(default)]
    pub note_taker_id: Option<i64>,
}

/// A decision, as the item's decision form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// What was decided: one line, 3 to 500 characters (trimmed).
    #[schema(min_length = 3, max_length = 500)]
    pub text: String,
    /// When to look at it again, `YYYY-MM-DD`: after today, within five years (optional).
    #[serde(default)]
    #[schema(format = Date)]
    pub review_on: Option<String>,
}

/// An action agreed on an item, as the item's action form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LiveActionBody {
    /// What is to be done: one line, 3 to 200 characters (trimmed).
    #[schema(min_length = 3, max_length = 200)]
    pub title: String,
    /// The owner: a member of the team (a user id).
    pub owner_id: i64,
    /// Due day, `YYYY-MM-DD`, from today up to five years ahead.
    #[schema(format = Date)]
    pub due_on: String,
}

/// One version of the minutes in the history.
#[derive(Debug, Serialize, ToSchema)]
pub struct MinutesVersion {
    /// 1, 2, ...
    pub version: i32,
    pub published: bool,
    /// Who wrote it (`null`: drafted by Roundtable at the close, or a former account).
    pub author_id: Option<i64>,
    /// Their name, in the owner's language.
    pub author: String,
    /// When it was saved (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
}

/// The minutes as the token's owner may read them (members: the published versions; the
/// note-taker and leaders: the drafts too).
#[derive(Debug, Serialize, ToSchema)]
pub struct Minutes {
    pub meeting_id: i64,
    /// Whether the meeting was closed (the minutes are drafted then).
    pub closed: bool,
    /// The version shown (`version` asked for, else the latest readable); `null`: none yet.
    pub version: Option<i32>,
    /// Whether the shown version is published.
    pub published: bool,
    /// Its text, Markdown (`null`: none yet).
    pub body: Option<String>,
    /// The versions the owner may read, newest first.
    pub versions: Vec<MinutesVersion>,
    /// Whether the owner may edit and publish (the note-taker or a leader).
    pub may_edit: bool,
    /// The longest minutes accepted, in characters.
    pub max_chars: usize,
}

/// A new version of the minutes, as the minutes form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MinutesBody {
    /// The text, Markdown: not empty once trimmed, at most 50,000 characters.
    #[schema(min_length = 1, max_length = 50000)]
    pub body: String,
    /// Publish this version to the members (otherwise a draft).
    #[serde(default)]
    pub publish: bool,
}

/// `?version=N`: an older version of the minutes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionParam {
    /// The version number (absent: the latest the owner may read).
    #[param(value_type = Option<i32>, minimum = 1)]
    pub version: Option<String>,
}

impl VersionParam {
    fn number(&self) -> Result<Option<i32>, ApiError> {
        match self.version.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(raw) => raw
                .parse()
                .map(Some)
                .map_err(|_| ApiError::parameter("version", Msg::new("api-error-id"))),
        }
    }
}

/// A status change of an action since the previous meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScanMove {
    pub action_id: i64,
    pub title: String,
    /// Who moved it.
    pub who: String,
    /// "open → in progress", in the owner's language.
    pub change: String,
    /// When, in words ("3 Dec 2026, 14:00 UTC").
    pub when: String,
}

/// A decision whose review date has come.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScanReview {
    pub text: String,
    /// The review day, in words.
    pub review_on: String,
    /// The meeting that took it.
    pub meeting_id: i64,
}

/// An unmet help request.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScanHelpRequest {
    pub id: i64,
    pub title: String,
    pub detail: String,
    pub category: String,
    pub estimated_minutes: i32,
    pub author_id: i64,
    pub author: String,
    /// When it expires, in words.
    pub expires: String,
}

/// A thank-you since the previous meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScanThanks {
    pub id: i64,
    pub from: String,
    pub to_id: i64,
    pub to: String,
    pub impact: String,
    /// When, in words.
    pub when: String,
}

/// A blocker from this week's check-ins.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScanBlocker {
    /// Whose check-in.
    pub who: String,
    /// What blocks.
    pub text: String,
    /// The action it holds up, and its title.
    pub action_id: Option<i64>,
    pub action_title: Option<String>,
}

/// The check-ins of the week the meeting starts in.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScanCheckins {
    /// "week of 30 November".
    pub week: String,
    /// `2026-W49`.
    pub week_label: String,
    /// Members who checked in, every check-in of the week, and members.
    pub checked_in: u64,
    pub entries: u64,
    pub members: u64,
    /// The first blockers, first saved first, and how many more there are.
    pub blockers: Vec<ScanBlocker>,
    pub more: u64,
}

/// The three-minute scan: what happened since the team's previous meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScanData {
    /// "since 26 Nov 2026, 14:00 UTC (Weekly meeting)" or "since the team began".
    pub since: String,
    /// The latest action status changes (at most 50), oldest first.
    pub moved: Vec<ScanMove>,
    /// Status changes in the period beyond those listed.
    pub moved_more: u64,
    /// Open actions that are blocked or overdue, soonest due first (at most 50).
    pub stuck: Vec<ActionItem>,
    /// Blocked or overdue actions beyond those listed.
    pub stuck_more: u64,
    /// Decisions whose review date has come (at most 50).
    pub reviews: Vec<ScanReview>,
    /// Decisions due for review beyond those listed.
    pub reviews_more: u64,
    /// Unmet help requests.
    pub unmet: Vec<ScanHelpRequest>,
    /// Thank-yous since the previous meeting, newest first.
    pub thanks: Vec<ScanThanks>,
    pub checkins: ScanCheckins,
}

impl From<Scan> for ScanData {
    fn from(s: Scan) -> Self {
        Self {
            since: s.since,
            moved: s
                .moved
                .into_iter()
                .map(|m| ScanMove {
                    action_id: m.action_id.0,
                    title: m.title,
                    who: m.who,
                    change: m.change,
                    when: m.when,
                })
                .collect(),
            moved_more: s.moved_more,
            stuck: s.stuck.into_iter().map(Into::into).collect(),
            stuck_more: s.stuck_more,
            reviews_more: s.reviews_more,
            reviews: s
                .reviews
                .into_iter()
                .map(|r| ScanReview {
                    text: r.text,
                    review_on: r.review_on,
                    meeting_id: r.meeting_id.0,
                })
                .collect(),
            unmet: s
                .unmet
                .into_iter()
                .map(|p| ScanHelpRequest {
                    id: p.id.0,
                    title: p.title,
                    detail: p.detail,
                    category: p.category,
                    estimated_minutes: p.estimated_minutes,
                    author_id: p.author_id.0,
                    author: p.author,
                    expires: p.expires,
                })
                .collect(),
            thanks: s
                .thanks
                .into_iter()
                .map(|t| ScanThanks {
                    id: t.id,
                    from: t.from,
                    to_id: t.to_id.0,
                    to: t.to,
                    impact: t.impact,
                    when: t.when,
                })
                .collect(),
            checkins: ScanCheckins {
                week: s.checkins.week,
                week_label: s.checkins.week_label,
                checked_in: s.checkins.checked_in,
                entries: s.checkins.entries,
                members: s.checkins.members,
                blockers: s
                    .checkins
                    .blockers
                    .into_iter()
                    .map(|b| ScanBlocker {
                        who: b.who,
                        text: b.text,
                        action_id: b.action_id.map(|a| a.0),
                        action_title: b.action_title,
                    })
                    .collect(),
                more: s.checkins.more,
            },
        }
    }
}

/// The live state's address.
fn live_address(team: &str, meeting: MeetingId) -> String {
    format!("/api/v1/teams/{team}/meetings/{meeting}/live")
}

fn position(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

/// The live page's state for the token's owner (as `web::meetings::live` reads it).
async fn live_state(
    state: &AppState,
    caller: &ApiCaller,
    slug: &str,
    id: MeetingId,
) -> Result<LiveMeeting, ApiError> {
    let (db, now, lang) = (&state.db.conn, caller.now, caller.lang);
    let user = caller.principal.user_id.ok_or(ApiError::InvalidToken)?;
    let run = run::state(db, caller.principal, slug, id, Action::ViewMeetings).await?;
    let meeting = &run.access.meeting;
    let team = &run.access.team;
    let decisions = capture::decisions_of(db, id).await?;
    let captured: Vec<ActionItem> =
        capture::actions_of(db, &team.slug, id, run.access.zone.today(now))
            .await?
            .into_iter()
            .map(|line| line.in_lang(lang).into())
            .collect();
    let members = state.rosters.of(db, team.id, team.roster_version).await?;
    let named = |who: Option<UserId>| {
        let found = who.and_then(|w| members.iter().find(|m| m.id == w));
        NamedPerson {
            user_id: found.map(|m| m.id.0),
            name: found.map_or_else(
                || crate::i18n::text(lang, "mt-live-nobody-named"),
                |m| m.name.clone(),
            ),
        }
    };
    let mut by_item: HashMap<i32, Vec<ActionItem>> = HashMap::new();
    for action in captured {
        if let Some(at) = action.item_position {
            by_item.entry(at).or_default().push(action);
        }
    }
    let items = run
        .items
        .iter()
        .zip(&run.clocks)
        .enumerate()
        .map(|(i, (item, clock))| {
            let at = position(i);
            LiveItem {
                position: at,
                number: i + 1,
                title: item.title.clone(),
                planned_minutes: item.minutes,
                used_minutes: clock.used(now),
                over_minutes: clock.over(now).max(0),
                state: clock.state().into(),
                started_at: clock.started.map(utc),
                ended_at: clock.ended.map(utc),
                decisions: decisions
                    .iter()
                    .filter(|d| d.item_position == at)
                    .map(|d| LiveDecision {
                        id: d.id,
                        item_position: d.item_position,
                        text: d.text.clone(),
                        review_on: d.review_on.map(crate::format::iso),
                        recorded_by: d.recorded_by.map(|u| u.0),
                        created_at: utc(d.created_at),
                    })
                    .collect(),
                actions: by_item.remove(&at).unwrap_or_default(),
            }
        })
        .collect();
    let (planned, used) = totals(&run.clocks, now);
    let may_drive = run.access.may(caller.principal, Action::RunMeeting);
    Ok(LiveMeeting {
        meeting_id: meeting.id.0,
        title: meeting.title.clone(),
        published: run.published,
        closed_at: run.closed_at().map(utc),
        facilitator: named(meeting.facilitator_id),
        note_taker: named(run.note_taker()),
        note_taker_choices: roles::note_taker_choices(
            db,
            team.id,
            &members,
            meeting.facilitator_id,
            run.access.zone,
            lang,
        )
        .await?
        .into_iter()
        .map(|c| NoteTakerSuggestion {
            user_id: c.user_id.0,
            name: c.display_name,
            last_took_notes: c.last,
        })
        .collect(),
        timer: Timer {
            now: utc(now),
            running_position: run.running().map(position),
            planned_minutes: planned,
            used_minutes: used,
            over_minutes: (used - planned).max(0),
        },
        items,
        attendance: members
            .iter()
            .map(|m| Attendee {
                user_id: m.id.0,
                name: m.name.clone(),
                status: AttendanceStatus::of_form_value(run.attendance_of(m.id)),
            })
            .collect(),
        may_run: may_drive && run.may_run(user),
        may_record: may_drive && run.may_record(user),
    })
}

/// The live state as `200 OK` (after a change).
async fn changed(
    state: &AppState,
    caller: &ApiCaller,
    slug: &str,
    id: MeetingId,
) -> Result<HttpResponse, ApiError> {
    let live = live_state(state, caller, slug, id).await?;
    Ok(HttpResponse::Ok().json(live))
}

fn meeting_path(path: web::Path<(String, String)>) -> Result<(String, MeetingId), ApiError> {
    let (team, meeting) = path.into_inner();
    Ok((team, path_id(&meeting)?))
}

fn item_path(
    path: web::Path<(String, String, String)>,
) -> Result<(String, MeetingId, i32), ApiError> {
    let (team, meeting, at) = path.into_inner();
    Ok((team, path_id(&meeting)?, path_id(&at)?))
}

/// The running meeting's state, as the live page shows it.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/live",
    tag = "live",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "The live state", body = LiveMeeting,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    json_with_etag(&req, &live_state(&state, &caller, &team, id).await?)
}

/// Records everyone's attendance in one step (the facilitator or a leader), as the live
/// page's attendance form does.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/live/attendance",
    tag = "live",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    request_body = AttendanceBody,
    responses(
        (status = 200, description = "Recorded; the live state", body = LiveMeeting),
        WriteErrors,
        (status = 403, description = "A read token, or neither the facilitator nor a leader", body = ErrorBody),
        (status = 409, description = "The agenda is not published yet, or the meeting is closed", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn attendance(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<AttendanceBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    let form: AttendanceForm = body
        .into_inner()
        .attendance
        .into_iter()
        .map(|e| {
            (
                format!("attendance_{}", e.user_id),
                e.status.form_value().to_owned(),
            )
        })
        .collect();
    roles::take_attendance(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        &form,
        roles::Whom::Everyone,
        caller.now,
    )
    .await?;
    changed(&state, &caller, &team, id).await
}

/// Names the note-taker, or nobody (the facilitator or a leader).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/live/note-taker",
    tag = "live",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    request_body = NoteTakerBody,
    responses(
        (status = 200, description = "Named; the live state", body = LiveMeeting),
        WriteErrors,
        (status = 403, description = "A read token, or neither the facilitator nor a leader", body = ErrorBody),
        (status = 409, description = "The agenda is not published yet, or the meeting is closed", body = ErrorBody),
        (status = 422, description = "Not a member of the team (`fields.note_taker_id`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn note_taker(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<NoteTakerBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    let form = NoteTakerForm {
        note_taker_id: body
            .note_taker_id
            .map(|i| i.to_string())
            .unwrap_or_default(),
    };
    roles::set_note_taker(&state.db.conn, caller.principal, &team, id, &form).await?;
    changed(&state, &caller, &team, id).await
}

/// Starts the item at `position` by the server's clock (ending the one running).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/live/items/{position}/start",
    tag = "live",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("position" = i32, Path, description = "The item's 0-based position"),
    ),
    responses(
        (status = 200, description = "Started; the live state", body = LiveMeeting),
        ReadErrors,
        (status = 403, description = "A read token, or neither the facilitator nor a leader", body = ErrorBody),
        (status = 409, description = "The agenda is not published yet, the meeting is closed, or the item was already taken", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn start(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id, at) = item_path(path)?;
    run::start_item(&state.db.conn, caller.principal, &team, id, at, caller.now).await?;
    changed(&state, &caller, &team, id).await
}

/// Ends the item at `position` (the one running) by the server's clock.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/live/items/{position}/end",
    tag = "live",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("position" = i32, Path, description = "The item's 0-based position"),
    ),
    responses(
        (status = 200, description = "Ended; the live state", body = LiveMeeting),
        ReadErrors,
        (status = 403, description = "A read token, or neither the facilitator nor a leader", body = ErrorBody),
        (status = 409, description = "The agenda is not published yet, the meeting is closed, or the item is not running", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn end(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id, at) = item_path(path)?;
    run::end_item(&state.db.conn, caller.principal, &team, id, at, caller.now).await?;
    changed(&state, &caller, &team, id).await
}

/// Records a decision on a started item (the facilitator, a leader or the note-taker), as the
/// item's decision form does.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/live/items/{position}/decisions",
    tag = "live",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("position" = i32, Path, description = "The item's 0-based position"),
    ),
    request_body = DecisionBody,
    responses(
        (status = 201, description = "Recorded", body = LiveDecision,
            headers(("Location" = String, description = "The meeting's live state"))),
        WriteErrors,
        (status = 403, description = "A read token, or neither the facilitator, a leader nor the note-taker", body = ErrorBody),
        (status = 409, description = "The agenda is not published yet, the meeting is closed, or the item not started", body = ErrorBody),
        (status = 422, description = "Text or review day refused (`fields.decision_text`, `fields.review_on`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn decide(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<DecisionBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, id, at) = item_path(path)?;
    let body = body.into_inner();
    let form = DecisionForm {
        text: body.text,
        review_on: body.review_on.unwrap_or_default(),
    };
    let db = &state.db.conn;
    let decision =
        capture::record_decision(db, caller.principal, &team, id, at, &form, caller.now).await?;
    let row = capture::decisions_of(db, id)
        .await?
        .into_iter()
        .find(|d| d.id == decision)
        .ok_or(ApiError::Web(WebError::NotFound))?;
    let body = LiveDecision {
        id: row.id,
        item_position: row.item_position,
        text: row.text,
        review_on: row.review_on.map(crate::format::iso),
        recorded_by: row.recorded_by.map(|u| u.0),
        created_at: utc(row.created_at),
    };
    Ok(created(&live_address(&team, id), &body))
}

/// Records an action agreed on a started item (the facilitator, a leader or the note-taker),
/// as the item's action form does: it goes into the team's action log with the item as source.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/live/items/{position}/actions",
    tag = "live",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("position" = i32, Path, description = "The item's 0-based position"),
    ),
    request_body = LiveActionBody,
    responses(
        (status = 201, description = "Recorded; `Location` is the action's address", body = ActionDetails,
            headers(("Location" = String, description = "The new action's address"))),
        WriteErrors,
        (status = 403, description = "A read token, or neither the facilitator, a leader nor the note-taker", body = ErrorBody),
        (status = 409, description = "The agenda is not published yet, the meeting is closed, or the item not started", body = ErrorBody),
        (status = 422, description = "Title, owner or due day refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn act(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<LiveActionBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, id, at) = item_path(path)?;
    let body = body.into_inner();
    let form = ActionForm {
        title: body.title,
        owner_id: body.owner_id.to_string(),
        due_on: body.due_on,
        help_post_id: String::new(),
        budget_idea_id: String::new(),
    };
    let db = &state.db.conn;
    let action = capture::record_action(
        db,
        caller.principal,
        &team,
        id,
        at,
        &form,
        Delivery::of(&state.settings),
        caller.now,
    )
    .await?;
    let d = action_service::detail(db, caller.principal, &team, action, caller.now, caller.lang)
        .await?;
    let location = format!("/api/v1/teams/{}/actions/{action}", d.access.team.team.slug);
    Ok(created(&location, &ActionDetails::from(d)))
}

/// Closes the meeting (the facilitator or a leader): ends the running item and drafts the
/// minutes from the record, in the token owner's language.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/live/close",
    tag = "live",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "Closed; the live state (the draft is at `…/minutes`)", body = LiveMeeting),
        ReadErrors,
        (status = 403, description = "A read token, or neither the facilitator nor a leader", body = ErrorBody),
        (status = 409, description = "The agenda is not published yet, or the meeting is already closed", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn close(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    run::close(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        caller.now,
        caller.lang,
    )
    .await?;
    changed(&state, &caller, &team, id).await
}

fn minutes_json(view: MinutesView) -> Minutes {
    let shown = view.shown.as_ref();
    Minutes {
        meeting_id: view.run.access.meeting.id.0,
        closed: view.run.closed_at().is_some(),
        version: shown.map(|m| m.version),
        published: shown.is_some_and(|m| m.published),
        body: shown.map(|m| m.body.clone()),
        versions: view
            .versions
            .into_iter()
            .map(|v| MinutesVersion {
                version: v.version,
                published: v.published,
                author_id: v.author_id.map(|u| u.0),
                author: v.author,
                created_at: utc(v.created_at),
            })
            .collect(),
        may_edit: view.may_edit,
        max_chars: MAX_CHARS,
    }
}

async fn minutes_view(
    state: &AppState,
    caller: &ApiCaller,
    slug: &str,
    id: MeetingId,
    version: Option<i32>,
) -> Result<MinutesView, ApiError> {
    Ok(minutes::view(
        &state.db.conn,
        caller.principal,
        slug,
        id,
        version,
        caller.lang,
    )
    .await?)
}

/// The minutes as the token's owner may read them (`version`, else the latest readable).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/minutes",
    tag = "live",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        VersionParam,
    ),
    responses(
        (status = 200, description = "The minutes (`version` `null`: none readable yet)", body = Minutes,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 400, description = "A `version` that is not a number", body = ErrorBody),
        (status = 404, description = "No such meeting in a team of the owner's, or no such readable version", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn minutes_show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    query: web::Query<VersionParam>,
) -> Result<HttpResponse, ApiError> {
    let version = query.number()?;
    let (team, id) = meeting_path(path)?;
    let view = minutes_view(&state, &caller, &team, id, version).await?;
    json_with_etag(&req, &minutes_json(view))
}

/// Saves a new version of the minutes, a draft or published (the note-taker or a leader,
/// once the meeting is closed), as the minutes form does; answers with that version.
#[utoipa::path(
    put,
    path = "/api/v1/teams/{team}/meetings/{meeting}/minutes",
    tag = "live",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    request_body = MinutesBody,
    responses(
        (status = 200, description = "Saved; the new version", body = Minutes),
        WriteErrors,
        (status = 403, description = "A read token, or neither the note-taker nor a leader", body = ErrorBody),
        (status = 409, description = "The meeting is not closed yet (the minutes are drafted at the close)", body = ErrorBody),
        (status = 422, description = "Empty or too long (`fields.body`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn minutes_save(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<MinutesBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    let body = body.into_inner();
    let form = MinutesForm {
        body: body.body,
        publish: if body.publish { "yes" } else { "" }.to_owned(),
    };
    let version = minutes::save(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        &form,
        caller.now,
    )
    .await?;
    let view = minutes_view(&state, &caller, &team, id, Some(version)).await?;
    Ok(HttpResponse::Ok().json(minutes_json(view)))
}

/// The minutes as Markdown: the version the minutes page would show (the web's download).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/minutes.md",
    tag = "live",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        VersionParam,
    ),
    responses(
        (status = 200, description = "The Markdown, as a download", body = String,
            content_type = "text/markdown"),
        ReadErrors,
        (status = 400, description = "A `version` that is not a number", body = ErrorBody),
        (status = 404, description = "No such meeting in a team of the owner's, or no readable minutes", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn minutes_markdown(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    query: web::Query<VersionParam>,
) -> Result<HttpResponse, ApiError> {
    let version = query.number()?;
    let (team, id) = meeting_path(path)?;
    let view = minutes_view(&state, &caller, &team, id, version).await?;
    let shown = view.shown.ok_or(ApiError::Web(WebError::NotFound))?;
    Ok(download(
        &format!("minutes-{id}-v{}.md", shown.version),
        "text/markdown; charset=utf-8",
        shown.body,
    ))
}

/// The three-minute scan for the meeting: what moved since the team's previous meeting.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/scan",
    tag = "live",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "The scan, in the owner's language", body = ScanData,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn scan_show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    let db = &state.db.conn;
    let access =
        meeting_service::authorize(db, caller.principal, &team, id, Action::ViewMeetings).await?;
    let data = scan(
        db,
        &access.team,
        &access.meeting,
        caller.now,
        (access.zone, caller.lang),
    )
    .await?;
    json_with_etag(&req, &ScanData::from(data))
}
