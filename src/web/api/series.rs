//! Recurring meetings over `/api/v1/teams/{team}/series` and `/away`: the team's series (a page
//! at a time), one series with its next occurrences, their rota (facilitator, note-taker,
//! timekeeper) and the recorded swaps; creating, editing and ending a series, cancelling one
//! occurrence, swapping a role; and the away dates the rota skips (list, mark, remove) —
//! through `service::series`, the services the series pages use, with the same rules
//! (`ViewSeries` to read, `ManageSeries` for leaders' changes, `SwapRole`, `MarkAway`).
//! Another team's series or away entry is 404.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::domain::ids::{OccurrenceId, SeriesId};
use crate::domain::meeting::Privacy;
use crate::domain::rota::Role;
use crate::domain::series::Cadence;
use crate::i18n::{Lang, Msg};
use crate::service::series::pages::{OccurrenceLine, RotaCell, SwapLine};
use crate::service::series::{
    self, AwayEntry, AwayForm, CancelForm, EditForm, SeriesForm, SeriesPage, SeriesSummary,
    SwapForm,
};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, next_key};
use crate::web::api::errors::{ApiError, ErrorBody, ListErrors, ReadErrors, WriteErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{created, json_with_etag, path_id};

/// How often a series meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SeriesCadence {
    Weekly,
    /// Every other week, counted from the first meeting.
    Fortnightly,
}

impl From<Cadence> for SeriesCadence {
    fn from(cadence: Cadence) -> Self {
        match cadence {
            Cadence::Weekly => Self::Weekly,
            Cadence::Fortnightly => Self::Fortnightly,
        }
    }
}

impl SeriesCadence {
    fn as_str(self) -> &'static str {
        match self {
            Self::Weekly => Cadence::Weekly.as_str(),
            Self::Fortnightly => Cadence::Fortnightly.as_str(),
        }
    }
}

/// Secret or open ballots at each meeting of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SeriesPrivacy {
    Open,
    Secret,
}

impl From<Privacy> for SeriesPrivacy {
    fn from(privacy: Privacy) -> Self {
        match privacy {
            Privacy::Open => Self::Open,
            Privacy::Secret => Self::Secret,
        }
    }
}

impl SeriesPrivacy {
    fn as_str(self) -> &'static str {
        match self {
            Self::Open => Privacy::Open.as_str(),
            Self::Secret => Privacy::Secret.as_str(),
        }
    }
}

/// A role of the rota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RotaRole {
    Facilitator,
    NoteTaker,
    /// Only in series that rotate a timekeeper.
    Timekeeper,
}

impl From<Role> for RotaRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Facilitator => Self::Facilitator,
            Role::NoteTaker => Self::NoteTaker,
            Role::Timekeeper => Self::Timekeeper,
        }
    }
}

impl RotaRole {
    fn as_str(self) -> &'static str {
        match self {
            Self::Facilitator => Role::Facilitator.as_str(),
            Self::NoteTaker => Role::NoteTaker.as_str(),
            Self::Timekeeper => Role::Timekeeper.as_str(),
        }
    }
}

/// Why a role changed hands.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SwapReason {
    /// A member passed it on, or a leader reassigned it.
    Swap,
    /// The rota gave it to the next in line: its holder is away that day.
    Away,
    /// The rota gave it back: its holder's away dates were removed.
    Back,
}

/// A series as the list shows it: its settings, as the series form names them.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesItem {
    pub id: i64,
    pub title: String,
    /// The purpose line of each meeting, with `{date}` where its date goes.
    pub purpose_template: String,
    /// The language its dates are written in (the creating leader's).
    pub language: String,
    pub cadence: SeriesCadence,
    /// ISO weekday: 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// `HH:MM`, read in the team's time zone.
    pub start_time: String,
    /// The team's time zone.
    pub time_zone: String,
    /// The first meeting's date (`YYYY-MM-DD`).
    #[schema(format = Date)]
    pub first_on: String,
    pub budget_minutes: i32,
    pub place: String,
    /// Proposals open this many days before each meeting.
    pub proposals_open_days: i32,
    /// Voting opens this many hours before each meeting ...
    pub voting_open_hours: i32,
    /// ... and closes this many hours before it.
    pub voting_close_hours: i32,
    pub privacy: SeriesPrivacy,
    /// Each meeting also has a timekeeper.
    pub with_timekeeper: bool,
    /// Ended: no meeting is created after.
    pub ended: bool,
    /// When it was ended (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub ended_at: Option<String>,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// "Weekly on Thursday at 09:00 (Europe/London)", in the token owner's language.
    pub rhythm: String,
}

