//! The team's meetings a page at a time, by keyset (for `/api/v1`): the same order as the
//! meetings page (latest start first, then highest id), resumed after the last row a client
//! saw, so a walk returns every meeting once even while meetings are added, and each page
//! costs one bounded query whatever the number of meetings.

use std::collections::HashSet;

use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::ids::MeetingId;
use crate::domain::meeting::Phase;
use crate::service::Result;
use crate::service::teams::{self, TeamAccess};
use crate::store::entities::{agenda_publications, meetings};

use super::{budget, windows};

/// Where a page starts: just after this meeting in the list's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct After {
    /// The last meeting's start.
    pub starts_at: OffsetDateTime,
    /// The last meeting's id (the tie-breaker).
    pub id: MeetingId,
}

/// A stored meeting, as the listing returns it.
pub use crate::store::entities::meetings::Model as MeetingRow;

/// One page of meetings with each one's phase at `now`.
#[derive(Debug, Clone)]
pub struct MeetingPage {
    /// The team and the caller's role in it.
    pub access: TeamAccess,
    /// The meetings, in order.
    pub meetings: Vec<(meetings::Model, Phase)>,
    /// Where the next page starts; `None` when this was the last.
    pub next: Option<After>,
}

/// Up to `limit` meetings of team `slug` after `after`, if `principal` may see its meetings.
pub async fn page(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    after: Option<After>,
    limit: u64,
    now: OffsetDateTime,
) -> Result<MeetingPage> {
    let access = teams::authorize(db, principal, slug, Action::ViewMeetings).await?;
    let mut query = meetings::Entity::find().filter(meetings::Column::TeamId.eq(access.team.id));
    if let Some(after) = after {
        query = query.filter(
            meetings::Column::StartsAt
                .lt(after.starts_at)
                .or(meetings::Column::StartsAt
                    .eq(after.starts_at)
                    .and(meetings::Column::Id.lt(after.id))),
        );
    }
    let mut rows = query
        .order_by_desc(meetings::Column::StartsAt)
        .order_by_desc(meetings::Column::Id)
        .limit(limit.saturating_add(1))
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next = more.then(|| rows.last()).flatten().map(|m| After {
        starts_at: m.starts_at,
        id: m.id,
    });
    // One query for the page's publications, not one per meeting.
    let published: HashSet<MeetingId> = agenda_publications::Entity::find()
        .filter(agenda_publications::Column::MeetingId.is_in(rows.iter().map(|m| m.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.meeting_id)
        .collect();
    let meetings = rows
        .into_iter()
        .map(|m| {
            let phase = Phase::at(&windows(&m), budget(&m), published.contains(&m.id), now);
            (m, phase)
        })
        .collect();
    Ok(MeetingPage {
        access,
        meetings,
        next,
    })
}
