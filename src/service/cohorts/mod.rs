//! Cohorts across teams (issue 19): links between two teams, agreed by a leader of each side
//! (`links`), and meetings whose published agenda and minutes their leaders share, read-only,
//! with the linked teams (`shares`, and what the linked teams read: `shared`).
//!
//! What a linked team sees is decided here, after the access row: the viewer must be a member
//! of their own team ([`Action::ViewSharedItems`](crate::access::Action::ViewSharedItems)),
//! the two teams must be linked (accepted), and the meeting must be shared and have something
//! published. Anything else of the other team answers `NotFound`, like any other team's data.

pub mod links;
pub mod shared;
pub mod shares;

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Select};

use crate::domain::ids::TeamId;
use crate::service::Result;
use crate::store::entities::team_links;

/// The links of `team_id` that both sides agreed (accepted), on either side.
pub fn accepted_links(team_id: TeamId) -> Select<team_links::Entity> {
    team_links::Entity::find()
        .filter(
            Condition::any()
                .add(team_links::Column::TeamAId.eq(team_id))
                .add(team_links::Column::TeamBId.eq(team_id)),
        )
        .filter(team_links::Column::AcceptedAt.is_not_null())
}

/// The teams linked (accepted) with `team_id`.
pub async fn linked_teams(db: &impl ConnectionTrait, team_id: TeamId) -> Result<Vec<TeamId>> {
    Ok(accepted_links(team_id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.other(team_id))
        .collect())
}

/// Whether `a` and `b` are linked (accepted).
pub async fn are_linked(db: &impl ConnectionTrait, a: TeamId, b: TeamId) -> Result<bool> {
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    Ok(team_links::Entity::find()
        .filter(team_links::Column::TeamAId.eq(low))
        .filter(team_links::Column::TeamBId.eq(high))
        .filter(team_links::Column::AcceptedAt.is_not_null())
        .one(db)
        .await?
        .is_some())
}
