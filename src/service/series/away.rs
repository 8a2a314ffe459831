//! Who is away: a member marks themselves away from one date until another (inclusive), or a
//! leader marks any member; the rota skips them on those dates. Removing the dates works the
//! same way. Audited.
//!
//! Marking someone away also re-plans the occurrences already created on those dates (of every
//! series of the team, not started, not cancelled): each role they hold there goes to the next
//! in line by the rota's rules (`domain::rota::replacement`) among those not away, recorded as
//! a change with the reason `away`. Removing the dates gives such a role back to them where
//! the replacement still holds it and they hold no other role there (reason `back`). Other
//! roles, and swaps people made, are left as they are.

use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ModelTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::{Date, OffsetDateTime};

use crate::access::{Action, Principal, TeamRole};
use crate::domain::ids::{TeamId, UserId};
use crate::domain::rota::{Role, replacement};
use crate::i18n::Msg;
use crate::service::teams::{self, member_ids, roster};
use crate::service::{FieldErrors, Result, ServiceError, audit, find_in_team};
use crate::store::entities::{
    meeting_series, meetings, member_away, series_occurrences, series_swaps,
};

use super::rota::{ChangeReason, RoleChange, away_on, change_role, history, holder_of, holders};

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
    mark_away_returning(db, principal, slug, form, now)
        .await
        .map(|_| ())
}

/// [`mark_away`], returning the new entry's id.
pub async fn mark_away_returning(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &AwayForm,
    now: OffsetDateTime,
) -> Result<i64> {
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
    let mut members = Members::of(access.team.id);
    for occurrence in affected(&txn, access.team.id, from, until, now).await? {
        replan(&txn, &occurrence, &mut members, Some(who), Some(me), now).await?;
    }
    txn.commit().await?;
    Ok(row.id)
}

