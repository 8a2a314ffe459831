//! Meetings shared with linked teams: a leader ticks "share with linked teams" per meeting;
//! members of every team linked to the meeting's own then read its published agenda and its
//! latest published minutes, read-only. Drafts, proposals, ballots, results and everything
//! else of the other team stay out of reach (`NotFound`).

use std::collections::HashSet;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::ids::MeetingId;
use crate::domain::zone::Zone;
use crate::format;
use crate::i18n::Lang;
use crate::service::meetings;
use crate::service::teams::TeamAccess;
use crate::service::{Result, ServiceError, audit};
use crate::store::entities::audit_log::AuditAction;
use crate::store::entities::{
    agenda_publications, meeting_minutes, meeting_shares, meetings as meeting_rows,
    teams as team_rows,
};

/// The most meetings listed at once (the leader's share list, a team's shared items).
pub const LIST_CAP: u64 = 50;

/// One of the team's meetings on the links page, with whether it is shared.
#[derive(Debug, Clone, Serialize)]
pub struct ShareLine {
    pub meeting_id: MeetingId,
    pub title: String,
    /// "3 Dec 2026, 10:00 UTC".
    pub starts: String,
    /// The same moment, unformatted (for the API).
    #[serde(skip)]
    pub starts_at: OffsetDateTime,
    /// Whether the agenda is published (what a linked team would see).
    pub agenda_published: bool,
    /// Whether some minutes are published.
    pub minutes_published: bool,
    /// Shared with linked teams.
    pub shared: bool,
}

/// Which of `ids` have published minutes.
pub(super) async fn with_published_minutes(
    db: &impl ConnectionTrait,
    ids: &[MeetingId],
) -> Result<HashSet<MeetingId>> {
    Ok(meeting_minutes::Entity::find()
        .filter(meeting_minutes::Column::MeetingId.is_in(ids.iter().copied()))
        .filter(meeting_minutes::Column::Published.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.meeting_id)
        .collect())
}

/// Which of `ids` have a published agenda.
pub(super) async fn with_published_agenda(
    db: &impl ConnectionTrait,
    ids: &[MeetingId],
) -> Result<HashSet<MeetingId>> {
    Ok(agenda_publications::Entity::find()
        .filter(agenda_publications::Column::MeetingId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.meeting_id)
        .collect())
}

/// The team's latest meetings (at most [`LIST_CAP`]) with their sharing state, for a leader
/// who already passed `ManageTeamLinks`.
pub async fn share_lines(
    db: &impl ConnectionTrait,
    access: &TeamAccess,
    lang: Lang,
) -> Result<Vec<ShareLine>> {
    let rows = meeting_rows::Entity::find()
        .filter(meeting_rows::Column::TeamId.eq(access.team.id))
        .order_by_desc(meeting_rows::Column::StartsAt)
        .order_by_desc(meeting_rows::Column::Id)
        .limit(LIST_CAP)
        .all(db)
        .await?;
    lines_of(db, rows, access.zone, lang).await
}

/// The share state of the meeting `meeting_id` of the team `slug`, for those who may share it
/// (the same access row as [`set_shared`]): what the API answers its share switch with.
pub async fn share_line(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    lang: Lang,
) -> Result<ShareLine> {
    let access =
        meetings::authorize(db, principal, slug, meeting_id, Action::ManageTeamLinks).await?;
    lines_of(db, vec![access.meeting], access.zone, lang)
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

/// `rows` (meetings of one team) with their sharing and publication state.
async fn lines_of(
    db: &impl ConnectionTrait,
    rows: Vec<meeting_rows::Model>,
    zone: Zone,
    lang: Lang,
) -> Result<Vec<ShareLine>> {
    let ids: Vec<MeetingId> = rows.iter().map(|m| m.id).collect();
    let shared: HashSet<MeetingId> = meeting_shares::Entity::find()
        .filter(meeting_shares::Column::MeetingId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.meeting_id)
        .collect();
    let agendas = with_published_agenda(db, &ids).await?;
    let minutes = with_published_minutes(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|m| ShareLine {
            meeting_id: m.id,
            starts: format::date_time_in(m.starts_at, zone, lang),
            starts_at: m.starts_at,
            agenda_published: agendas.contains(&m.id),
            minutes_published: minutes.contains(&m.id),
            shared: shared.contains(&m.id),
            title: m.title,
        })
        .collect())
}

/// Shares (or stops sharing) the meeting `meeting_id` of the team `slug` with linked teams
/// (leaders). Returns the meeting's title. Setting the state it already has changes nothing.
pub async fn set_shared(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    shared: bool,
    now: OffsetDateTime,
) -> Result<String> {
    let (txn, access) =
        meetings::begin_locked(db, principal, slug, meeting_id, Action::ManageTeamLinks).await?;
    let existing = meeting_shares::Entity::find_by_id(meeting_id)
        .one(&txn)
        .await?;
    let title = access.meeting.title.clone();
    let action = match (shared, existing) {
        (true, None) => {
            meeting_shares::ActiveModel {
                meeting_id: Set(meeting_id),
                team_id: Set(access.team.id),
                shared_by: Set(principal.user_id),
                shared_at: Set(now),
            }
            .insert(&txn)
            .await?;
            AuditAction::MeetingShare
        }
        (false, Some(_)) => {
            meeting_shares::Entity::delete_by_id(meeting_id)
                .exec(&txn)
                .await?;
            AuditAction::MeetingUnshare
        }
        _ => return Ok(title),
    };
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action,
            detail: json!({ "meeting": meeting_id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(title)
}

/// The share switch on a meeting's own page: shown to those who may share (leaders) when the
/// team has at least one accepted link.
#[derive(Debug, Clone, Serialize)]
pub struct SharePanel {
    /// Whether the meeting is shared now.
    pub shared: bool,
    /// The linked teams' names, by name: "Cohort, School B".
    pub teams: String,
}

/// The share switch of `access`'s meeting for `principal`, or `None` when they may not share
/// (the same access row as [`set_shared`]) or the team has no accepted link. `counted_links`
/// is the team's accepted links when the caller has counted them.
pub async fn panel(
    db: &impl ConnectionTrait,
    access: &meetings::MeetingAccess,
    principal: Principal,
    counted_links: Option<u64>,
) -> Result<Option<SharePanel>> {
    // Counted already (the meeting page's facts) and none: nothing to read.
    if !access.may(principal, Action::ManageTeamLinks) || counted_links == Some(0) {
        return Ok(None);
    }
    let linked = super::linked_teams(db, access.team.id).await?;
    if linked.is_empty() {
        return Ok(None);
    }
    let names: Vec<String> = team_rows::Entity::find()
        .filter(team_rows::Column::Id.is_in(linked))
        .order_by_asc(team_rows::Column::Name)
        .order_by_asc(team_rows::Column::Id)
        .limit(LIST_CAP)
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.name)
        .collect();
    let shared = meeting_shares::Entity::find_by_id(access.meeting.id)
        .one(db)
        .await?
        .is_some();
    Ok(Some(SharePanel {
        shared,
        teams: names.join(", "),
    }))
}
