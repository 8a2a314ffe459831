//! What the meeting page reads about a meeting beside its row, in one statement: whether the
//! agreed agenda is published (its phase), whether it was tallied or its live run closed (what
//! a leader may still cancel), how many fixed items it has, the visitor's own vote, the
//! facilitator's name, the team's previous meeting and the week's check-in counts (for the
//! scan) and, for a leader, how many teams the team is linked with. Its counts of ballots,
//! voters, proposals and members come with the meeting and team rows instead.
//! On PostgreSQL every statement is a round trip costing about as much server and database
//! time as the work it asks for, and the meeting page is the one every member opens; these
//! were ten statements (`docs/benchmarks.md`, "Pages").

use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::ids::MeetingId;
use crate::domain::meeting::Phase;
use crate::service::{Result, ServiceError};
use crate::store::entities::{
    agenda_participation, agenda_publications, agenda_tallies, meeting_fixed_items, meeting_runs,
    users,
};

use super::MeetingAccess;
use super::scan::{Known, Previous, previous_query};
use super::turnout::Counts;
use crate::domain::checkin::IsoWeek;
use crate::service::checkins::scan::{WeekCounts, week_count_columns};
use crate::service::cohorts::accepted_links;
use crate::service::sql::counted;

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
    /// Proposals, ballots and turnout (kept on the meeting and team rows: [`Counts::of`]).
    pub counts: Counts,
    /// How many fixed items the agenda holds (the page reads them only when there are some).
    pub fixed_items: u64,
    /// The visitor's vote, if they have voted.
    pub voted: Option<Voted>,
    /// The facilitator's name; `None` when none is chosen or their account is gone (and
    /// from [`state`]).
    pub facilitator: Option<String>,
    /// The team's meeting before this one (`None` from [`state`]).
    pub previous: Option<Previous>,
    /// The check-in counts of the meeting's week on the visitor's clock, for the scan (`None`
    /// from [`state`]).
    pub week: Option<WeekCounts>,
    /// The team's accepted links to other teams, counted for a visitor who may manage them
    /// (`None` otherwise, and from [`state`]).
    pub team_links: Option<u64>,
}

impl Facts {
    /// What the scan need not read again (the previous meeting and the week's check-in
    /// counts).
    #[must_use]
    pub fn known(&self) -> Known {
        Known {
            previous: self.previous.clone(),
            week: self.week,
        }
    }

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

/// Reads the [`Facts`] of `access`'s meeting for `visitor` (the meeting page) in one statement
/// of scalar subqueries, each a lookup or count by key.
pub async fn facts(
    db: &impl ConnectionTrait,
    access: &MeetingAccess,
    visitor: Principal,
) -> Result<Facts> {
    read(db, access, Some(visitor)).await
}

/// The [`Facts`] without anything of the visitor or the page around them (`voted`,
/// `facilitator`, `previous`, `week` and `team_links` are `None`): for pages that show only
/// the meeting's state and counts.
pub async fn state(db: &impl ConnectionTrait, access: &MeetingAccess) -> Result<Facts> {
    read(db, access, None).await
}

/// Adds `tallied` and `closed` (counts: more than 0 when it holds) for meeting `id`.
fn settled_columns(select: &mut SelectStatement, id: MeetingId) {
    select
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
}

/// Whether meeting `id` was tallied and whether its live run was closed, in one statement
/// built as [`facts`] reads them (the cancel path asks inside its locked transaction).
pub(super) async fn settled(db: &impl ConnectionTrait, id: MeetingId) -> Result<(bool, bool)> {
    let mut select = Query::select();
    settled_columns(&mut select, id);
    let row = db
        .query_one(&select)
        .await?
        .ok_or_else(|| ServiceError::Unexpected(anyhow::anyhow!("settled returned no row")))?;
    Ok((
        row.try_get::<i64>("", "tallied")? > 0,
        row.try_get::<i64>("", "closed")? > 0,
    ))
}

async fn read(
    db: &impl ConnectionTrait,
    access: &MeetingAccess,
    page: Option<Principal>,
) -> Result<Facts> {
    let id = access.meeting.id;
    let mut select = Query::select();
    settled_columns(&mut select, id);
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
                meeting_fixed_items::Entity::find()
                    .filter(meeting_fixed_items::Column::MeetingId.eq(id)),
            ),
            "fixed_items",
        );
    let visitor = page.and_then(|p| p.user_id);
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
    let facilitator = access.meeting.facilitator_id.filter(|_| page.is_some());
    if let Some(facilitator) = facilitator {
        select.expr_as(
            users::Entity::find()
                .select_only()
                .column(users::Column::DisplayName)
                .filter(users::Column::Id.eq(facilitator))
                .into_query(),
            "facilitator",
        );
    }
    if page.is_some() {
        // The scan's inputs: the team's previous meeting and the meeting week's check-ins.
        let before = |column: crate::store::entities::meetings::Column| -> SelectStatement {
            previous_query(&access.meeting)
                .select_only()
                .column(column)
                .into_query()
        };
        select
            .expr_as(
                before(crate::store::entities::meetings::Column::StartsAt),
                "previous_starts_at",
            )
            .expr_as(
                before(crate::store::entities::meetings::Column::Title),
                "previous_title",
            );
        let week = IsoWeek::at(access.meeting.starts_at, access.zone);
        week_count_columns(&mut select, access.team.id, &week);
    }
    let links = page.is_some_and(|p| access.may(p, Action::ManageTeamLinks));
    if links {
        let team = access.team.id;
        select.expr_as(counted(accepted_links(team)), "team_links");
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
    let facilitator = if facilitator.is_some() {
        row.try_get::<Option<String>>("", "facilitator")?
    } else {
        None
    };
    let counts = Counts::of(access);
    let (previous, week) = if page.is_some() {
        let starts_at = row.try_get::<Option<OffsetDateTime>>("", "previous_starts_at")?;
        let title = row.try_get::<Option<String>>("", "previous_title")?;
        (
            starts_at
                .zip(title)
                .map(|(starts_at, title)| Previous { starts_at, title }),
            Some(WeekCounts::from_row(&row, counts.turnout.members)?),
        )
    } else {
        (None, None)
    };
    let team_links = if links {
        Some(count("team_links")?)
    } else {
        None
    };
    Ok(Facts {
        published: count("published")? > 0,
        tallied: count("tallied")? > 0,
        closed: count("closed")? > 0,
        counts,
        fixed_items: count("fixed_items")?,
        voted,
        facilitator,
        previous,
        week,
        team_links,
    })
}
