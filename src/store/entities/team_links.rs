//! `team_links`: two teams linked by their leaders' consent (a cohort and each school's team),
//! stored once per pair, lower team id first; `accepted_at` is `None` while the other side has
//! not accepted.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{TeamId, TeamLinkId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "team_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: TeamLinkId,
    /// The team with the lower id.
    pub team_a_id: TeamId,
    /// The team with the higher id.
    pub team_b_id: TeamId,
    /// The side whose leader proposed the link.
    pub proposer_team_id: TeamId,
    /// That leader.
    pub proposed_by: Option<UserId>,
    pub proposed_at: TimeDateTimeWithTimeZone,
    /// The other side's leader who accepted.
    pub accepted_by: Option<UserId>,
    /// `None` while proposed only.
    pub accepted_at: Option<TimeDateTimeWithTimeZone>,
}

impl Model {
    /// The team on the other side from `team_id`.
    pub fn other(&self, team_id: TeamId) -> TeamId {
        if self.team_a_id == team_id {
            self.team_b_id
        } else {
            self.team_a_id
        }
    }
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
