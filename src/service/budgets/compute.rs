//! The computation, exactly once per round: after voting closes, the background task (every
//! few seconds) or the first visit to the results page runs the round's rule and greedy by
//! votes beside it. The row in `budget_results` (primary key: the round) is written in one
//! transaction under the round's lock, so two requests or two servers cannot compute twice;
//! it is never changed afterwards. The rules run outside the transaction, in
//! `spawn_blocking` (ballots cannot change once voting has closed), so the lock is held only
//! for the writes.
//!
//! The same transaction destroys the round's ballot secret and, for secret rounds, rewrites
//! the ballots without voter keys (as `meetings::secrecy` does for agenda ballots); after the
//! commit the old row versions are erased from the database files.

use crate::domain::ids::RoundId;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use crate::domain::budget::BudgetPhase;
use crate::domain::meeting::Privacy;
use crate::service::meetings::secrecy;
use crate::service::{Result, ServiceError, audit};
use crate::store::entities::{budget_ballots, budget_results, budget_rounds};
use crate::tally::budget::{Outcome, Step, run};

use super::instance::{ComputeInput, GREEDY, ballots_in_order, engine_rule, load_instance};
use super::{lock, privacy, windows};

/// One funded idea, as the results page explains it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Funded {
    /// Project id.
    pub code: String,
    /// 1-based step at which it was bought.
    pub step: usize,
    /// Equal shares: what each supporter paid, in currency units (`None`: unequal payments or
    /// another rule).
    pub price_per_supporter: Option<String>,
    /// Whether the completion (greedy fill) added it rather than the rule itself.
    pub by_completion: bool,
}

/// A rule's outcome as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredOutcome {
    /// Engine rule key.
    pub rule: String,
    /// Funded project ids, in the order chosen.
    pub selected: Vec<String>,
    /// Per funded idea: step, price, completion.
    pub funded: Vec<Funded>,
    /// The engine's whole outcome (steps, payments, ties), for the record.
    pub engine: serde_json::Value,
}

impl StoredOutcome {
    fn of(outcome: &Outcome) -> Result<Self> {
        let mut funded = Vec::new();
        for step in &outcome.steps {
            let (code, price, completion) = match step {
                Step::MesBuy {
                    project,
                    price_per_supporter,
                    ..
                } => (
                    project,
                    price_per_supporter.as_ref().map(|p| p.exact.clone()),
                    false,
                ),
                Step::GreedyFund {
                    project,
                    completion,
                    ..
                } => (project, None, *completion),
                Step::PhragmenFund { project, .. } => (project, None, false),
                Step::GreedySkip { .. } | Step::PhragmenStop { .. } => continue,
            };
            funded.push(Funded {
                code: code.clone(),
                step: funded.len() + 1,
                price_per_supporter: price,
                by_completion: completion,
            });
        }
        Ok(Self {
            rule: outcome.rule.clone(),
            selected: outcome.selected.clone(),
            funded,
            engine: serde_json::to_value(outcome)
                .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))?,
        })
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))
}

/// Computes the round if voting has closed and it has not been computed; `true` when this
/// call did it.
pub async fn compute_round(
    db: &DatabaseConnection,
    round_id: RoundId,
    now: OffsetDateTime,
) -> Result<bool> {
    let Some(round) = budget_rounds::Entity::find_by_id(round_id).one(db).await? else {
        return Ok(false);
    };
    if now < round.voting_close_at || is_computed(db, round_id).await? {
        return Ok(false);
    }
    let (built, input) = load_instance(db, &round).await?;
    let rule = engine_rule(round.rule.into());
    let (chosen, greedy) = tokio::task::spawn_blocking(move || {
        let chosen = run(&built, rule);
        let greedy = run(&built, GREEDY);
        (chosen, greedy)
    })
    .await
    .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))?;
    let engine_err = |e| ServiceError::Unexpected(anyhow::anyhow!("budget rule failed: {e}"));
    let chosen = StoredOutcome::of(&chosen.map_err(engine_err)?)?;
    let greedy = StoredOutcome::of(&greedy.map_err(engine_err)?)?;

    let txn = db.begin().await?;
    lock(&txn, round_id).await?;
    if is_computed(&txn, round_id).await? {
        txn.rollback().await?;
        return Ok(false);
    }
    let Some(round) = budget_rounds::Entity::find_by_id(round_id)
        .one(&txn)
        .await?
    else {
        txn.rollback().await?;
        return Ok(false);
    };
    budget_results::ActiveModel {
        round_id: Set(round_id),
        computed_at: Set(now),
        rule: Set(chosen.rule.clone()),
        ballot_count: Set(i32::try_from(input.voters).unwrap_or(i32::MAX)),
        input: Set(to_json(&input)?),
        outcome: Set(to_json(&chosen)?),
        greedy: Set(to_json(&greedy)?),
    }
    .insert(&txn)
    .await?;
    let secret = privacy(&round) == Privacy::Secret;
    if secret {
        unlink_ballots(&txn, round_id).await?;
    }
    let team_id = round.team_id;
    let mut active: budget_rounds::ActiveModel = round.into();
    active.ballot_secret = Set(None);
    active.phase_seen = Set(budget_rounds::PhaseSeen::Results);
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: None,
            team_id: Some(team_id),
            action: audit::AuditAction::BudgetCompute,
            detail: json!({
                "round_id": round_id,
                "rule": chosen.rule,
                "ballots": input.voters,
                "selected": chosen.selected,
                "greedy_selected": greedy.selected,
                "secret_destroyed": true,
            }),
        },
    )
    .await?;
    let horizon = secrecy::Horizon::of(&txn).await?;
    txn.commit().await?;
    if secret {
        secrecy::erase_leftovers_of(db, "VACUUM FULL budget_rounds, budget_ballots", &horizon)
            .await;
    }
    Ok(true)
}

