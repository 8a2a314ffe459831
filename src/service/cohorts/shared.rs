//! What linked teams read of each other: the meetings a team's links share and have
//! published (a list, paged by start), and one shared meeting's agenda and minutes. What a
//! team shares, and the switch, are in [`super::shares`].

use std::collections::HashMap;

use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};
use serde::Serialize;
use time::OffsetDateTime;

use super::shares::{LIST_CAP, with_published_agenda, with_published_minutes};
use crate::access::{Action, Principal};
use crate::domain::agreed_agenda::PublishedItem;
use crate::domain::ids::{MeetingId, TeamId};
use crate::domain::zone::Zone;
use crate::format;
use crate::i18n::Lang;
use crate::service::meetings::agreed;
use crate::service::meetings::listing::After;
use crate::service::teams::{self, TeamAccess};
use crate::service::{Result, ServiceError};
use crate::store::entities::{
    agenda_publications, meeting_minutes, meeting_shares, meetings as meeting_rows,
    teams as team_rows,
};

/// A meeting a linked team shares, as listed for the viewer's team.
#[derive(Debug, Clone, Serialize)]
pub struct SharedItem {
    pub meeting_id: MeetingId,
    /// The team that shares it.
    pub team_name: String,
    pub title: String,
    /// "3 Dec 2026, 10:00 UTC" in the viewer's zone.
    pub starts: String,
    /// The same moment, unformatted (for the API and its cursor).
    #[serde(skip)]
    pub starts_at: OffsetDateTime,
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
    Ok(items_page(db, team_id, None, LIST_CAP, zone, lang).await?.0)
}

/// Up to `limit` of what the teams linked with `team_id` share and have published, after
/// `after` in the list's order (latest start first, then highest id), and whether more follow:
/// one bounded query per page however much is shared. For a viewer who already passed
/// `ViewSharedItems` on `team_id`.
pub async fn items_page(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    after: Option<After>,
    limit: u64,
    zone: Zone,
    lang: Lang,
) -> Result<(Vec<SharedItem>, bool)> {
    let linked = super::linked_teams(db, team_id).await?;
    if linked.is_empty() {
        return Ok((Vec::new(), false));
    }
    let shared = meeting_shares::Entity::find()
        .select_only()
        .column(meeting_shares::Column::MeetingId)
        .filter(meeting_shares::Column::TeamId.is_in(linked.iter().copied()))
        .into_query();
    let with_agenda = agenda_publications::Entity::find()
        .select_only()
        .column(agenda_publications::Column::MeetingId)
        .into_query();
    let with_minutes = meeting_minutes::Entity::find()
        .select_only()
        .column(meeting_minutes::Column::MeetingId)
        .filter(meeting_minutes::Column::Published.eq(true))
        .into_query();
    let mut query = meeting_rows::Entity::find()
        .filter(meeting_rows::Column::TeamId.is_in(linked))
        .filter(meeting_rows::Column::Id.in_subquery(shared))
        .filter(
            Condition::any()
                .add(meeting_rows::Column::Id.in_subquery(with_agenda))
                .add(meeting_rows::Column::Id.in_subquery(with_minutes)),
        );
    if let Some(after) = after {
        query = query.filter(
            meeting_rows::Column::StartsAt
                .lt(after.starts_at)
                .or(meeting_rows::Column::StartsAt
                    .eq(after.starts_at)
                    .and(meeting_rows::Column::Id.lt(after.id))),
        );
    }
    let mut rows = query
        .order_by_desc(meeting_rows::Column::StartsAt)
        .order_by_desc(meeting_rows::Column::Id)
        .limit(limit.saturating_add(1))
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let ids: Vec<MeetingId> = rows.iter().map(|m| m.id).collect();
    let agendas = with_published_agenda(db, &ids).await?;
    let minutes = with_published_minutes(db, &ids).await?;
    let names: HashMap<TeamId, String> = team_rows::Entity::find()
        .filter(team_rows::Column::Id.is_in(rows.iter().map(|m| m.team_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let items = rows
        .into_iter()
        .map(|m| SharedItem {
            meeting_id: m.id,
            team_name: names.get(&m.team_id).cloned().unwrap_or_default(),
            starts: format::date_time_in(m.starts_at, zone, lang),
            starts_at: m.starts_at,
            has_agenda: agendas.contains(&m.id),
            has_minutes: minutes.contains(&m.id),
            title: m.title,
        })
        .collect();
    Ok((items, more))
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

/// [`items_page`] for the team `slug`, after checking the viewer may see shared items there.
pub async fn shared_page(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    after: Option<After>,
    limit: u64,
    lang: Lang,
) -> Result<(TeamAccess, Vec<SharedItem>, bool)> {
    let access = teams::authorize(db, principal, slug, Action::ViewSharedItems).await?;
    let (items, more) = items_page(db, access.team.id, after, limit, access.zone, lang).await?;
    Ok((access, items, more))
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
    /// The same moment, unformatted (for the API).
    pub starts_at: OffsetDateTime,
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
        starts_at: meeting.starts_at,
        viewer,
        from_team,
        title: meeting.title,
        purpose_line: meeting.purpose_line,
        place: meeting.place,
        agenda,
        minutes,
    })
}