impl From<SeriesSummary> for SeriesItem {
    fn from(s: SeriesSummary) -> Self {
        Self {
            id: s.id.0,
            title: s.title,
            purpose_template: s.purpose_template,
            language: s.language,
            cadence: s.cadence.into(),
            weekday: s.weekday,
            start_time: s.start_time,
            time_zone: s.zone,
            first_on: s.first_on.to_string(),
            budget_minutes: s.budget_minutes,
            place: s.place,
            proposals_open_days: s.proposals_open_days,
            voting_open_hours: s.voting_open_hours,
            voting_close_hours: s.voting_close_hours,
            privacy: s.privacy.into(),
            with_timekeeper: s.with_timekeeper,
            ended: s.ended_at.is_some(),
            ended_at: s.ended_at.map(utc),
            created_at: utc(s.created_at),
            rhythm: s.rhythm,
        }
    }
}

/// One page of a team's series.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesList {
    /// Newest first.
    pub series: Vec<SeriesItem>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Who holds one role at a meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct RotaHolder {
    pub role: RotaRole,
    /// The holder (`null`: nobody yet).
    pub user_id: Option<i64>,
    /// Their name ("nobody yet" in the token owner's language).
    pub name: String,
    /// The token's owner holds it (and may pass it on).
    pub mine: bool,
}

impl From<RotaCell> for RotaHolder {
    fn from(c: RotaCell) -> Self {
        Self {
            role: Role::parse(c.role).map_or(RotaRole::Facilitator, Into::into),
            user_id: c.user_id.map(|u| u.0),
            name: c.name,
            mine: c.mine,
        }
    }
}

/// One meeting of a series with its rota.
#[derive(Debug, Serialize, ToSchema)]
pub struct Occurrence {
    /// The occurrence's id (for cancelling it, or a swap).
    pub id: i64,
    /// Its meeting (`/api/v1/teams/{team}/meetings/{meeting}`).
    pub meeting_id: i64,
    /// Its date in the team's zone.
    #[schema(format = Date)]
    pub occurs_on: String,
    /// Its start (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub starts_at: String,
    pub title: String,
    pub purpose_line: String,
    pub cancelled: bool,
    /// Why it was cancelled (empty otherwise).
    pub cancel_reason: String,
    /// Facilitator, note-taker and (if the series has one) timekeeper.
    pub rota: Vec<RotaHolder>,
}

impl From<OccurrenceLine> for Occurrence {
    fn from(o: OccurrenceLine) -> Self {
        Self {
            id: o.id.0,
            meeting_id: o.meeting_id.0,
            occurs_on: o.occurs_on.to_string(),
            starts_at: utc(o.starts_at),
            title: o.title,
            purpose_line: o.purpose_line,
            cancelled: o.cancelled,
            cancel_reason: o.cancel_reason,
            rota: o.rota.into_iter().map(Into::into).collect(),
        }
    }
}

/// A recorded change of the rota.
#[derive(Debug, Serialize, ToSchema)]
pub struct RotaSwap {
    pub id: i64,
    /// The occurrence where the role changed hands.
    pub occurrence_id: i64,
    /// The later occurrence where the two exchanged turns, if they did.
    pub other_occurrence_id: Option<i64>,
    pub role: RotaRole,
    pub reason: SwapReason,
    /// From whom (`null`: nobody held it), to whom, and who did it.
    pub from_user_id: Option<i64>,
    pub to_user_id: Option<i64>,
    pub by_user_id: Option<i64>,
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub at: String,
    /// As the series page says it, in the token owner's language.
    pub text: String,
}

