//! Role maps (issue 19): one page per project (outcome, owner, milestones), drafted together
//! by the team, published by its owner or a leader, then closed. Changes after publication
//! are kept as versions (`role_map_versions`) whose history the page shows.
//!
//! Every use case authorizes through `crate::access` first; the finer rules (who edits in each
//! status, who publishes) are `domain::role_map`'s, the same functions the page asks.

pub mod due;
pub mod edit;
pub mod forms;
pub mod history;
pub mod page;

pub use due::{MilestoneDue, milestones_for_user, needing_attention};
pub use edit::{
    add_milestone, close, create, publish, remove_milestone, set_done, update_map, update_milestone,
};
pub use forms::{DoneForm, MapForm, MilestoneForm};
pub use history::VersionLine;
pub use page::{MapDetail, MapList, MapRow, MilestoneLine, detail, list};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::access::{Action, Principal, TeamRole};
use crate::domain::ids::{RoleMapId, TeamId, UserId};
use crate::domain::role_map::{MapState, MilestoneState, Status};
use crate::service::teams::{self, TeamAccess};
use crate::service::{Result, ServiceError};
use crate::store::entities::{role_map_milestones, role_maps};

impl From<role_maps::Status> for Status {
    fn from(stored: role_maps::Status) -> Self {
        match stored {
            role_maps::Status::Draft => Self::Draft,
            role_maps::Status::Published => Self::Published,
            role_maps::Status::Closed => Self::Closed,
        }
    }
}

impl From<Status> for role_maps::Status {
    fn from(status: Status) -> Self {
        match status {
            Status::Draft => Self::Draft,
            Status::Published => Self::Published,
            Status::Closed => Self::Closed,
        }
    }
}

/// The caller's standing in a team's role maps.
#[derive(Debug, Clone)]
pub struct MapAccess {
    /// The team and the caller's role.
    pub team: TeamAccess,
    /// The caller.
    pub user_id: UserId,
}

impl MapAccess {
    /// Whether the caller leads the team.
    pub fn is_leader(&self) -> bool {
        self.team.role == Some(TeamRole::Leader)
    }
}

/// Loads the team if `principal` may do `action` on its role maps.
pub async fn authorize(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    action: Action,
) -> Result<MapAccess> {
    let team = teams::authorize(db, principal, slug, action).await?;
    let user_id = principal.user_id.ok_or(ServiceError::Unauthenticated)?;
    Ok(MapAccess { team, user_id })
}

/// One role map of the team, or `NotFound` (another team's map never shows).
pub async fn find_in_team(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    id: RoleMapId,
) -> Result<role_maps::Model> {
    crate::service::find_in_team::<role_maps::Entity>(db, team_id, id).await
}

/// A map's milestones, soonest due first (then by id).
pub async fn milestones_of(
    db: &impl ConnectionTrait,
    id: RoleMapId,
) -> Result<Vec<role_map_milestones::Model>> {
    Ok(role_map_milestones::Entity::find()
        .filter(role_map_milestones::Column::RoleMapId.eq(id))
        .order_by_asc(role_map_milestones::Column::DueOn)
        .order_by_asc(role_map_milestones::Column::Id)
        .all(db)
        .await?)
}

/// What a version compares: the map's fields and its milestones.
pub fn state_of(map: &role_maps::Model, milestones: &[role_map_milestones::Model]) -> MapState {
    MapState {
        title: map.title.clone(),
        outcome: map.outcome.clone(),
        owner: map.owner_id,
        milestones: milestones
            .iter()
            .map(|m| MilestoneState {
                id: m.id.0,
                title: m.title.clone(),
                owner: m.owner_id,
                due_on: m.due_on,
                done: m.done,
            })
            .collect(),
    }
}
