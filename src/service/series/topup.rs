//! Keeping the next occurrences of a series created ahead of time: each is a normal meeting
//! (title, purpose line with its date, windows relative to its start, the series' budget and
//! place) with its roles from the rota. Idempotent and safe with several servers: the series'
//! row lock serialises top-ups, and `UNIQUE(series_id, occurs_on)` refuses a duplicate even so.
//! Called when a page of the series is shown and by the background task every few minutes.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::tokens::random_token;
use crate::domain::ids::{MeetingId, SeriesId, UserId};
use crate::domain::series::{AHEAD, missing, purpose_line};
use crate::i18n::{Lang, Msg};
use crate::service::{Result, ServiceError, audit};
use crate::store::entities::{
    meeting_facilitators, meeting_fixed_items, meeting_runs, meeting_series, meetings,
    series_occurrences, teams,
};

use super::rota::plan_roles;
use super::{offsets, schedule, team_zone};

/// Creates the missing occurrences among the next [`AHEAD`] not yet started of series `id` (none once it has
/// ended); returns how many were created. `actor` is the person whose visit or action caused
/// it (none for the background task).
pub async fn top_up(
    db: &DatabaseConnection,
    id: SeriesId,
    actor: Option<UserId>,
    now: OffsetDateTime,
) -> Result<usize> {
    // Most visits find nothing missing: look first without taking the lock.
    if missing_days(db, id, now).await?.is_empty() {
        return Ok(0);
    }
    let txn = db.begin().await?;
    crate::store::lock::row::<meeting_series::Entity>(&txn, id).await?;
    let created = match top_up_in(&txn, id, actor, now).await {
        Ok(n) => n,
        // Another server created the same occurrence meanwhile: nothing is missing any more.
        Err(ServiceError::Conflict(_)) => return Ok(0),
        Err(e) => return Err(e),
    };
    if created > 0 {
        txn.commit().await?;
    }
    Ok(created)
}

