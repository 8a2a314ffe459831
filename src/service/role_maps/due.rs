//! A person's milestones across all their teams: what the home page shows as due soon or
//! overdue, and what the calendar feed lists.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use time::Date;

use crate::domain::ids::{MilestoneId, RoleMapId, TeamId, UserId};
use crate::domain::role_map;
use crate::service::Result;
use crate::service::teams;
use crate::store::entities::{role_map_milestones, role_maps};

/// At most this many milestones are read per person (soonest due first), so one person with
/// thousands of milestones cannot make a request unbounded.
pub const MILESTONES_PER_PERSON: u64 = 500;

/// One milestone a person owns, with where it belongs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneDue {
    pub team_id: TeamId,
    /// The team's address segment (`/teams/{team_slug}/roles/{role_map_id}`).
    pub team_slug: String,
    pub team_name: String,
    pub role_map_id: RoleMapId,
    /// The project's name.
    pub role_map_title: String,
    /// The project's outcome, one sentence.
    pub role_map_outcome: String,
    pub milestone_id: MilestoneId,
    /// The milestone's title.
    pub title: String,
    pub due_on: Date,
    pub done: bool,
}

impl MilestoneDue {
    /// The page the milestone is on.
    pub fn href(&self) -> String {
        format!("/teams/{}/roles/{}", self.team_slug, self.role_map_id)
    }

    /// Not done and due within the next `role_map::DUE_SOON_DAYS` days, or overdue.
    pub fn needs_attention(&self, today: Date) -> bool {
        role_map::needs_attention(self.done, self.due_on, today)
    }
}

/// The milestones `user` owns that are not done yet, due by `until` (and from `from`, when
/// given), on a *published* role map of a team they are still in (drafts are not agreed yet;
/// closed maps are finished), soonest due first (at most [`MILESTONES_PER_PERSON`]). The
/// dates and states are filtered by the database before the bound, so years of finished
/// milestones cannot push today's out of the list.
pub async fn milestones_for_user(
    db: &impl ConnectionTrait,
    user: UserId,
    from: Option<Date>,
    until: Date,
) -> Result<Vec<MilestoneDue>> {
    use sea_orm::JoinType;

    let teams: HashMap<TeamId, (String, String)> = teams::teams_of(db, user)
        .await?
        .into_iter()
        .map(|(t, _)| (t.id, (t.slug, t.name)))
        .collect();
    if teams.is_empty() {
        return Ok(Vec::new());
    }
    let on_map = role_map_milestones::Entity::belongs_to(role_maps::Entity)
        .from(role_map_milestones::Column::RoleMapId)
        .to(role_maps::Column::Id)
        .into();
    let mut open = role_map_milestones::Entity::find()
        .join(JoinType::InnerJoin, on_map)
        .filter(role_map_milestones::Column::OwnerId.eq(user))
        .filter(role_map_milestones::Column::Done.eq(false))
        .filter(role_map_milestones::Column::DueOn.lte(until))
        .filter(role_maps::Column::Status.eq(role_maps::Status::Published))
        .filter(role_maps::Column::TeamId.is_in(teams.keys().copied()));
    if let Some(from) = from {
        open = open.filter(role_map_milestones::Column::DueOn.gte(from));
    }
    let milestones = open
        .order_by_asc(role_map_milestones::Column::DueOn)
        .order_by_asc(role_map_milestones::Column::Id)
        .limit(MILESTONES_PER_PERSON)
        .all(db)
        .await?;
    let map_ids: Vec<RoleMapId> = milestones.iter().map(|m| m.role_map_id).collect();
    let mut maps: HashMap<RoleMapId, role_maps::Model> = HashMap::new();
    for chunk in map_ids.chunks(500) {
        maps.extend(
            role_maps::Entity::find()
                .filter(role_maps::Column::Id.is_in(chunk.iter().copied()))
                .filter(role_maps::Column::Status.eq(role_maps::Status::Published))
                .all(db)
                .await?
                .into_iter()
                .map(|m| (m.id, m)),
        );
    }
    Ok(milestones
        .into_iter()
        .filter_map(|m| {
            let map = maps.get(&m.role_map_id)?;
            let (slug, name) = teams.get(&map.team_id)?;
            Some(MilestoneDue {
                team_id: map.team_id,
                team_slug: slug.clone(),
                team_name: name.clone(),
                role_map_id: map.id,
                role_map_title: map.title.clone(),
                role_map_outcome: map.outcome.clone(),
                milestone_id: m.id,
                title: m.title,
                due_on: m.due_on,
                done: m.done,
            })
        })
        .collect())
}

/// The milestones of [`milestones_for_user`] that are not done and due within a week or
/// overdue on `today`, overdue first.
pub async fn needing_attention(
    db: &impl ConnectionTrait,
    user: UserId,
    today: Date,
) -> Result<Vec<MilestoneDue>> {
    let soon = today + time::Duration::days(role_map::DUE_SOON_DAYS);
    let mut due: Vec<MilestoneDue> = milestones_for_user(db, user, None, soon)
        .await?
        .into_iter()
        .filter(|m| m.needs_attention(today))
        .collect();
    due.sort_by_key(|m| (m.due_on >= today, m.due_on, m.milestone_id));
    Ok(due)
}
