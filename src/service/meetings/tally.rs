//! The tally, exactly once per meeting: after the voting window closes, a background task
//! (every few seconds) or the first visit to the results page counts the ballots. The row in
//! `agenda_tallies` (primary key: the meeting) is written in the same transaction, under the
//! meeting's lock, so two requests or two server processes cannot count twice; the stored
//! result (input with rules and seed, engine output) is never changed afterwards.
//!
//! The same transaction destroys the meeting's ballot secret and, for secret meetings, rewrites
//! the ballot rows without voter keys (`secrecy`); after the commit, `secrecy` erases the old
//! row versions from the database files.

use crate::domain::ids::{MeetingId, ProposalId};
use sea_orm::ActiveEnum as _;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::meeting::{Privacy, ResultsVisibility};
use crate::service::{Result, ServiceError, audit};
use crate::store::entities::{agenda_ballots, agenda_tallies, meetings};
use crate::tally::agenda::FixedItem;

use super::{MeetingAccess, authorize, budget, fixed_items, lock, privacy, proposals, visibility};

pub use crate::tally::agenda::meeting::{
    TallyCandidate, TallyInput, TallyOutput, agenda_rules, compute,
};

/// A stored (or provisional) result.
#[derive(Debug, Clone)]
pub struct TallyResult {
    /// What was counted.
    pub input: TallyInput,
    /// What came out.
    pub output: TallyOutput,
    /// Ballots counted.
    pub ballot_count: usize,
    /// When (`None`: provisional, voting still open).
    pub tallied_at: Option<OffsetDateTime>,
    /// Provisional only: newer ballots are waiting for the next background count.
    pub counting: bool,
    /// Provisional only: the ballot generation this count reflects.
    pub generation: Option<i64>,
}

/// The deterministic seed of a meeting's count: from its id and its voting close.
pub fn seed_for(meeting: &meetings::Model) -> i64 {
    let text = format!(
        "roundtable agenda tally {} {}",
        meeting.id,
        meeting.voting_close_at.unix_timestamp()
    );
    let digest = Sha256::digest(text.as_bytes());
    let mut bytes = [0_u8; 8];
    for (b, d) in bytes.iter_mut().zip(digest.iter()) {
        *b = *d;
    }
    // Java's Random uses 48 bits of the seed; keep it positive and readable.
    i64::from_be_bytes(bytes) & 0x0000_7fff_ffff_ffff
}

/// Builds the count's input from the meeting as it is now.
pub async fn input(db: &impl ConnectionTrait, meeting: &meetings::Model) -> Result<TallyInput> {
    let items = proposals::active(db, meeting.id).await?;
    let candidates: Vec<TallyCandidate> = items
        .into_iter()
        .map(|p| TallyCandidate {
            proposal_id: p.id.0,
            name: format!("#{} {}", p.id, p.title.replace('|', "/")),
            title: p.title,
            minutes: u32::try_from(p.minutes).unwrap_or(0),
        })
        .collect();
    let fixed = fixed_items(db, meeting.id)
        .await?
        .into_iter()
        .map(|f| FixedItem::new(f.title, u32::try_from(f.minutes).unwrap_or(0)))
        .collect();
    let rules = agenda_rules(candidates.len(), seed_for(meeting));
    Ok(TallyInput {
        candidates,
        rules,
        budget_minutes: budget(meeting),
        fixed,
        rule: meeting.agenda_rule.to_value(),
    })
}

pub(super) async fn rankings(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
) -> Result<Vec<agenda_ballots::Model>> {
    Ok(agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(meeting_id))
        .order_by_asc(agenda_ballots::Column::ReceiptHash)
        .order_by_asc(agenda_ballots::Column::Id)
        .all(db)
        .await?)
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))
}