/// [`top_up`] inside the caller's transaction, which holds the series' lock.
pub async fn top_up_in(
    db: &impl ConnectionTrait,
    id: SeriesId,
    actor: Option<UserId>,
    now: OffsetDateTime,
) -> Result<usize> {
    let (series, zone, days) = match missing_days(db, id, now).await? {
        Missing::None => return Ok(0),
        Missing::Days(series, zone, days) => (*series, zone, days),
    };
    let plan = schedule(&series);
    let starts: Vec<OffsetDateTime> = days.iter().map(|d| plan.starts_at(*d, zone)).collect();
    let roles = plan_roles(db, &series, &days, &starts).await?;
    let lang = Lang::parse(&series.language).unwrap_or(Lang::En);
    for ((day, starts_at), assignment) in days.iter().zip(&starts).zip(roles) {
        let windows = offsets(&series).windows(*starts_at);
        let purpose = purpose_line(
            &series.purpose_template,
            &crate::format::date_in(*day, lang),
        );
        let meeting = meetings::ActiveModel {
            team_id: Set(series.team_id),
            title: Set(series.title.clone()),
            purpose_line: Set(purpose),
            starts_at: Set(*starts_at),
            budget_minutes: Set(series.budget_minutes),
            place: Set(series.place.clone()),
            facilitator_id: Set(assignment.facilitator),
            proposals_open_at: Set(windows.proposals_open),
            proposals_close_at: Set(windows.proposals_close),
            voting_open_at: Set(windows.voting_open),
            voting_close_at: Set(windows.voting_close),
            privacy: Set(series.privacy),
            results_visibility: Set(meetings::ResultsVisibility::AfterClose),
            agenda_rule: Set(meetings::AgendaRule::SequentialIrv),
            ballot_secret: Set(Some(random_token())),
            created_by: Set(series.created_by),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        meeting_fixed_items::ActiveModel {
            meeting_id: Set(meeting.id),
            position: Set(0),
            title: Set(Msg::new("mt-form-default-fixed").render(lang)),
            minutes: Set(3.min(series.budget_minutes)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        set_roles(db, meeting.id, &assignment, actor, now).await?;
        let occurrence = series_occurrences::ActiveModel {
            series_id: Set(series.id),
            occurs_on: Set(*day),
            meeting_id: Set(meeting.id),
            timekeeper_id: Set(assignment.timekeeper),
            cancelled_at: Set(None),
            cancelled_by: Set(None),
            cancel_reason: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        audit::record(
            db,
            audit::Entry {
                actor_id: actor,
                team_id: Some(series.team_id),
                action: audit::AuditAction::SeriesOccurrenceCreate,
                detail: json!({
                    "series_id": series.id,
                    "occurrence_id": occurrence.id,
                    "meeting_id": meeting.id,
                    "occurs_on": day.to_string(),
                    "facilitator_id": assignment.facilitator,
                    "note_taker_id": assignment.note_taker,
                    "timekeeper_id": assignment.timekeeper,
                }),
            },
        )
        .await?;
    }
    Ok(days.len())
}

enum Missing {
    None,
    Days(
        Box<meeting_series::Model>,
        crate::domain::zone::Zone,
        Vec<time::Date>,
    ),
}

impl Missing {
    fn is_empty(&self) -> bool {
        matches!(self, Missing::None)
    }
}

/// The series (not ended) and which of its next [`AHEAD`] dates have no occurrence yet.
async fn missing_days(
    db: &impl ConnectionTrait,
    id: SeriesId,
    now: OffsetDateTime,
) -> Result<Missing> {
    let Some(series) = meeting_series::Entity::find_by_id(id).one(db).await? else {
        return Ok(Missing::None);
    };
    if series.ended_at.is_some() {
        return Ok(Missing::None);
    }
    let Some(team) = teams::Entity::find_by_id(series.team_id).one(db).await? else {
        return Ok(Missing::None);
    };
    let zone = team_zone(&team);
    let today = zone.today(now);
    // The next ones that have not started yet (today's may have).
    let plan = schedule(&series);
    let wanted: Vec<time::Date> = plan
        .dates_from(today.max(series.first_on), AHEAD + 1)
        .into_iter()
        .filter(|d| plan.starts_at(*d, zone) > now)
        .take(AHEAD)
        .collect();
    let existing: Vec<time::Date> = series_occurrences::Entity::find()
        .filter(series_occurrences::Column::SeriesId.eq(id))
        .filter(series_occurrences::Column::OccursOn.gte(today))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.occurs_on)
        .collect();
    let days = missing(&wanted, &existing);
    Ok(if days.is_empty() {
        Missing::None
    } else {
        Missing::Days(Box::new(series), zone, days)
    })
}

/// Who holds the rotating roles of one occurrence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Holders {
    pub facilitator: Option<UserId>,
    pub note_taker: Option<UserId>,
    pub timekeeper: Option<UserId>,
}

/// Makes the facilitator and note-taker the meeting's own (what the live meeting and the
/// minutes use), recording the facilitator in the meeting's history.
async fn set_roles(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
    holders: &Holders,
    by: Option<UserId>,
    now: OffsetDateTime,
) -> Result<()> {
    meeting_facilitators::ActiveModel {
        meeting_id: Set(meeting_id),
        user_id: Set(holders.facilitator),
        assigned_at: Set(now),
        assigned_by: Set(by),
        ..Default::default()
    }
    .insert(db)
    .await?;
    meeting_runs::ActiveModel {
        meeting_id: Set(meeting_id),
        note_taker_id: Set(holders.note_taker),
        closed_at: Set(None),
        closed_by: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Tops up every series that has not ended (the background task); a failure of one is logged
/// and the others go on. Returns how many occurrences were created.
pub async fn top_up_due(db: &DatabaseConnection, now: OffsetDateTime) -> Result<usize> {
    let ids: Vec<SeriesId> = {
        use sea_orm::QuerySelect;
        meeting_series::Entity::find()
            .select_only()
            .column(meeting_series::Column::Id)
            .filter(meeting_series::Column::EndedAt.is_null())
            .into_tuple()
            .all(db)
            .await?
    };
    let mut made = 0;
    for id in ids {
        match top_up(db, id, None, now).await {
            Ok(n) => made += n,
            Err(e) => {
                tracing::warn!(series = %id, error = %format!("{e:#}"), "topping up a series failed")
            }
        }
    }
    Ok(made)
}
