//! The leaders' meeting forms over `/api/v1/teams/{team}/meetings`: creating and editing a
//! meeting (`ManageMeetings`), cancelling it and undoing that (`CancelMeeting`), publishing
//! the agreed agenda (`PublishAgenda`), and hiding and merging proposals (`ManageMeetings`) —
//! through the services of the same pages (`service::meetings::{form, cancel, agreed,
//! proposals}`), so the same rules refuse
//! the same things. Another team's meeting answers 404; a cancelled meeting refuses edits
//! with 409, as the edit form does.
//!
//! Times are RFC 3339 (`2026-11-23T14:00:00Z`); the meeting form keeps them to the minute.
//! Field problems come back under the web form's field names (`proposals_close`,
//! `fixed_1_title`, `reason_{proposal}`, `add_title` ...).

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Deserializer};
use time::OffsetDateTime;
use utoipa::{OpenApi, ToSchema};

use crate::access::Action;
use crate::domain::ids::{MeetingId, ProposalId};
use crate::domain::meeting::{AgendaRule, Privacy, ResultsVisibility, input_value};
use crate::domain::zone::Zone;
use crate::i18n::Msg;
use crate::service::meetings::agreed::{self, tally_items};
use crate::service::meetings::cancel::{self, CancelForm};
use crate::service::meetings::form::{self, FIXED_ROWS};
use crate::service::meetings::{self, MeetingForm, proposals};
use crate::service::notices::Delivery;
use crate::service::{FieldErrors, ServiceError, teams};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ErrorBody, ReadErrors, WriteErrors};
use crate::web::api::meetings::Meeting;
use crate::web::api::proposals::{Proposal, one};
use crate::web::api::{agendas, created, path_id};

/// This area's part of the OpenAPI document (merged by `openapi::document_value`).
#[derive(OpenApi)]
#[openapi(
    paths(create, edit, cancel_meeting, undo_cancel, publish_agenda, hide, merge),
    components(schemas(
        MeetingPrivacy,
        MeetingResultsVisibility,
        MeetingAgendaRule,
        FixedItem,
        NewMeeting,
        MeetingChange,
        CancelBody,
        PublishBody,
        PublishItem,
        AddedAgendaItem,
        HideBody,
        MergeBody,
    )),
    tags((name = "meeting_admin", description = "Leaders' meeting forms: create, edit, cancel, publish the agreed agenda, moderate proposals; turnout and open rankings (`api::turnout`)"))
)]
pub struct Doc;

/// Whether leaders can see who ranked what.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingPrivacy {
    /// Ballots carry the voter (leaders see the rankings after the close).
    Open,
    /// The link between voter and ballot is destroyed at the tally.
    #[default]
    Secret,
}

impl From<MeetingPrivacy> for Privacy {
    fn from(p: MeetingPrivacy) -> Self {
        match p {
            MeetingPrivacy::Open => Self::Open,
            MeetingPrivacy::Secret => Self::Secret,
        }
    }
}

/// When counts may be seen.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingResultsVisibility {
    /// Only after voting closes.
    #[default]
    AfterClose,
    /// Provisional counts while voting (open ballots only).
    Live,
}

impl From<MeetingResultsVisibility> for ResultsVisibility {
    fn from(v: MeetingResultsVisibility) -> Self {
        match v {
            MeetingResultsVisibility::AfterClose => Self::AfterClose,
            MeetingResultsVisibility::Live => Self::Live,
        }
    }
}

/// How the ranked ballots become an agenda.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingAgendaRule {
    /// Sequential IRV order, then fill the time budget.
    #[default]
    SequentialIrv,
    /// Method of Equal Shares with minutes as cost.
    EqualShares,
}

impl From<MeetingAgendaRule> for AgendaRule {
    fn from(r: MeetingAgendaRule) -> Self {
        match r {
            MeetingAgendaRule::SequentialIrv => Self::SequentialIrv,
            MeetingAgendaRule::EqualShares => Self::EqualShares,
        }
    }
}

/// A fixed item, reserved before the vote (its minutes must fit in the budget).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FixedItem {
    /// Trimmed: 2 to 120 characters, one line.
    #[schema(min_length = 2, max_length = 120)]
    pub title: String,
    /// Whole minutes.
    #[schema(minimum = 1, maximum = 240)]
    pub minutes: i64,
}

