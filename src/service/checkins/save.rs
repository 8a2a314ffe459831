//! Writing one's check-in of the week: one row per member, team and week, so a second save in
//! the same week changes that row. The transaction starts with `INSERT … ON CONFLICT DO
//! NOTHING` on `UNIQUE(team_id, user_id, week)`: a write first, so on SQLite it takes the write
//! lock before any read, and two saves at once never both insert (the second finds the row);
//! on PostgreSQL the row is then read `FOR UPDATE`. Audited.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;
use tracing::instrument;

use super::authorize;
use super::link::{Saver, relink};
use crate::access::{Action, Principal};
use crate::domain::checkin::{Answers, check_link};
use crate::domain::ids::ActionId;
use crate::i18n::Msg;
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::checkins;

/// The check-in form as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CheckinForm {
    /// What moved.
    #[serde(default)]
    pub moved: String,
    /// What is blocking.
    #[serde(default)]
    pub blocking: String,
    /// What comes next.
    #[serde(default)]
    pub next: String,
    /// One visible improvement for the week.
    #[serde(default)]
    pub improvement: String,
    /// The action the blocker holds up, chosen from the list (empty: none).
    #[serde(default)]
    pub action: String,
    /// Or its number, typed (wins over the list when given).
    #[serde(default)]
    pub action_id: String,
}

impl CheckinForm {
    /// The form filled from a stored check-in.
    pub fn of(row: &checkins::Model) -> Self {
        Self {
            moved: row.moved.clone(),
            blocking: row.blocking.clone(),
            next: row.next_up.clone(),
            improvement: row.improvement.clone(),
            action: row
                .blocker_action_id
                .map(|a| a.to_string())
                .unwrap_or_default(),
            action_id: String::new(),
        }
    }

    /// The action chosen or typed, checked as a number.
    fn action(&self) -> Result<Option<ActionId>, (&'static str, Msg)> {
        let (field, raw) = if self.action_id.trim().is_empty() {
            ("action", self.action.trim())
        } else {
            ("action_id", self.action_id.trim().trim_start_matches('#'))
        };
        if raw.is_empty() {
            return Ok(None);
        }
        raw.parse::<ActionId>()
            .map(Some)
            .map_err(|_| (field, Msg::new("v-checkin-action-unknown")))
    }
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    /// A new check-in (not a change to this week's).
    pub created: bool,
}

/// Writes the caller's check-in of the current week (on the team's clock).
#[instrument(skip(db, form), fields(team = slug))]
pub async fn save(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &CheckinForm,
    now: OffsetDateTime,
) -> Result<Saved> {
    let acc = authorize(db, principal, slug, Action::WriteCheckin, now).await?;
    let mut errors = FieldErrors::new();
    let answers = Answers::parse([&form.moved, &form.blocking, &form.next, &form.improvement]);
    let wanted = form.action();
    if let Err((field, message)) = &wanted {
        errors.add(field, message.clone());
    }
    let answers = match answers {
        Ok(answers) => Some(answers),
        Err(problems) => {
            for (field, message) in problems {
                errors.add(field, message);
            }
            None
        }
    };
    if let (Some(answers), Ok(Some(_))) = (&answers, &wanted)
        && let Err(message) = check_link(&answers.blocking)
    {
        errors.add("blocking", message);
    }
    errors.clone().into_result()?;
    let (Some(answers), Ok(wanted)) = (answers, wanted) else {
        return Err(ServiceError::Invalid(errors));
    };
    let week = acc.current.label();
    let (team_id, user_id) = (acc.team.team.id, acc.user_id);

    let txn = db.begin().await?;
    let inserted = checkins::Entity::insert(checkins::ActiveModel {
        team_id: Set(team_id),
        user_id: Set(user_id),
        week: Set(week.clone()),
        moved: Set(String::new()),
        blocking: Set(String::new()),
        next_up: Set(String::new()),
        improvement: Set(String::new()),
        blocker_action_id: Set(None),
        prior_status: Set(None),
        prior_reason: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            checkins::Column::TeamId,
            checkins::Column::UserId,
            checkins::Column::Week,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let mut select = checkins::Entity::find()
        .filter(checkins::Column::TeamId.eq(team_id))
        .filter(checkins::Column::UserId.eq(user_id))
        .filter(checkins::Column::Week.eq(week.as_str()));
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        select = select.lock_exclusive();
    }
    let row = select.one(&txn).await?.ok_or(ServiceError::NotFound)?;
    let who = Saver {
        team_id,
        user_id,
        now,
    };
    let link = relink(&txn, who, &row, wanted, answers.blocking.as_str()).await?;
    let mut active: checkins::ActiveModel = row.into();
    active.moved = Set(answers.moved.as_str().to_owned());
    active.blocking = Set(answers.blocking.as_str().to_owned());
    active.next_up = Set(answers.next.as_str().to_owned());
    active.improvement = Set(answers.improvement.as_str().to_owned());
    active.blocker_action_id = Set(link.action);
    active.prior_status = Set(link.prior_status);
    active.prior_reason = Set(link.prior_reason);
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(user_id),
            team_id: Some(team_id),
            action: audit::AuditAction::CheckinSave,
            detail: json!({ "week": week, "created": inserted > 0, "action_id": link.action }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        created: inserted > 0,
    })
}
