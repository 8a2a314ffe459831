//! Cancelling a meeting (leaders, with a reason everyone sees) and undoing it while the
//! meeting is still ahead. A cancelled meeting stays: its page says so, and every path that
//! would treat it as live (windows, proposals, ballots, edits, notices, the tally, the home
//! page, calendar feeds) asks [`is_cancelled`] or filters `cancelled_at IS NULL` in SQL.
//!
//! The one place that writes the state: a series occurrence's cancellation calls
//! [`cancel_in`] too, and either path keeps the occurrence row marked the same way.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::ids::{MeetingId, UserId};
use crate::domain::meeting::Reason;
use crate::i18n::Msg;
use crate::service::{FieldErrors, Result, ServiceError, audit, invalid};
use crate::store::entities::{meetings, series_occurrences};

use super::{MeetingAccess, begin_locked};

/// The field a refused form shows the cancellation under (every meeting form shows
/// `window` problems at its top; every problem under it is a closed window or a cancelled
/// meeting, which the API answers as `409 Conflict`).
pub const WINDOW_FIELD: &str = "window";

/// A form problem under this key is a conflict with the meeting's state: the form is shown
/// again with `409 Conflict` instead of 422 (no template shows the key itself).
pub const CONFLICT_FIELD: &str = "conflict";

/// The form on the meeting page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    pub reason: String,
}

/// Whether the meeting was cancelled.
pub fn is_cancelled(meeting: &meetings::Model) -> bool {
    meeting.cancelled_at.is_some()
}

/// The refusal for any change to a cancelled meeting: a form problem under `window`, so the
/// page is shown again with what the person typed, plus the conflict marker that makes the
/// answer `409 Conflict` (see `web::context::status_for`).
pub fn refused() -> ServiceError {
    let mut errors = FieldErrors::new();
    errors.add(WINDOW_FIELD, Msg::new("mt-cancelled-refused"));
    errors.add(CONFLICT_FIELD, Msg::new("mt-cancelled-refused"));
    ServiceError::Invalid(errors)
}

/// `Err(refused())` when the meeting is cancelled: the guard every write on a meeting's
/// proposals, ballots and settings calls inside its transaction.
pub fn ensure_live(meeting: &meetings::Model) -> Result<()> {
    if is_cancelled(meeting) {
        Err(refused())
    } else {
        Ok(())
    }
}

/// Why the meeting can no longer be cancelled (its tally ran, or it was held and closed), as
/// a message key; `None` while it still can.
async fn too_late(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
) -> Result<Option<&'static str>> {
    let (tallied, closed) = super::facts::settled(db, meeting_id).await?;
    Ok(too_late_reason(tallied, closed))
}

/// Why a meeting that was `tallied`, or whose live run was `closed`, can no longer be
/// cancelled (the message key), if either holds.
#[must_use]
pub fn too_late_reason(tallied: bool, closed: bool) -> Option<&'static str> {
    if tallied {
        Some("mt-cancel-tallied")
    } else if closed {
        Some("mt-cancel-closed")
    } else {
        None
    }
}

/// What the meeting page offers a leader: to cancel (while not cancelled, tallied or
/// closed), or to undo a cancellation (before the meeting starts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    Cancel,
    Undo,
    Nothing,
}

/// The offer for `access`'s caller at `now` (nothing unless they may cancel meetings), given
/// why a cancellation would be refused (`too_late`, from [`too_late_reason`]; the meeting
/// page reads both facts in its one statement, `super::facts`): no statement of its own.
#[must_use]
pub fn offer_at(
    access: &MeetingAccess,
    principal: Principal,
    now: OffsetDateTime,
    too_late: Option<&'static str>,
) -> Offer {
    if !access.may(principal, Action::CancelMeeting) {
        return Offer::Nothing;
    }
    let meeting = &access.meeting;
    if is_cancelled(meeting) {
        if now < meeting.starts_at {
            Offer::Undo
        } else {
            Offer::Nothing
        }
    } else if too_late.is_none() {
        Offer::Cancel
    } else {
        Offer::Nothing
    }
}

