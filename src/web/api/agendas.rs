//! A meeting's agreed agenda on `/api/v1`: `GET .../agenda` (the published agenda with start
//! times and every deviation from the tally with its reason, as the agenda page shows it) and
//! `GET .../agenda.ics` (the page's calendar file). Both read through the agenda page's
//! service (`service::meetings::agreed`, the access table's `ViewMeetings` row).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::agreed_agenda::{DeviationKind, ItemKind};
use crate::service::meetings::agreed;
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ReadErrors};
use crate::web::api::json_with_etag;
use crate::web::api::meetings::utc;
use crate::web::api::results::{download, meeting_path};
use crate::web::meetings::agenda::{calendar_file, placed_items};
use crate::web::pages::base_url;

/// Whether leaders have published the agenda yet.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgendaState {
    /// Published: `items` and `deviations` are the agreed agenda.
    Published,
    /// Not yet: `items` and `deviations` are empty (the tally's agenda is in `results`).
    NotPublished,
}

/// A meeting's agreed agenda.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreedAgenda {
    pub state: AgendaState,
    /// Whether the final tally exists (leaders publish after it).
    pub tallied: bool,
    /// When it was published (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub published_at: Option<String>,
    /// The leader who published it.
    pub published_by: Option<String>,
    /// The items in order, fixed items first.
    pub items: Vec<AgreedItem>,
    /// Every difference from the tally, with the leader's reason.
    pub deviations: Vec<AgendaDeviation>,
    /// Minutes the items take.
    pub total_minutes: u32,
    /// The meeting's time budget in minutes.
    pub budget_minutes: i32,
    /// Minutes over the budget (0 when within it).
    pub over_by: u32,
}

/// Where an item of the agreed agenda comes from.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemOrigin {
    /// A fixed item of the meeting.
    Fixed,
    /// Placed by the tally.
    Ranked,
    /// Added by a leader (see its deviation for the reason).
    Added,
}

impl From<ItemKind> for ItemOrigin {
    fn from(kind: ItemKind) -> Self {
        match kind {
            ItemKind::Fixed => Self::Fixed,
            ItemKind::Ranked => Self::Ranked,
            ItemKind::Added => Self::Added,
        }
    }
}

/// One item of the agreed agenda.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreedItem {
    /// When it starts (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub starts_at: String,
    pub title: String,
    pub minutes: u32,
    pub origin: ItemOrigin,
    /// The proposal, for a ranked item.
    pub proposal_id: Option<i64>,
    /// Its place in tally order, for a ranked item.
    pub rank: Option<u32>,
    /// Whether the seeded draw decided a tie for its place.
    pub drawn: bool,
    /// Where it comes from, for people ("ranked 2nd", "added by a leader").
    pub note: String,
}

/// How the agreed agenda differs from the tally at one item.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeviationType {
    /// On the agenda although the tally left it out, or not a proposal at all.
    Added,
    /// Left out although the tally put it on.
    Dropped,
    /// In another place than the tally's.
    Moved,
}

impl From<DeviationKind> for DeviationType {
    fn from(kind: DeviationKind) -> Self {
        match kind {
            DeviationKind::Added => Self::Added,
            DeviationKind::Dropped => Self::Dropped,
            DeviationKind::Moved => Self::Moved,
        }
    }
}

/// A difference from the tally and its reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgendaDeviation {
    pub kind: DeviationType,
    /// The proposal, if the item is one.
    pub proposal_id: Option<i64>,
    pub title: String,
    /// The leader's reason, as typed.
    pub reason: String,
    /// The whole deviation as the agenda page says it.
    pub sentence: String,
}

/// A meeting's agreed agenda.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/agenda",
    tag = "results",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "The agreed agenda, or `not_published` yet", body = AgreedAgenda,
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
    let view = agreed::view(&state.db.conn, caller.principal, &team, id, caller.now).await?;
    let lang = caller.lang;
    let items: Vec<AgreedItem> = placed_items(&view, lang)
        .into_iter()
        .map(|p| AgreedItem {
            starts_at: utc(p.start),
            title: p.item.title.clone(),
            minutes: p.item.minutes,
            origin: p.item.kind.into(),
            proposal_id: p.item.proposal_id.map(|id| id.0),
            rank: p.item.rank,
            drawn: p.drawn,
            note: p.note,
        })
        .collect();
    let total: u32 = items.iter().map(|i| i.minutes).sum();
    let budget = view.access.meeting.budget_minutes;
    let publication = view.publication.as_ref();
    let deviations = publication.map_or_else(Vec::new, |p| {
        p.deviations
            .iter()
            .map(|d| AgendaDeviation {
                kind: d.kind.into(),
                proposal_id: d.proposal_id.map(|id| id.0),
                title: d.title.clone(),
                reason: d.reason.clone(),
                sentence: d.sentence(p.publisher.as_str()).render(lang),
            })
            .collect()
    });
    json_with_etag(
        &req,
        &AgreedAgenda {
            state: if publication.is_some() {
                AgendaState::Published
            } else {
                AgendaState::NotPublished
            },
            tallied: view.tally.is_some(),
            published_at: publication.map(|p| utc(p.published_at)),
            published_by: publication.map(|p| p.publisher.clone()),
            items,
            deviations,
            total_minutes: total,
            budget_minutes: budget,
            over_by: total.saturating_sub(u32::try_from(budget).unwrap_or(0)),
        },
    )
}

/// The meeting as an iCalendar event, the agreed agenda in its description (the agenda
/// page's `.ics` file).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/agenda.ics",
    tag = "results",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "An iCalendar file with one event", body = String,
            content_type = "text/calendar"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn calendar(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    let base = base_url(&state, &req);
    download(
        calendar_file(
            &state.db.conn,
            caller.principal,
            &team,
            id,
            caller.now,
            caller.lang,
            &base,
        )
        .await,
    )
}
