//! Moves on a stored exchange: confirm, adjust, dispute, resolve (leaders) and reverse. The
//! state machine in `crate::domain::ledger` decides whether a move is allowed; this applies it
//! as a conditional update (or a new reversing entry), audited, with the other party notified.

use crate::domain::ids::ExchangeId;
use crate::i18n::Msg;
use sea_orm::prelude::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use super::super::{access, invalid, lock_team, names, notify};
use super::{state_of, visible};
use crate::access::{Action, Principal};
use crate::domain::ledger::{
    self, Actor, IdempotencyKey, Minutes, Move, MoveError, Outcome, Party, Reason, Status, party_of,
};
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::help_exchanges;

/// A move on an existing entry, as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MoveForm {
    /// New minutes (adjust) or final minutes (resolve; empty keeps them).
    #[serde(default)]
    pub minutes: String,
    /// Reason (dispute, resolve, reverse).
    #[serde(default)]
    pub reason: String,
    /// `confirm` or `reject` (resolve).
    #[serde(default)]
    pub decision: String,
    /// Idempotency key (reverse).
    #[serde(default)]
    pub idempotency_key: String,
}

/// Which move a route performs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveKind {
    /// The awaited party agrees.
    Confirm,
    /// The awaited party proposes other minutes.
    Adjust,
    /// The awaited party disputes.
    Dispute,
    /// A leader settles a dispute.
    Resolve,
    /// A party or leader corrects a confirmed entry.
    Reverse,
}

fn refused(error: MoveError) -> ServiceError {
    match error {
        MoveError::NotParty | MoveError::NotLeader | MoveError::OwnDispute => {
            ServiceError::Forbidden
        }
        other => ServiceError::Conflict(other.msg()),
    }
}

