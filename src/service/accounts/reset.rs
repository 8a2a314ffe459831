//! Password-reset links: issued by a leader or site admin for someone they may take over, single
//! use, 24 hours; using one (or changing the password) cancels every other open link.

use crate::domain::ids::UserId;
use crate::i18n::Msg;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde_json::json;
use time::Duration;

use crate::access::{Action, Principal};
use crate::auth::password;
use crate::auth::tokens::{random_token, token_hash};
use crate::service::notices::{Delivery, Letter, reads};
use crate::service::{FieldErrors, Result, ServiceError, audit, sessions, teams};
use crate::store::entities::{memberships, password_resets, users};

use super::{PasswordChange, new_password};

/// How long a reset link stays valid.
pub const RESET_VALID_HOURS: i64 = 24;

/// Marks every open reset link of the account used: a link issued before a password change
/// (or a reset) must not undo it. Returns how many were open.
pub(super) async fn cancel_reset_links(db: &impl ConnectionTrait, user_id: UserId) -> Result<u64> {
    Ok(password_resets::Entity::update_many()
        .col_expr(
            password_resets::Column::UsedAt,
            Expr::value(crate::clock::now()),
        )
        .filter(password_resets::Column::UserId.eq(user_id))
        .filter(password_resets::Column::UsedAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

/// Stores a new 24-hour reset link for `user_id`, asked for by `created_by`; returns its token
/// (only the hash is kept).
async fn insert_link(
    db: &impl ConnectionTrait,
    user_id: UserId,
    created_by: Option<UserId>,
    now: time::OffsetDateTime,
) -> Result<String> {
    let token = random_token();
    password_resets::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(token_hash(&token)),
        expires_at: Set(now + Duration::hours(RESET_VALID_HOURS)),
        used_at: Set(None),
        created_by: Set(created_by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Issues a 24-hour reset link for a member of the team (leaders and site admins).
///
/// Whoever holds the link can take over the account, so a leader may only reset someone whose
/// every team they also lead, and never a site admin; site admins may reset anyone.
///
/// When the site sends mail, the link goes to the person's own address, in the language they
/// chose (else English), and is not shown to the one who asked for it
/// ([`ResetIssued::Mailed`]); otherwise it is returned once, to pass on.
pub async fn issue_reset_link(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    user_id: UserId,
    delivery: Delivery<'_>,
    now: time::OffsetDateTime,
) -> Result<ResetIssued> {
    // The team's lock first, so this transaction never upgrades a read to a write.
    let (txn, access) = teams::begin_locked(db, principal, slug, Action::IssueResetLink).await?;
    crate::store::scoped::membership(&txn, access.team.id, user_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !principal.is_admin && !leads_every_team_of(&txn, principal, user_id).await? {
        return Err(ServiceError::Forbidden);
    }
    let token = insert_link(&txn, user_id, principal.user_id, now).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::PasswordResetIssue,
            detail: json!({ "user_id": user_id }),
        },
    )
    .await?;
    if delivery.mail {
        let person = users::Entity::find_by_id(user_id)
            .one(&txn)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let link = delivery.link(&format!("/reset/{token}"));
        let letter = Letter {
            kind: "reset",
            user_id: Some(user_id),
            to: &person.email,
            lang: reads(person.language.as_deref()),
            subject: Msg::new("mail-reset-subject"),
            body: vec![
                Msg::new("mail-hello").arg("name", person.display_name.as_str()),
                Msg::verbatim(""),
                Msg::new("mail-reset-by-leader")
                    .arg("team", access.team.name.as_str())
                    .arg("hours", RESET_VALID_HOURS),
                Msg::verbatim(link),
                Msg::verbatim(""),
                Msg::new("mail-reset-by-leader-ignore"),
            ],
        };
        crate::service::notices::queue_mail(&txn, letter, now).await?;
        txn.commit().await?;
        return Ok(ResetIssued::Mailed);
    }
    txn.commit().await?;
    Ok(ResetIssued::Link(token))
}

/// What issuing a reset link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResetIssued {
    /// The link's token, to show once and pass on (the site sends no mail).
    Link(String),
    /// The link was queued to the person's own address.
    Mailed,
}

/// `true` when the target is not a site admin and the caller leads every team the target is in.
async fn leads_every_team_of(
    db: &impl ConnectionTrait,
    principal: Principal,
    target: UserId,
) -> Result<bool> {
    let Some(caller) = principal.user_id else {
        return Ok(false);
    };
    let target_user = users::Entity::find_by_id(target)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if target_user.is_admin {
        return Ok(false);
    }
    let target_teams = memberships::Entity::find()
        .filter(memberships::Column::UserId.eq(target))
        .all(db)
        .await?;
    for membership in target_teams {
        let caller_role = crate::store::scoped::membership(db, membership.team_id, caller)
            .await?
            .map(|m| crate::access::TeamRole::from(m.role));
        if caller_role != Some(crate::access::TeamRole::Leader) {
            return Ok(false);
        }
    }
    Ok(true)
}

async fn usable_reset(db: &impl ConnectionTrait, token: &str) -> Result<password_resets::Model> {
    let now = crate::clock::now();
    password_resets::Entity::find()
        .filter(password_resets::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
        .filter(|r| r.used_at.is_none() && r.expires_at > now)
        .ok_or(ServiceError::NotFound)
}

/// Whose password a valid link resets (for the page), or `NotFound`.
pub async fn reset_target(db: &impl ConnectionTrait, token: &str) -> Result<users::Model> {
    let reset = usable_reset(db, token).await?;
    users::Entity::find_by_id(reset.user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Sets a new password through a reset link (single use), ends every session and cancels the
/// account's other open reset links.
pub async fn reset_password(
    db: &DatabaseConnection,
    token: &str,
    change: &PasswordChange,
) -> Result<users::Model> {
    usable_reset(db, token).await?;
    let mut errors = FieldErrors::new();
    let new = new_password(change, &mut errors);
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    let hash = password::hash(new).await?;
    let now = crate::clock::now();
    let txn = db.begin().await?;
    // Using the link is the first statement: a write, so SQLite's lock is taken before any
    // read, and only a still-open link is used.
    let used = password_resets::Entity::update_many()
        .col_expr(password_resets::Column::UsedAt, Expr::value(now))
        .filter(password_resets::Column::TokenHash.eq(token_hash(token)))
        .filter(password_resets::Column::UsedAt.is_null())
        .filter(password_resets::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(ServiceError::NotFound);
    }
    let reset = password_resets::Entity::find()
        .filter(password_resets::Column::TokenHash.eq(token_hash(token)))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    users::Entity::update_many()
        .col_expr(users::Column::PasswordHash, Expr::value(hash))
        .col_expr(
            users::Column::AuthEpoch,
            Expr::col(users::Column::AuthEpoch).add(1),
        )
        .filter(users::Column::Id.eq(reset.user_id))
        .exec(&txn)
        .await?;
    cancel_reset_links(&txn, reset.user_id).await?;
    sessions::end_all(&txn, reset.user_id).await?;
    let user = users::Entity::find_by_id(reset.user_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(user.id),
            team_id: None,
            action: audit::AuditAction::PasswordResetUse,
            detail: json!({ "reset_id": reset.id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(user)
}

/// A self-requested link is not sent again while an earlier one is this young and unused, so
/// the form cannot fill a mailbox.
pub const REQUEST_QUIET_MINUTES: i64 = 15;

/// "I forgot my password": when the site sends mail and an account uses `email`, queues a
/// 24-hour reset link to that address. The answer is the same whether or not the account
/// exists (only a malformed address is refused), so the form tells nobody who has an account.
pub async fn request_reset(
    db: &DatabaseConnection,
    email: &str,
    delivery: Delivery<'_>,
    now: time::OffsetDateTime,
) -> Result<()> {
    let email = crate::domain::account::Email::parse(email)
        .map_err(|message| crate::service::invalid("email", message))?;
    if !delivery.mail {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-site-does-not-send",
        )));
    }
    let txn = db.begin().await?;
    let Some(person) = users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    let recent = password_resets::Entity::find()
        .filter(password_resets::Column::UserId.eq(person.id))
        .filter(password_resets::Column::CreatedBy.eq(person.id))
        .filter(password_resets::Column::UsedAt.is_null())
        .filter(
            password_resets::Column::CreatedAt.gt(now - Duration::minutes(REQUEST_QUIET_MINUTES)),
        )
        .one(&txn)
        .await?;
    if recent.is_some() {
        return Ok(());
    }
    let token = insert_link(&txn, person.id, Some(person.id), now).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(person.id),
            team_id: None,
            action: audit::AuditAction::PasswordResetIssue,
            detail: json!({ "user_id": person.id, "requested_by_owner": true }),
        },
    )
    .await?;
    let link = delivery.link(&format!("/reset/{token}"));
    let letter = Letter {
        kind: "reset",
        user_id: Some(person.id),
        to: &person.email,
        lang: reads(person.language.as_deref()),
        subject: Msg::new("mail-reset-subject"),
        body: vec![
            Msg::new("mail-hello").arg("name", person.display_name.as_str()),
            Msg::verbatim(""),
            Msg::new("mail-reset-by-owner").arg("hours", RESET_VALID_HOURS),
            Msg::verbatim(link),
            Msg::verbatim(""),
            Msg::new("mail-reset-by-owner-ignore"),
        ],
    };
    crate::service::notices::queue_mail(&txn, letter, now).await?;
    txn.commit().await?;
    Ok(())
}
