//! Accepting an invitation link: as a new account (name, email, password) or as the signed-in
//! person. The use is counted with one conditional UPDATE, so a single-use link admits exactly
//! one person even when two accept at once.

use crate::domain::ids::UserId;
use crate::i18n::Msg;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::tokens::token_hash;
use crate::service::accounts::{self, NewUser};
use crate::service::{Result, ServiceError, audit};
use crate::store::entities::{invitations, memberships, teams};

/// What the invitation page shows before accepting.
#[derive(Debug, Clone, Serialize)]
pub struct InvitationPreview {
    pub team_name: String,
    /// Team address.
    pub team_slug: String,
    pub team_purpose: String,
    /// Role the link gives.
    pub role: String,
}

async fn usable(
    db: &impl ConnectionTrait,
    token: &str,
    now: OffsetDateTime,
) -> Result<(invitations::Model, teams::Model)> {
    let invitation = invitations::Entity::find()
        .filter(invitations::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
        .filter(|i| why_closed(i, now).is_none())
        .ok_or(ServiceError::NotFound)?;
    let team = teams::Entity::find_by_id(invitation.team_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((invitation, team))
}

/// The team and role behind a valid link; `NotFound` for an unknown, expired, revoked or used-up one.
pub async fn preview(db: &impl ConnectionTrait, token: &str) -> Result<InvitationPreview> {
    let (invitation, team) = usable(db, token, crate::clock::now()).await?;
    Ok(InvitationPreview {
        team_name: team.name,
        team_slug: team.slug,
        team_purpose: team.purpose,
        role: crate::access::TeamRole::from(invitation.role)
            .as_str()
            .to_owned(),
    })
}

/// Why an invitation link no longer works (the page says it in its reader's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Closed {
    /// A leader withdrew it.
    Revoked,
    /// It was used as many times as it allowed.
    UsedUp,
    /// Its days ran out.
    Expired,
}

/// Why a link that once worked no longer does, and whom to ask for a new one.
#[derive(Debug, Clone, Serialize)]
pub struct ClosedInvitation {
    pub team_name: String,
    /// Why it closed.
    pub why: Closed,
    /// The team's leaders' names, to ask for a new link.
    pub leaders: Vec<String>,
}

/// Why `invitation` can no longer be used at `now`, or `None` while it can: the one validity
/// rule.
fn why_closed(invitation: &invitations::Model, now: OffsetDateTime) -> Option<Closed> {
    if invitation.revoked_at.is_some() {
        Some(Closed::Revoked)
    } else if invitation.uses >= invitation.max_uses {
        Some(Closed::UsedUp)
    } else if invitation.expires_at <= now {
        Some(Closed::Expired)
    } else {
        None
    }
}

/// For a link that is known but no longer usable (expired, used up or revoked): why, and the
/// team's leaders to ask. `None` for a link nobody issued (or still usable). Only the link's
/// holder learns this, and they were told the team when it was sent.
pub async fn closed(
    db: &impl ConnectionTrait,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<ClosedInvitation>> {
    let Some(invitation) = invitations::Entity::find()
        .filter(invitations::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(why) = why_closed(&invitation, now) else {
        return Ok(None);
    };
    let Some(team) = teams::Entity::find_by_id(invitation.team_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let leaders = crate::service::teams::roster(db, team.id)
        .await?
        .into_iter()
        .filter(|m| m.leader)
        .map(|m| m.name)
        .collect();
    Ok(Some(ClosedInvitation {
        team_name: team.name,
        why,
        leaders,
    }))
}

/// Who accepts.
#[derive(Debug)]
pub enum Joiner<'a> {
    /// The signed-in person.
    Existing(UserId),
    /// A new account.
    New(NewUser<'a>),
}

/// A joiner whose new account, if any, is already checked and hashed.
enum Joining {
    Existing(UserId),
    New(accounts::PreparedUser),
}

/// Accepts the invitation; returns the joining user's id and the team's slug.
///
/// The link is checked on the pool first (an unknown one is `NotFound` before the form is
/// judged), a new account is checked and its password hashed outside the transaction, and the
/// transaction's first statement counts the use: a write, so on SQLite the write lock is taken
/// before anything is read and concurrent acceptances wait instead of failing.
pub async fn accept(
    db: &DatabaseConnection,
    token: &str,
    joiner: Joiner<'_>,
) -> Result<(UserId, String)> {
    usable(db, token, crate::clock::now()).await?;
    let joining = match joiner {
        Joiner::Existing(id) => Joining::Existing(id),
        Joiner::New(new) => Joining::New(
            accounts::prepare_user(NewUser {
                is_admin: false,
                ..new
            })
            .await?,
        ),
    };
    let txn = db.begin().await?;
    let now = crate::clock::now();
    // Count the use first: only a still-valid row is updated, so races admit no extra person.
    let counted = invitations::Entity::update_many()
        .col_expr(
            invitations::Column::Uses,
            Expr::col(invitations::Column::Uses).add(1),
        )
        .filter(invitations::Column::TokenHash.eq(token_hash(token)))
        .filter(Expr::col(invitations::Column::Uses).lt(Expr::col(invitations::Column::MaxUses)))
        .filter(invitations::Column::RevokedAt.is_null())
        .filter(invitations::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if counted.rows_affected != 1 {
        return Err(ServiceError::NotFound);
    }
    let invitation = invitations::Entity::find()
        .filter(invitations::Column::TokenHash.eq(token_hash(token)))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let team = teams::Entity::find_by_id(invitation.team_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (user_id, created) = match joining {
        Joining::Existing(id) => (id, false),
        Joining::New(new) => (accounts::insert_user(&txn, new).await?.id, true),
    };
    let already = crate::store::scoped::membership(&txn, team.id, user_id).await?;
    if already.is_some() {
        return Err(ServiceError::Conflict(
            Msg::new("conflict-already-member").arg("team", team.name),
        ));
    }
    memberships::ActiveModel {
        team_id: Set(team.id),
        user_id: Set(user_id),
        role: Set(invitation.role),
        joined_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(user_id),
            team_id: Some(team.id),
            action: audit::AuditAction::MemberJoin,
            detail: json!({ "invitation_id": invitation.id, "role": crate::access::TeamRole::from(invitation.role).as_str(), "new_account": created }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok((user_id, team.slug))
}
