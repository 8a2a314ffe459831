//! The rota of a series: who served which role before (the team's meetings, oldest first,
//! cancelled occurrences left out), who is away on each new date, and the pure assignment of
//! `domain::rota`; and swaps: the holder of a role exchanges it with another member (taking
//! that member's turn at a later occurrence, if they have one) or a leader reassigns it. Every
//! swap is recorded in `series_swaps` and audited.

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::{Date, OffsetDateTime};

use crate::access::{Action, Principal, TeamRole};
use crate::domain::ids::{MeetingId, OccurrenceId, SeriesId, UserId};
use crate::domain::rota::{Role, Served, assign};
use crate::i18n::Msg;
use crate::service::teams::roster;
use crate::service::{Result, ServiceError, audit, invalid};
use crate::store::entities::{
    meeting_facilitators, meeting_runs, meeting_series, meetings, member_away, series_occurrences,
    series_swaps,
};

use super::topup::Holders;

/// How many of the team's latest meetings count as history.
const HISTORY: u64 = 200;

/// Roles for new occurrences on `days` (starting at `starts`) of `series`.
pub(super) async fn plan_roles(
    db: &impl ConnectionTrait,
    series: &meeting_series::Model,
    days: &[Date],
    starts: &[OffsetDateTime],
) -> Result<Vec<Holders>> {
    let members: Vec<UserId> = roster(db, series.team_id)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    let before = starts
        .first()
        .copied()
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let history = history(db, series, before).await?;
    let mut away = Vec::with_capacity(days.len());
    for day in days {
        away.push(away_on(db, series.team_id, *day).await?);
    }
    let roles = Role::rotated(series.with_timekeeper);
    Ok(assign(&members, &history, &roles, &away)
        .into_iter()
        .map(|a| {
            let get = |role: Role| a.iter().find(|(r, _)| *r == role).and_then(|(_, p)| *p);
            Holders {
                facilitator: get(Role::Facilitator),
                note_taker: get(Role::NoteTaker),
                timekeeper: get(Role::Timekeeper),
            }
        })
        .collect())
}

/// Who served which role at the team's latest meetings before `before`, oldest first;
/// cancelled occurrences did not happen and do not count.
pub(super) async fn history(
    db: &impl ConnectionTrait,
    series: &meeting_series::Model,
    before: OffsetDateTime,
) -> Result<Vec<Served>> {
    let mut recent = meetings::Entity::find()
        .filter(meetings::Column::TeamId.eq(series.team_id))
        .filter(meetings::Column::StartsAt.lt(before))
        .order_by_desc(meetings::Column::StartsAt)
        .order_by_desc(meetings::Column::Id)
        .limit(HISTORY)
        .all(db)
        .await?;
    recent.reverse();
    let ids: Vec<MeetingId> = recent.iter().map(|m| m.id).collect();
    let occurrences = series_occurrences::Entity::find()
        .filter(series_occurrences::Column::MeetingId.is_in(ids.clone()))
        .all(db)
        .await?;
    let cancelled: HashSet<MeetingId> = occurrences
        .iter()
        .filter(|o| o.cancelled_at.is_some())
        .map(|o| o.meeting_id)
        .collect();
    let keepers: HashMap<MeetingId, UserId> = occurrences
        .iter()
        .filter(|o| o.series_id == series.id)
        .filter_map(|o| o.timekeeper_id.map(|t| (o.meeting_id, t)))
        .collect();
    let notes: HashMap<MeetingId, UserId> = meeting_runs::Entity::find()
        .filter(meeting_runs::Column::MeetingId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.note_taker_id.map(|n| (r.meeting_id, n)))
        .collect();
    Ok(recent
        .into_iter()
        .filter(|m| !cancelled.contains(&m.id))
        .map(|m| {
            let mut served = Vec::new();
            if let Some(f) = m.facilitator_id {
                served.push((Role::Facilitator, f));
            }
            if let Some(n) = notes.get(&m.id) {
                served.push((Role::NoteTaker, *n));
            }
            if let Some(t) = keepers.get(&m.id) {
                served.push((Role::Timekeeper, *t));
            }
            served
        })
        .collect())
}

/// Members of the team away on `day`.
pub(super) async fn away_on(
    db: &impl ConnectionTrait,
    team_id: crate::domain::ids::TeamId,
    day: Date,
) -> Result<Vec<UserId>> {
    Ok(member_away::Entity::find()
        .select_only()
        .column(member_away::Column::UserId)
        .filter(member_away::Column::TeamId.eq(team_id))
        .filter(member_away::Column::AwayFrom.lte(day))
        .filter(member_away::Column::AwayUntil.gte(day))
        .into_tuple()
        .all(db)
        .await?)
}