/// Cancels the meeting (leaders): refused with a conflict once it was tallied or closed, or
/// when it is already cancelled.
pub async fn cancel(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    form: &CancelForm,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) =
        begin_locked(db, principal, slug, meeting_id, Action::CancelMeeting).await?;
    let reason = Reason::parse(&form.reason).map_err(|e| invalid("reason", e))?;
    if is_cancelled(&access.meeting) {
        return Err(ServiceError::Conflict(Msg::new("mt-cancel-already")));
    }
    cancel_in(&txn, &access.meeting, principal.user_id, &reason, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Cancels a meeting inside the caller's transaction, which holds the meeting's lock:
/// checks that it may still be cancelled, writes the state on the meeting and on its series
/// occurrence (if any) and audits. An already cancelled meeting answers a conflict.
pub(crate) async fn cancel_in(
    txn: &impl ConnectionTrait,
    meeting: &meetings::Model,
    actor: Option<UserId>,
    reason: &Reason,
    now: OffsetDateTime,
) -> Result<()> {
    if is_cancelled(meeting) {
        return Err(ServiceError::Conflict(Msg::new("mt-cancel-already")));
    }
    if let Some(refusal) = too_late(txn, meeting.id).await? {
        return Err(ServiceError::Conflict(Msg::new(refusal)));
    }
    let mut active: meetings::ActiveModel = meeting.clone().into();
    active.cancelled_at = Set(Some(now));
    active.cancelled_by = Set(actor);
    active.cancel_reason = Set(reason.as_str().to_owned());
    active.updated_at = Set(now);
    active.update(txn).await?;
    // Keep the occurrence's own marking in step (its first cancellation's words win).
    series_occurrences::Entity::update_many()
        .col_expr(series_occurrences::Column::CancelledAt, Expr::value(now))
        .col_expr(series_occurrences::Column::CancelledBy, Expr::value(actor))
        .col_expr(
            series_occurrences::Column::CancelReason,
            Expr::value(reason.as_str()),
        )
        .filter(series_occurrences::Column::MeetingId.eq(meeting.id))
        .filter(series_occurrences::Column::CancelledAt.is_null())
        .exec(txn)
        .await?;
    audit::record(
        txn,
        audit::Entry {
            actor_id: actor,
            team_id: Some(meeting.team_id),
            action: audit::AuditAction::MeetingCancel,
            detail: json!({ "meeting_id": meeting.id, "reason": reason.as_str() }),
        },
    )
    .await?;
    Ok(())
}

/// Undoes a cancellation (leaders) while the meeting has not started; its series occurrence
/// counts again too. Windows that closed meanwhile stay closed.
pub async fn undo(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) =
        begin_locked(db, principal, slug, meeting_id, Action::CancelMeeting).await?;
    let meeting = &access.meeting;
    if !is_cancelled(meeting) {
        return Err(ServiceError::Conflict(Msg::new("mt-cancel-not-cancelled")));
    }
    if now >= meeting.starts_at {
        return Err(ServiceError::Conflict(Msg::new("mt-cancel-undo-past")));
    }
    let mut active: meetings::ActiveModel = meeting.clone().into();
    active.cancelled_at = Set(None);
    active.cancelled_by = Set(None);
    active.cancel_reason = Set(String::new());
    active.updated_at = Set(now);
    active.update(&txn).await?;
    series_occurrences::Entity::update_many()
        .col_expr(
            series_occurrences::Column::CancelledAt,
            Expr::value(Option::<OffsetDateTime>::None),
        )
        .col_expr(
            series_occurrences::Column::CancelledBy,
            Expr::value(Option::<UserId>::None),
        )
        .col_expr(series_occurrences::Column::CancelReason, Expr::value(""))
        .filter(series_occurrences::Column::MeetingId.eq(meeting.id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::MeetingUncancel,
            detail: json!({ "meeting_id": meeting.id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