impl From<SwapLine> for RotaSwap {
    fn from(s: SwapLine) -> Self {
        let r = s.record;
        Self {
            id: r.id,
            occurrence_id: r.occurrence_id.0,
            other_occurrence_id: r.other_occurrence_id.map(|o| o.0),
            role: r.role.into(),
            reason: match r.reason {
                "away" => SwapReason::Away,
                "back" => SwapReason::Back,
                _ => SwapReason::Swap,
            },
            from_user_id: r.from_user_id.map(|u| u.0),
            to_user_id: r.to_user_id.map(|u| u.0),
            by_user_id: r.by_id.map(|u| u.0),
            at: utc(r.at),
            text: s.text,
        }
    }
}

/// One series with its next meetings, their rota and the latest swaps.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesDetails {
    #[serde(flatten)]
    pub series: SeriesItem,
    /// "Proposals open 7 days before; voting from 48 to 1 hours before", in the owner's language.
    pub windows: String,
    /// The roles that rotate.
    pub roles: Vec<RotaRole>,
    /// The next meetings (up to four), soonest first, cancelled ones included.
    pub next_occurrences: Vec<Occurrence>,
    /// The latest recorded swaps and changes of the rota (up to 20), newest first.
    pub swaps: Vec<RotaSwap>,
    /// Whether the token's owner may edit, end and cancel (a leader).
    pub may_manage: bool,
}

impl From<SeriesPage> for SeriesDetails {
    fn from(p: SeriesPage) -> Self {
        let mut series: SeriesItem = series::summary_of(&p.access, Lang::En).into();
        // The page's rhythm is already in the reader's language.
        series.rhythm = p.rhythm;
        Self {
            series,
            windows: p.windows,
            roles: p.roles.into_iter().map(Into::into).collect(),
            next_occurrences: p.next.into_iter().map(Into::into).collect(),
            swaps: p.swaps.into_iter().map(Into::into).collect(),
            may_manage: p.is_leader,
        }
    }
}

/// An entry of away dates.
#[derive(Debug, Serialize, ToSchema)]
pub struct AwayItem {
    pub id: i64,
    /// Who is away, and their name.
    pub user_id: i64,
    pub name: String,
    /// First day away (`YYYY-MM-DD`, included).
    #[schema(format = Date)]
    pub away_from: String,
    /// Last day away (included).
    #[schema(format = Date)]
    pub away_until: String,
    /// Who recorded it (`null`: a former member).
    pub created_by: Option<i64>,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// Whether the token's owner may remove it (their own, or a leader).
    pub removable: bool,
}

impl From<AwayEntry> for AwayItem {
    fn from(a: AwayEntry) -> Self {
        Self {
            id: a.id,
            user_id: a.user_id.0,
            name: a.name,
            away_from: a.away_from.to_string(),
            away_until: a.away_until.to_string(),
            created_by: a.created_by.map(|u| u.0),
            created_at: utc(a.created_at),
            removable: a.removable,
        }
    }
}