/// A new meeting, as the meeting form takes it. Windows must come in order: proposals open
/// before they close, voting opens no earlier than proposals close, and closes no later than
/// the start.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMeeting {
    /// Trimmed: 2 to 120 characters, one line.
    #[schema(min_length = 2, max_length = 120)]
    pub title: String,
    /// One sentence linking the meeting to the team's purpose: 10 to 200 characters, one line.
    #[schema(min_length = 10, max_length = 200)]
    pub purpose_line: String,
    /// Start (RFC 3339; kept to the minute).
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub starts_at: OffsetDateTime,
    /// Time budget in whole minutes.
    #[schema(minimum = 5, maximum = 1440)]
    pub budget_minutes: i64,
    /// Place or link (may be empty).
    #[serde(default)]
    #[schema(max_length = 200)]
    pub place: String,
    /// The facilitator: a member of the team (`null`: nobody yet).
    #[serde(default)]
    pub facilitator_id: Option<i64>,
    /// When proposing opens (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub proposals_open: OffsetDateTime,
    /// When proposing closes (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub proposals_close: OffsetDateTime,
    /// When voting opens (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub voting_open: OffsetDateTime,
    /// When voting closes and the tally runs (RFC 3339; no later than the start).
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub voting_close: OffsetDateTime,
    /// Default `secret`.
    #[serde(default)]
    pub privacy: MeetingPrivacy,
    /// Default `after_close`; `live` only with open ballots.
    #[serde(default)]
    pub results_visibility: MeetingResultsVisibility,
    /// Default `sequential_irv`.
    #[serde(default)]
    pub agenda_rule: MeetingAgendaRule,
    /// Up to three fixed items (default none).
    #[serde(default)]
    #[schema(max_items = 3)]
    pub fixed_items: Vec<FixedItem>,
}

/// `Some(value)` for a field that was sent, even as `null` (absent stays `None`).
fn sent<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A change to a meeting, as the edit form takes it: only the fields sent change, the rest
/// keep their stored values. The same rules as the form: closed windows never change, an
/// open window keeps its opening, privacy is frozen and results may only be hidden longer once
/// a ballot exists, and the budget, rule and fixed items are frozen after the tally.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingChange {
    #[serde(default)]
    #[schema(min_length = 2, max_length = 120)]
    pub title: Option<String>,
    #[serde(default)]
    #[schema(min_length = 10, max_length = 200)]
    pub purpose_line: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub starts_at: Option<OffsetDateTime>,
    #[serde(default)]
    #[schema(minimum = 5, maximum = 1440)]
    pub budget_minutes: Option<i64>,
    #[serde(default)]
    #[schema(max_length = 200)]
    pub place: Option<String>,
    /// A member's user id, or `null` for nobody; left out: unchanged.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>)]
    pub facilitator_id: Option<Option<i64>>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub proposals_open: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub proposals_close: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub voting_open: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub voting_close: Option<OffsetDateTime>,
    #[serde(default)]
    pub privacy: Option<MeetingPrivacy>,
    #[serde(default)]
    pub results_visibility: Option<MeetingResultsVisibility>,
    #[serde(default)]
    pub agenda_rule: Option<MeetingAgendaRule>,
    /// All fixed items again (up to three; `[]` removes them); left out: unchanged.
    #[serde(default)]
    #[schema(max_items = 3)]
    pub fixed_items: Option<Vec<FixedItem>>,
}

/// 400 `invalid_body` for a body the schema refuses but serde cannot (too many fixed items).
fn body_problem(field: &str, detail: &str) -> ApiError {
    let mut fields = FieldErrors::new();
    fields.add(
        field,
        Msg::new("api-error-body-detail").arg("detail", detail),
    );
    ApiError::InvalidBody(fields)
}

/// The form's fixed-item rows from `items` (all rows emptied first).
fn set_fixed(form: &mut MeetingForm, items: &[FixedItem]) -> Result<(), ApiError> {
    if items.len() > FIXED_ROWS {
        return Err(body_problem(
            "fixed_items",
            &format!("at most {FIXED_ROWS} fixed items"),
        ));
    }
    let row = |i: usize| {
        items
            .get(i)
            .map(|f| (f.title.clone(), f.minutes.to_string()))
            .unwrap_or_default()
    };
    (form.fixed_1_title, form.fixed_1_minutes) = row(0);
    (form.fixed_2_title, form.fixed_2_minutes) = row(1);
    (form.fixed_3_title, form.fixed_3_minutes) = row(2);
    Ok(())
}

