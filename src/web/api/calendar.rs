//! `GET /api/v1/teams/{team}/meetings.ics`: the team's meetings as iCalendar, the same events
//! as the personal calendar feed and the team's web export (`service::calendar::team_feed`;
//! cancelled meetings stay, with `STATUS:CANCELLED`), for whoever may see the team's meetings
//! (the access table's `ViewMeetings` row); byte for byte the web's `/teams/{team}/meetings.ics`.

use actix_web::{HttpRequest, HttpResponse, web};

use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ReadErrors};
use crate::web::pages::base_url;

/// The team's meetings from 90 days back to a year ahead, as iCalendar.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings.ics",
    tag = "calendar",
    params(("team" = String, Path, description = "The team's slug")),
    responses(
        (status = 200, description = "An iCalendar file: one VEVENT per meeting, cancelled ones with STATUS:CANCELLED",
            body = String, content_type = "text/calendar"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn meetings(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let base = base_url(&state, &req);
    // The same answer as the web's `/teams/{team}/meetings.ics`.
    Ok(crate::web::calendar::team_file(
        &state.db.conn,
        caller.principal,
        &team,
        &base,
        caller.now,
        caller.lang,
    )
    .await?)
}
