//! Recurring meetings with rotating roles (issue 19): a series creates its next occurrences
//! ahead of time as normal meetings (`topup.rs`), assigns their roles in rotation
//! (`rota.rs`, around the pure `domain::rota`), records swaps, and knows who is away
//! (`away.rs`). The series form and its creation are `form.rs`; cancelling one occurrence and
//! ending the series `change.rs`; editing a series and applying it to the occurrences not
//! changed alone `edit.rs`; the pages' data `pages.rs`.
//!
//! Every use case authorizes through `crate::access` first; another team's series answers
//! `NotFound`. Every write takes the series' row lock first (`store::lock::row`).

pub mod away;
pub mod change;
pub mod edit;
pub mod form;
pub mod listing;
pub mod pages;
pub mod rota;
pub mod topup;

use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};

use crate::access::{Action, Principal};
use crate::domain::ids::SeriesId;
use crate::domain::rota::Role;
use crate::domain::series::{Cadence, Offsets, Schedule};
use crate::domain::zone::Zone;
use crate::service::teams::{self, TeamAccess};
use crate::service::{Result, ServiceError, find_in_team};
use crate::store::entities::{meeting_series, series_swaps};

pub use away::{AwayForm, mark_away, mark_away_returning, remove_away};
pub use change::{CancelForm, cancel_occurrence, end_series};
pub use edit::{EditForm, Edited, edit, edit_form};
pub use form::{SeriesForm, create, new_form};
pub use listing::{
    AwayEntry, SeriesSummary, away_after, away_entry, series_after, summary, summary_of,
};
pub use pages::{SeriesList, SeriesPage, list, page};
pub use rota::{SwapForm, swap};
pub use topup::{top_up, top_up_due};

impl From<meeting_series::Cadence> for Cadence {
    fn from(stored: meeting_series::Cadence) -> Self {
        match stored {
            meeting_series::Cadence::Weekly => Self::Weekly,
            meeting_series::Cadence::Fortnightly => Self::Fortnightly,
        }
    }
}

impl From<Cadence> for meeting_series::Cadence {
    fn from(cadence: Cadence) -> Self {
        match cadence {
            Cadence::Weekly => Self::Weekly,
            Cadence::Fortnightly => Self::Fortnightly,
        }
    }
}

impl From<series_swaps::RotaRole> for Role {
    fn from(stored: series_swaps::RotaRole) -> Self {
        match stored {
            series_swaps::RotaRole::Facilitator => Self::Facilitator,
            series_swaps::RotaRole::NoteTaker => Self::NoteTaker,
            series_swaps::RotaRole::Timekeeper => Self::Timekeeper,
        }
    }
}

impl From<Role> for series_swaps::RotaRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Facilitator => Self::Facilitator,
            Role::NoteTaker => Self::NoteTaker,
            Role::Timekeeper => Self::Timekeeper,
        }
    }
}

/// The series' schedule as the domain reads it.
pub fn schedule(series: &meeting_series::Model) -> Schedule {
    Schedule {
        cadence: series.cadence.into(),
        first_on: series.first_on,
        start_minute: u16::try_from(series.start_minute).unwrap_or(0),
    }
}

/// The series' windows relative to each start.
pub fn offsets(series: &meeting_series::Model) -> Offsets {
    let hours = |n: i32| u16::try_from(n).unwrap_or(0);
    Offsets {
        proposals_open_days: hours(series.proposals_open_days),
        voting_open_hours: hours(series.voting_open_hours),
        voting_close_hours: hours(series.voting_close_hours),
    }
}

/// The team's own zone (occurrences are scheduled in it, whatever the reader's zone).
pub fn team_zone(team: &crate::store::entities::teams::Model) -> Zone {
    Zone::stored(&team.time_zone)
}

/// A series the caller may act on.
#[derive(Debug, Clone)]
pub struct SeriesAccess {
    /// The team, the caller's role and the zone they read times in.
    pub team: TeamAccess,
    pub series: meeting_series::Model,
}

/// Loads series `id` of team `slug` if `principal` may do `action`; another team's series
/// answers `NotFound`.
pub async fn authorize(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: SeriesId,
    action: Action,
) -> Result<SeriesAccess> {
    let team = teams::authorize(db, principal, slug, action).await?;
    let series = find_in_team::<meeting_series::Entity>(db, team.team.id, id).await?;
    Ok(SeriesAccess { team, series })
}

/// Authorizes on the pool, then opens a transaction that takes the series' lock first and
/// reads the series again inside it.
pub async fn begin_locked(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: SeriesId,
    action: Action,
) -> Result<(DatabaseTransaction, SeriesAccess)> {
    authorize(db, principal, slug, id, action).await?;
    let txn = db.begin().await?;
    crate::store::lock::row::<meeting_series::Entity>(&txn, id).await?;
    let access = authorize(&txn, principal, slug, id, action).await?;
    Ok((txn, access))
}

/// The signed-in caller's id.
fn caller(principal: Principal) -> Result<crate::domain::ids::UserId> {
    principal.user_id.ok_or(ServiceError::Unauthenticated)
}