/// Tallies the meeting if its voting window has closed and it has not been tallied yet;
/// `true` when this call did it.
pub async fn tally_meeting(
    db: &DatabaseConnection,
    meeting_id: MeetingId,
    now: OffsetDateTime,
) -> Result<bool> {
    let txn = db.begin().await?;
    lock(&txn, meeting_id).await?;
    if agenda_tallies::Entity::find_by_id(meeting_id)
        .one(&txn)
        .await?
        .is_some()
    {
        txn.rollback().await?;
        return Ok(false);
    }
    let Some(meeting) = meetings::Entity::find_by_id(meeting_id).one(&txn).await? else {
        txn.rollback().await?;
        return Ok(false);
    };
    // A cancelled meeting is never tallied (its ballots stay uncounted).
    if now < meeting.voting_close_at || super::cancel::is_cancelled(&meeting) {
        txn.rollback().await?;
        return Ok(false);
    }
    let input = input(&txn, &meeting).await?;
    let ballots = rankings(&txn, meeting_id).await?;
    let lists: Vec<Vec<i64>> = ballots.iter().map(super::ballots::ranking::<i64>).collect();
    let output = compute(&input, &lists);
    let seed = input.rules.random_seed.unwrap_or(0);
    agenda_tallies::ActiveModel {
        meeting_id: Set(meeting_id),
        tallied_at: Set(now),
        rule: Set(meeting.agenda_rule),
        seed: Set(seed),
        ballot_count: Set(i32::try_from(ballots.len()).unwrap_or(i32::MAX)),
        input: Set(to_json(&input)?),
        outcome: Set(to_json(&output)?),
    }
    .insert(&txn)
    .await?;
    if privacy(&meeting) == Privacy::Secret {
        super::secrecy::unlink_ballots(&txn, meeting_id, &ballots).await?;
    }
    let team_id = meeting.team_id;
    let order: Vec<ProposalId> = output
        .agenda
        .as_ref()
        .map(|a| {
            a.items
                .iter()
                .filter_map(|i| input.candidates.iter().find(|c| c.name == i.id))
                .map(|c| ProposalId(c.proposal_id))
                .collect()
        })
        .unwrap_or_default();
    let mut active: meetings::ActiveModel = meeting.into();
    active.ballot_secret = Set(None);
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: None,
            team_id: Some(team_id),
            action: audit::AuditAction::MeetingTally,
            detail: json!({
                "meeting_id": meeting_id,
                "seed": seed,
                "ballots": ballots.len(),
                "order": order,
                "secret_destroyed": true,
            }),
        },
    )
    .await?;
    let horizon = super::secrecy::Horizon::of(&txn).await?;
    txn.commit().await?;
    super::secrecy::erase_leftovers(db, &horizon).await;
    Ok(true)
}

/// Tallies every meeting whose voting window has closed and that has not been tallied (its
/// ballot secret still exists) nor cancelled; returns how many this call tallied.
pub async fn run_due(db: &DatabaseConnection, now: OffsetDateTime) -> Result<usize> {
    let due = meetings::Entity::find()
        .filter(meetings::Column::VotingCloseAt.lte(now))
        .filter(meetings::Column::BallotSecret.is_not_null())
        .filter(meetings::Column::CancelledAt.is_null())
        .order_by_asc(meetings::Column::VotingCloseAt)
        .order_by_asc(meetings::Column::Id)
        .all(db)
        .await?;
    let mut done = 0;
    for meeting in due {
        if tally_meeting(db, meeting.id, now).await? {
            done += 1;
        }
    }
    Ok(done)
}

/// Reads a stored tally.
pub fn stored(row: &agenda_tallies::Model) -> Result<TallyResult> {
    let input: TallyInput = serde_json::from_str(&row.input).map_err(|e| {
        ServiceError::Unexpected(anyhow::Error::new(e).context("stored tally input"))
    })?;
    let output: TallyOutput = serde_json::from_str(&row.outcome).map_err(|e| {
        ServiceError::Unexpected(anyhow::Error::new(e).context("stored tally outcome"))
    })?;
    Ok(TallyResult {
        input,
        output,
        ballot_count: usize::try_from(row.ballot_count).unwrap_or(0),
        tallied_at: Some(row.tallied_at),
        counting: false,
        generation: None,
    })
}

/// What the results page may show.
#[derive(Debug, Clone)]
pub enum Results {
    /// Voting is open and results are hidden until it closes.
    Hidden,
    /// Voting is open and this meeting shows live, provisional counts (the last background
    /// count).
    Provisional(TallyResult),
    /// Voting is open with live counts, and the first count has not been stored yet.
    Counting,
    /// The stored result.
    Final(TallyResult),
}

/// Which stored count the results page shows, without reading it: the page keeps what it
/// built from a count and reads the count itself (large JSON) only when this changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultsState {
    /// Voting is open and results are hidden until it closes.
    Hidden,
    /// Voting is open with live counts, and the first count has not been stored yet.
    Counting,
    /// The live count of ballot generation `generation`, stored at `counted_at`; `counting`
    /// when newer ballots wait.
    Provisional {
        generation: i64,
        counted_at: Option<OffsetDateTime>,
        counting: bool,
    },
    /// The final tally (stored once at `tallied_at`, never changed).
    Final { tallied_at: OffsetDateTime },
    /// The meeting was cancelled: there is no count, and none will be made.
    Cancelled,
}