/// One page of the team's away dates.
#[derive(Debug, Serialize, ToSchema)]
pub struct AwayList {
    /// Not yet over, soonest ending first.
    pub away: Vec<AwayItem>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Which away dates to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AwayFilter {
    /// `true`: only the token owner's own; `false` or absent: the whole team's (as the series
    /// list page shows them).
    #[param(value_type = Option<bool>)]
    pub mine: Option<String>,
}

impl AwayFilter {
    fn mine(&self) -> Result<bool, ApiError> {
        match self.mine.as_deref().map(str::trim) {
            None | Some("" | "false") => Ok(false),
            Some("true") => Ok(true),
            Some(_) => Err(ApiError::parameter(
                "mine",
                Msg::new("api-error-choice").arg("choices", "true, false"),
            )),
        }
    }
}

/// A new series, as the "new recurring series" form takes it; a field left out takes the
/// form's default (weekly, the day after today's weekday at 09:00, an hour, proposals a week
/// ahead, voting from 48 to 1 hours before, secret ballots, no timekeeper).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSeries {
    /// 2 to 120 characters.
    #[serde(default)]
    #[schema(min_length = 2, max_length = 120)]
    pub title: String,
    /// Each meeting's purpose line, `{date}` where its date goes: 10 to 200 characters once
    /// the date is in.
    #[schema(max_length = 200, example = "Weekly check-in — {date}")]
    pub purpose_template: Option<String>,
    pub cadence: Option<SeriesCadence>,
    /// ISO weekday: 1 (Monday) to 7 (Sunday).
    #[schema(minimum = 1, maximum = 7)]
    pub weekday: Option<u8>,
    /// `HH:MM` in the team's time zone.
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", example = "09:00")]
    pub start_time: Option<String>,
    /// The first possible date (`YYYY-MM-DD`): the series starts on its weekday on or after it.
    #[schema(format = Date)]
    pub starts_on: Option<String>,
    /// 5 to 1,440 minutes.
    #[schema(minimum = 5, maximum = 1440)]
    pub budget_minutes: Option<u32>,
    /// Place or link, up to 200 characters.
    #[schema(max_length = 200)]
    pub place: Option<String>,
    /// Proposals open this many days before each meeting: 1 to 60.
    #[schema(minimum = 1, maximum = 60)]
    pub proposals_open_days: Option<u16>,
    /// Voting opens this many hours before: fewer than the proposal days' hours.
    #[schema(minimum = 1, maximum = 1439)]
    pub voting_open_hours: Option<u16>,
    /// Voting closes this many hours before: fewer than `voting_open_hours`.
    #[schema(minimum = 0, maximum = 1438)]
    pub voting_close_hours: Option<u16>,
    pub privacy: Option<SeriesPrivacy>,
    /// Also rotate a timekeeper.
    pub with_timekeeper: Option<bool>,
}

/// Changes to a series, as its edit form takes them; a field left out keeps its value. The
/// first date and secret or open ballots are not edited.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesChange {
    #[schema(min_length = 2, max_length = 120)]
    pub title: Option<String>,
    #[schema(max_length = 200)]
    pub purpose_template: Option<String>,
    pub cadence: Option<SeriesCadence>,
    #[schema(minimum = 1, maximum = 7)]
    pub weekday: Option<u8>,
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", example = "10:30")]
    pub start_time: Option<String>,
    #[schema(minimum = 5, maximum = 1440)]
    pub budget_minutes: Option<u32>,
    #[schema(max_length = 200)]
    pub place: Option<String>,
    #[schema(minimum = 1, maximum = 60)]
    pub proposals_open_days: Option<u16>,
    #[schema(minimum = 1, maximum = 1439)]
    pub voting_open_hours: Option<u16>,
    #[schema(minimum = 0, maximum = 1438)]
    pub voting_close_hours: Option<u16>,
    pub with_timekeeper: Option<bool>,
}

/// Why one meeting of the series is cancelled (everyone sees it).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OccurrenceCancel {
    /// 3 to 300 characters.
    #[serde(default)]
    #[schema(min_length = 3, max_length = 300)]
    pub reason: String,
}

/// A swap, as the series page's "Swap a role" form takes it: the holder passes their role at
/// an upcoming meeting to another member (they exchange turns if that member holds the same
/// role later), or a leader reassigns it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleSwap {
    /// An upcoming, not cancelled occurrence of this series.
    pub occurrence_id: i64,
    pub role: RotaRole,
    /// The other member (a user id).
    pub with_user_id: i64,
}

/// Away dates, as the series list's form takes them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAway {
    /// Who (left out: the token's owner; another member: leaders only).
    pub user_id: Option<i64>,
    /// First day away (`YYYY-MM-DD`).
    #[serde(default)]
    #[schema(format = Date)]
    pub away_from: String,
    /// Last day away (included), at most 366 days after the first.
    #[serde(default)]
    #[schema(format = Date)]
    pub away_until: String,
}

fn text<T: ToString>(value: Option<T>, current: String) -> String {
    value.map_or(current, |v| v.to_string())
}

fn flag(value: Option<bool>, current: String) -> String {
    value.map_or(
        current,
        |on| if on { "on".to_owned() } else { String::new() },
    )
}

