//! `GET /api/v1/me`: who the token acts as, and what the token may do; `PATCH /api/v1/me`:
//! one's own time zone, language and notification channels, through the services of the
//! account page's forms (`/account/time-zone`, `/account/language`, `/account/notifications`).

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, web};
use sea_orm::TransactionTrait;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::service::notices::prefs;
use crate::service::{FieldErrors, ServiceError, accounts, api_tokens};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ErrorBody, TokenErrors};
use crate::web::api::json_with_etag;

/// The token's owner.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// The person's id.
    pub id: i64,
    /// Name shown to teammates.
    pub display_name: String,
    /// Sign-in address.
    pub email: String,
    /// Whether the person administers this site.
    pub is_admin: bool,
    /// Their own IANA time zone, if they chose one.
    pub time_zone: Option<String>,
    /// Their chosen language code, if any.
    pub language: Option<String>,
    /// The channel in force for each kind of notification they choose for.
    pub notifications: NotificationChoices,
    /// The token this request used.
    pub token: TokenInfo,
}

/// The token a request used.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenInfo {
    /// `read` (GET only) or `read_write`.
    #[schema(example = "read")]
    pub scope: String,
}

/// Who the token acts as.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "account",
    responses(
        (status = 200, description = "The token's owner", body = Me,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        TokenErrors,
    ),
    security(("bearer" = []))
)]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
) -> Result<HttpResponse, ApiError> {
    json_with_etag(&req, &me(&state, &caller).await?)
}

async fn me(state: &AppState, caller: &ApiCaller) -> Result<Me, ApiError> {
    let db = &state.db.conn;
    let user = api_tokens::owner(db, caller.principal).await?;
    let chosen: BTreeMap<&str, &str> = prefs::list(db, user.id, caller.lang)
        .await?
        .into_iter()
        .map(|row| (row.kind, row.channel))
        .collect();
    Ok(Me {
        notifications: NotificationChoices::from_map(&chosen)?,
        id: user.id.0,
        display_name: user.display_name,
        email: user.email,
        is_admin: user.is_admin,
        time_zone: user.time_zone,
        language: user.language,
        token: TokenInfo {
            scope: api_tokens::scope_name(caller.scope).to_owned(),
        },
    })
}

/// A language the site speaks (`""`: none chosen, the `Accept-Language` of each request).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
pub enum LanguageCode {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "fr")]
    Fr,
    #[serde(rename = "")]
    Browser,
}

/// How a person hears about one kind of notification.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationChannel {
    /// In the app and by email (when the site sends mail).
    Email,
    /// In the app only.
    InApp,
    /// Not at all.
    Off,
}

/// A channel per kind of notification (the account page's choices); in a change, the kinds
/// left out stay as they are.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationChoices {
    /// A meeting takes agenda proposals, or a budget round takes ideas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposals_open: Option<NotificationChannel>,
    /// Voting has opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voting_open: Option<NotificationChannel>,
    /// Voting closes soon and one has not voted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voting_reminder: Option<NotificationChannel>,
    /// A meeting's agreed agenda was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_published: Option<NotificationChannel>,
    /// An action was assigned to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_assigned: Option<NotificationChannel>,
    /// An action one owns is past its due day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_overdue: Option<NotificationChannel>,
    /// The weekly digest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<NotificationChannel>,
}

fn encoding(error: serde_json::Error) -> ApiError {
    ApiError::Web(
        anyhow::Error::new(error)
            .context("notification choices")
            .into(),
    )
}

impl NotificationChoices {
    /// The choices of the account page's list (`kind → channel`).
    fn from_map(chosen: &BTreeMap<&str, &str>) -> Result<Self, ApiError> {
        serde_json::to_value(chosen)
            .and_then(serde_json::from_value)
            .map_err(encoding)
    }

    /// The kinds named, as the preferences service takes them (`kind → channel`).
    fn to_map(&self) -> Result<BTreeMap<String, String>, ApiError> {
        serde_json::to_value(self)
            .and_then(serde_json::from_value)
            .map_err(encoding)
    }
}

