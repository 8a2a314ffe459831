//! `GET /api/v1/teams/{team}/meetings` (a page at a time) and
//! `GET /api/v1/teams/{team}/meetings/{meeting}`: what the meetings page shows, as JSON. The
//! token's owner must be allowed to see the team's meetings (the access table's
//! `ViewMeetings` row); another team's meeting answers 404.

use actix_web::{HttpRequest, HttpResponse, web};
use sea_orm::ActiveEnum;
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};
use utoipa::ToSchema;

use crate::access::Action;
use crate::domain::ids::MeetingId;
use crate::domain::meeting::Phase;
use crate::service::meetings;
use crate::service::meetings::listing::{self, MeetingRow};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{self, PageQuery};
use crate::web::api::errors::{ApiError, ListErrors, ReadErrors};
use crate::web::api::json_with_etag;

/// A meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct Meeting {
    pub id: i64,
    /// The team's slug.
    pub team: String,
    pub title: String,
    /// One sentence linking the meeting to the team's purpose.
    pub purpose_line: String,
    /// Place or link.
    pub place: String,
    /// Start (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub starts_at: String,
    /// End if the whole time budget is used (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub ends_at: String,
    /// Time budget in minutes.
    pub budget_minutes: i32,
    /// Where the meeting is in its lifecycle now.
    pub phase: MeetingPhase,
    /// The proposal and voting windows.
    pub windows: MeetingWindows,
    /// `open` (names visible to leaders) or `secret` ballots.
    #[schema(example = "secret")]
    pub privacy: String,
    /// `after_close` or `live` results.
    #[schema(example = "after_close")]
    pub results_visibility: String,
    /// `sequential_irv` or `equal_shares`.
    #[schema(example = "sequential_irv")]
    pub agenda_rule: String,
    /// Set when a leader cancelled the meeting (it stays listed, as on the web); `null`
    /// while it goes ahead.
    pub cancelled: Option<Cancellation>,
}

/// When and why a meeting was cancelled.
#[derive(Debug, Serialize, ToSchema)]
pub struct Cancellation {
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub at: String,
    /// Why, as everyone sees it.
    pub reason: String,
}

/// A meeting's lifecycle phase.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingPhase {
    Draft,
    Proposing,
    Voting,
    Tallied,
    Published,
    Held,
    Closed,
}

impl From<Phase> for MeetingPhase {
    fn from(phase: Phase) -> Self {
        match phase {
            Phase::Draft => Self::Draft,
            Phase::Proposing => Self::Proposing,
            Phase::Voting => Self::Voting,
            Phase::Tallied => Self::Tallied,
            Phase::Published => Self::Published,
            Phase::Held => Self::Held,
            Phase::Closed => Self::Closed,
        }
    }
}

/// The windows of a meeting (RFC 3339, UTC).
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingWindows {
    #[schema(format = DateTime)]
    pub proposals_open_at: String,
    #[schema(format = DateTime)]
    pub proposals_close_at: String,
    #[schema(format = DateTime)]
    pub voting_open_at: String,
    #[schema(format = DateTime)]
    pub voting_close_at: String,
}

/// One page of a team's meetings.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingList {
    /// Latest start first, then highest id.
    pub meetings: Vec<Meeting>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// `at` as RFC 3339 in UTC, as every time in the API is written.
pub fn utc(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(&Rfc3339)
        .unwrap_or_default()
}

impl Meeting {
    /// The meeting as JSON, in the phase it is in now.
    pub(crate) fn new(team: &str, m: &MeetingRow, phase: Phase) -> Self {
        let windows = meetings::windows(m);
        Self {
            id: m.id.0,
            team: team.to_owned(),
            title: m.title.clone(),
            purpose_line: m.purpose_line.clone(),
            place: m.place.clone(),
            starts_at: utc(m.starts_at),
            ends_at: utc(m.starts_at + Duration::minutes(i64::from(m.budget_minutes))),
            budget_minutes: m.budget_minutes,
            phase: phase.into(),
            windows: MeetingWindows {
                proposals_open_at: utc(windows.proposals_open),
                proposals_close_at: utc(windows.proposals_close),
                voting_open_at: utc(windows.voting_open),
                voting_close_at: utc(windows.voting_close),
            },
            privacy: m.privacy.to_value(),
            results_visibility: m.results_visibility.to_value(),
            agenda_rule: m.agenda_rule.to_value(),
            cancelled: m.cancelled_at.map(|at| Cancellation {
                at: utc(at),
                reason: m.cancel_reason.clone(),
            }),
        }
    }
}

/// A team's meetings, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings",
    tag = "meetings",
    params(("team" = String, Path, description = "The team's slug"), PageQuery),
    responses(
        (status = 200, description = "One page of meetings", body = MeetingList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = query.limit()?;
    let after = query.after()?;
    let page = listing::page(
        &state.db.conn,
        caller.principal,
        &team,
        after,
        limit,
        caller.now,
    )
    .await?;
    let slug = page.access.team.slug.clone();
    json_with_etag(
        &req,
        &MeetingList {
            meetings: page
                .meetings
                .iter()
                .map(|(m, phase)| Meeting::new(&slug, m, *phase))
                .collect(),
            next_cursor: page.next.map(cursor::encode),
        },
    )
}

/// One meeting.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}",
    tag = "meetings",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "The meeting", body = Meeting,
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
    let (team, meeting) = path.into_inner();
    // An id that is not a number names no meeting: the same 404 as a missing one.
    let meeting_id: MeetingId = meeting
        .parse()
        .map_err(|_| ApiError::Web(crate::web::WebError::NotFound))?;
    let db = &state.db.conn;
    let access = meetings::authorize(
        db,
        caller.principal,
        &team,
        meeting_id,
        Action::ViewMeetings,
    )
    .await?;
    let phase = meetings::phase(db, &access.meeting, caller.now).await?;
    json_with_etag(
        &req,
        &Meeting::new(&access.team.slug, &access.meeting, phase),
    )
}
