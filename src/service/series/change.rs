//! Cancelling one occurrence (it stays, shown as cancelled, and its meeting is cancelled with
//! it through `meetings::cancel`) and ending a series (no occurrence is created after; those
//! created stay). Leaders; audited.

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::ids::{OccurrenceId, SeriesId};
use crate::domain::meeting::Reason;
use crate::service::meetings;
use crate::service::{Result, ServiceError, audit, invalid};
use crate::store::entities::{meeting_series, meetings as meeting_rows, series_occurrences};

/// Why an occurrence is cancelled.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    pub reason: String,
}

/// Cancels one occurrence of the series (leaders), with a reason everyone sees.
pub async fn cancel_occurrence(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    series_id: SeriesId,
    occurrence_id: OccurrenceId,
    form: &CancelForm,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) =
        super::begin_locked(db, principal, slug, series_id, Action::ManageSeries).await?;
    let occurrence = series_occurrences::Entity::find_by_id(occurrence_id)
        .filter(series_occurrences::Column::SeriesId.eq(series_id))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let reason = Reason::parse(&form.reason).map_err(|e| invalid("reason", e))?;
    if occurrence.cancelled_at.is_some() {
        return Ok(());
    }
    // The meeting itself is cancelled too (one place writes that state, and refuses a
    // meeting already tallied or closed); its lock after the series' lock, as every path does.
    meetings::lock(&txn, occurrence.meeting_id).await?;
    let meeting = meeting_rows::Entity::find_by_id(occurrence.meeting_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !meetings::cancel::is_cancelled(&meeting) {
        meetings::cancel::cancel_in(&txn, &meeting, principal.user_id, &reason, now).await?;
    }
    let mut active: series_occurrences::ActiveModel = occurrence.clone().into();
    active.cancelled_at = Set(Some(now));
    active.cancelled_by = Set(principal.user_id);
    active.cancel_reason = Set(reason.as_str().to_owned());
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.team.id),
            action: audit::AuditAction::SeriesOccurrenceCancel,
            detail: json!({
                "series_id": series_id,
                "occurrence_id": occurrence.id,
                "meeting_id": occurrence.meeting_id,
                "reason": reason.as_str(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Ends the series (leaders): future occurrences are no longer created.
pub async fn end_series(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    series_id: SeriesId,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) =
        super::begin_locked(db, principal, slug, series_id, Action::ManageSeries).await?;
    if access.series.ended_at.is_some() {
        return Ok(());
    }
    let mut active: meeting_series::ActiveModel = access.series.clone().into();
    active.ended_at = Set(Some(now));
    active.ended_by = Set(principal.user_id);
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.team.id),
            action: audit::AuditAction::SeriesEnd,
            detail: json!({ "series_id": series_id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
