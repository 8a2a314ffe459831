//! Budget ballots: one per member and round, saved (inserted or replaced) in the transaction
//! that checks the voting phase, under the round's lock, backed by
//! `UNIQUE(round_id, voter_key)`. The voter key, receipt codes and the separation of who voted
//! (`budget_participation`) from what they chose work exactly as for agenda ballots
//! (`meetings::ballots`), so the computation can unlink secret ballots the same way.
//!
//! Approval-type ballots are `idea_{id}` checkboxes; ranked ballots are `rank_{id}` numbers.
//! The running total is computed here, so the page works without JavaScript.

use crate::domain::ids::{IdeaId, RoundId};
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::auth::tokens::token_hash;
use crate::domain::budget::{BallotType, BudgetPhase, RunningTotal, check_ballot, running_total};
use crate::domain::meeting::Privacy;
use crate::i18n::Msg;
use crate::service::meetings::ballots::{Receipt, parse_ranks, receipt_code, voter_key};
use crate::service::{Result, ServiceError};
use crate::store::entities::{budget_ballots, budget_ideas, budget_participation};

use super::{RoundAccess, authorize, begin_locked, ideas, participation, privacy};

/// The refusal when voting is not open.
pub fn voting_closed() -> Msg {
    Msg::new("sm-voting-closed-round")
}

/// Field name of an idea's checkbox.
pub fn idea_field(idea_id: IdeaId) -> String {
    format!("idea_{idea_id}")
}

/// The stored selection (idea ids; best first for ranked ballots).
pub fn selection(ballot: &budget_ballots::Model) -> Vec<IdeaId> {
    serde_json::from_str(&ballot.selection).unwrap_or_default()
}

/// What the ballot page needs.
#[derive(Debug, Clone)]
pub struct BallotView {
    /// The round.
    pub access: RoundAccess,
    /// The ideas on the ballot, in the order proposed.
    pub ideas: Vec<budget_ideas::Model>,
    /// The caller's saved selection (empty if they have not voted).
    pub selection: Vec<IdeaId>,
    /// When they last changed their ballot, if they voted.
    pub last_voted_at: Option<OffsetDateTime>,
}

/// Loads the ballot page: the ideas and the caller's saved selection.
pub async fn view(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
) -> Result<BallotView> {
    let access = authorize(db, principal, slug, round_id, Action::ViewBudgets).await?;
    let ideas = ideas::ballot_ideas(db, round_id).await?;
    let mut saved = Vec::new();
    if let (Some(secret), Some(user_id)) = (&access.round.ballot_secret, principal.user_id) {
        let mine = budget_ballots::Entity::find()
            .filter(budget_ballots::Column::RoundId.eq(round_id))
            .filter(budget_ballots::Column::VoterKey.eq(voter_key(secret, user_id)))
            .one(db)
            .await?;
        if let Some(ballot) = mine {
            saved = selection(&ballot);
        }
    }
    let record = participation(db, round_id, principal.user_id).await?;
    Ok(BallotView {
        access,
        ideas,
        selection: saved,
        last_voted_at: record.map(|p| p.last_voted_at),
    })
}

/// Reads the submitted selection (idea ids; best first for ranked ballots). Unknown ids are
/// ignored: only ideas on the ballot have fields.
pub fn parse_selection(
    kind: BallotType,
    ideas: &[budget_ideas::Model],
    fields: &HashMap<String, String>,
) -> Result<Vec<IdeaId>> {
    let ids: Vec<IdeaId> = ideas.iter().map(|i| i.id).collect();
    if kind == BallotType::Ranked {
        return parse_ranks(&ids, fields, "idea");
    }
    Ok(ids
        .into_iter()
        .filter(|id| fields.get(&idea_field(*id)).is_some_and(|v| !v.is_empty()))
        .collect())
}

/// The running total of a selection and the refusal, if the ballot breaks a limit.
pub fn total_of(
    access: &RoundAccess,
    ideas: &[budget_ideas::Model],
    chosen: &[IdeaId],
) -> (RunningTotal, Option<Msg>) {
    let cost: HashMap<IdeaId, i64> = ideas.iter().map(|i| (i.id, i.cost)).collect();
    let costs: Vec<i64> = chosen
        .iter()
        .filter_map(|id| cost.get(id).copied())
        .collect();
    let limits = access.limits();
    let total = running_total(&limits, &costs);
    let refusal = check_ballot(&limits, &costs, &access.round.currency).err();
    (total, refusal)
}

