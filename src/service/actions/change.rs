//! Changing an action's status (its owner or a leader; blocked and dropped with a reason),
//! kept as history and audited, and comments by any member.

use crate::domain::ids::ActionId;
use crate::i18n::Msg;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use super::{authorize, find_in_team};
use crate::access::{Action, Principal};
use crate::domain::action::{self as rules, Status};
use crate::domain::ledger::Detail;
use crate::service::{Result, ServiceError, audit, invalid};
use crate::store::entities::{action_comments, action_history, actions};

/// The status form as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StatusForm {
    /// The new status.
    #[serde(default)]
    pub status: String,
    /// Why (needed for blocked and dropped).
    #[serde(default)]
    pub reason: String,
}

/// Moves an action to a new status.
pub async fn change_status(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: ActionId,
    form: &StatusForm,
    now: OffsetDateTime,
) -> Result<()> {
    let acc = authorize(db, principal, slug, Action::WorkOnActions).await?;
    let team_id = acc.team.team.id;
    let before = find_in_team(db, team_id, id).await?;
    if !rules::may_change_status(before.owner_id, acc.user_id, acc.is_leader()) {
        return Err(ServiceError::Forbidden);
    }
    let to = Status::parse(&form.status).map_err(|e| invalid("status", e))?;
    let reason = Detail::parse(&form.reason).map_err(|e| invalid("reason", e))?;
    let reason = if to.needs_reason() {
        reason.as_str().to_owned()
    } else {
        String::new()
    };
    let txn = db.begin().await?;
    // The row's lock first (a write), then the state it guards: two moves at once serialise.
    actions::Entity::update_many()
        .col_expr(actions::Column::Id, Expr::col(actions::Column::Id))
        .filter(actions::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let current = find_in_team(&txn, team_id, id).await?;
    let from = Status::from(current.status);
    rules::check_move(from, to, &reason).map_err(|e| {
        let field = if e == rules::MoveError::ReasonNeeded {
            "reason"
        } else {
            "status"
        };
        invalid(field, e.message())
    })?;
    let mut active: actions::ActiveModel = current.into();
    active.status = Set(to.into());
    active.reason = Set(reason.clone());
    active.updated_at = Set(now);
    active.update(&txn).await?;
    action_history::ActiveModel {
        action_id: Set(id),
        actor_id: Set(Some(acc.user_id)),
        from_status: Set(Some(from.into())),
        to_status: Set(to.into()),
        reason: Set(reason.clone()),
        occurred_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(acc.user_id),
            team_id: Some(team_id),
            action: audit::AuditAction::ActionStatus,
            detail: json!({ "action_id": id, "from": from.as_str(), "to": to.as_str(), "reason": reason }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CommentForm {
    /// What the member says.
    #[serde(default)]
    pub body: String,
}

/// Adds a comment (any member); returns its id.
pub async fn comment(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: ActionId,
    form: &CommentForm,
    now: OffsetDateTime,
) -> Result<i64> {
    let acc = authorize(db, principal, slug, Action::WorkOnActions).await?;
    find_in_team(db, acc.team.team.id, id).await?;
    let body = Detail::parse(&form.body).map_err(|e| invalid("body", e))?;
    if body.as_str().is_empty() {
        return Err(invalid("body", Msg::new("so-write-comment")));
    }
    let row = action_comments::ActiveModel {
        action_id: Set(id),
        author_id: Set(Some(acc.user_id)),
        body: Set(body.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}
