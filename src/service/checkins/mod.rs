//! Weekly check-ins (issue 19): each member's short note of the week in a team (what moved,
//! what's blocking, what's next, one visible improvement), one per ISO week on the team's own
//! clock, editable during that week only.
//!
//! `save` writes the week's check-in (an upsert on `UNIQUE(team_id, user_id, week)`), `link`
//! marks the action a blocker names as blocked (and gives its status back when the link goes),
//! `week` builds the team's view of one week (bounded pages), `scan` the check-ins' part of
//! the three-minute scan and `home` the "check in for this week" prompt.
//!
//! Every use case authorizes through `crate::access` first.

pub mod home;
pub mod link;
pub mod save;
pub mod scan;
pub mod week;

use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

use crate::access::{Action, Principal, TeamRole};
use crate::domain::checkin::IsoWeek;
use crate::domain::ids::UserId;
use crate::domain::zone::Zone;
use crate::service::teams::{self, TeamAccess};
use crate::service::{Result, ServiceError};

/// A stored check-in, as the pages and the API read it.
pub use crate::store::entities::checkins::Model as CheckinRow;
pub use save::{CheckinForm, save};
pub use week::{WeekQuery, WeekView, week_view};

/// Entries and missing names shown per page.
pub const PER_PAGE: u64 = 50;

/// The caller's standing toward a team's check-ins.
#[derive(Debug, Clone)]
pub struct CheckinAccess {
    /// The team, the caller's role and the zone they read times in.
    pub team: TeamAccess,
    /// The caller.
    pub user_id: UserId,
    /// The team's own zone: weeks begin on its Monday, whoever reads.
    pub team_zone: Zone,
    /// The week it is now on the team's clock.
    pub current: IsoWeek,
}

impl CheckinAccess {
    /// Whether the caller leads the team (and so sees who has not checked in).
    pub fn is_leader(&self) -> bool {
        self.team.role == Some(TeamRole::Leader)
    }
}

/// Loads the team if `principal` may do `action` with its check-ins.
pub async fn authorize(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    action: Action,
    now: OffsetDateTime,
) -> Result<CheckinAccess> {
    let team = teams::authorize(db, principal, slug, action).await?;
    let user_id = principal.user_id.ok_or(ServiceError::Unauthenticated)?;
    let team_zone = Zone::stored(&team.team.time_zone);
    Ok(CheckinAccess {
        current: IsoWeek::at(now, team_zone),
        team,
        user_id,
        team_zone,
    })
}
