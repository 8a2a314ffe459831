//! Leaders review ideas until voting opens: feasible, or infeasible with a reason everyone
//! sees, and optionally a cost adjusted with a reason (the author's cost is kept as the
//! original and shown beside it). Every decision is audited.

use crate::domain::ids::{IdeaId, RoundId};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::budget::{BudgetPhase, parse_money};
use crate::domain::meeting::Reason;
use crate::i18n::Msg;
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::budget_ideas::{self, IdeaStatus};

use super::begin_locked;
use super::ideas::find;

/// A leader's review decision as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReviewForm {
    /// `feasible` or `infeasible`.
    #[serde(default)]
    pub decision: String,
    /// Why it is infeasible (required then).
    #[serde(default)]
    pub reason: String,
    /// A new cost (optional; needs `cost_reason`).
    #[serde(default)]
    pub cost: String,
    /// Why the cost changed.
    #[serde(default)]
    pub cost_reason: String,
}

/// Reviews an idea (leaders, before voting opens): feasible or infeasible with a reason, and
/// optionally a cost adjusted with a reason (the author's cost is kept as the original).
pub async fn review(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    idea_id: IdeaId,
    form: &ReviewForm,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) = begin_locked(db, principal, slug, round_id, Action::ManageBudgets).await?;
    let idea = find(&txn, round_id, idea_id).await?;
    let mut e = FieldErrors::new();
    if access.phase(now) >= BudgetPhase::Voting {
        e.add("review", Msg::new("sm-review-voting-opened"));
        return Err(ServiceError::Invalid(e));
    }
    if idea.status == IdeaStatus::Withdrawn {
        e.add("review", Msg::new("sm-review-withdrawn"));
        return Err(ServiceError::Invalid(e));
    }
    let status = match form.decision.trim() {
        "feasible" => Some(IdeaStatus::Feasible),
        "infeasible" => Some(IdeaStatus::Infeasible),
        _ => {
            e.add("decision", Msg::new("sm-choose-feasibility"));
            None
        }
    };
    let reason = if status == Some(IdeaStatus::Infeasible) {
        Reason::parse(&form.reason)
            .map(|r| Some(r.as_str().to_owned()))
            .map_err(|m| e.add("reason", Msg::new("sm-infeasible-reason").arg("problem", m)))
            .ok()
            .flatten()
    } else {
        None
    };
    let new_cost = if form.cost.trim().is_empty() {
        None
    } else {
        match parse_money(&form.cost) {
            Ok(c) if c > access.round.amount => {
                e.add("cost", Msg::new("sm-idea-over-budget"));
                None
            }
            Ok(c) if c != idea.cost => Some(c),
            Ok(_) => None,
            Err(m) => {
                e.add("cost", m);
                None
            }
        }
    };
    let cost_reason = match new_cost {
        Some(_) => Reason::parse(&form.cost_reason)
            .map(|r| r.as_str().to_owned())
            .map_err(|m| e.add("cost_reason", Msg::new("sm-cost-reason").arg("problem", m)))
            .ok(),
        None => None,
    };
    e.into_result()?;
    let Some(status) = status else {
        return Err(ServiceError::Invalid(FieldErrors::new()));
    };
    let team_id = access.round.team_id;
    let before_cost = idea.cost;
    let original = idea.original_cost;
    let mut active: budget_ideas::ActiveModel = idea.into();
    active.status = Set(status);
    active.status_reason = Set(reason.clone());
    if let Some(cost) = new_cost {
        active.original_cost = Set(Some(original.unwrap_or(before_cost)));
        active.cost = Set(cost);
        active.cost_reason = Set(cost_reason.clone());
    }
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(team_id),
            action: audit::AuditAction::BudgetReview,
            detail: json!({
                "round_id": round_id,
                "idea_id": idea_id,
                "decision": form.decision.trim(),
                "reason": reason,
                "cost_before": before_cost,
                "cost_after": new_cost,
                "cost_reason": cost_reason,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