/// Removes away dates (the member's own, or any by a leader).
pub async fn remove_away(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: i64,
    now: OffsetDateTime,
) -> Result<()> {
    let me = super::caller(principal)?;
    let (txn, access) = teams::begin_locked(db, principal, slug, Action::MarkAway).await?;
    let row = find_in_team::<member_away::Entity>(&txn, access.team.id, id).await?;
    if row.user_id != me && access.role != Some(TeamRole::Leader) {
        return Err(ServiceError::Forbidden);
    }
    let detail = json!({ "away_id": row.id, "user_id": row.user_id });
    let (who, from, until) = (row.user_id, row.away_from, row.away_until);
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
    for occurrence in affected(&txn, access.team.id, from, until, now).await? {
        give_back(&txn, &occurrence, who, Some(me), now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Most occurrences one change of away dates re-plans (a year of weekly meetings of a few
/// series; only the next few of each exist).
const AFFECTED: u64 = 200;

/// The team's occurrences from `from` to `until` (inclusive) that have not started and are not
/// cancelled, with their meetings, by date; each series' lock taken (after the team's).
async fn affected(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    from: Date,
    until: Date,
    now: OffsetDateTime,
) -> Result<Vec<(series_occurrences::Model, meetings::Model)>> {
    let of_team = Query::select()
        .column(meeting_series::Column::Id)
        .from(meeting_series::Entity)
        .and_where(meeting_series::Column::TeamId.eq(team_id))
        .to_owned();
    let filter = || {
        series_occurrences::Entity::find()
            .filter(series_occurrences::Column::SeriesId.in_subquery(of_team.clone()))
            .filter(series_occurrences::Column::OccursOn.gte(from))
            .filter(series_occurrences::Column::OccursOn.lte(until))
            .filter(series_occurrences::Column::OccursOn.gte(now.date() - time::Duration::days(1)))
            .filter(series_occurrences::Column::CancelledAt.is_null())
    };
    let mut series: Vec<crate::domain::ids::SeriesId> = filter()
        .select_only()
        .column(series_occurrences::Column::SeriesId)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    series.sort_by_key(|id| id.0);
    for id in &series {
        crate::store::lock::row::<meeting_series::Entity>(db, *id).await?;
    }
    let rows = filter()
        .order_by_asc(series_occurrences::Column::OccursOn)
        .order_by_asc(series_occurrences::Column::Id)
        .limit(AFFECTED)
        .all(db)
        .await?;
    let ids: Vec<_> = rows.iter().map(|o| o.meeting_id).collect();
    let found = meetings::Entity::find()
        .filter(meetings::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|o| {
            let m = found.iter().find(|m| m.id == o.meeting_id)?.clone();
            (m.starts_at > now && m.cancelled_at.is_none()).then_some((o, m))
        })
        .collect())
}

/// A team's member ids, read at most once however many occurrences one change re-plans (the
/// team is locked for the change, so they cannot change meanwhile).
pub(super) struct Members {
    team: TeamId,
    ids: Option<Vec<UserId>>,
}

impl Members {
    /// Team `team`'s members, not read yet.
    pub(super) fn of(team: TeamId) -> Self {
        Self { team, ids: None }
    }

    /// The member ids, by name, read on the first call.
    pub(super) async fn ids(&mut self, db: &impl ConnectionTrait) -> Result<&[UserId]> {
        if self.ids.is_none() {
            let ids = roster(db, self.team)
                .await?
                .into_iter()
                .map(|p| p.id)
                .collect();
            self.ids = Some(ids);
        }
        Ok(self.ids.as_deref().unwrap_or_default())
    }
}

/// Gives every role at `occurrence` held by someone away on its date (only `who`, if given) to
/// the next in line by the rota's rules; returns how many changed. Nobody left: unchanged.
/// `members` is the occurrence's team's.
pub(super) async fn replan(
    db: &impl ConnectionTrait,
    occurrence: &(series_occurrences::Model, meetings::Model),
    members: &mut Members,
    who: Option<UserId>,
    by: Option<UserId>,
    now: OffsetDateTime,
) -> Result<usize> {
    let (o, m) = occurrence;
    let Some(series) = meeting_series::Entity::find_by_id(o.series_id)
        .one(db)
        .await?
    else {
        return Ok(0);
    };
    let away = away_on(db, series.team_id, o.occurs_on).await?;
    let mut changed = 0;
    for role in Role::rotated(series.with_timekeeper) {
        let now_held = holders(db, std::slice::from_ref(occurrence)).await?;
        let held = now_held.get(&o.id).copied().unwrap_or_default();
        let Some(holder) = holder_of(&held, role) else {
            continue;
        };
        if !away.contains(&holder) || who.is_some_and(|w| w != holder) {
            continue;
        }
        let past = history(db, &series, m.starts_at).await?;
        let busy: Vec<UserId> = Role::ALL
            .into_iter()
            .filter(|r| *r != role)
            .filter_map(|r| holder_of(&held, r))
            .collect();
        if let Some(to) = replacement(members.ids(db).await?, &past, role, &away, &busy) {
            let change = RoleChange {
                role,
                from: Some(holder),
                to,
                reason: ChangeReason::Away,
            };
            change_role(db, occurrence, change, by, now).await?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// After `who`'s away dates are removed: each role the rota took from them at `occurrence`
/// for being away goes back to them, if the one who took it still holds it, `who` is not away
/// that day for another reason and holds no other role there.
async fn give_back(
    db: &impl ConnectionTrait,
    occurrence: &(series_occurrences::Model, meetings::Model),
    who: UserId,
    by: Option<UserId>,
    now: OffsetDateTime,
) -> Result<()> {
    let (o, m) = occurrence;
    if away_on(db, m.team_id, o.occurs_on).await?.contains(&who) {
        return Ok(());
    }
    let taken = series_swaps::Entity::find()
        .filter(series_swaps::Column::OccurrenceId.eq(o.id))
        .filter(series_swaps::Column::FromUserId.eq(who))
        .filter(series_swaps::Column::Reason.eq(ChangeReason::Away.as_str()))
        .order_by_desc(series_swaps::Column::Id)
        .limit(10)
        .all(db)
        .await?;
    let mut done: Vec<Role> = Vec::new();
    for swap in taken {
        let role: Role = swap.role.into();
        if done.contains(&role) {
            continue;
        }
        done.push(role);
        let now_held = holders(db, std::slice::from_ref(occurrence)).await?;
        let held = now_held.get(&o.id).copied().unwrap_or_default();
        let holds_other = Role::ALL
            .into_iter()
            .any(|r| holder_of(&held, r) == Some(who));
        let current = holder_of(&held, role);
        if holds_other || current != swap.to_user_id {
            continue;
        }
        let change = RoleChange {
            role,
            from: current,
            to: who,
            reason: ChangeReason::Back,
        };
        change_role(db, occurrence, change, by, now).await?;
    }
    Ok(())
}
