//! Accounts: creating people, signing in, changing and resetting passwords, ending sessions.
//! A sign-in failure says the same thing and costs the same time whether or not the email
//! belongs to an account. Reset links are `accounts/reset.rs`, re-exported here.

use crate::domain::ids::UserId;
use crate::i18n::Msg;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;

use crate::access::{Action, Principal};
use crate::auth::password;
use crate::domain::account::{DisplayName, Email, Password};
use crate::domain::text::{Lines, check_controls};
use crate::domain::zone::Zone;
use crate::i18n::Lang;
use crate::service::{FieldErrors, Result, ServiceError, audit, invalid, sessions, teams};
use crate::store::entities::users;

mod reset;

use reset::cancel_reset_links;
pub use reset::{
    REQUEST_QUIET_MINUTES, RESET_VALID_HOURS, ResetIssued, issue_reset_link, request_reset,
    reset_password, reset_target,
};

/// The one message for every failed sign-in.
pub fn login_failed() -> Msg {
    Msg::new("so-login-failed")
}

/// `true` once at least one site administrator exists.
pub async fn admin_exists(db: &impl ConnectionTrait) -> Result<bool, sea_orm::DbErr> {
    let count = users::Entity::find()
        .filter(users::Column::IsAdmin.eq(true))
        .count(db)
        .await?;
    Ok(count > 0)
}

/// A request to create an account, as typed.
#[derive(Debug, Clone, Copy)]
pub struct NewUser<'a> {
    /// Email address (unique, case-insensitive).
    pub email: &'a str,
    /// Name shown to the team.
    pub display_name: &'a str,
    /// The chosen password.
    pub password: &'a str,
    /// Site administrator?
    pub is_admin: bool,
}

/// An account checked and with its password hashed, ready to insert: the slow hashing happens
/// before any transaction, so no write lock is held while it runs.
#[derive(Debug)]
pub struct PreparedUser {
    email: Email,
    name: DisplayName,
    hash: String,
    is_admin: bool,
}

/// Parses the fields and hashes the password; `Invalid` names every bad field.
pub async fn prepare_user(new: NewUser<'_>) -> Result<PreparedUser> {
    let mut errors = FieldErrors::new();
    let email = Email::parse(new.email)
        .map_err(|e| errors.add("email", e))
        .ok();
    let name = DisplayName::parse(new.display_name)
        .map_err(|e| errors.add("display_name", e))
        .ok();
    let password = Password::parse(new.password)
        .map_err(|e| errors.add("password", e))
        .ok();
    let (Some(email), Some(name), Some(password)) = (email, name, password) else {
        return Err(ServiceError::Invalid(errors));
    };
    Ok(PreparedUser {
        email,
        name,
        hash: password::hash(password).await?,
        is_admin: new.is_admin,
    })
}

impl PreparedUser {
    /// Another account with the same password, without hashing again: for `roundtable dev
    /// seed`, which creates thousands of made-up members sharing one password (the hash, salt
    /// included, is shared; never do this for real people).
    pub fn same_password_for(&self, email: &str, display_name: &str) -> Result<PreparedUser> {
        let mut errors = FieldErrors::new();
        let email = Email::parse(email).map_err(|e| errors.add("email", e)).ok();
        let name = DisplayName::parse(display_name)
            .map_err(|e| errors.add("display_name", e))
            .ok();
        let (Some(email), Some(name)) = (email, name) else {
            return Err(ServiceError::Invalid(errors));
        };
        Ok(PreparedUser {
            email,
            name,
            hash: self.hash.clone(),
            is_admin: false,
        })
    }
}

/// Creates an account (the CLI's `user create`, or accepting an invitation).
pub async fn create_user(db: &impl ConnectionTrait, new: NewUser<'_>) -> Result<users::Model> {
    insert_user(db, prepare_user(new).await?).await
}

/// Inserts a prepared account; a taken email is a field error.
pub async fn insert_user(db: &impl ConnectionTrait, new: PreparedUser) -> Result<users::Model> {
    let user = users::ActiveModel {
        email: Set(new.email.as_str().to_owned()),
        display_name: Set(new.name.as_str().to_owned()),
        password_hash: Set(new.hash),
        is_admin: Set(new.is_admin),
        auth_epoch: Set(0),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    };
    user.insert(db)
        .await
        .map_err(|e| match ServiceError::from(e) {
            ServiceError::Conflict(_) => {
                let mut errors = FieldErrors::new();
                errors.add("email", Msg::new("so-email-has-account"));
                ServiceError::Invalid(errors)
            }
            other => other,
        })
}

/// Problems with the sign-in form that must be answered before looking anything up: control
/// characters (NUL cannot even be sent to PostgreSQL) in the email.
pub fn login_form_problems(email: &str) -> Option<FieldErrors> {
    let problem = check_controls(email.trim(), Lines::One).err()?;
    let mut errors = FieldErrors::new();
    errors.add("email", problem);
    Some(errors)
}

