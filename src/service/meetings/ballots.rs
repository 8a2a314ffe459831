//! Ranked ballots: one per member and meeting, saved (inserted or replaced) in the transaction
//! that checks the voting window, under the meeting's lock, and backed by
//! `UNIQUE(meeting_id, voter_key)`.
//!
//! The voter key is HMAC-SHA256(per-meeting secret, member id). Who has voted is kept in
//! `agenda_participation`, apart from the ballots; the ballot row has no timestamp, and for
//! secret meetings no member id, so once the tally destroys the secret no ballot can be linked
//! to a person. Each save gives the voter a new receipt code; only its SHA-256 is stored, and
//! the published ballot list shows it so voters can find their own ballot.

use crate::domain::ids::{MeetingId, ProposalId, UserId};
use std::collections::{BTreeMap, HashMap};

use hmac::{Hmac, Mac};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, Set,
};
use sha2::Sha256;
use time::OffsetDateTime;
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::access::{Action, Principal};
use crate::auth::tokens::{random_token, token_hash};
use crate::domain::meeting::Privacy;
use crate::i18n::Msg;
use crate::service::{FieldErrors, Result, ServiceError};
use crate::store::entities::{agenda_ballots, agenda_participation, agenda_proposals};

use super::{MeetingAccess, authorize, begin_locked_authorized, participation, privacy, proposals};

/// The refusal when the voting window is not open.
pub fn voting_closed() -> Msg {
    Msg::new("sm-voting-closed-meeting")
}

/// HMAC-SHA256 of the member id under the meeting's secret, as hex.
pub fn voter_key(secret: &str, user_id: UserId) -> String {
    // HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(user_id.to_string().as_bytes());
            mac.finalize()
                .into_bytes()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        }
        Err(_) => String::new(),
    }
}

/// The stored ranking (proposal ids, best first): as [`ProposalId`]s, or as the tally's
/// plain `i64`s (the tally engine knows nothing of the store's ids).
pub fn ranking<Id: serde::de::DeserializeOwned>(ballot: &agenda_ballots::Model) -> Vec<Id> {
    serde_json::from_str(&ballot.ranking).unwrap_or_default()
}

/// What the ballot page needs.
#[derive(Debug, Clone)]
pub struct BallotView {
    /// The meeting.
    pub access: MeetingAccess,
    /// The items on the ballot, in the order they were proposed (kept per proposals
    /// version, shared by every request at that version).
    pub items: std::sync::Arc<Vec<proposals::BallotOption>>,
    /// The caller's current ranks by proposal id (empty if they have not voted).
    pub ranks: BTreeMap<ProposalId, usize>,
    /// When they last changed their ballot, if they voted.
    pub last_voted_at: Option<OffsetDateTime>,
    /// How many times they changed it.
    pub changes: i32,
}

/// Loads the ballot page: the items (from `kept` at the meeting's proposals version) and the
/// caller's current ranking.
pub async fn view(
    db: &impl ConnectionTrait,
    kept: &super::options::BallotOptions,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
) -> Result<BallotView> {
    let access = authorize(db, principal, slug, meeting_id, Action::ViewMeetings).await?;
    let items = kept.of(db, &access.meeting).await?;
    let mut ranks = BTreeMap::new();
    if let (Some(secret), Some(user_id)) = (&access.meeting.ballot_secret, principal.user_id) {
        let mine = agenda_ballots::Entity::find()
            .filter(agenda_ballots::Column::MeetingId.eq(meeting_id))
            .filter(agenda_ballots::Column::VoterKey.eq(voter_key(secret, user_id)))
            .one(db)
            .await?;
        if let Some(ballot) = mine {
            for (i, id) in ranking(&ballot).into_iter().enumerate() {
                ranks.insert(id, i + 1);
            }
        }
    }
    let record = participation(db, meeting_id, principal.user_id).await?;
    Ok(BallotView {
        access,
        items,
        ranks,
        last_voted_at: record.as_ref().map(|p| p.last_voted_at),
        changes: record.map_or(0, |p| p.changes),
    })
}

/// Field name of an item's (or an idea's) rank selector.
pub fn rank_field(id: impl std::fmt::Display) -> String {
    format!("rank_{id}")
}

/// Reads `rank_{id}` fields into a ranking (proposal ids, best first). Blank means unranked;
/// ranks need not be consecutive, but two items cannot share one.
pub fn parse_ranking(
    items: &[agenda_proposals::Model],
    fields: &HashMap<String, String>,
) -> Result<Vec<ProposalId>> {
    parse_ranks(
        &items.iter().map(|i| i.id).collect::<Vec<_>>(),
        fields,
        "item",
    )
}

