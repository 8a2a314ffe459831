//! Saving the round form: creating a round with its ballot secret, and editing one without
//! changing what voters relied on (see `form.rs`'s module doc); both audited with a summary of
//! the settings.

use crate::domain::ids::RoundId;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::auth::tokens::random_token;
use crate::domain::budget::{BallotType, BudgetRule};
use crate::i18n::Msg;
use crate::service::{FieldErrors, Result, ServiceError, audit, teams};
use crate::store::entities::{budget_ballots, budget_rounds};

use super::form::{RoundCommand, RoundForm};
use super::{begin_locked, privacy};

/// What the audit log keeps of a round's settings.
fn summary(round_id: RoundId, c: &RoundCommand) -> serde_json::Value {
    json!({
        "round_id": round_id,
        "title": c.title.as_str(),
        "amount": c.amount,
        "currency": c.currency,
        "windows": c.windows,
        "ballot_type": c.ballot_type.as_str(),
        "ballot_max": c.ballot_max,
        "rule": c.rule.as_str(),
        "privacy": c.privacy.as_str(),
    })
}

/// Creates a round (leaders); returns its id.
pub async fn create(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &RoundForm,
    now: OffsetDateTime,
) -> Result<RoundId> {
    let (txn, access) = teams::begin_locked(db, principal, slug, Action::ManageBudgets).await?;
    let c = form.parse(access.zone)?;
    let round = budget_rounds::ActiveModel {
        team_id: Set(access.team.id),
        title: Set(c.title.as_str().to_owned()),
        purpose: Set(c.purpose.as_str().to_owned()),
        amount: Set(c.amount),
        currency: Set(c.currency.clone()),
        ideas_open_at: Set(c.windows.ideas_open),
        review_at: Set(c.windows.review),
        voting_open_at: Set(c.windows.voting_open),
        voting_close_at: Set(c.windows.voting_close),
        ballot_type: Set(c.ballot_type.into()),
        ballot_max: Set(c.ballot_max),
        rule: Set(c.rule.into()),
        privacy: Set(c.privacy.into()),
        ballot_secret: Set(Some(random_token())),
        imported: Set(false),
        phase_seen: Set(budget_rounds::PhaseSeen::Upcoming),
        created_by: Set(principal.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let detail = summary(round.id, &c);
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::BudgetCreate,
            detail,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(round.id)
}

/// Edits a round (leaders), keeping what voters relied on (see the module doc).
pub async fn update(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    form: &RoundForm,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) = begin_locked(db, principal, slug, round_id, Action::ManageBudgets).await?;
    let c = form.parse(access.zone)?;
    let old = &access.round;
    let mut e = FieldErrors::new();
    if now >= old.voting_close_at || old.imported {
        e.add("round", Msg::new("sm-round-closed"));
        return Err(ServiceError::Invalid(e));
    }
    let ballots = budget_ballots::Entity::find()
        .filter(budget_ballots::Column::RoundId.eq(round_id))
        .count(&txn)
        .await?;
    if ballots > 0 {
        let frozen = Msg::new("sm-round-frozen");
        if c.ballot_type != BallotType::from(old.ballot_type) {
            e.add("ballot_type", frozen.clone());
        }
        if c.ballot_max != old.ballot_max {
            e.add("ballot_max", frozen.clone());
        }
        if c.rule != BudgetRule::from(old.rule) {
            e.add("rule", frozen.clone());
        }
        if c.privacy != privacy(old) {
            e.add("privacy", frozen.clone());
        }
        if c.amount != old.amount {
            e.add("amount", frozen.clone());
        }
        if c.windows.voting_open != old.voting_open_at {
            e.add("voting_open", frozen);
        }
        if c.windows.voting_close < old.voting_close_at {
            e.add("voting_close", Msg::new("sm-voting-close-shortened"));
        }
    }
    // Phases that have passed stay passed: moving them would reopen or skip a phase.
    let passed = |old_at: OffsetDateTime, new_at: OffsetDateTime| old_at <= now && new_at != old_at;
    if passed(old.ideas_open_at, c.windows.ideas_open) {
        e.add("ideas_open", Msg::new("sm-ideas-start-stays"));
    }
    if passed(old.review_at, c.windows.review) {
        e.add("review_at", Msg::new("sm-review-start-stays"));
    }
    if passed(old.voting_open_at, c.windows.voting_open) {
        e.add("voting_open", Msg::new("sm-voting-start-stays"));
    }
    if c.windows.voting_close <= now {
        e.add("voting_close", Msg::new("sm-close-in-future"));
    }
    e.into_result()?;
    let team_id = old.team_id;
    let mut active: budget_rounds::ActiveModel = access.round.into();
    active.title = Set(c.title.as_str().to_owned());
    active.purpose = Set(c.purpose.as_str().to_owned());
    active.amount = Set(c.amount);
    active.currency = Set(c.currency.clone());
    active.ideas_open_at = Set(c.windows.ideas_open);
    active.review_at = Set(c.windows.review);
    active.voting_open_at = Set(c.windows.voting_open);
    active.voting_close_at = Set(c.windows.voting_close);
    active.ballot_type = Set(c.ballot_type.into());
    active.ballot_max = Set(c.ballot_max);
    active.rule = Set(c.rule.into());
    active.privacy = Set(c.privacy.into());
    active.updated_at = Set(now);
    active.update(&txn).await?;
    let detail = summary(round_id, &c);
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(team_id),
            action: audit::AuditAction::BudgetUpdate,
            detail,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
