//! Meetings shared with linked teams: a leader ticks "share with linked teams" per meeting;
//! members of every team linked to the meeting's own then read its published agenda and its
//! latest published minutes, read-only. Drafts, proposals, ballots, results and everything
//! else of the other team stay out of reach (`NotFound`).

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::agreed_agenda::PublishedItem;
use crate::domain::ids::{MeetingId, TeamId};
use crate::domain::zone::Zone;
use crate::format;
use crate::i18n::Lang;
use crate::service::meetings::{self, agreed};
use crate::service::teams::{self, TeamAccess};
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
async fn with_published_minutes(
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
async fn with_published_agenda(
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
            starts: format::date_time_in(m.starts_at, access.zone, lang),
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

/// A meeting a linked team shares, as listed for the viewer's team.
#[derive(Debug, Clone, Serialize)]
pub struct SharedItem {
    pub meeting_id: MeetingId,
    /// The team that shares it.
    pub team_name: String,
    pub title: String,
    /// "3 Dec 2026, 10:00 UTC" in the viewer's zone.
    pub starts: String,
    pub has_agenda: bool,
    pub has_minutes: bool,
}

/// What the teams linked with the viewer's team share and have published, newest first (at
/// most [`LIST_CAP`]), for a viewer who already passed `ViewSharedItems` on `team_id`.
pub async fn items_for(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    zone: Zone,
    lang: Lang,
) -> Result<Vec<SharedItem>> {
    let linked = super::linked_teams(db, team_id).await?;
    if linked.is_empty() {
        return Ok(Vec::new());
    }
    let shared: Vec<MeetingId> = meeting_shares::Entity::find()
        .filter(meeting_shares::Column::TeamId.is_in(linked.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.meeting_id)
        .collect();
    let agendas = with_published_agenda(db, &shared).await?;
    let minutes = with_published_minutes(db, &shared).await?;
    let visible: Vec<MeetingId> = shared
        .into_iter()
        .filter(|id| agendas.contains(id) || minutes.contains(id))
        .collect();
    let rows = meeting_rows::Entity::find()
        .filter(meeting_rows::Column::Id.is_in(visible))
        .filter(meeting_rows::Column::TeamId.is_in(linked.iter().copied()))
        .order_by_desc(meeting_rows::Column::StartsAt)
        .order_by_desc(meeting_rows::Column::Id)
        .limit(LIST_CAP)
        .all(db)
        .await?;
    let names: HashMap<TeamId, String> = team_rows::Entity::find()
        .filter(team_rows::Column::Id.is_in(linked))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|m| SharedItem {
            meeting_id: m.id,
            team_name: names.get(&m.team_id).cloned().unwrap_or_default(),
            starts: format::date_time_in(m.starts_at, zone, lang),
            has_agenda: agendas.contains(&m.id),
            has_minutes: minutes.contains(&m.id),
            title: m.title,
        })
        .collect())
}

/// [`items_for`] the team `slug`, after checking the viewer may see shared items there.
pub async fn shared_with(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    lang: Lang,
) -> Result<(TeamAccess, Vec<SharedItem>)> {
    let access = teams::authorize(db, principal, slug, Action::ViewSharedItems).await?;
    let items = items_for(db, access.team.id, access.zone, lang).await?;
    Ok((access, items))
}

/// A shared meeting as a linked team reads it.
#[derive(Debug, Clone)]
pub struct SharedMeeting {
    /// The viewer's own team.
    pub viewer: TeamAccess,
    /// The team that shares it.
    pub from_team: String,
    pub title: String,
    pub purpose_line: String,
    /// "3 Dec 2026, 10:00 UTC" in the viewer's zone.
    pub starts: String,
    pub place: String,
    /// The published agenda's items, if published.
    pub agenda: Option<Vec<PublishedItem>>,
    /// The latest published minutes (Markdown), if any.
    pub minutes: Option<String>,
}

/// The meeting `meeting_id` shared with the viewer's team `slug`: `NotFound` unless the viewer
/// is a member there, the meeting's team is linked with it, the meeting is shared, and it has
/// a published agenda or published minutes.
pub async fn shared_meeting(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    lang: Lang,
) -> Result<SharedMeeting> {
    let viewer = teams::authorize(db, principal, slug, Action::ViewSharedItems).await?;
    let share = meeting_shares::Entity::find_by_id(meeting_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if share.team_id == viewer.team.id
        || !super::are_linked(db, viewer.team.id, share.team_id).await?
    {
        return Err(ServiceError::NotFound);
    }
    let meeting = meeting_rows::Entity::find_by_id(meeting_id)
        .one(db)
        .await?
        .filter(|m| m.team_id == share.team_id)
        .ok_or(ServiceError::NotFound)?;
    let agenda = agreed::publication(db, meeting_id).await?.map(|p| p.items);
    let minutes = meeting_minutes::Entity::find()
        .filter(meeting_minutes::Column::MeetingId.eq(meeting_id))
        .filter(meeting_minutes::Column::Published.eq(true))
        .order_by_desc(meeting_minutes::Column::Version)
        .one(db)
        .await?
        .map(|m| m.body);
    if agenda.is_none() && minutes.is_none() {
        return Err(ServiceError::NotFound);
    }
    let from_team = team_rows::Entity::find_by_id(share.team_id)
        .one(db)
        .await?
        .map(|t| t.name)
        .unwrap_or_default();
    Ok(SharedMeeting {
        starts: format::date_time_in(meeting.starts_at, viewer.zone, lang),
        viewer,
        from_team,
        title: meeting.title,
        purpose_line: meeting.purpose_line,
        place: meeting.place,
        agenda,
        minutes,
    })
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
/// (the same access row as [`set_shared`]) or the team has no accepted link.
pub async fn panel(
    db: &impl ConnectionTrait,
    access: &meetings::MeetingAccess,
    principal: Principal,
) -> Result<Option<SharePanel>> {
    if !access.may(principal, Action::ManageTeamLinks) {
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