/// Reads `rank_{id}` fields for `ids` into a ranking (ids, best first); `what` names the
/// things ranked in messages (`"item"` or `"idea"`, the catalogue's `$what`). Shared by agenda
/// and budget ballots.
pub fn parse_ranks<Id: Copy + Ord + std::fmt::Display>(
    ids: &[Id],
    fields: &HashMap<String, String>,
    what: &str,
) -> Result<Vec<Id>> {
    let mut errors = FieldErrors::new();
    let mut ranked: Vec<(u32, Id)> = Vec::new();
    let max = u32::try_from(ids.len()).unwrap_or(u32::MAX);
    for &id in ids {
        let name = rank_field(id);
        let raw = fields.get(&name).map_or("", |v| v.trim());
        if raw.is_empty() {
            continue;
        }
        match raw.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => ranked.push((n, id)),
            _ => errors.add(&name, Msg::new("sm-rank-range").arg("max", max)),
        }
    }
    ranked.sort_unstable();
    for pair in ranked.windows(2) {
        if let [(a, _), (b, second)] = pair
            && a == b
        {
            errors.add(
                &rank_field(*second),
                Msg::new("sm-rank-taken").arg("what", what).arg("rank", *a),
            );
        }
    }
    if ranked.is_empty() && errors.is_empty() {
        errors.add("ballot", Msg::new("sm-rank-none").arg("what", what));
    }
    errors.into_result()?;
    Ok(ranked.into_iter().map(|(_, id)| id).collect())
}

/// What the voter sees after saving; `Id` is what was ranked (proposals, or a budget
/// round's ideas).
#[derive(Debug, Clone)]
pub struct Receipt<Id = ProposalId> {
    /// The receipt code (shown once; only its hash is stored).
    pub code: String,
    /// Its SHA-256, as listed with the published ballots.
    pub hash: String,
    /// `true` when this replaced an earlier ballot.
    pub changed: bool,
    /// When it was saved.
    pub at: OffsetDateTime,
    /// The ranking saved (ids, best first).
    pub ranking: Vec<Id>,
}

/// A new receipt code: four groups of four characters, shown once to the voter.
pub fn receipt_code() -> String {
    let raw: String = random_token().chars().take(16).collect();
    let upper = raw.to_uppercase();
    let chars: Vec<char> = upper.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Ballot saves in flight at once on SQLite: one, since its writes take turns anyway; a
/// second would wait inside SQLite's busy handler, which polls with growing sleeps, holding a
/// pooled connection that reads need.
const SQLITE_SAVES: usize = 1;
/// On PostgreSQL: saves of one meeting queue on its row lock (in order, each holding a
/// connection), so this bounds how much of the pool (10 by default) they can hold; saves of
/// other meetings run beside them.
const POSTGRES_SAVES: usize = 4;

static SQLITE_TURNS: Semaphore = Semaphore::const_new(SQLITE_SAVES);
static POSTGRES_TURNS: Semaphore = Semaphore::const_new(POSTGRES_SAVES);

/// Waits, in arrival order and without a database connection, until this ballot may save.
/// Thousands of ballots in the last minute then queue here and are saved first come, first
/// served; without it they queued on the pool, where every new request's reads went ahead of
/// the earlier requests' transactions, and nearly all of them were answered at the end.
async fn save_turn(db: &DatabaseConnection) -> Result<SemaphorePermit<'static>> {
    let turns = match db.get_database_backend() {
        DbBackend::Sqlite => &SQLITE_TURNS,
        _ => &POSTGRES_TURNS,
    };
    turns
        .acquire()
        .await
        .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))
}

/// Casts or replaces the caller's ballot while voting is open, from the ballot form's
/// `rank_{id}` fields.
pub async fn cast(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    fields: &HashMap<String, String>,
    now: OffsetDateTime,
) -> Result<Receipt> {
    save(db, principal, slug, meeting_id, now, |items| {
        parse_ranking(items, fields)
    })
    .await
}

/// Casts or replaces the caller's ballot while voting is open, from a ranking (proposal ids,
/// best first): stored exactly as the form's ranks 1, 2, 3 … of the same items would be.
/// Problems are reported under `ranking`.
pub async fn cast_ranking(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    ranking: &[ProposalId],
    now: OffsetDateTime,
) -> Result<Receipt> {
    save(db, principal, slug, meeting_id, now, |items| {
        checked_ranking(items, ranking)
    })
    .await
}

