//! The meeting as it runs (issue 15): the facilitator (or a leader standing in) starts and ends
//! the published agenda's items by the server's clock, takes attendance in one step, names the
//! note-taker (suggested in rotation) and closes the meeting, which drafts the minutes.
//!
//! Every command authorizes through `crate::access` ([`Action::RunMeeting`]), then asks
//! `domain::meeting_run::may_run`, inside the meeting's lock. What the page shows is [`view`].

use crate::domain::ids::{MeetingId, UserId};
use crate::i18n::Msg;
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal, TeamRole};
use crate::domain::agreed_agenda::PublishedItem;
use crate::domain::meeting_run::{ItemClock, may_edit_minutes, may_run};
use crate::service::{Result, ServiceError, audit};
use crate::store::entities::{meeting_attendance, meeting_item_timings, meeting_runs};

use super::agreed::publication;
use super::{MeetingAccess, authorize, begin_locked};

/// Everything the live page and the minutes read about a meeting's run.
#[derive(Debug, Clone)]
pub struct RunState {
    /// The meeting and the caller's role.
    pub access: MeetingAccess,
    /// The published agenda's items (empty before publication).
    pub items: Vec<PublishedItem>,
    /// Whether an agenda was published.
    pub published: bool,
    /// Each item's clock, by position.
    pub clocks: Vec<ItemClock>,
    /// The run row (note-taker, closed), if any.
    pub run: Option<meeting_runs::Model>,
    /// Attendance by member.
    pub attendance: HashMap<UserId, meeting_attendance::Attendance>,
}

impl RunState {
    /// Whether the caller leads the team.
    pub fn leads(&self) -> bool {
        self.access.role == Some(TeamRole::Leader)
    }
    /// The note-taker, if named.
    pub fn note_taker(&self) -> Option<UserId> {
        self.run.as_ref().and_then(|r| r.note_taker_id)
    }
    /// When the facilitator closed the meeting.
    pub fn closed_at(&self) -> Option<OffsetDateTime> {
        self.run.as_ref().and_then(|r| r.closed_at)
    }
    /// Whether `user` may drive the meeting.
    pub fn may_run(&self, user: UserId) -> bool {
        may_run(self.access.meeting.facilitator_id, user, self.leads())
    }
    /// Whether `user` may record decisions and actions: who runs it, and the note-taker.
    pub fn may_record(&self, user: UserId) -> bool {
        self.may_run(user) || self.note_taker() == Some(user)
    }
    /// Whether `user` may edit and publish the minutes.
    pub fn may_edit_minutes(&self, user: UserId) -> bool {
        may_edit_minutes(self.note_taker(), user, self.leads())
    }
    /// How many were recorded present, and how many sent apologies.
    pub fn attendance_totals(&self) -> (usize, usize) {
        let present = self
            .attendance
            .values()
            .filter(|a| **a == meeting_attendance::Attendance::Present)
            .count();
        (present, self.attendance.len() - present)
    }
    /// A member's attendance as forms and pages write it: `present`, `apologies` or empty.
    pub fn attendance_of(&self, user: UserId) -> &'static str {
        match self.attendance.get(&user) {
            Some(meeting_attendance::Attendance::Present) => "present",
            Some(meeting_attendance::Attendance::Apologies) => "apologies",
            None => "",
        }
    }
    /// The clock of the item at `position` (`NotFound` past the agenda's end).
    pub fn clock(&self, position: i32) -> Result<&ItemClock> {
        usize::try_from(position)
            .ok()
            .and_then(|p| self.clocks.get(p))
            .ok_or(ServiceError::NotFound)
    }
    /// The item running now, if any.
    pub fn running(&self) -> Option<usize> {
        self.clocks
            .iter()
            .position(|c| c.started.is_some() && c.ended.is_none())
    }
}

/// Loads the run of a meeting the caller may see (`action` decides the access row).
pub async fn state(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    action: Action,
) -> Result<RunState> {
    let access = authorize(db, principal, slug, meeting_id, action).await?;
    load(db, access).await
}

/// Loads the run of a meeting already authorized.
pub async fn load(db: &impl ConnectionTrait, access: MeetingAccess) -> Result<RunState> {
    let id = access.meeting.id;
    let publication = publication(db, id).await?;
    let published = publication.is_some();
    let items = publication.map(|p| p.items).unwrap_or_default();
    let timings: HashMap<i32, meeting_item_timings::Model> = meeting_item_timings::Entity::find()
        .filter(meeting_item_timings::Column::MeetingId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.position, t))
        .collect();
    let clocks = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let t = i32::try_from(i).ok().and_then(|p| timings.get(&p));
            ItemClock {
                planned: item.minutes,
                started: t.map(|t| t.started_at),
                ended: t.and_then(|t| t.ended_at),
            }
        })
        .collect();
    let run = meeting_runs::Entity::find_by_id(id).one(db).await?;
    let attendance = meeting_attendance::Entity::find()
        .filter(meeting_attendance::Column::MeetingId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.user_id, a.status))
        .collect();
    Ok(RunState {
        access,
        items,
        published,
        clocks,
        run,
        attendance,
    })
}

