//! The reciprocity ledger's use cases: recording and answering exchanges ([`exchanges`]), the
//! personal and team views and their CSV exports ([`views`]), help posts ([`posts`]),
//! thank-you notes ([`thanks`]), in-app notifications ([`notify`]) and the team's settings.
//!
//! Every function asks `crate::access` first (through [`access`]); the rules themselves are
//! in `crate::domain::ledger`. "Now" is an argument (the handler passes `AppState.clock`), so
//! expiries follow the clock without a scheduled job.

pub mod exchanges;
pub mod notify;
pub mod posts;
mod responses;
pub mod thanks;
pub mod views;

use crate::domain::ids::{TeamId, UserId};
use crate::i18n::{Lang, Msg};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, Set, Statement,
    TransactionTrait,
};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{self, Action, Decision, Principal, TeamRole};
use crate::domain::ledger::{UnmetDays, Visibility};
use crate::service::teams::{self, TeamAccess};
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::{help_exchanges, help_posts, ledger_settings, teams as team_rows};

/// A team the caller may act on in the ledger, with what the ledger needs to know about them.
#[derive(Debug, Clone)]
pub struct LedgerAccess {
    pub team: team_rows::Model,
    /// The caller.
    pub user_id: UserId,
    /// The caller's role (always a member or leader here).
    pub role: Option<TeamRole>,
    /// The team's ledger settings.
    pub settings: Settings,
    /// The zone the caller sees times in (their own, else the team's).
    pub zone: crate::domain::zone::Zone,
}

impl LedgerAccess {
    /// Whether the caller leads the team.
    pub fn is_leader(&self) -> bool {
        self.role == Some(TeamRole::Leader)
    }
    /// Whether the caller may see the team's aggregates (the access table and the setting).
    pub fn sees_aggregates(&self, principal: Principal) -> bool {
        access::authorize(principal, self.role, Action::ViewLedgerAggregates) == Decision::Allow
            && (self.settings.visibility == Visibility::Everyone || self.is_leader())
    }
}

/// Whom a ledger list is written for: the zone they read times in and their language.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    /// Where times are read (the person's own zone, else the team's).
    pub zone: crate::domain::zone::Zone,
    /// The language of the page.
    pub lang: Lang,
}

impl Reader {
    /// The caller of `acc` reading in `lang`.
    pub fn of(acc: &LedgerAccess, lang: Lang) -> Self {
        Self {
            zone: acc.zone,
            lang,
        }
    }

    /// A moment as this reader reads it.
    pub fn date_time(self, at: OffsetDateTime) -> String {
        crate::format::date_time_in(at, self.zone, self.lang)
    }

    /// How a person who left the team is named.
    pub fn former_member(self) -> String {
        crate::i18n::text(self.lang, "fl-former-member")
    }
}

impl From<(crate::domain::zone::Zone, Lang)> for Reader {
    fn from((zone, lang): (crate::domain::zone::Zone, Lang)) -> Self {
        Self { zone, lang }
    }
}

/// Loads the team if `principal` may perform `action` in its ledger.
pub async fn access(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    action: Action,
) -> Result<LedgerAccess> {
    let TeamAccess { team, role, zone } = teams::authorize(db, principal, slug, action).await?;
    let user_id = principal.user_id.ok_or(ServiceError::Unauthenticated)?;
    let settings = settings(db, team.id).await?;
    Ok(LedgerAccess {
        team,
        user_id,
        role,
        settings,
        zone,
    })
}

/// A team's ledger settings (defaults when the team never changed them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// Who sees aggregates.
    pub visibility: Visibility,
    /// Days after which an unanswered request is unmet.
    pub unmet_after_days: i32,
    /// The team's own term start, if set.
    #[serde(skip)]
    pub term_starts_on: Option<time::Date>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            visibility: Visibility::Everyone,
            unmet_after_days: 7,
            term_starts_on: None,
        }
    }
}

/// Reads a team's settings.
pub async fn settings(db: &impl ConnectionTrait, team_id: TeamId) -> Result<Settings> {
    Ok(ledger_settings::Entity::find_by_id(team_id)
        .one(db)
        .await?
        .map_or_else(Settings::default, |row| Settings {
            visibility: Visibility::parse(&row.aggregates).unwrap_or(Visibility::Everyone),
            unmet_after_days: row.unmet_after_days,
            term_starts_on: row.term_starts_on,
        }))
}