/// Which count the results page may show now: tallies first if the window has closed and
/// nobody has yet (the lock is taken only then); while voting is open, which live count the
/// background task stored last.
pub async fn results_state(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    now: OffsetDateTime,
) -> Result<(MeetingAccess, ResultsState)> {
    let access = match results_state_on(db, principal, slug, meeting_id, now).await? {
        (access, Some(state)) => return Ok((access, state)),
        (access, None) => access,
    };
    // Closed and untallied: count once (under the meeting's lock), then read only when.
    tally_meeting(db, meeting_id, now).await?;
    let tallied_at = super::tallied_at(db, meeting_id)
        .await?
        .ok_or_else(|| ServiceError::Unexpected(anyhow::anyhow!("tally row missing")))?;
    Ok((access, ResultsState::Final { tallied_at }))
}

/// [`results_state`] read on `db` (a page's read-only transaction), without tallying: `None`
/// when the window has closed and nobody has tallied yet. Tally then with [`results_state`]
/// on the pool, and read on a new transaction (an older one may not see the tally).
pub async fn results_state_on(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    now: OffsetDateTime,
) -> Result<(MeetingAccess, Option<ResultsState>)> {
    let access = authorize(db, principal, slug, meeting_id, Action::ViewMeetings).await?;
    if super::cancel::is_cancelled(&access.meeting) {
        return Ok((access, Some(ResultsState::Cancelled)));
    }
    if access.windows().voting_closed(now) {
        // The stored tally never changes: once it exists, no request needs the lock.
        let tallied_at = super::tallied_at(db, meeting_id).await?;
        return Ok((
            access,
            tallied_at.map(|tallied_at| ResultsState::Final { tallied_at }),
        ));
    }
    let live = visibility(&access.meeting) == ResultsVisibility::Live
        && privacy(&access.meeting) == Privacy::Open
        && now >= access.meeting.voting_open_at;
    if !live {
        return Ok((access, Some(ResultsState::Hidden)));
    }
    // Never count on the request path: name the last background count (see `live`).
    let state = match super::live::generations(db, meeting_id).await? {
        Some(live) => ResultsState::Provisional {
            generation: live.counted,
            counted_at: live.counted_at,
            counting: live.counted < live.generation,
        },
        None => ResultsState::Counting,
    };
    Ok((access, Some(state)))
}

/// Reads the count `state` names (`None` for hidden or not yet counted). A live count may
/// have been replaced since `state` was read: the result's `generation` says which one this is.
pub async fn stored_result(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
    state: ResultsState,
) -> Result<Option<TallyResult>> {
    match state {
        ResultsState::Hidden | ResultsState::Counting | ResultsState::Cancelled => Ok(None),
        ResultsState::Provisional { .. } => super::live::stored(db, meeting_id).await,
        ResultsState::Final { .. } => {
            let row = super::stored_tally(db, meeting_id)
                .await?
                .ok_or_else(|| ServiceError::Unexpected(anyhow::anyhow!("tally row missing")))?;
            stored(&row).map(Some)
        }
    }
}

/// The results of a meeting: tallies first if the window has closed and nobody has yet;
/// while voting is open, the last live count stored by the background task.
pub async fn results(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    now: OffsetDateTime,
) -> Result<(MeetingAccess, Results)> {
    let (access, state) = results_state(db, principal, slug, meeting_id, now).await?;
    let result = stored_result(db, meeting_id, state).await?;
    let results = match (state, result) {
        (ResultsState::Final { .. }, Some(r)) => Results::Final(r),
        (ResultsState::Provisional { .. }, Some(r)) => Results::Provisional(r),
        (ResultsState::Hidden | ResultsState::Cancelled, _) => Results::Hidden,
        _ => Results::Counting,
    };
    Ok((access, results))
}

/// The published ballots after the tally: `(receipt hash, candidate names best first)`, in
/// receipt-hash order. `NotFound` before the tally.
pub async fn published_ballots(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    now: OffsetDateTime,
) -> Result<(MeetingAccess, TallyResult, Vec<(String, Vec<String>)>)> {
    let (access, results) = results(db, principal, slug, meeting_id, now).await?;
    let Results::Final(result) = results else {
        return Err(ServiceError::NotFound);
    };
    let rows = rankings(db, meeting_id)
        .await?
        .into_iter()
        .map(|b| {
            let names = super::ballots::ranking::<i64>(&b)
                .into_iter()
                .filter_map(|id| {
                    result
                        .input
                        .candidates
                        .iter()
                        .find(|c| c.proposal_id == id)
                        .map(|c| c.name.clone())
                })
                .collect();
            (b.receipt_hash, names)
        })
        .collect();
    Ok((access, result, rows))
}