/// Checks an email and password; `Invalid` with [`login_failed`] on any mismatch.
pub async fn login(
    db: &impl ConnectionTrait,
    email: &str,
    password_text: &str,
) -> Result<users::Model> {
    let normalized = email.trim().to_lowercase();
    let user = users::Entity::find()
        .filter(users::Column::Email.eq(normalized))
        .one(db)
        .await?;
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let matches = password::verify(password_text.to_owned(), stored).await?;
    match user {
        Some(user) if matches => Ok(user),
        _ => {
            let mut errors = FieldErrors::new();
            errors.add("email", login_failed());
            Err(ServiceError::Invalid(errors))
        }
    }
}

/// Ends every session of the user (including the current one) by bumping the auth epoch.
pub async fn bump_epoch(db: &impl ConnectionTrait, user_id: UserId) -> Result<i64> {
    users::Entity::update_many()
        .col_expr(
            users::Column::AuthEpoch,
            Expr::col(users::Column::AuthEpoch).add(1),
        )
        .filter(users::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    let user = users::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(user.auth_epoch)
}

/// The change-password form as typed.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct PasswordChange {
    /// Current password.
    #[serde(default)]
    pub current: String,
    /// New password.
    #[serde(default)]
    pub new: String,
    /// New password again.
    #[serde(default)]
    pub confirm: String,
}

fn new_password(change: &PasswordChange, errors: &mut FieldErrors) -> Option<Password> {
    let parsed = Password::parse(&change.new)
        .map_err(|e| errors.add("new", e))
        .ok();
    if change.new != change.confirm {
        errors.add("confirm", Msg::new("so-passwords-differ"));
    }
    parsed
}

/// Changes the password, ends every session (the handler starts a new one for this browser)
/// and cancels the account's open reset links; returns the new auth epoch.
pub async fn change_password(
    db: &DatabaseConnection,
    principal: Principal,
    change: &PasswordChange,
) -> Result<i64> {
    let user_id = own_account(principal)?;
    let user = users::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut errors = FieldErrors::new();
    if !password::verify(change.current.clone(), Some(user.password_hash.clone())).await? {
        errors.add("current", Msg::new("so-not-current-password"));
    }
    let new = new_password(change, &mut errors);
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    let hash = password::hash(new).await?;
    let txn = db.begin().await?;
    // The write comes first (the lock on SQLite) and only applies to the password just
    // checked, so two changes at once cannot both win.
    let changed = users::Entity::update_many()
        .col_expr(users::Column::PasswordHash, Expr::value(hash))
        .col_expr(
            users::Column::AuthEpoch,
            Expr::col(users::Column::AuthEpoch).add(1),
        )
        .filter(users::Column::Id.eq(user_id))
        .filter(users::Column::PasswordHash.eq(user.password_hash))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-password-was-changed-meanwhile",
        )));
    }
    let cancelled = cancel_reset_links(&txn, user_id).await?;
    sessions::end_all(&txn, user_id).await?;
    let epoch = users::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?
        .auth_epoch;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(user_id),
            team_id: None,
            action: audit::AuditAction::AccountPasswordChange,
            detail: json!({ "reset_links_cancelled": cancelled }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(epoch)
}

/// The caller's own account, if the access rules let them manage it.
fn own_account(principal: Principal) -> Result<UserId> {
    teams::check(crate::access::authorize(
        principal,
        None,
        Action::ManageOwnAccount,
    ))?;
    principal.user_id.ok_or(ServiceError::Unauthenticated)
}

/// Stores one of a person's own choices (`None` clears it).
async fn set_own_choice(
    db: &impl ConnectionTrait,
    user_id: UserId,
    column: users::Column,
    value: Option<&str>,
) -> Result<()> {
    users::Entity::update_many()
        .col_expr(column, Expr::value(value.map(str::to_owned)))
        .filter(users::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets (or, with an empty choice, clears) the caller's own time zone; returns it.
pub async fn set_time_zone(
    db: &impl ConnectionTrait,
    principal: Principal,
    raw: &str,
) -> Result<Option<Zone>> {
    let user_id = own_account(principal)?;
    let zone = match raw.trim() {
        "" => None,
        name => Some(Zone::parse(name).map_err(|message| invalid("time_zone", message))?),
    };
    set_own_choice(db, user_id, users::Column::TimeZone, zone.map(Zone::name)).await?;
    Ok(zone)
}

/// Sets (or, with an empty choice, clears) the caller's language; returns it.
pub async fn set_language(
    db: &impl ConnectionTrait,
    principal: Principal,
    raw: &str,
) -> Result<Option<Lang>> {
    let user_id = own_account(principal)?;
    let lang = match raw.trim() {
        "" => None,
        code => Some(
            Lang::parse(code).ok_or_else(|| invalid("language", Msg::new("so-choose-language")))?,
        ),
    };
    set_own_choice(db, user_id, users::Column::Language, lang.map(Lang::code)).await?;
    Ok(lang)
}