/// Changes to one's own settings; fields left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeChange {
    /// An IANA time zone name; `""` goes back to each team's own zone.
    #[schema(example = "Europe/Paris", max_length = 64)]
    pub time_zone: Option<String>,
    /// A language code; `""` goes back to each request's `Accept-Language`.
    #[schema(value_type = Option<LanguageCode>, example = "fr")]
    pub language: Option<String>,
    /// A channel per kind of notification; kinds left out stay as they are.
    pub notifications: Option<NotificationChoices>,
}

/// Keeps a refusal of one of the settings (its fields, under `prefix`) to answer them all
/// together; any other failure ends the request.
fn refused<T>(
    result: Result<T, ServiceError>,
    names: &[String],
    prefix: &str,
    errors: &mut FieldErrors,
) -> Result<(), ApiError> {
    match result {
        Ok(_) => Ok(()),
        Err(ServiceError::Invalid(fields)) => {
            for name in names {
                if let Some(message) = fields.get(name) {
                    errors.add(&format!("{prefix}{name}"), message.clone());
                }
            }
            Ok(())
        }
        Err(other) => Err(other.into()),
    }
}

/// Changes one's own time zone, language and notification channels, as the account page's
/// forms do; all or nothing (a refused field saves none of them).
#[utoipa::path(
    patch,
    path = "/api/v1/me",
    tag = "account",
    request_body = MeChange,
    responses(
        (status = 200, description = "Saved; the token's owner as now", body = Me),
        TokenErrors,
        (status = 400, description = "A body that is not this JSON (an unknown field or channel)", body = ErrorBody),
        (status = 403, description = "A read token", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "An unknown time zone or language (`fields.time_zone`, `fields.language`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn update(
    state: web::Data<AppState>,
    caller: ApiCaller,
    body: web::Json<MeChange>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let user_id = caller.principal.user_id.ok_or(ApiError::InvalidToken)?;
    let mut errors = FieldErrors::new();
    let txn = state.db.conn.begin().await?;
    if let Some(zone) = &body.time_zone {
        let result = accounts::set_time_zone(&txn, caller.principal, zone).await;
        refused(result, &["time_zone".to_owned()], "", &mut errors)?;
    }
    if let Some(language) = &body.language {
        let result = accounts::set_language(&txn, caller.principal, language).await;
        refused(result, &["language".to_owned()], "", &mut errors)?;
    }
    if let Some(choices) = &body.notifications {
        let changes = choices.to_map()?;
        let names: Vec<String> = changes.keys().cloned().collect();
        let result = prefs::save_some(&txn, user_id, &changes).await;
        refused(result, &names, "notifications.", &mut errors)?;
    }
    // A refusal rolls back (the transaction is dropped uncommitted).
    errors.into_result()?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(me(&state, &caller).await?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::notice::Kind;
    use crate::i18n::Lang;

    #[test]
    fn the_choices_name_exactly_the_kinds_a_person_chooses_for() {
        let all: BTreeMap<&str, &str> = Kind::choosable_kinds()
            .map(|k| (k.as_str(), "off"))
            .collect();
        let choices = NotificationChoices::from_map(&all).unwrap();
        let back = choices.to_map().unwrap();
        assert_eq!(back.len(), all.len());
        assert!(
            back.iter()
                .all(|(k, v)| all.get(k.as_str()) == Some(&v.as_str()))
        );
    }

    #[test]
    fn the_language_codes_are_the_sites() {
        for lang in Lang::ALL {
            let code: LanguageCode =
                serde_json::from_value(serde_json::json!(lang.code())).unwrap();
            assert_eq!(serde_json::to_value(code).unwrap(), lang.code());
        }
        let variants = [LanguageCode::En, LanguageCode::Fr, LanguageCode::Browser];
        assert_eq!(variants.len(), Lang::ALL.len() + 1);
        for code in variants {
            let text = serde_json::to_value(code).unwrap();
            let text = text.as_str().unwrap();
            assert!(text.is_empty() || Lang::parse(text).is_some(), "{text}");
        }
    }
}
