//! Who is away: a member marks themselves away from one date until another (inclusive), or a
//! leader marks any member; the rota skips them on those dates. Removing the dates works the
//! same way. Audited.

use sea_orm::{ActiveModelTrait, DatabaseConnection, ModelTrait, Set};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::{Date, OffsetDateTime};

use crate::access::{Action, Principal, TeamRole};
use crate::domain::ids::UserId;
use crate::i18n::Msg;
use crate::service::teams::{self, member_ids};
use crate::service::{FieldErrors, Result, ServiceError, audit, find_in_team};
use crate::store::entities::member_away;

/// Longest absence one entry may cover.
const MAX_DAYS: i64 = 366;

/// The away form.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AwayForm {
    /// Who (empty: oneself; another member: leaders only).
    #[serde(default)]
    pub user_id: String,
    /// First day away (`YYYY-MM-DD`).
    #[serde(default)]
    pub away_from: String,
    /// Last day away.
    #[serde(default)]
    pub away_until: String,
}

fn day(raw: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(raw.trim(), &format).ok()
}

/// Marks a member away (themselves, or any member by a leader).
pub async fn mark_away(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &AwayForm,
    now: OffsetDateTime,
) -> Result<()> {
    let me = super::caller(principal)?;
    let (txn, access) = teams::begin_locked(db, principal, slug, Action::MarkAway).await?;
    let mut errors = FieldErrors::new();
    let who = match form.user_id.trim() {
        "" => Some(me),
        raw => raw.parse::<UserId>().ok(),
    };
    let leader = access.role == Some(TeamRole::Leader);
    let members = member_ids(&txn, access.team.id).await?;
    let who = match who {
        Some(id) if id != me && !leader => return Err(ServiceError::Forbidden),
        Some(id) if members.contains(&id) => Some(id),
        _ => {
            errors.add("user_id", Msg::new("sm-choose-member"));
            None
        }
    };
    let from = day(&form.away_from);
    if from.is_none() {
        errors.add("away_from", Msg::new("rh-v-date"));
    }
    let until = day(&form.away_until);
    if until.is_none() {
        errors.add("away_until", Msg::new("rh-v-date"));
    }
    if let (Some(f), Some(u)) = (from, until)
        && (u < f || (u - f).whole_days() > MAX_DAYS)
    {
        errors.add("away_until", Msg::new("rh-v-away-range"));
    }
    errors.into_result()?;
    let (Some(who), Some(from), Some(until)) = (who, from, until) else {
        return Err(ServiceError::Invalid(FieldErrors::new()));
    };
    let row = member_away::ActiveModel {
        team_id: Set(access.team.id),
        user_id: Set(who),
        away_from: Set(from),
        away_until: Set(until),
        created_by: Set(Some(me)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(me),
            team_id: Some(access.team.id),
            action: audit::AuditAction::MemberAway,
            detail: json!({ "away_id": row.id, "user_id": who, "from": from.to_string(), "until": until.to_string() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes away dates (the member's own, or any by a leader).
pub async fn remove_away(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: i64,
) -> Result<()> {
    let me = super::caller(principal)?;
    let (txn, access) = teams::begin_locked(db, principal, slug, Action::MarkAway).await?;
    let row = find_in_team::<member_away::Entity>(&txn, access.team.id, id).await?;
    if row.user_id != me && access.role != Some(TeamRole::Leader) {
        return Err(ServiceError::Forbidden);
    }
    let detail = json!({ "away_id": row.id, "user_id": row.user_id });
    row.delete(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(me),
            team_id: Some(access.team.id),
            action: audit::AuditAction::MemberAwayRemove,
            detail,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