/// 422 unless every time sent is in a year the calendar handles (RFC 3339 allows years 0000
/// to 9999 with any offset; the form's times are wall-clock times in a zone).
fn check_times(times: &[(&str, Option<OffsetDateTime>)]) -> Result<(), ApiError> {
    let mut fields = FieldErrors::new();
    for (name, at) in times {
        if at.is_some_and(|t| !(1900..=9000).contains(&t.year())) {
            fields.add(name, Msg::new("v-real-date-time"));
        }
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(ApiError::from(ServiceError::Invalid(fields)))
    }
}

impl NewMeeting {
    /// The meeting form as the web page would post it, times written in `zone` (the zone the
    /// service reads the form in).
    fn into_form(self, zone: Zone) -> Result<MeetingForm, ApiError> {
        check_times(&[
            ("starts_at", Some(self.starts_at)),
            ("proposals_open", Some(self.proposals_open)),
            ("proposals_close", Some(self.proposals_close)),
            ("voting_open", Some(self.voting_open)),
            ("voting_close", Some(self.voting_close)),
        ])?;
        let at = |t: OffsetDateTime| input_value(t, zone);
        let mut form = MeetingForm {
            title: self.title,
            purpose_line: self.purpose_line,
            starts_at: at(self.starts_at),
            budget_minutes: self.budget_minutes.to_string(),
            place: self.place,
            facilitator_id: self
                .facilitator_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            proposals_open: at(self.proposals_open),
            proposals_close: at(self.proposals_close),
            voting_open: at(self.voting_open),
            voting_close: at(self.voting_close),
            privacy: Privacy::from(self.privacy).as_str().to_owned(),
            results_visibility: ResultsVisibility::from(self.results_visibility)
                .as_str()
                .to_owned(),
            agenda_rule: AgendaRule::from(self.agenda_rule).as_str().to_owned(),
            ..MeetingForm::default()
        };
        set_fixed(&mut form, &self.fixed_items)?;
        Ok(form)
    }
}

impl MeetingChange {
    /// `form` (the stored values, as the edit form shows them) with the fields sent.
    fn apply(self, form: &mut MeetingForm, zone: Zone) -> Result<(), ApiError> {
        check_times(&[
            ("starts_at", self.starts_at),
            ("proposals_open", self.proposals_open),
            ("proposals_close", self.proposals_close),
            ("voting_open", self.voting_open),
            ("voting_close", self.voting_close),
        ])?;
        let at = |t: OffsetDateTime| input_value(t, zone);
        let set = |slot: &mut String, value: Option<String>| {
            if let Some(value) = value {
                *slot = value;
            }
        };
        set(&mut form.title, self.title);
        set(&mut form.purpose_line, self.purpose_line);
        set(&mut form.starts_at, self.starts_at.map(at));
        set(
            &mut form.budget_minutes,
            self.budget_minutes.map(|m| m.to_string()),
        );
        set(&mut form.place, self.place);
        set(
            &mut form.facilitator_id,
            self.facilitator_id
                .map(|id| id.map(|id| id.to_string()).unwrap_or_default()),
        );
        set(&mut form.proposals_open, self.proposals_open.map(at));
        set(&mut form.proposals_close, self.proposals_close.map(at));
        set(&mut form.voting_open, self.voting_open.map(at));
        set(&mut form.voting_close, self.voting_close.map(at));
        set(
            &mut form.privacy,
            self.privacy.map(|p| Privacy::from(p).as_str().to_owned()),
        );
        set(
            &mut form.results_visibility,
            self.results_visibility
                .map(|v| ResultsVisibility::from(v).as_str().to_owned()),
        );
        set(
            &mut form.agenda_rule,
            self.agenda_rule
                .map(|r| AgendaRule::from(r).as_str().to_owned()),
        );
        if let Some(items) = self.fixed_items {
            set_fixed(form, &items)?;
        }
        Ok(())
    }
}

