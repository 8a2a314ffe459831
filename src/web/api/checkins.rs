//! Weekly check-ins over `/api/v1/teams/{team}/checkins`: the team's week as the check-ins page
//! shows it to the token's owner (`?week=2026-W48`, entries a page at a time; leaders also see
//! who has not checked in), and the owner's own check-in, read for any week and written for
//! the current one — through `service::checkins` (`ViewCheckins`, `WriteCheckin`).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::domain::checkin::IsoWeek;
use crate::service::checkins::CheckinRow;
use crate::service::checkins::week::{EntryLine, own};
use crate::service::checkins::{self, CheckinAccess, CheckinForm, WeekQuery};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, next_key};
use crate::web::api::errors::{ApiError, ErrorBody, ListErrors, ReadErrors, WriteErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{created, json_with_etag};

/// Which week (both check-in reads).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WeekParam {
    /// An ISO week on the team's clock, `2026-W48`; absent, unreadable or not yet begun: this
    /// week.
    pub week: Option<String>,
}

/// Which page of the names of those who have not checked in (leaders).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MissingParam {
    /// Page of `not_checked_in.names`, from 1 (50 names a page, by name).
    pub missing: Option<String>,
}

/// The action a blocker holds up.
#[derive(Debug, Serialize, ToSchema)]
pub struct BlockedAction {
    pub id: i64,
    pub title: String,
}

/// One member's check-in of the week.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckinEntry {
    pub id: i64,
    /// Whose (a user id) and their name.
    pub user_id: i64,
    pub who: String,
    /// The token owner's own.
    pub mine: bool,
    /// What moved.
    pub moved: String,
    /// What is blocking.
    pub blocking: String,
    /// What comes next.
    pub next: String,
    /// One visible improvement.
    pub improvement: String,
    /// The action its blocker holds up.
    pub action: Option<BlockedAction>,
    /// Last saved (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub updated_at: String,
}

impl From<EntryLine> for CheckinEntry {
    fn from(e: EntryLine) -> Self {
        Self {
            id: e.id,
            user_id: e.user_id.0,
            who: e.who,
            mine: e.mine,
            moved: e.moved,
            blocking: e.blocking,
            next: e.next,
            improvement: e.improvement,
            action: e.action.map(|a| BlockedAction {
                id: a.id.0,
                title: a.title,
            }),
            updated_at: utc(e.updated_at),
        }
    }
}

/// Who has not checked in (leaders only).
#[derive(Debug, Serialize, ToSchema)]
pub struct NotCheckedIn {
    /// How many current members, in all.
    pub total: u64,
    /// The names on the page asked for (`missing`), by name.
    pub names: Vec<String>,
    /// The page shown and how many there are.
    pub page: u64,
    pub pages: u64,
}

/// One week of the team's check-ins.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckinWeek {
    /// `2026-W49`.
    pub week: String,
    /// "week of 30 November", in the owner's language.
    pub week_words: String,
    /// Whether it is the current week (the only one that can be written).
    pub current: bool,
    /// The week before, and the week after if it has begun.
    pub previous_week: String,
    pub next_week: Option<String>,
    /// Current members who have checked in that week, and current members.
    pub checked_in: u64,
    pub members: u64,
    /// This page of entries, first saved first.
    pub entries: Vec<CheckinEntry>,
    /// Pass as `cursor` (with the same `week`) for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
    /// Who has not checked in: for leaders only (`null` for members).
    pub not_checked_in: Option<NotCheckedIn>,
}

/// One's own answers of a week.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckinAnswers {
    pub moved: String,
    pub blocking: String,
    pub next: String,
    pub improvement: String,
    /// The id of the action its blocker holds up.
    pub action: Option<i64>,
    /// First saved and last saved (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

/// The token owner's own check-in of a week.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwnCheckin {
    /// `2026-W49`.
    pub week: String,
    /// Whether it is the current week (only then `PUT` changes it).
    pub current: bool,
    /// Their answers; `null` if they have not checked in that week.
    pub checkin: Option<CheckinAnswers>,
}

impl OwnCheckin {
    fn new(acc: &CheckinAccess, week: IsoWeek, row: Option<CheckinRow>) -> Self {
        Self {
            week: week.label(),
            current: week == acc.current,
            checkin: row.map(|r| CheckinAnswers {
                moved: r.moved,
                blocking: r.blocking,
                next: r.next_up,
                improvement: r.improvement,
                action: r.blocker_action_id.map(|a| a.0),
                created_at: utc(r.created_at),
                updated_at: utc(r.updated_at),
            }),
        }
    }
}

