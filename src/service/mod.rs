//! Use cases. Each public function authorizes (through `crate::access`), loads, calls the
//! pure domain, persists and audits, owning its transaction. Handlers and the CLI call these.

pub mod accounts;
pub mod actions;
pub mod api_tokens;
pub mod audit;
pub mod budgets;
pub mod calendar;
pub mod checkins;
pub mod cohorts;
pub mod comments;
pub mod home;
pub mod invitations;
pub mod ledger;
pub mod meetings;
pub mod notices;
pub mod paging;
pub mod role_maps;
pub mod series;
pub mod sessions;
pub(crate) mod sql;
pub mod teams;

use crate::domain::ids::{MeetingId, RoundId, TeamId};
use std::collections::BTreeMap;

use crate::i18n::{Lang, Msg};

use sea_orm::{ConnectionTrait, DbErr, PrimaryKeyTrait, SqlErr};

use crate::store::scoped::{MeetingScoped, RoundScoped, TeamScoped, find_owned};

/// What a use case can fail with; the web layer maps each to a status code.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Sign in first.
    #[error("sign in required")]
    Unauthenticated,
    /// Missing, or in a team the person cannot see (never revealed as 403).
    #[error("not found")]
    NotFound,
    /// The person may see this but not do that.
    #[error("forbidden")]
    Forbidden,
    /// The change conflicts with the current state (for example a duplicate).
    #[error("conflict: {0}")]
    Conflict(Msg),
    /// Input problems, by field.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// Anything else: a bug or an outage.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// `Result` with [`ServiceError`] as the default error.
pub type Result<T, E = ServiceError> = std::result::Result<T, E>;

impl From<DbErr> for ServiceError {
    fn from(error: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(_)) = error.sql_err() {
            return Self::Conflict(Msg::new("error-already-exists"));
        }
        Self::Unexpected(anyhow::Error::new(error).context("database call failed"))
    }
}

/// `Invalid` with one problem, for a use case that checks one field.
pub fn invalid(field: &str, message: impl Into<Msg>) -> ServiceError {
    let mut errors = FieldErrors::new();
    errors.add(field, message);
    ServiceError::Invalid(errors)
}

/// Row `id` of team `team_id`, or `NotFound`: another team's row answers exactly like a
/// missing one, so ids from addresses never reach across teams.
pub async fn find_in_team<E: TeamScoped>(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    id: <E::PrimaryKey as PrimaryKeyTrait>::ValueType,
) -> Result<E::Model> {
    find_owned::<E>(db, team_id, id)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Row `id` of meeting `meeting_id`, or `NotFound` (see [`find_in_team`]).
pub async fn find_in_meeting<E: MeetingScoped>(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
    id: <E::PrimaryKey as PrimaryKeyTrait>::ValueType,
) -> Result<E::Model> {
    find_owned::<E>(db, meeting_id, id)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Row `id` of budget round `round_id`, or `NotFound` (see [`find_in_team`]).
pub async fn find_in_round<E: RoundScoped>(
    db: &impl ConnectionTrait,
    round_id: RoundId,
    id: <E::PrimaryKey as PrimaryKeyTrait>::ValueType,
) -> Result<E::Model> {
    find_owned::<E>(db, round_id, id)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Problems with submitted fields, keyed by field name, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<String, Msg>);

impl FieldErrors {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// Records a problem with `field` (the first problem per field wins).
    pub fn add(&mut self, field: &str, message: impl Into<Msg>) {
        self.0
            .entry(field.to_owned())
            .or_insert_with(|| message.into());
    }
    /// `true` when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The problem recorded for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&Msg> {
        self.0.get(field)
    }
    /// The problems as sentences in `lang`, by field.
    pub fn in_language(&self, lang: Lang) -> BTreeMap<String, String> {
        self.0
            .iter()
            .map(|(field, msg)| (field.clone(), msg.render(lang)))
            .collect()
    }
    /// `Ok(())` when empty, else `Err(ServiceError::Invalid)`.
    pub fn into_result(self) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::Invalid(self))
        }
    }
}