/// Replaces a secret round's ballots with rows that hold the selection and receipt hash only,
/// in receipt-hash order (see `meetings::secrecy`).
async fn unlink_ballots(txn: &impl ConnectionTrait, round_id: RoundId) -> Result<()> {
    let ballots = ballots_in_order(txn, round_id).await?;
    budget_ballots::Entity::delete_many()
        .filter(budget_ballots::Column::RoundId.eq(round_id))
        .exec(txn)
        .await?;
    for ballot in ballots {
        budget_ballots::ActiveModel {
            round_id: Set(round_id),
            voter_key: Set(ballot.receipt_hash.clone()),
            voter_id: Set(None),
            selection: Set(ballot.selection),
            receipt_hash: Set(ballot.receipt_hash),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Computes every round whose voting has closed and that has not been computed (its ballot
/// secret still exists), and audits each phase a round has newly entered. Returns how many
/// rounds this call computed.
pub async fn run_due(db: &DatabaseConnection, now: OffsetDateTime) -> Result<usize> {
    audit_phases(db, now).await?;
    let due = budget_rounds::Entity::find()
        .filter(budget_rounds::Column::VotingCloseAt.lte(now))
        .filter(budget_rounds::Column::BallotSecret.is_not_null())
        .order_by_asc(budget_rounds::Column::VotingCloseAt)
        .order_by_asc(budget_rounds::Column::Id)
        .all(db)
        .await?;
    let mut done = 0;
    for round in due {
        if compute_round(db, round.id, now).await? {
            done += 1;
        }
    }
    Ok(done)
}

/// Records `budget.phase` for every round whose phase moved on since the task last looked
/// (phases follow the clock; this makes each change visible in the audit log).
async fn audit_phases(db: &DatabaseConnection, now: OffsetDateTime) -> Result<()> {
    let rounds = budget_rounds::Entity::find()
        .filter(budget_rounds::Column::PhaseSeen.ne(budget_rounds::PhaseSeen::Results))
        .filter(budget_rounds::Column::IdeasOpenAt.lte(now))
        .all(db)
        .await?;
    for round in rounds {
        let phase = BudgetPhase::at(&windows(&round), now);
        let seen: budget_rounds::PhaseSeen = phase.into();
        if seen == round.phase_seen {
            continue;
        }
        let txn = db.begin().await?;
        lock(&txn, round.id).await?;
        let Some(fresh) = budget_rounds::Entity::find_by_id(round.id)
            .one(&txn)
            .await?
        else {
            txn.rollback().await?;
            continue;
        };
        if fresh.phase_seen == seen {
            // The computation got there first; release the round's lock now.
            txn.rollback().await?;
            continue;
        }
        let team_id = fresh.team_id;
        let mut active: budget_rounds::ActiveModel = fresh.into();
        active.phase_seen = Set(seen);
        active.update(&txn).await?;
        audit::record(
            &txn,
            audit::Entry {
                actor_id: None,
                team_id: Some(team_id),
                action: audit::AuditAction::BudgetPhase,
                detail: json!({ "round_id": round.id, "phase": phase.as_str() }),
            },
        )
        .await?;
        txn.commit().await?;
    }
    Ok(())
}

/// A stored computation, read back.
#[derive(Debug, Clone)]
pub struct Computed {
    /// When.
    pub computed_at: OffsetDateTime,
    /// What was computed.
    pub input: ComputeInput,
    /// The round's rule.
    pub outcome: StoredOutcome,
    /// Greedy by votes.
    pub greedy: StoredOutcome,
}

/// The stored computation of a round, if it has run.
pub async fn stored(db: &impl ConnectionTrait, round_id: RoundId) -> Result<Option<Computed>> {
    let Some(row) = budget_results::Entity::find_by_id(round_id).one(db).await? else {
        return Ok(None);
    };
    Ok(Some(Computed {
        computed_at: row.computed_at,
        input: from_stored("input", &row.input)?,
        outcome: from_stored("outcome", &row.outcome)?,
        greedy: from_stored("greedy", &row.greedy)?,
    }))
}

/// Whether the round has been computed, without reading the stored documents.
async fn is_computed(db: &impl ConnectionTrait, round_id: RoundId) -> Result<bool> {
    Ok(budget_results::Entity::find_by_id(round_id)
        .select_only()
        .column(budget_results::Column::RoundId)
        .into_tuple::<RoundId>()
        .one(db)
        .await?
        .is_some())
}

/// Reads one stored JSON document straight into its type; an unreadable one is an error that
/// names it.
fn from_stored<T: serde::de::DeserializeOwned>(what: &'static str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        ServiceError::Unexpected(anyhow::Error::new(e).context(format!("stored budget {what}")))
    })
}