/// The meeting `id` as JSON, with its team's slug (the caller sees it: they just changed it).
async fn meeting_json(
    state: &AppState,
    caller: &ApiCaller,
    team: &str,
    id: MeetingId,
) -> Result<(String, Meeting), ApiError> {
    let db = &state.db.conn;
    let access = meetings::authorize(db, caller.principal, team, id, Action::ViewMeetings).await?;
    let phase = meetings::phase(db, &access.meeting, caller.now).await?;
    let meeting = Meeting::new(&access.team.slug, &access.meeting, phase);
    Ok((access.team.slug, meeting))
}

/// Creates a meeting (leaders), as the "new meeting" form does.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings",
    tag = "meeting_admin",
    params(("team" = String, Path, description = "The team's slug")),
    request_body = NewMeeting,
    responses(
        (status = 201, description = "Created; `Location` is its address", body = Meeting,
            headers(("Location" = String, description = "The new meeting's address"))),
        WriteErrors,
        (status = 400, description = "A body that is not this JSON (a time not RFC 3339, more than three fixed items)", body = ErrorBody),
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 404, description = "No such team, or not the owner's", body = ErrorBody),
        (status = 415, description = "A body not sent as `application/json`", body = ErrorBody),
        (status = 422, description = "A field refused (`fields`, by the form's names: `title`, `proposals_close`, `fixed_1_minutes` ...)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<NewMeeting>,
) -> Result<HttpResponse, ApiError> {
    let db = &state.db.conn;
    let access = teams::authorize(db, caller.principal, &team, Action::ManageMeetings).await?;
    let form = body.into_inner().into_form(access.zone)?;
    let id = form::create(db, caller.principal, &team, &form, caller.now).await?;
    let (slug, meeting) = meeting_json(&state, &caller, &team, id).await?;
    Ok(created(
        &format!("/api/v1/teams/{slug}/meetings/{id}"),
        &meeting,
    ))
}

/// Edits a meeting (leaders), as the edit form does; fields left out keep their values.
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}/meetings/{meeting}",
    tag = "meeting_admin",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    request_body = MeetingChange,
    responses(
        (status = 200, description = "Saved", body = Meeting),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 404, description = "No such meeting in a team of the owner's", body = ErrorBody),
        (status = 409, description = "The meeting is cancelled", body = ErrorBody),
        (status = 415, description = "A body not sent as `application/json`", body = ErrorBody),
        (status = 422, description = "A field refused, or a change the meeting's progress forbids (a closed window, privacy after a ballot, the budget after the tally), under the field's name in `fields`", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn edit(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<MeetingChange>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting) = path.into_inner();
    let id: MeetingId = path_id(&meeting)?;
    let db = &state.db.conn;
    let (access, mut form) = form::stored_form(db, caller.principal, &team, id).await?;
    body.into_inner().apply(&mut form, access.zone)?;
    form::update(db, caller.principal, &team, id, &form, caller.now).await?;
    let (_, meeting) = meeting_json(&state, &caller, &team, id).await?;
    Ok(HttpResponse::Ok().json(meeting))
}

/// Why a meeting is cancelled.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelBody {
    /// Shown to everyone: trimmed, 3 to 300 characters.
    #[schema(min_length = 3, max_length = 300)]
    pub reason: String,
}

/// Cancels a meeting (leaders, before its tally), with a reason everyone sees.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/cancel",
    tag = "meeting_admin",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    request_body = CancelBody,
    responses(
        (status = 200, description = "Cancelled", body = Meeting),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 404, description = "No such meeting in a team of the owner's", body = ErrorBody),
        (status = 409, description = "Already cancelled, tallied or held", body = ErrorBody),
        (status = 415, description = "A body not sent as `application/json`", body = ErrorBody),
        (status = 422, description = "The reason refused (`fields.reason`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn cancel_meeting(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<CancelBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting) = path.into_inner();
    let id: MeetingId = path_id(&meeting)?;
    let form = CancelForm {
        reason: body.into_inner().reason,
    };
    cancel::cancel(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        &form,
        caller.now,
    )
    .await?;
    let (_, meeting) = meeting_json(&state, &caller, &team, id).await?;
    Ok(HttpResponse::Ok().json(meeting))
}