/// The series as the API shows it (topped up first, as its page does).
async fn details(
    state: &AppState,
    caller: &ApiCaller,
    team: &str,
    id: SeriesId,
) -> Result<SeriesDetails, ApiError> {
    let page = series::page(
        &state.db.conn,
        caller.principal,
        team,
        id,
        1,
        caller.now,
        caller.lang,
    )
    .await?;
    Ok(page.into())
}

fn address(team: &str, id: SeriesId) -> String {
    format!("/api/v1/teams/{team}/series/{id}")
}

const TEAM: &str = "The team's slug";
const SERIES: &str = "The series' id";

/// A team's recurring series, newest first, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/series",
    tag = "series",
    params(("team" = String, Path, description = TEAM), PageQuery),
    responses(
        (status = 200, description = "One page of series", body = SeriesList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
        (status = 403, description = "Not a member of the team", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = page.limit()?;
    let after = page.after_key(|key| key.parse::<SeriesId>().ok())?;
    let (_, rows, more) = series::series_after(
        &state.db.conn,
        caller.principal,
        &team,
        (after, limit),
        caller.lang,
    )
    .await?;
    let next_cursor = next_key(&rows, more, |s| s.id.to_string());
    json_with_etag(
        &req,
        &SeriesList {
            series: rows.into_iter().map(Into::into).collect(),
            next_cursor,
        },
    )
}

/// Starts a recurring series (leaders) and creates its next meetings with their rota.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/series",
    tag = "series",
    params(("team" = String, Path, description = TEAM)),
    request_body = NewSeries,
    responses(
        (status = 201, description = "Created; `Location` is its address", body = SeriesDetails,
            headers(("Location" = String, description = "The new series' address"))),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 422, description = "A field refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<NewSeries>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let (_, defaults) = series::new_form(
        &state.db.conn,
        caller.principal,
        &team,
        caller.now,
        caller.lang,
    )
    .await?;
    let form = SeriesForm {
        title: b.title,
        purpose_template: text(b.purpose_template, defaults.purpose_template),
        cadence: text(b.cadence.map(SeriesCadence::as_str), defaults.cadence),
        weekday: text(b.weekday, defaults.weekday),
        start_time: text(b.start_time, defaults.start_time),
        starts_on: text(b.starts_on, defaults.starts_on),
        budget_minutes: text(b.budget_minutes, defaults.budget_minutes),
        place: text(b.place, defaults.place),
        proposals_open_days: text(b.proposals_open_days, defaults.proposals_open_days),
        voting_open_hours: text(b.voting_open_hours, defaults.voting_open_hours),
        voting_close_hours: text(b.voting_close_hours, defaults.voting_close_hours),
        privacy: text(b.privacy.map(SeriesPrivacy::as_str), defaults.privacy),
        with_timekeeper: flag(b.with_timekeeper, defaults.with_timekeeper),
    };
    let id = series::create(
        &state.db.conn,
        caller.principal,
        &team,
        &form,
        caller.now,
        caller.lang,
    )
    .await?;
    let d = details(&state, &caller, &team, id).await?;
    Ok(created(&address(&team, id), &d))
}

/// One series: its settings, its next meetings with their rota, and the latest swaps (the
/// series is topped up first, as its page does).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/series/{series}",
    tag = "series",
    params(("team" = String, Path, description = TEAM),
        ("series" = i64, Path, description = SERIES)),
    responses(
        (status = 200, description = "The series", body = SeriesDetails,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 403, description = "Not a member of the team", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = path.into_inner();
    let d = details(&state, &caller, &team, path_id(&id)?).await?;
    json_with_etag(&req, &d)
}

/// Edits a series (leaders): the series takes the new values, and so do its upcoming meetings
/// nobody edited alone, whose voting has not opened (as the edit form does).
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}/series/{series}",
    tag = "series",
    params(("team" = String, Path, description = TEAM),
        ("series" = i64, Path, description = SERIES)),
    request_body = SeriesChange,
    responses(
        (status = 200, description = "Saved", body = SeriesDetails),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 422, description = "A field refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn edit(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<SeriesChange>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = path.into_inner();
    let id: SeriesId = path_id(&id)?;
    let (_, current) = series::edit_form(&state.db.conn, caller.principal, &team, id).await?;
    let b = body.into_inner();
    let form = EditForm {
        title: text(b.title, current.title),
        purpose_template: text(b.purpose_template, current.purpose_template),
        cadence: text(b.cadence.map(SeriesCadence::as_str), current.cadence),
        weekday: text(b.weekday, current.weekday),
        start_time: text(b.start_time, current.start_time),
        budget_minutes: text(b.budget_minutes, current.budget_minutes),
        place: text(b.place, current.place),
        proposals_open_days: text(b.proposals_open_days, current.proposals_open_days),
        voting_open_hours: text(b.voting_open_hours, current.voting_open_hours),
        voting_close_hours: text(b.voting_close_hours, current.voting_close_hours),
        with_timekeeper: flag(b.with_timekeeper, current.with_timekeeper),
    };
    series::edit(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        &form,
        caller.now,
    )
    .await?;
    let d = details(&state, &caller, &team, id).await?;
    Ok(HttpResponse::Ok().json(d))
}

/// Ends a series (leaders): no meeting is created after; those created stay. Ending an ended
/// series changes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/series/{series}/end",
    tag = "series",
    params(("team" = String, Path, description = TEAM),
        ("series" = i64, Path, description = SERIES)),
    responses(
        (status = 200, description = "Ended", body = SeriesDetails),
        ReadErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn end(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = path.into_inner();
    let id: SeriesId = path_id(&id)?;
    series::end_series(&state.db.conn, caller.principal, &team, id, caller.now).await?;
    let d = details(&state, &caller, &team, id).await?;
    Ok(HttpResponse::Ok().json(d))
}

/// Cancels one meeting of the series (leaders), with a reason everyone sees; its meeting is
/// cancelled too. Cancelling a cancelled one changes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/series/{series}/occurrences/{occurrence}/cancel",
    tag = "series",
    params(("team" = String, Path, description = TEAM),
        ("series" = i64, Path, description = SERIES),
        ("occurrence" = i64, Path, description = "The occurrence's id")),
    request_body = OccurrenceCancel,
    responses(
        (status = 200, description = "Cancelled", body = SeriesDetails),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 409, description = "Its ballots were already counted, or it was held and closed", body = ErrorBody),
        (status = 422, description = "The reason refused (`fields.reason`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn cancel(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<OccurrenceCancel>,
) -> Result<HttpResponse, ApiError> {
    let (team, id, occurrence) = path.into_inner();
    let id: SeriesId = path_id(&id)?;
    let occurrence: OccurrenceId = path_id(&occurrence)?;
    let form = CancelForm {
        reason: body.into_inner().reason,
    };
    series::cancel_occurrence(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        occurrence,
        &form,
        caller.now,
    )
    .await?;
    let d = details(&state, &caller, &team, id).await?;
    Ok(HttpResponse::Ok().json(d))
}

/// Swaps a role at an upcoming meeting (its holder, or a leader), as the series page's form.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/series/{series}/swap",
    tag = "series",
    params(("team" = String, Path, description = TEAM),
        ("series" = i64, Path, description = SERIES)),
    request_body = RoleSwap,
    responses(
        (status = 200, description = "Swapped; the swap is the first of `swaps`", body = SeriesDetails),
        WriteErrors,
        (status = 403, description = "A read token, or neither the role's holder nor a leader", body = ErrorBody),
        (status = 422, description = "Not an upcoming occurrence, a role the series does not rotate, not a member, or one already holding another role there (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn swap(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<RoleSwap>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = path.into_inner();
    let id: SeriesId = path_id(&id)?;
    let b = body.into_inner();
    let form = SwapForm {
        occurrence_id: b.occurrence_id.to_string(),
        role: b.role.as_str().to_owned(),
        with_user_id: b.with_user_id.to_string(),
    };
    series::swap(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        &form,
        caller.now,
    )
    .await?;
    let d = details(&state, &caller, &team, id).await?;
    Ok(HttpResponse::Ok().json(d))
}

/// The team's away dates not yet over (as the series list shows them), or only one's own.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/away",
    tag = "series",
    params(("team" = String, Path, description = TEAM), AwayFilter, PageQuery),
    responses(
        (status = 200, description = "One page of away dates", body = AwayList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 400, description = "A bad `mine`, `cursor` or `limit`", body = ErrorBody),
        (status = 403, description = "Not a member of the team", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn away(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    filter: web::Query<AwayFilter>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let mine = filter.mine()?;
    let limit = page.limit()?;
    let after = page.after_key(|key| {
        let (day, id) = key.split_once('.')?;
        let day = Date::parse(day, &time::format_description::well_known::Iso8601::DATE).ok()?;
        Some((day, id.parse::<i64>().ok()?))
    })?;
    let (_, rows, more) = series::away_after(
        &state.db.conn,
        caller.principal,
        &team,
        (after, limit, mine),
        caller.now,
        caller.lang,
    )
    .await?;
    let next_cursor = next_key(&rows, more, |a| format!("{}.{}", a.away_until, a.id));
    json_with_etag(
        &req,
        &AwayList {
            away: rows.into_iter().map(Into::into).collect(),
            next_cursor,
        },
    )
}

/// Marks oneself (or, leaders, any member) away: the rota skips them on those dates, and the
/// meetings already created then (of every series of the team) are re-planned at once.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/away",
    tag = "series",
    params(("team" = String, Path, description = TEAM)),
    request_body = NewAway,
    responses(
        (status = 201, description = "Recorded; `Location` is its address", body = AwayItem,
            headers(("Location" = String, description = "The new entry's address"))),
        WriteErrors,
        (status = 403, description = "A read token, not a member, or another member's dates without being a leader", body = ErrorBody),
        (status = 422, description = "A date or the member refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn mark_away(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<NewAway>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let form = AwayForm {
        user_id: b.user_id.map(|u| u.to_string()).unwrap_or_default(),
        away_from: b.away_from,
        away_until: b.away_until,
    };
    let id =
        series::mark_away_returning(&state.db.conn, caller.principal, &team, &form, caller.now)
            .await?;
    let entry =
        series::away_entry(&state.db.conn, caller.principal, &team, id, caller.lang).await?;
    Ok(created(
        &format!("/api/v1/teams/{team}/away/{id}"),
        &AwayItem::from(entry),
    ))
}

/// One entry of the team's away dates.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/away/{away}",
    tag = "series",
    params(("team" = String, Path, description = TEAM),
        ("away" = i64, Path, description = "The away entry's id")),
    responses(
        (status = 200, description = "The entry", body = AwayItem,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 403, description = "Not a member of the team", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show_away(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, away) = path.into_inner();
    let entry = series::away_entry(
        &state.db.conn,
        caller.principal,
        &team,
        path_id(&away)?,
        caller.lang,
    )
    .await?;
    json_with_etag(&req, &AwayItem::from(entry))
}

/// Removes away dates (one's own, or any as a leader); the roles the rota took from that
/// member go back to them where the stand-in still holds them.
#[utoipa::path(
    delete,
    path = "/api/v1/teams/{team}/away/{away}",
    tag = "series",
    params(("team" = String, Path, description = TEAM),
        ("away" = i64, Path, description = "The away entry's id")),
    responses(
        (status = 204, description = "Removed"),
        ReadErrors,
        (status = 403, description = "A read token, or another member's dates without being a leader", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn remove_away(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, away) = path.into_inner();
    series::remove_away(
        &state.db.conn,
        caller.principal,
        &team,
        path_id(&away)?,
        caller.now,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// This area's part of the OpenAPI document (merged by `openapi::document_value`).
#[derive(OpenApi)]
#[openapi(
    paths(list, create, show, edit, end, cancel, swap, away, mark_away, show_away, remove_away),
    components(schemas(
        SeriesCadence,
        SeriesPrivacy,
        RotaRole,
        SwapReason,
        SeriesItem,
        SeriesList,
        RotaHolder,
        Occurrence,
        RotaSwap,
        SeriesDetails,
        AwayItem,
        AwayList,
        NewSeries,
        SeriesChange,
        OccurrenceCancel,
        RoleSwap,
        NewAway,
    )),
    tags((name = "series", description = "Recurring meetings: series, their next meetings and rota, swaps, cancelling one meeting, ending a series, and the away dates the rota skips"))
)]
pub struct Doc;