/// `ranking` if it names only items on the ballot, each once, and at least one.
fn checked_ranking(
    items: &[agenda_proposals::Model],
    ranking: &[ProposalId],
) -> Result<Vec<ProposalId>> {
    let field = "ranking";
    if ranking.is_empty() {
        return Err(crate::service::invalid(
            field,
            Msg::new("sm-rank-none").arg("what", "item"),
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for id in ranking {
        if !items.iter().any(|item| item.id == *id) {
            return Err(crate::service::invalid(
                field,
                Msg::new("api-ballot-unknown-item").arg("id", id.to_string()),
            ));
        }
        if !seen.insert(*id) {
            return Err(crate::service::invalid(
                field,
                Msg::new("api-ballot-repeated-item").arg("id", id.to_string()),
            ));
        }
    }
    Ok(ranking.to_vec())
}

/// Saves the caller's ballot: `order` turns the items on the ballot into the ranking.
async fn save(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    now: OffsetDateTime,
    order: impl FnOnce(&[agenda_proposals::Model]) -> Result<Vec<ProposalId>>,
) -> Result<Receipt> {
    // Refused callers stop here, on the pool, before queueing; the others wait for their turn
    // holding no connection, then save in one short transaction.
    authorize(db, principal, slug, meeting_id, Action::CastBallot).await?;
    let _turn = save_turn(db).await?;
    let (txn, access) =
        begin_locked_authorized(db, principal, slug, meeting_id, Action::CastBallot).await?;
    let user_id = principal.user_id.ok_or(ServiceError::Unauthenticated)?;
    super::cancel::ensure_live(&access.meeting)?;
    let secret = match &access.meeting.ballot_secret {
        Some(secret) if access.windows().voting(now) => secret.clone(),
        _ => {
            let mut errors = FieldErrors::new();
            errors.add("window", voting_closed());
            return Err(ServiceError::Invalid(errors));
        }
    };
    let items = proposals::active(&txn, meeting_id).await?;
    let order = order(&items)?;
    let key = voter_key(&secret, user_id);
    let code = receipt_code();
    let hash = token_hash(&code);
    let ranking_json = serde_json::to_string(&order)
        .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))?;
    let voter_id = (privacy(&access.meeting) == Privacy::Open).then_some(user_id);
    let existing = agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(meeting_id))
        .filter(agenda_ballots::Column::VoterKey.eq(key.clone()))
        .one(&txn)
        .await?;
    let changed = existing.is_some();
    super::live::mark_changed(&txn, meeting_id).await?;
    match existing {
        Some(ballot) => {
            let mut active: agenda_ballots::ActiveModel = ballot.into();
            active.ranking = Set(ranking_json);
            active.receipt_hash = Set(hash.clone());
            active.update(&txn).await?;
        }
        None => {
            agenda_ballots::ActiveModel {
                meeting_id: Set(meeting_id),
                voter_key: Set(key),
                voter_id: Set(voter_id),
                ranking: Set(ranking_json),
                receipt_hash: Set(hash.clone()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    match participation(&txn, meeting_id, Some(user_id)).await? {
        Some(record) => {
            let changes = record.changes.saturating_add(1);
            let mut active: agenda_participation::ActiveModel = record.into();
            active.last_voted_at = Set(now);
            active.changes = Set(changes);
            active.update(&txn).await?;
        }
        None => {
            agenda_participation::ActiveModel {
                meeting_id: Set(meeting_id),
                user_id: Set(user_id),
                first_voted_at: Set(now),
                last_voted_at: Set(now),
                changes: Set(0),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(Receipt {
        code,
        hash,
        changed,
        at: now,
        ranking: order,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voter_keys_depend_on_the_secret_and_the_member() {
        let a = voter_key("secret-one", UserId(7));
        assert_eq!(a.len(), 64);
        assert_eq!(a, voter_key("secret-one", UserId(7)));
        assert_ne!(a, voter_key("secret-two", UserId(7)));
        assert_ne!(a, voter_key("secret-one", UserId(8)));
    }

    #[test]
    fn receipt_codes_are_four_groups_of_four() {
        let code = receipt_code();
        assert_eq!(code.len(), 19);
        assert_eq!(code.split('-').count(), 4);
    }
}