/// Applies a move; returns the entry's id (a new reversing entry's id for `Reverse`).
pub async fn act(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: ExchangeId,
    kind: MoveKind,
    form: &MoveForm,
    now: OffsetDateTime,
) -> Result<ExchangeId> {
    let action = if kind == MoveKind::Resolve {
        Action::RecordHelpForOthers
    } else {
        Action::RecordHelp
    };
    let acc = access(db, principal, slug, action).await?;
    let row = visible(db, &acc, id).await?;
    let state = state_of(db, &row, now).await?;
    let party = party_of(acc.user_id, row.helper_id, row.helped_id);
    let awaiting = row
        .awaiting_id
        .and_then(|who| party_of(who, row.helper_id, row.helped_id));
    let actor = Actor {
        party,
        leader: acc.is_leader(),
    };
    let mut errors = FieldErrors::new();
    let mv = match kind {
        MoveKind::Confirm => Move::Confirm,
        MoveKind::Adjust => Move::Adjust,
        MoveKind::Dispute => Move::Dispute,
        MoveKind::Reverse => Move::Reverse,
        MoveKind::Resolve => match form.decision.trim() {
            "confirm" => Move::Resolve(true),
            "reject" => Move::Resolve(false),
            _ => {
                errors.add("decision", Msg::new("so-choose-confirm-or-reject"));
                Move::Resolve(false)
            }
        },
    };
    let outcome = ledger::apply(state, awaiting, actor, mv).map_err(refused)?;
    let minutes = match kind {
        MoveKind::Adjust => Minutes::parse(&form.minutes)
            .map_err(|e| errors.add("minutes", e))
            .ok(),
        MoveKind::Resolve if !form.minutes.trim().is_empty() => Minutes::parse(&form.minutes)
            .map_err(|e| errors.add("minutes", e))
            .ok(),
        _ => None,
    };
    let reason = match kind {
        MoveKind::Dispute | MoveKind::Resolve | MoveKind::Reverse => Reason::parse(&form.reason)
            .map_err(|e| errors.add("reason", e))
            .ok(),
        _ => None,
    };
    errors.into_result()?;
    if kind == MoveKind::Adjust && minutes.map(Minutes::get) == Some(row.minutes) {
        return Err(invalid("minutes", Msg::new("so-same-minutes")));
    }
    let txn = db.begin().await?;
    lock_team(&txn, acc.team.id).await?;
    let mut result_id = row.id;
    match outcome {
        Outcome::Reversed => {
            let key = IdempotencyKey::parse(&form.idempotency_key)
                .map_or_else(|_| format!("reverse-{}", row.id), |k| k.as_str().to_owned());
            let reversal = help_exchanges::ActiveModel {
                team_id: Set(row.team_id),
                helper_id: Set(row.helper_id),
                helped_id: Set(row.helped_id),
                minutes: Set(row.minutes),
                occurred_on: Set(row.occurred_on),
                category: Set(row.category.clone()),
                note: Set(None),
                kind: Set(help_exchanges::EntryKind::Reversal),
                status: Set(Status::Confirmed.into()),
                awaiting_id: Set(None),
                recorded_by: Set(acc.user_id),
                post_id: Set(None),
                action_ref: Set(None),
                reverses_id: Set(Some(row.id)),
                reason: Set(reason.as_ref().map(|r| r.as_str().to_owned())),
                dispute_reason: Set(None),
                resolution_note: Set(None),
                resolved_by: Set(None),
                idempotency_key: Set(key),
                created_at: Set(now),
                expires_at: Set(None),
                confirmed_at: Set(Some(now)),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(|e| match ServiceError::from(e) {
                ServiceError::Conflict(_) => {
                    ServiceError::Conflict(Msg::new("conflict-entry-already-corrected"))
                }
                other => other,
            })?;
            result_id = reversal.id;
        }
        _ => {
            let mut update = help_exchanges::Entity::update_many()
                .filter(help_exchanges::Column::Id.eq(row.id))
                .filter(help_exchanges::Column::Status.eq(row.status))
                .filter(help_exchanges::Column::Minutes.eq(row.minutes));
            update = match row.awaiting_id {
                Some(who) => update.filter(help_exchanges::Column::AwaitingId.eq(who)),
                None => update.filter(help_exchanges::Column::AwaitingId.is_null()),
            };
            update = match outcome {
                Outcome::Confirmed => update
                    .col_expr(
                        help_exchanges::Column::Status,
                        Expr::value(Status::Confirmed.as_str()),
                    )
                    .col_expr(help_exchanges::Column::AwaitingId, Expr::value(None::<i64>))
                    .col_expr(help_exchanges::Column::ConfirmedAt, Expr::value(Some(now))),
                Outcome::AwaitingOther(next) => update.col_expr(
                    help_exchanges::Column::AwaitingId,
                    Expr::value(Some(match next {
                        Party::Helper => row.helper_id,
                        Party::Helped => row.helped_id,
                    })),
                ),
                Outcome::Disputed => update
                    .col_expr(
                        help_exchanges::Column::Status,
                        Expr::value(Status::Disputed.as_str()),
                    )
                    .col_expr(help_exchanges::Column::AwaitingId, Expr::value(None::<i64>))
                    .col_expr(
                        help_exchanges::Column::DisputeReason,
                        Expr::value(reason.as_ref().map(|r| r.as_str().to_owned())),
                    ),
                _ => update.col_expr(
                    help_exchanges::Column::Status,
                    Expr::value(Status::Rejected.as_str()),
                ),
            };
            if kind == MoveKind::Resolve {
                update = update
                    .col_expr(
                        help_exchanges::Column::ResolutionNote,
                        Expr::value(reason.as_ref().map(|r| r.as_str().to_owned())),
                    )
                    .col_expr(
                        help_exchanges::Column::ResolvedBy,
                        Expr::value(Some(acc.user_id)),
                    );
            }
            if let Some(m) = minutes {
                update = update.col_expr(help_exchanges::Column::Minutes, Expr::value(m.get()));
            }
            let changed = update.exec(&txn).await?;
            if changed.rows_affected != 1 {
                return Err(ServiceError::Conflict(Msg::new(
                    "conflict-entry-changed-meanwhile-reload",
                )));
            }
        }
    }
    let action_name = match kind {
        MoveKind::Confirm => audit::AuditAction::LedgerConfirm,
        MoveKind::Adjust => audit::AuditAction::LedgerAdjust,
        MoveKind::Dispute => audit::AuditAction::LedgerDispute,
        MoveKind::Resolve => audit::AuditAction::LedgerResolve,
        MoveKind::Reverse => audit::AuditAction::LedgerReverse,
    };
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(acc.user_id),
            team_id: Some(acc.team.id),
            action: action_name,
            detail: json!({ "exchange_id": row.id, "result_id": result_id,
                "minutes_before": row.minutes, "minutes_after": minutes.map(Minutes::get),
                "reason": reason.as_ref().map(Reason::as_str),
                "decision": form.decision.trim() }),
        },
    )
    .await?;
    let names = names(&txn, [acc.user_id]).await?;
    let me = names.get(&acc.user_id).cloned().unwrap_or_default();
    let link = format!("/teams/{}/ledger/exchanges/{}", acc.team.slug, row.id);
    let text = match outcome {
        Outcome::Confirmed => Msg::new("lg-notice-confirmed")
            .arg("name", me)
            .arg("minutes", minutes.map_or(row.minutes, Minutes::get)),
        Outcome::AwaitingOther(_) => Msg::new("lg-notice-suggested")
            .arg("name", me)
            .arg("minutes", minutes.map_or(row.minutes, Minutes::get))
            .arg("before", row.minutes),
        Outcome::Disputed => Msg::new("lg-notice-disputed").arg("name", me),
        Outcome::Rejected => Msg::new("lg-notice-rejected").arg("name", me),
        Outcome::Reversed => Msg::new("lg-notice-reversed").arg("name", me),
    };
    for to in [row.helper_id, row.helped_id] {
        if to != acc.user_id {
            notify::send(&txn, to, acc.team.id, &text, link.clone(), now).await?;
        }
    }
    txn.commit().await?;
    Ok(result_id)
}