fn not_published() -> ServiceError {
    ServiceError::Conflict(Msg::new("conflict-agenda-not-published-yet"))
}

/// Opens the meeting's lock as someone who may drive it, with the agenda published and the
/// meeting still open.
pub(super) async fn begin_running(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
) -> Result<(DatabaseTransaction, RunState, UserId)> {
    begin_as(db, principal, slug, meeting_id, RunState::may_run).await
}

/// The meeting's lock for someone `allowed` to act, with the agenda published and the meeting
/// still open.
async fn begin_as(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    allowed: fn(&RunState, UserId) -> bool,
) -> Result<(DatabaseTransaction, RunState, UserId)> {
    let (txn, access) = begin_locked(db, principal, slug, meeting_id, Action::RunMeeting).await?;
    let user = principal.user_id.ok_or(ServiceError::Unauthenticated)?;
    let state = load(&txn, access).await?;
    if !allowed(&state, user) {
        return Err(ServiceError::Forbidden);
    }
    if !state.published {
        return Err(not_published());
    }
    if state.closed_at().is_some() {
        return Err(ServiceError::Conflict(Msg::new("conflict-meeting-closed")));
    }
    Ok((txn, state, user))
}

/// Like [`begin_running`], for those who may record decisions and actions (also the
/// note-taker); checks that the item at `position` has been started.
pub async fn begin_recording(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    position: i32,
) -> Result<(DatabaseTransaction, RunState, UserId)> {
    let (txn, state, user) =
        begin_as(db, principal, slug, meeting_id, RunState::may_record).await?;
    let clock = state.clock(position)?;
    if clock.started.is_none() {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-start-item-before-recording",
        )));
    }
    Ok((txn, state, user))
}

async fn end_running(
    txn: &DatabaseTransaction,
    state: &RunState,
    now: OffsetDateTime,
) -> Result<()> {
    if let Some(running) = state.running() {
        let position = i32::try_from(running).unwrap_or(i32::MAX);
        meeting_item_timings::Entity::update_many()
            .col_expr(
                meeting_item_timings::Column::EndedAt,
                sea_orm::sea_query::Expr::value(Some(now)),
            )
            .filter(meeting_item_timings::Column::MeetingId.eq(state.access.meeting.id))
            .filter(meeting_item_timings::Column::Position.eq(position))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Starts the item at `position` now (ending the item that runs, if any).
pub async fn start_item(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    position: i32,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, state, _) = begin_running(db, principal, slug, meeting_id).await?;
    let clock = state.clock(position)?;
    if clock.started.is_some() {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-item-already-taken",
        )));
    }
    end_running(&txn, &state, now).await?;
    meeting_item_timings::ActiveModel {
        meeting_id: Set(meeting_id),
        position: Set(position),
        started_at: Set(now),
        ended_at: Set(None),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Ends the item at `position` now.
pub async fn end_item(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    position: i32,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, state, _) = begin_running(db, principal, slug, meeting_id).await?;
    if state.running() != usize::try_from(position).ok() {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-item-not-running",
        )));
    }
    end_running(&txn, &state, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Writes an audit entry of the run, in its transaction.
pub(super) async fn audit_run(
    txn: &DatabaseTransaction,
    state: &RunState,
    user: UserId,
    action: audit::AuditAction,
    detail: serde_json::Value,
) -> Result<()> {
    audit::record(
        txn,
        audit::Entry {
            actor_id: Some(user),
            team_id: Some(state.access.team.id),
            action,
            detail,
        },
    )
    .await?;
    Ok(())
}

/// Inserts or updates the run row with `change` applied.
pub(super) async fn save_run(
    txn: &DatabaseTransaction,
    state: &RunState,
    change: impl FnOnce(&mut meeting_runs::ActiveModel),
) -> Result<()> {
    let mut row = match &state.run {
        Some(run) => run.clone().into(),
        None => meeting_runs::ActiveModel {
            meeting_id: Set(state.access.meeting.id),
            note_taker_id: Set(None),
            closed_at: Set(None),
            closed_by: Set(None),
        },
    };
    change(&mut row);
    if state.run.is_some() {
        row.update(txn).await?;
    } else {
        row.insert(txn).await?;
    }
    Ok(())
}

/// Closes the meeting: ends the running item and drafts the minutes from the record, in
/// `lang` (the language of the person closing it).
pub async fn close(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    now: OffsetDateTime,
    lang: crate::i18n::Lang,
) -> Result<()> {
    let (txn, state, user) = begin_running(db, principal, slug, meeting_id).await?;
    end_running(&txn, &state, now).await?;
    save_run(&txn, &state, |row| {
        row.closed_at = Set(Some(now));
        row.closed_by = Set(Some(user));
    })
    .await?;
    let closed = load(&txn, state.access.clone()).await?;
    super::minutes::draft_at_close(&txn, &closed, now, lang).await?;
    audit_run(
        &txn,
        &state,
        user,
        audit::AuditAction::MeetingClose,
        json!({ "meeting_id": meeting_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