/// Who holds each role at the occurrences of these meetings.
pub async fn holders(
    db: &impl ConnectionTrait,
    occurrences: &[(series_occurrences::Model, meetings::Model)],
) -> Result<HashMap<OccurrenceId, Holders>> {
    let ids: Vec<MeetingId> = occurrences.iter().map(|(_, m)| m.id).collect();
    let notes: HashMap<MeetingId, Option<UserId>> = meeting_runs::Entity::find()
        .filter(meeting_runs::Column::MeetingId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.meeting_id, r.note_taker_id))
        .collect();
    Ok(occurrences
        .iter()
        .map(|(o, m)| {
            (
                o.id,
                Holders {
                    facilitator: m.facilitator_id,
                    note_taker: notes.get(&m.id).copied().flatten(),
                    timekeeper: o.timekeeper_id,
                },
            )
        })
        .collect())
}

pub(super) fn holder_of(h: &Holders, role: Role) -> Option<UserId> {
    match role {
        Role::Facilitator => h.facilitator,
        Role::NoteTaker => h.note_taker,
        Role::Timekeeper => h.timekeeper,
    }
}

/// Why the rota changed a role by itself (stored in `series_swaps.reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeReason {
    /// The holder was marked away on that date.
    Away,
    /// The holder's away dates were removed and the role went back to them.
    Back,
}

impl ChangeReason {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Away => "away",
            Self::Back => "back",
        }
    }
}

/// One role passing from one member to another at an occurrence, and why.
#[derive(Debug, Clone, Copy)]
pub(super) struct RoleChange {
    pub role: Role,
    pub from: Option<UserId>,
    pub to: UserId,
    pub reason: ChangeReason,
}

/// Gives the change's role at `occurrence` to its new holder, recorded beside the swaps (shown
/// on the series page) and audited as one.
pub(super) async fn change_role(
    db: &impl ConnectionTrait,
    occurrence: &(series_occurrences::Model, meetings::Model),
    change: RoleChange,
    by: Option<UserId>,
    now: OffsetDateTime,
) -> Result<()> {
    let RoleChange {
        role,
        from,
        to,
        reason,
    } = change;
    let (o, m) = occurrence;
    give(db, occurrence, role, to, by, now).await?;
    let row = series_swaps::ActiveModel {
        series_id: Set(o.series_id),
        occurrence_id: Set(o.id),
        other_occurrence_id: Set(None),
        role: Set(role.into()),
        from_user_id: Set(from),
        to_user_id: Set(Some(to)),
        by_id: Set(by),
        reason: Set(reason.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        audit::Entry {
            actor_id: by,
            team_id: Some(m.team_id),
            action: audit::AuditAction::SeriesSwap,
            detail: json!({
                "series_id": o.series_id,
                "swap_id": row.id,
                "occurrence_id": o.id,
                "role": role.as_str(),
                "from_user_id": from,
                "to_user_id": to,
                "reason": reason.as_str(),
            }),
        },
    )
    .await?;
    Ok(())
}

/// The swap form: at `occurrence_id`, `role` passes to `with_user_id`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SwapForm {
    #[serde(default)]
    pub occurrence_id: String,
    /// `facilitator`, `note_taker` or `timekeeper`.
    #[serde(default)]
    pub role: String,
    /// The other member.
    #[serde(default)]
    pub with_user_id: String,
}