/// Undoes a cancellation (leaders, before the meeting starts). Windows that closed meanwhile
/// stay closed.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/cancel/undo",
    tag = "meeting_admin",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "Going ahead again", body = Meeting),
        ReadErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 404, description = "No such meeting in a team of the owner's", body = ErrorBody),
        (status = 409, description = "Not cancelled, or the meeting has started", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn undo_cancel(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting) = path.into_inner();
    let id: MeetingId = path_id(&meeting)?;
    cancel::undo(&state.db.conn, caller.principal, &team, id, caller.now).await?;
    let (_, meeting) = meeting_json(&state, &caller, &team, id).await?;
    Ok(HttpResponse::Ok().json(meeting))
}

/// A leader's choice for one item of the tally.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishItem {
    /// The proposal (one of the tally's items).
    pub proposal_id: i64,
    /// On the agreed agenda? Left out: as the tally placed it.
    #[serde(default)]
    pub include: Option<bool>,
    /// Its place among ranked and added items, from 1; left out: tally order after the
    /// numbered ones.
    #[serde(default)]
    #[schema(minimum = 1)]
    pub position: Option<i64>,
    /// Why it differs from the tally (needed, at least 3 characters, for a move, a drop or an
    /// addition; everyone sees it).
    #[serde(default)]
    pub reason: String,
}

/// An urgent item the leader adds.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddedAgendaItem {
    /// Trimmed: 2 to 120 characters, one line.
    #[schema(min_length = 2, max_length = 120)]
    pub title: String,
    /// Whole minutes.
    #[schema(minimum = 1, maximum = 240)]
    pub minutes: i64,
    /// Its place among ranked and added items, from 1; left out: at the end.
    #[serde(default)]
    #[schema(minimum = 1)]
    pub position: Option<i64>,
    /// Why it is added (at least 3 characters; everyone sees it).
    #[schema(min_length = 3)]
    pub reason: String,
}

/// The agreed agenda to publish, as the publication form takes it: the tally's items as they
/// are unless listed in `items`, plus at most one added item.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishBody {
    /// Changes to the tally's items (each proposal at most once).
    #[serde(default)]
    pub items: Vec<PublishItem>,
    /// An urgent item to add.
    #[serde(default)]
    pub added: Option<AddedAgendaItem>,
}

/// 422 `invalid_input` with one field problem said in plain words.
fn invalid_field(field: &str, detail: String) -> ApiError {
    let mut fields = FieldErrors::new();
    fields.add(
        field,
        Msg::new("api-error-body-detail").arg("detail", detail),
    );
    ApiError::from(ServiceError::Invalid(fields))
}

/// The publication form's fields (`include_{id}`, `position_{id}`, `reason_{id}`,
/// `add_*`) for `body`, over the tally's `items`.
fn publish_fields(
    body: PublishBody,
    items: &[crate::domain::agreed_agenda::TallyItem],
) -> Result<HashMap<String, String>, ApiError> {
    let mut chosen: HashMap<ProposalId, PublishItem> = HashMap::new();
    for item in body.items {
        let id = ProposalId(item.proposal_id);
        if !items.iter().any(|t| t.proposal_id == id) {
            return Err(invalid_field(
                "items",
                format!("proposal {id} is not an item of the tally"),
            ));
        }
        if chosen.insert(id, item).is_some() {
            return Err(invalid_field(
                "items",
                format!("proposal {id} is listed twice"),
            ));
        }
    }
    let mut fields = HashMap::new();
    for t in items {
        let id = t.proposal_id;
        let choice = chosen.remove(&id);
        let include = choice
            .as_ref()
            .and_then(|c| c.include)
            .unwrap_or(t.included);
        if include {
            fields.insert(format!("include_{id}"), "on".to_owned());
        }
        if let Some(choice) = choice {
            if let Some(position) = choice.position {
                fields.insert(format!("position_{id}"), position.to_string());
            }
            fields.insert(format!("reason_{id}"), choice.reason);
        }
    }
    if let Some(added) = body.added {
        fields.insert("add_title".to_owned(), added.title);
        fields.insert("add_minutes".to_owned(), added.minutes.to_string());
        if let Some(position) = added.position {
            fields.insert("add_position".to_owned(), position.to_string());
        }
        fields.insert("add_reason".to_owned(), added.reason);
    }
    Ok(fields)
}

