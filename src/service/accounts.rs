//! Accounts: creating people (the first site admin from the CLI) and looking them up.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use time::OffsetDateTime;

use crate::auth::password;
use crate::domain::account::{DisplayName, Email, Password};
use crate::service::{FieldErrors, Result, ServiceError};
use crate::store::entities::users;

/// `true` once at least one site administrator exists.
pub async fn admin_exists(db: &impl ConnectionTrait) -> Result<bool, sea_orm::DbErr> {
    let count = users::Entity::find()
        .filter(users::Column::IsAdmin.eq(true))
        .count(db)
        .await?;
    Ok(count > 0)
}

/// A request to create an account, as typed (parsed by [`create_user`]).
#[derive(Debug)]
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

/// Creates an account; used by `roundtable user create`.
pub async fn create_user(db: &impl ConnectionTrait, new: NewUser<'_>) -> Result<users::Model> {
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
    let hash = password::hash(password).await?;
    let user = users::ActiveModel {
        email: Set(email.as_str().to_owned()),
        display_name: Set(name.as_str().to_owned()),
        password_hash: Set(hash),
        is_admin: Set(new.is_admin),
        auth_epoch: Set(0),
        created_at: Set(OffsetDateTime::now_utc()),
        ..Default::default()
    };
    user.insert(db)
        .await
        .map_err(|e| match ServiceError::from(e) {
            ServiceError::Conflict(_) => ServiceError::Conflict(format!(
                "an account with the email {} already exists",
                email.as_str()
            )),
            other => other,
        })
}