/// An upcoming, not cancelled occurrence of the series, with its meeting.
async fn upcoming(
    db: &impl ConnectionTrait,
    series_id: SeriesId,
    id: OccurrenceId,
    now: OffsetDateTime,
) -> Result<Option<(series_occurrences::Model, meetings::Model)>> {
    let Some(o) = series_occurrences::Entity::find_by_id(id)
        .filter(series_occurrences::Column::SeriesId.eq(series_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(m) = meetings::Entity::find_by_id(o.meeting_id).one(db).await? else {
        return Ok(None);
    };
    Ok((o.cancelled_at.is_none() && m.starts_at > now).then_some((o, m)))
}

pub(super) async fn give(
    db: &impl ConnectionTrait,
    occurrence: &(series_occurrences::Model, meetings::Model),
    role: Role,
    to: UserId,
    by: Option<UserId>,
    now: OffsetDateTime,
) -> Result<()> {
    let (o, m) = occurrence;
    match role {
        Role::Facilitator => {
            let mut active: meetings::ActiveModel = m.clone().into();
            active.facilitator_id = Set(Some(to));
            active.updated_at = Set(now);
            active.update(db).await?;
            meeting_facilitators::ActiveModel {
                meeting_id: Set(m.id),
                user_id: Set(Some(to)),
                assigned_at: Set(now),
                assigned_by: Set(by),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        Role::NoteTaker => {
            match meeting_runs::Entity::find_by_id(m.id).one(db).await? {
                Some(run) => {
                    let mut active: meeting_runs::ActiveModel = run.into();
                    active.note_taker_id = Set(Some(to));
                    active.update(db).await?;
                }
                None => {
                    meeting_runs::ActiveModel {
                        meeting_id: Set(m.id),
                        note_taker_id: Set(Some(to)),
                        closed_at: Set(None),
                        closed_by: Set(None),
                    }
                    .insert(db)
                    .await?;
                }
            };
        }
        Role::Timekeeper => {
            let mut active: series_occurrences::ActiveModel = o.clone().into();
            active.timekeeper_id = Set(Some(to));
            active.update(db).await?;
        }
    }
    Ok(())
}

/// Passes a role of an upcoming occurrence to another member: its holder (or a leader)
/// asks. If the other member holds another role at that meeting, the two exchange roles
/// there; else if they hold the same role at a later upcoming occurrence (where the holder
/// has no role), the two exchange turns; otherwise the other member simply takes this one.
/// Recorded and audited.
pub async fn swap(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    series_id: SeriesId,
    form: &SwapForm,
    now: OffsetDateTime,
) -> Result<()> {
    let me = super::caller(principal)?;
    let (txn, access) =
        super::begin_locked(db, principal, slug, series_id, Action::SwapRole).await?;
    let Some(role) =
        Role::parse(&form.role).filter(|r| access.series.with_timekeeper || *r != Role::Timekeeper)
    else {
        return Err(invalid("role", Msg::new("rh-v-role")));
    };
    let Some(here) = (match form.occurrence_id.trim().parse::<OccurrenceId>() {
        Ok(id) => upcoming(&txn, series_id, id, now).await?,
        Err(_) => None,
    }) else {
        return Err(invalid("occurrence_id", Msg::new("rh-v-occurrence")));
    };
    let team_id = access.team.team.id;
    let members: Vec<UserId> = roster(&txn, team_id)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    let Some(with) = form
        .with_user_id
        .trim()
        .parse::<UserId>()
        .ok()
        .filter(|id| members.contains(id))
    else {
        return Err(invalid("with_user_id", Msg::new("sm-choose-member")));
    };
    let now_held = holders(&txn, std::slice::from_ref(&here)).await?;
    let here_holders = now_held.get(&here.0.id).copied().unwrap_or_default();
    let holder = holder_of(&here_holders, role);
    let leader = access.team.role == Some(TeamRole::Leader);
    if holder != Some(me) && !leader {
        return Err(ServiceError::Forbidden);
    }
    if holder == Some(with) {
        return Err(invalid("with_user_id", Msg::new("rh-v-same-person")));
    }
    let busy = |h: &Holders, person: UserId, except: Role| {
        Role::ALL
            .into_iter()
            .filter(|r| *r != except)
            .any(|r| holder_of(h, r) == Some(person))
    };
    // Already holding another role here: the two exchange their roles at this meeting.
    let here_role_of_with = Role::ALL
        .into_iter()
        .find(|r| *r != role && holder_of(&here_holders, *r) == Some(with));
    if here_role_of_with.is_some() && holder.is_none() {
        return Err(invalid("with_user_id", Msg::new("rh-v-busy")));
    }
    // The other member's next turn at this role, which the holder takes in exchange.
    let later: Vec<(series_occurrences::Model, meetings::Model)> = {
        let rows = series_occurrences::Entity::find()
            .filter(series_occurrences::Column::SeriesId.eq(series_id))
            .filter(series_occurrences::Column::CancelledAt.is_null())
            .filter(series_occurrences::Column::Id.ne(here.0.id))
            .order_by_asc(series_occurrences::Column::OccursOn)
            .limit(20)
            .all(&txn)
            .await?;
        let mut out = Vec::new();
        for o in rows {
            if let Some(m) = meetings::Entity::find_by_id(o.meeting_id).one(&txn).await?
                && m.starts_at > now
            {
                out.push((o, m));
            }
        }
        out
    };
    let later_holders = holders(&txn, &later).await?;
    let exchange = holder
        .filter(|_| here_role_of_with.is_none())
        .and_then(|h| {
            later.iter().find(|(o, _)| {
                later_holders
                    .get(&o.id)
                    .is_some_and(|x| holder_of(x, role) == Some(with) && !busy(x, h, role))
            })
        });
    give(&txn, &here, role, with, Some(me), now).await?;
    if let (Some(other_role), Some(h)) = (here_role_of_with, holder) {
        give(&txn, &here, other_role, h, Some(me), now).await?;
    }
    if let (Some(other), Some(h)) = (exchange, holder) {
        give(&txn, other, role, h, Some(me), now).await?;
    }
    let row = series_swaps::ActiveModel {
        series_id: Set(series_id),
        occurrence_id: Set(here.0.id),
        other_occurrence_id: Set(exchange.map(|(o, _)| o.id)),
        role: Set(role.into()),
        from_user_id: Set(holder),
        to_user_id: Set(Some(with)),
        by_id: Set(Some(me)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(me),
            team_id: Some(team_id),
            action: audit::AuditAction::SeriesSwap,
            detail: json!({
                "series_id": series_id,
                "swap_id": row.id,
                "occurrence_id": here.0.id,
                "other_occurrence_id": exchange.map(|(o, _)| o.id),
                "role": role.as_str(),
                "from_user_id": holder,
                "to_user_id": with,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