/// Casts or replaces the caller's ballot while voting is open, from the ballot form's
/// `idea_{id}` checkboxes or `rank_{id}` fields; an over-limit ballot is refused with a message
/// saying by how much.
pub async fn cast(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    fields: &HashMap<String, String>,
    now: OffsetDateTime,
) -> Result<Receipt<IdeaId>> {
    save(db, principal, slug, round_id, now, |kind, ideas| {
        parse_selection(kind, ideas, fields)
    })
    .await
}

/// The field a chosen list's problems are reported under (see [`cast_selection`]).
pub const SELECTION_FIELD: &str = "ideas";

/// Casts or replaces the caller's ballot while voting is open, from idea ids (best first for
/// ranked ballots): stored exactly as the same ideas ticked (or ranked 1, 2, 3 …) on the form.
/// An idea not on the ballot or named twice is refused under [`SELECTION_FIELD`].
pub async fn cast_selection(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    chosen: &[IdeaId],
    now: OffsetDateTime,
) -> Result<Receipt<IdeaId>> {
    save(db, principal, slug, round_id, now, |kind, ideas| {
        checked_selection(kind, ideas, chosen)
    })
    .await
}

/// `chosen` if it names only ideas on the ballot, each once; approval-type ballots keep the
/// ballot's order, as the form's checkboxes give it.
fn checked_selection(
    kind: BallotType,
    ideas: &[budget_ideas::Model],
    chosen: &[IdeaId],
) -> Result<Vec<IdeaId>> {
    let mut seen = std::collections::BTreeSet::new();
    for id in chosen {
        let key = if ideas.iter().any(|i| i.id == *id) {
            if seen.insert(*id) {
                continue;
            }
            "api-budget-repeated-idea"
        } else {
            "api-budget-unknown-idea"
        };
        return Err(crate::service::invalid(
            SELECTION_FIELD,
            Msg::new(key).arg("id", id.to_string()),
        ));
    }
    if kind == BallotType::Ranked {
        return Ok(chosen.to_vec());
    }
    Ok(ideas
        .iter()
        .map(|i| i.id)
        .filter(|id| seen.contains(id))
        .collect())
}

/// Saves the caller's ballot: `choose` reads the selection given the ballot type and the
/// ideas on the ballot.
async fn save(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    now: OffsetDateTime,
    choose: impl FnOnce(BallotType, &[budget_ideas::Model]) -> Result<Vec<IdeaId>>,
) -> Result<Receipt<IdeaId>> {
    let (txn, access) =
        begin_locked(db, principal, slug, round_id, Action::CastBudgetBallot).await?;
    let user_id = principal.user_id.ok_or(ServiceError::Unauthenticated)?;
    let secret = match &access.round.ballot_secret {
        Some(secret) if access.phase(now) == BudgetPhase::Voting => secret.clone(),
        _ => return Err(crate::service::invalid("window", voting_closed())),
    };
    let ideas = ideas::ballot_ideas(&txn, round_id).await?;
    let chosen = choose(access.limits().ballot_type, &ideas)?;
    if let (_, Some(refusal)) = total_of(&access, &ideas, &chosen) {
        return Err(crate::service::invalid("ballot", refusal));
    }
    let key = voter_key(&secret, user_id);
    let code = receipt_code();
    let hash = token_hash(&code);
    let json = serde_json::to_string(&chosen)
        .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))?;
    let voter_id = (privacy(&access.round) == Privacy::Open).then_some(user_id);
    let existing = budget_ballots::Entity::find()
        .filter(budget_ballots::Column::RoundId.eq(round_id))
        .filter(budget_ballots::Column::VoterKey.eq(key.clone()))
        .one(&txn)
        .await?;
    let changed = existing.is_some();
    match existing {
        Some(ballot) => {
            let mut active: budget_ballots::ActiveModel = ballot.into();
            active.selection = Set(json);
            active.receipt_hash = Set(hash.clone());
            active.update(&txn).await?;
        }
        None => {
            budget_ballots::ActiveModel {
                round_id: Set(round_id),
                voter_key: Set(key),
                voter_id: Set(voter_id),
                selection: Set(json),
                receipt_hash: Set(hash.clone()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    match participation(&txn, round_id, Some(user_id)).await? {
        Some(record) => {
            let changes = record.changes.saturating_add(1);
            let mut active: budget_participation::ActiveModel = record.into();
            active.last_voted_at = Set(now);
            active.changes = Set(changes);
            active.update(&txn).await?;
        }
        None => {
            budget_participation::ActiveModel {
                round_id: Set(round_id),
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
        ranking: chosen,
    })
}
