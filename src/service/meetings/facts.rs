//! What the meeting page reads about a meeting beside its row, in one statement: whether the
//! agreed agenda is published (its phase), whether it was tallied or its live run closed (what
//! a leader may still cancel), its counts and turnout, the visitor's own vote and the
//! facilitator's name. On PostgreSQL every statement is a round trip costing about as much
//! server and database time as the work it asks for, and the meeting page is the one every
//! member opens; these were six statements (`docs/benchmarks.md`, "Pages").

use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use time::OffsetDateTime;

use crate::domain::ids::UserId;
use crate::domain::meeting::Phase;
use crate::service::{Result, ServiceError};
use crate::store::entities::{
    agenda_participation, agenda_publications, agenda_tallies, meeting_runs, users,
};

use super::MeetingAccess;
use super::turnout::{Counts, count_columns, counted};

/// The visitor's own vote in the meeting (from participation, never the ballot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Voted {
    /// When they first voted.
    pub first_voted_at: OffsetDateTime,
    /// When they last changed their ballot.
    pub last_voted_at: OffsetDateTime,
    /// How many times they changed it.
    pub changes: i32,
}

/// The meeting's state beside its row, as [`facts`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The agreed agenda is published.
    pub published: bool,
    /// The tally has run.
    pub tallied: bool,
    /// The live meeting was closed.
    pub closed: bool,
    /// Proposals, ballots and turnout.
    pub counts: Counts,
    /// The visitor's vote, if they have voted.
    pub voted: Option<Voted>,
    /// The facilitator's name; `None` when none is chosen or their account is gone.
    pub facilitator: Option<String>,
}

impl Facts {
    /// The meeting's phase at `now` (see [`super::phase`]).
    #[must_use]
    pub fn phase(&self, access: &MeetingAccess, now: OffsetDateTime) -> Phase {
        super::phase_at(&access.meeting, self.published, now)
    }

    /// Why a cancellation is refused now (tallied, or the live run closed), if it is.
    #[must_use]
    pub fn too_late(&self) -> Option<&'static str> {
        super::cancel::too_late_reason(self.tallied, self.closed)
    }
}

/// Reads the [`Facts`] of `access`'s meeting for `visitor` in one statement of scalar
/// subqueries, each a lookup or count by key.
pub async fn facts(
    db: &impl ConnectionTrait,
    access: &MeetingAccess,
    visitor: Option<UserId>,
) -> Result<Facts> {
    let id = access.meeting.id;
    let mut select = Query::select();
    count_columns(&mut select, access);
    select
        .expr_as(
            counted(
                agenda_publications::Entity::find()
                    .filter(agenda_publications::Column::MeetingId.eq(id)),
            ),
            "published",
        )
        .expr_as(
            counted(
                agenda_tallies::Entity::find().filter(agenda_tallies::Column::MeetingId.eq(id)),
            ),
            "tallied",
        )
        .expr_as(
            counted(
                meeting_runs::Entity::find()
                    .filter(meeting_runs::Column::MeetingId.eq(id))
                    .filter(meeting_runs::Column::ClosedAt.is_not_null()),
            ),
            "closed",
        );
    if let Some(user) = visitor {
        let mine = |column: agenda_participation::Column| -> SelectStatement {
            agenda_participation::Entity::find()
                .select_only()
                .column(column)
                .filter(agenda_participation::Column::MeetingId.eq(id))
                .filter(agenda_participation::Column::UserId.eq(user))
                .into_query()
        };
        select
            .expr_as(
                mine(agenda_participation::Column::FirstVotedAt),
                "first_voted_at",
            )
            .expr_as(
                mine(agenda_participation::Column::LastVotedAt),
                "last_voted_at",
            )
            .expr_as(mine(agenda_participation::Column::Changes), "changes");
    }
    if let Some(facilitator) = access.meeting.facilitator_id {
        select.expr_as(
            users::Entity::find()
                .select_only()
                .column(users::Column::DisplayName)
                .filter(users::Column::Id.eq(facilitator))
                .into_query(),
            "facilitator",
        );
    }
    let row = db
        .query_one(&select)
        .await?
        .ok_or_else(|| ServiceError::Unexpected(anyhow::anyhow!("facts returned no row")))?;
    let count = |column: &str| -> Result<u64> {
        Ok(u64::try_from(row.try_get::<i64>("", column)?).unwrap_or(0))
    };
    let voted = if visitor.is_some() {
        let first = row.try_get::<Option<OffsetDateTime>>("", "first_voted_at")?;
        let last = row.try_get::<Option<OffsetDateTime>>("", "last_voted_at")?;
        let changes = row.try_get::<Option<i32>>("", "changes")?;
        match (first, last, changes) {
            (Some(first_voted_at), Some(last_voted_at), Some(changes)) => Some(Voted {
                first_voted_at,
                last_voted_at,
                changes,
            }),
            _ => None,
        }
    } else {
        None
    };
    let facilitator = if access.meeting.facilitator_id.is_some() {
        row.try_get::<Option<String>>("", "facilitator")?
    } else {
        None
    };
    Ok(Facts {
        published: count("published")? > 0,
        tallied: count("tallied")? > 0,
        closed: count("closed")? > 0,
        counts: Counts::from_row(&row)?,
        voted,
        facilitator,
    })
}
