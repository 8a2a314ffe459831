//! Rosters read once per change: a team's members as [`roster`] lists them, kept under the
//! team's `roster_version` (which the database raises with every join, departure, change of
//! role or of a member's name). A page that lists every member (a person field, the live
//! meeting's attendance) reads 2,000 rows once per change instead of once per request; a
//! stale roster is never served, because a changed team has a new version, and several app
//! servers sharing the database each keep their own.

use std::sync::Arc;

use sea_orm::ConnectionTrait;

use crate::domain::ids::TeamId;
use crate::recent::Recent;
use crate::service::Result;

use super::{Member, roster};

/// Teams whose rosters a server keeps (the most recently used).
pub const ROSTERS_KEPT: usize = 64;

/// Recently read rosters, by team and roster version.
pub struct Rosters {
    recent: Recent<(TeamId, i64), Vec<Member>>,
}

impl Default for Rosters {
    fn default() -> Self {
        Self::new(ROSTERS_KEPT)
    }
}

impl Rosters {
    /// Keeps at most `capacity` teams' rosters.
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Self {
            recent: Recent::new(capacity),
        }
    }

    /// The roster of `team` at `version` (the team's `roster_version`, as read with the team
    /// for this request): kept from an earlier read at the same version, else read now.
    pub async fn of(
        &self,
        db: &impl ConnectionTrait,
        team: TeamId,
        version: i64,
    ) -> Result<Arc<Vec<Member>>> {
        self.recent
            .get_or_read((team, version), roster(db, team))
            .await
    }
}