/// This week's answers, as the check-in form takes them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckinBody {
    /// What moved (at most 2,000 characters once trimmed; at least one answer is needed).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub moved: String,
    /// What is blocking (at most 2,000 characters; 3 or more with `action`).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub blocking: String,
    /// What comes next (at most 2,000 characters).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub next: String,
    /// One visible improvement (at most 2,000 characters).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub improvement: String,
    /// The id of an open action of the team the blocker holds up (it is marked blocked, with
    /// `blocking` as its reason).
    pub action: Option<i64>,
}

fn week_of(param: &WeekParam) -> String {
    param.week.clone().unwrap_or_default()
}

/// The team's check-ins of a week, as the check-ins page shows them to the token's owner.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/checkins",
    tag = "checkins",
    params(("team" = String, Path, description = "The team's slug"), WeekParam, MissingParam, PageQuery),
    responses(
        (status = 200, description = "The week", body = CheckinWeek,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn week(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    week: web::Query<WeekParam>,
    missing: web::Query<MissingParam>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = page.limit()?;
    let after = page.after_key(|key| key.parse::<i64>().ok())?;
    let query = WeekQuery {
        week: week_of(&week),
        page: String::new(),
        missing: missing.missing.clone().unwrap_or_default(),
        keyset: Some((after, limit)),
    };
    let view = checkins::week_view(
        &state.db.conn,
        &state.rosters,
        caller.principal,
        &team,
        &query,
        caller.now,
        caller.lang,
    )
    .await?;
    let next_cursor = next_key(&view.entries, view.more_entries, |e| e.id.to_string());
    let body = CheckinWeek {
        week: view.week.label(),
        week_words: view.week_words.clone(),
        current: view.is_current(),
        previous_week: view.previous.clone(),
        next_week: view.next.clone(),
        checked_in: view.checked_in,
        members: view.members,
        not_checked_in: view.missing.map(|m| NotCheckedIn {
            total: m.total,
            names: m.names,
            page: m.pager.page,
            pages: m.pager.pages,
        }),
        entries: view.entries.into_iter().map(Into::into).collect(),
        next_cursor,
    };
    json_with_etag(&req, &body)
}

/// The token owner's own check-in of a week (this week by default).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/checkins/me",
    tag = "checkins",
    params(("team" = String, Path, description = "The team's slug"), WeekParam),
    responses(
        (status = 200, description = "Their check-in of the week (`checkin` is `null` if none)",
            body = OwnCheckin, headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn mine(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    week: web::Query<WeekParam>,
) -> Result<HttpResponse, ApiError> {
    let (acc, week, row) = own(
        &state.db.conn,
        caller.principal,
        &team,
        &week_of(&week),
        caller.now,
    )
    .await?;
    json_with_etag(&req, &OwnCheckin::new(&acc, week, row))
}

/// Writes or changes the token owner's check-in of the current week (on the team's clock), as
/// the check-ins page's form does.
#[utoipa::path(
    put,
    path = "/api/v1/teams/{team}/checkins/me",
    tag = "checkins",
    params(("team" = String, Path, description = "The team's slug")),
    request_body = CheckinBody,
    responses(
        (status = 200, description = "This week's check-in changed", body = OwnCheckin),
        (status = 201, description = "This week's check-in written", body = OwnCheckin,
            headers(("Location" = String, description = "Its address"))),
        WriteErrors,
        (status = 403, description = "A read token, or not allowed to check in", body = ErrorBody),
        (status = 422, description = "Answers or action refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn save(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<CheckinBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let form = CheckinForm {
        moved: body.moved,
        blocking: body.blocking,
        next: body.next,
        improvement: body.improvement,
        action: body.action.map(|a| a.to_string()).unwrap_or_default(),
        action_id: String::new(),
    };
    let db = &state.db.conn;
    let saved = checkins::save(db, caller.principal, &team, &form, caller.now).await?;
    let (acc, week, row) = own(db, caller.principal, &team, "", caller.now).await?;
    let body = OwnCheckin::new(&acc, week, row);
    Ok(if saved.created {
        let location = format!(
            "/api/v1/teams/{}/checkins/me?week={}",
            acc.team.team.slug, body.week
        );
        created(&location, &body)
    } else {
        HttpResponse::Ok().json(body)
    })
}
