//! Live (provisional) results, counted once per change and never on the request path.
//!
//! A saved ballot bumps the meeting's `generation` in `agenda_live_results` (in the ballot's
//! transaction). A background task ([`count_due`]) finds meetings showing live results whose
//! stored count lags behind, takes a short lease on each (so that of several app servers
//! sharing the database only one counts it), counts off the async threads and stores the
//! result with the generation it reflects. Ballots saved meanwhile are coalesced into the
//! next count. Results pages only read the stored row ([`stored`]).

use crate::domain::ids::MeetingId;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use time::{Duration, OffsetDateTime};

use crate::service::{Result, ServiceError};
use crate::store::entities::{agenda_live_results, meetings};

use super::tally::{TallyInput, TallyOutput, TallyResult, compute, input, rankings};

/// How long a server may hold a meeting's count before another may take it over.
pub const LEASE: Duration = Duration::seconds(60);

/// Meetings counted per call of [`count_due`]: one at a time, so a server never holds more
/// than one live count in memory.
const BATCH: u64 = 16;

/// Notes that the meeting's ballots changed: its live count is due again.
pub async fn mark_changed(db: &impl ConnectionTrait, meeting_id: MeetingId) -> Result<()> {
    use agenda_live_results::Column;
    let insert = Query::insert()
        .into_table(agenda_live_results::Entity)
        .columns([Column::MeetingId, Column::Generation, Column::BallotCount])
        .values_panic([meeting_id.into(), 1_i64.into(), 0_i32.into()])
        .on_conflict(
            OnConflict::column(Column::MeetingId)
                .value(
                    Column::Generation,
                    Expr::col((agenda_live_results::Entity, Column::Generation)).add(1),
                )
                .to_owned(),
        )
        .to_owned();
    db.execute(&insert).await?;
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))
}

/// Counts every live meeting whose stored count is behind its ballots (up to a small batch,
/// one after another); returns how many this call stored.
pub async fn count_due(db: &DatabaseConnection, now: OffsetDateTime) -> Result<usize> {
    use agenda_live_results::Column;
    let live_meetings = Query::select()
        .column(meetings::Column::Id)
        .from(meetings::Entity)
        .and_where(meetings::Column::VotingOpenAt.lte(now))
        .and_where(meetings::Column::VotingCloseAt.gt(now))
        .and_where(meetings::Column::ResultsVisibility.eq(meetings::ResultsVisibility::Live))
        .and_where(meetings::Column::Privacy.eq(meetings::Privacy::Open))
        .and_where(meetings::Column::CancelledAt.is_null())
        .to_owned();
    let due = agenda_live_results::Entity::find()
        .select_only()
        .column(Column::MeetingId)
        .filter(
            Column::CountedGeneration
                .is_null()
                .or(Expr::col(Column::CountedGeneration).lt(Expr::col(Column::Generation))),
        )
        .filter(Column::MeetingId.in_subquery(live_meetings))
        .order_by_asc(Column::MeetingId)
        .limit(BATCH)
        .into_tuple::<MeetingId>()
        .all(db)
        .await?;
    let mut done = 0;
    for meeting_id in due {
        if count_one(db, meeting_id, now).await? {
            done += 1;
        }
    }
    Ok(done)
}

/// Takes the lease on one meeting's count, counts and stores it; `false` when another
/// server holds the lease or the meeting is gone.
async fn count_one(
    db: &DatabaseConnection,
    meeting_id: MeetingId,
    now: OffsetDateTime,
) -> Result<bool> {
    use agenda_live_results::Column;
    let claimed = agenda_live_results::Entity::update_many()
        .col_expr(Column::ClaimedAt, Expr::value(now))
        .filter(Column::MeetingId.eq(meeting_id))
        .filter(
            Column::ClaimedAt
                .is_null()
                .or(Column::ClaimedAt.lt(now - LEASE)),
        )
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(false);
    }
    let Some(row) = agenda_live_results::Entity::find_by_id(meeting_id)
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let Some(meeting) = meetings::Entity::find_by_id(meeting_id).one(db).await? else {
        return Ok(false);
    };
    // Read the generation before the ballots: a ballot saved after this read bumps it again,
    // so the next pass counts it.
    let generation = row.generation;
    let input = input(db, &meeting).await?;
    let lists: Vec<Vec<i64>> = rankings(db, meeting_id)
        .await?
        .iter()
        .map(super::ballots::ranking::<i64>)
        .collect();
    let ballots = lists.len();
    let (input, output) = tokio::task::spawn_blocking(move || {
        let output = compute(&input, &lists);
        (input, output)
    })
    .await
    .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e).context("live count")))?;
    agenda_live_results::Entity::update_many()
        .set(agenda_live_results::ActiveModel {
            counted_generation: Set(Some(generation)),
            counted_at: Set(Some(now)),
            claimed_at: Set(None),
            ballot_count: Set(i32::try_from(ballots).unwrap_or(i32::MAX)),
            input: Set(Some(to_json(&input)?)),
            outcome: Set(Some(to_json(&output)?)),
            ..Default::default()
        })
        .filter(Column::MeetingId.eq(meeting_id))
        .exec(db)
        .await?;
    Ok(true)
}

/// Which live count of a meeting is stored, and how far its ballots have moved on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generations {
    /// The ballot generation the stored count reflects.
    pub counted: i64,
    /// When it was counted.
    pub counted_at: Option<OffsetDateTime>,
    /// The current ballot generation.
    pub generation: i64,
}

/// Which live count of a meeting is stored, if one is, without reading the count.
pub async fn generations(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
) -> Result<Option<Generations>> {
    use agenda_live_results::Column;
    let row: Option<(Option<i64>, Option<OffsetDateTime>, i64)> =
        agenda_live_results::Entity::find()
            .select_only()
            .column(Column::CountedGeneration)
            .column(Column::CountedAt)
            .column(Column::Generation)
            .filter(Column::MeetingId.eq(meeting_id))
            .into_tuple()
            .one(db)
            .await?;
    Ok(row.and_then(|(counted, counted_at, generation)| {
        counted.map(|counted| Generations {
            counted,
            counted_at,
            generation,
        })
    }))
}

/// The stored live count of a meeting, if one was made; `counting` is set when newer
/// ballots wait for the next count.
pub async fn stored(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
) -> Result<Option<TallyResult>> {
    let Some(row) = agenda_live_results::Entity::find_by_id(meeting_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let (Some(input), Some(outcome), Some(generation)) =
        (&row.input, &row.outcome, row.counted_generation)
    else {
        return Ok(None);
    };
    let input: TallyInput = serde_json::from_str(input).map_err(|e| {
        ServiceError::Unexpected(anyhow::Error::new(e).context("stored live input"))
    })?;
    let output: TallyOutput = serde_json::from_str(outcome).map_err(|e| {
        ServiceError::Unexpected(anyhow::Error::new(e).context("stored live outcome"))
    })?;
    Ok(Some(TallyResult {
        input,
        output,
        ballot_count: usize::try_from(row.ballot_count).unwrap_or(0),
        tallied_at: None,
        counting: generation < row.generation,
        generation: Some(generation),
    }))
}