/// The settings form as typed.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct SettingsForm {
    /// `everyone` or `leaders`.
    #[serde(default)]
    pub aggregates: String,
    /// Days, 1 to 60.
    #[serde(default)]
    pub unmet_after_days: String,
    /// `YYYY-MM-DD` or empty.
    #[serde(default)]
    pub term_starts_on: String,
}

/// Changes who sees the aggregates, the unmet threshold and the term start (leaders; audited).
pub async fn update_settings(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &SettingsForm,
    now: OffsetDateTime,
) -> Result<()> {
    let acc = access(db, principal, slug, Action::ManageLedgerSettings).await?;
    let mut errors = FieldErrors::new();
    let visibility = Visibility::parse(&form.aggregates)
        .map_err(|e| errors.add("aggregates", e))
        .ok();
    let days = UnmetDays::parse(&form.unmet_after_days)
        .map_err(|e| errors.add("unmet_after_days", e))
        .ok();
    let term = if form.term_starts_on.trim().is_empty() {
        Some(None)
    } else {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(form.term_starts_on.trim(), &format)
            .map(Some)
            .map_err(|_| errors.add("term_starts_on", Msg::new("so-date-format")))
            .ok()
    };
    let (Some(visibility), Some(days), Some(term)) = (visibility, days, term) else {
        return Err(ServiceError::Invalid(errors));
    };
    let txn = db.begin().await?;
    ledger_settings::Entity::delete_by_id(acc.team.id)
        .exec(&txn)
        .await?;
    ledger_settings::ActiveModel {
        team_id: Set(acc.team.id),
        aggregates: Set(visibility.as_str().to_owned()),
        unmet_after_days: Set(days.get()),
        term_starts_on: Set(term),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(acc.team.id),
            action: audit::AuditAction::LedgerSettings,
            detail: json!({ "aggregates": visibility.as_str(), "unmet_after_days": days.get(),
                "term_starts_on": term.map(|d| d.to_string()) }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub use crate::service::teams::{Member, roster};

/// Display names of any people (members or former members), by id.
pub async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = UserId>,
) -> Result<std::collections::BTreeMap<UserId, String>> {
    // One query per 500 people, none for no one (the meetings' lookup).
    Ok(crate::service::meetings::names_of(db, ids)
        .await?
        .into_iter()
        .collect())
}

/// Serialises ledger writes of one team on PostgreSQL (the per-day limit is checked after the
/// insert, inside the lock). On SQLite the transaction's first write already holds the lock.
async fn lock_team(db: &impl ConnectionTrait, team_id: TeamId) -> Result<()> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(8088, $1::int)",
            [sea_orm::Value::from(team_id)],
        ))
        .await?;
    }
    Ok(())
}

use crate::service::invalid;

/// Stored entry statuses are read as `help_exchanges::EntryStatus` (an unknown value fails the
/// read); the ledger's rules speak `domain::ledger::Status`.
impl From<help_exchanges::EntryStatus> for crate::domain::ledger::Status {
    fn from(status: help_exchanges::EntryStatus) -> Self {
        use help_exchanges::EntryStatus as Stored;
        match status {
            Stored::Pending => Self::Pending,
            Stored::Confirmed => Self::Confirmed,
            Stored::Disputed => Self::Disputed,
            Stored::Rejected => Self::Rejected,
        }
    }
}

impl From<crate::domain::ledger::Status> for help_exchanges::EntryStatus {
    fn from(status: crate::domain::ledger::Status) -> Self {
        use crate::domain::ledger::Status;
        match status {
            Status::Pending => Self::Pending,
            Status::Confirmed => Self::Confirmed,
            Status::Disputed => Self::Disputed,
            Status::Rejected => Self::Rejected,
        }
    }
}

impl From<help_posts::PostKind> for crate::domain::ledger::PostKind {
    fn from(kind: help_posts::PostKind) -> Self {
        match kind {
            help_posts::PostKind::Offer => Self::Offer,
            help_posts::PostKind::Request => Self::Request,
        }
    }
}

impl From<crate::domain::ledger::PostKind> for help_posts::PostKind {
    fn from(kind: crate::domain::ledger::PostKind) -> Self {
        use crate::domain::ledger::PostKind;
        match kind {
            PostKind::Offer => Self::Offer,
            PostKind::Request => Self::Request,
        }
    }
}

/// The team's settings as the leaders' form starts from them (`ManageLedgerSettings`).
pub async fn settings_for(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
) -> Result<Settings> {
    Ok(access(db, principal, slug, Action::ManageLedgerSettings)
        .await?
        .settings)
}