/// Publishes the agreed agenda (leaders, after the tally, before the meeting starts), as the
/// publication form does: every difference from the tally needs a reason, which everyone
/// sees. Publishing again replaces the earlier version; members are notified each time.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/agenda/publish",
    tag = "meeting_admin",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    request_body = PublishBody,
    responses(
        (status = 200, description = "Published: the agreed agenda", body = agendas::AgreedAgenda,
            headers(("ETag" = String, description = "Version of the body"))),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 404, description = "No such meeting in a team of the owner's", body = ErrorBody),
        (status = 409, description = "Voting has not closed (no tally yet), or the meeting has started", body = ErrorBody),
        (status = 415, description = "A body not sent as `application/json`", body = ErrorBody),
        (status = 422, description = "A missing reason (`reason_{proposal}`, `add_reason`), a bad position or added item (`position_{proposal}`, `add_title` ...), or an item not in the tally (`items`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn publish_agenda(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<PublishBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting) = path.into_inner();
    let id: MeetingId = path_id(&meeting)?;
    let db = &state.db.conn;
    let view = agreed::view(db, caller.principal, &team, id, caller.now).await?;
    // As the publication page: leaders only, and only once there is a tally.
    if !view.access.may(caller.principal, Action::PublishAgenda) {
        return Err(ApiError::from(ServiceError::Forbidden));
    }
    let items = view.tally.as_ref().map(tally_items).unwrap_or_default();
    let fields = publish_fields(body.into_inner(), &items)?;
    agreed::publish(
        db,
        caller.principal,
        &team,
        id,
        &fields,
        Delivery::of(&state.settings),
        caller.now,
        caller.lang,
    )
    .await?;
    agendas::show(req, state, caller, web::Path::from((team, meeting))).await
}

/// Why a proposal is hidden.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HideBody {
    /// Shown to its author: trimmed, 3 to 300 characters.
    #[schema(min_length = 3, max_length = 300)]
    pub reason: String,
}

/// Hides a proposal with a reason its author sees (leaders, before the first ballot).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/hide",
    tag = "meeting_admin",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("proposal" = i64, Path, description = "The proposal's id"),
    ),
    request_body = HideBody,
    responses(
        (status = 200, description = "Hidden", body = Proposal),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 404, description = "No such proposal in a meeting of the owner's", body = ErrorBody),
        (status = 409, description = "The item is no longer active, or ballots were cast", body = ErrorBody),
        (status = 415, description = "A body not sent as `application/json`", body = ErrorBody),
        (status = 422, description = "The reason refused (`fields.reason`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn hide(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<HideBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting, proposal) = path.into_inner();
    let (meeting_id, proposal_id) = (path_id(&meeting)?, path_id(&proposal)?);
    proposals::hide(
        &state.db.conn,
        caller.principal,
        &team,
        meeting_id,
        proposal_id,
        &body.reason,
        caller.now,
    )
    .await?;
    let (_, view) = one(&state, &caller, &team, meeting_id, proposal_id).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The item a duplicate is merged into.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// Another active proposal of the same meeting.
    pub into: i64,
}

/// Merges a duplicate proposal into another active one of the same meeting (leaders, before
/// the first ballot).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/merge",
    tag = "meeting_admin",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
        ("proposal" = i64, Path, description = "The duplicate's id"),
    ),
    request_body = MergeBody,
    responses(
        (status = 200, description = "Merged", body = Proposal),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 404, description = "No such proposal in a meeting of the owner's", body = ErrorBody),
        (status = 409, description = "The item is no longer active, or ballots were cast", body = ErrorBody),
        (status = 415, description = "A body not sent as `application/json`", body = ErrorBody),
        (status = 422, description = "`into` is not another active item of the meeting (`fields.into`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn merge(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String, String)>,
    body: web::Json<MergeBody>,
) -> Result<HttpResponse, ApiError> {
    let (team, meeting, proposal) = path.into_inner();
    let (meeting_id, proposal_id) = (path_id(&meeting)?, path_id(&proposal)?);
    proposals::merge(
        &state.db.conn,
        caller.principal,
        &team,
        meeting_id,
        proposal_id,
        &body.into.to_string(),
        caller.now,
    )
    .await?;
    let (_, view) = one(&state, &caller, &team, meeting_id, proposal_id).await?;
    Ok(HttpResponse::Ok().json(view))
}
