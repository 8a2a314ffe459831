//! A blocker linked to an action. The action model has its own "blocked" status, so a link
//! uses it: the action moves to blocked with the blocker's text as its reason, in its history
//! (the check-in's author as actor) and the audit log, and the check-in keeps the status and
//! reason from before. When the link goes (unlinked, or another action chosen), the action gets
//! them back, unless someone has moved it since (then it is left as they set it), or another
//! check-in of the same week still names it (then that blocker becomes the reason).
//!
//! A link is *live* while the action is blocked with exactly the check-in's blocker as its
//! reason; the action log shows whose check-in it came from ([`blocked_by`]).

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use time::{Date, OffsetDateTime};

use crate::domain::action::Status;
use crate::domain::checkin::IsoWeek;
use crate::domain::ids::{ActionId, TeamId, UserId};
use crate::i18n::Msg;
use crate::service::meetings::names_of;
use crate::service::{Result, audit, invalid};
use crate::store::entities::{action_history, actions, checkins};
use crate::store::lock;

/// Where a check-in's link stands after a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The action the blocker holds up.
    pub action: Option<ActionId>,
    /// Its status before the link.
    pub prior_status: Option<actions::Status>,
    /// Its reason before the link.
    pub prior_reason: String,
}

/// Who saves, where and when.
#[derive(Debug, Clone, Copy)]
pub struct Saver {
    pub team_id: TeamId,
    pub user_id: UserId,
    pub now: OffsetDateTime,
}

fn is_live(action: &actions::Model, blocker: &str) -> bool {
    action.status == actions::Status::Blocked && !blocker.is_empty() && action.reason == blocker
}

/// Moves `action` to `to` with `reason`: the row, a history line and an audit entry.
async fn move_to(
    db: &impl ConnectionTrait,
    who: Saver,
    action: actions::Model,
    (to, reason): (Status, String),
    week: &str,
) -> Result<()> {
    let id = action.id;
    let from = Status::from(action.status);
    let mut active: actions::ActiveModel = action.into();
    active.status = Set(to.into());
    active.reason = Set(reason.clone());
    active.updated_at = Set(who.now);
    active.update(db).await?;
    action_history::ActiveModel {
        action_id: Set(id),
        actor_id: Set(Some(who.user_id)),
        from_status: Set(Some(from.into())),
        to_status: Set(to.into()),
        reason: Set(reason.clone()),
        occurred_at: Set(who.now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        audit::Entry {
            actor_id: Some(who.user_id),
            team_id: Some(who.team_id),
            action: audit::AuditAction::ActionStatus,
            detail: json!({ "action_id": id, "from": from.as_str(), "to": to.as_str(),
                "reason": reason, "checkin_week": week }),
        },
    )
    .await?;
    Ok(())
}

async fn find(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    id: ActionId,
) -> Result<Option<actions::Model>> {
    Ok(crate::store::scoped::find_owned::<actions::Entity>(db, team_id, id).await?)
}

/// Another check-in whose link on `action` is live, if any (its prior status is the real one).
async fn other_live(
    db: &impl ConnectionTrait,
    action: &actions::Model,
    checkin_id: i64,
) -> Result<Option<checkins::Model>> {
    Ok(checkins::Entity::find()
        .filter(checkins::Column::BlockerActionId.eq(action.id))
        .filter(checkins::Column::Id.ne(checkin_id))
        .filter(checkins::Column::Blocking.eq(action.reason.as_str()))
        .order_by_desc(checkins::Column::UpdatedAt)
        .order_by_desc(checkins::Column::Id)
        .one(db)
        .await?)
}

/// Blocks `id` with `blocker`, remembering what it was.
async fn link(
    db: &impl ConnectionTrait,
    who: Saver,
    row: &checkins::Model,
    id: ActionId,
    blocker: &str,
) -> Result<Link> {
    let action = find(db, who.team_id, id)
        .await?
        .ok_or_else(|| invalid("action", Msg::new("v-checkin-action-unknown")))?;
    if !Status::from(action.status).is_open() {
        return Err(invalid("action", Msg::new("v-checkin-action-closed")));
    }
    let (prior_status, prior_reason) = match other_live(db, &action, row.id).await? {
        Some(other) if action.status == actions::Status::Blocked => {
            (other.prior_status, other.prior_reason)
        }
        _ => (Some(action.status), action.reason.clone()),
    };
    if !(action.status == actions::Status::Blocked && action.reason == blocker) {
        move_to(
            db,
            who,
            action,
            (Status::Blocked, blocker.to_owned()),
            &row.week,
        )
        .await?;
    }
    Ok(Link {
        action: Some(id),
        prior_status,
        prior_reason,
    })
}

/// Gives `id` back what it was before `row`'s link, if the link is still live.
async fn release(
    db: &impl ConnectionTrait,
    who: Saver,
    row: &checkins::Model,
    id: ActionId,
) -> Result<()> {
    let Some(action) = find(db, who.team_id, id).await? else {
        return Ok(());
    };
    if !is_live(&action, &row.blocking) {
        // Someone moved it since: their choice stands.
        return Ok(());
    }
    let still = checkins::Entity::find()
        .filter(checkins::Column::BlockerActionId.eq(id))
        .filter(checkins::Column::Id.ne(row.id))
        .filter(checkins::Column::Week.eq(row.week.as_str()))
        .filter(checkins::Column::Blocking.ne(""))
        .order_by_desc(checkins::Column::UpdatedAt)
        .order_by_desc(checkins::Column::Id)
        .one(db)
        .await?;
    let to = match still {
        Some(other) if other.blocking != action.reason => (Status::Blocked, other.blocking),
        Some(_) => return Ok(()),
        None => {
            let status = row.prior_status.map_or(Status::Open, Status::from);
            let status = if status.is_open() {
                status
            } else {
                Status::Open
            };
            let reason = if status.needs_reason() {
                row.prior_reason.clone()
            } else {
                String::new()
            };
            (status, reason)
        }
    };
    move_to(db, who, action, to, &row.week).await
}

/// Moves the link of `row` (as stored before this save) to `wanted` with the new `blocker`
/// text, inside the caller's transaction. Takes the actions' row locks first (in id order).
pub async fn relink(
    db: &impl ConnectionTrait,
    who: Saver,
    row: &checkins::Model,
    wanted: Option<ActionId>,
    blocker: &str,
) -> Result<Link> {
    let mut ids: Vec<ActionId> = row.blocker_action_id.into_iter().chain(wanted).collect();
    ids.sort();
    ids.dedup();
    for id in &ids {
        lock::row::<actions::Entity>(db, *id).await?;
    }
    match (row.blocker_action_id, wanted) {
        (Some(old), Some(new)) if old == new => {
            let action = find(db, who.team_id, new)
                .await?
                .ok_or_else(|| invalid("action", Msg::new("v-checkin-action-unknown")))?;
            if is_live(&action, &row.blocking) {
                if row.blocking != blocker {
                    move_to(
                        db,
                        who,
                        action,
                        (Status::Blocked, blocker.to_owned()),
                        &row.week,
                    )
                    .await?;
                }
                return Ok(Link {
                    action: Some(new),
                    prior_status: row.prior_status,
                    prior_reason: row.prior_reason.clone(),
                });
            }
            link(db, who, row, new, blocker).await
        }
        (old, new) => {
            if let Some(old) = old {
                release(db, who, row, old).await?;
            }
            match new {
                Some(new) => link(db, who, row, new, blocker).await,
                None => Ok(Link {
                    action: None,
                    prior_status: None,
                    prior_reason: String::new(),
                }),
            }
        }
    }
}

/// For the blocked ones among `rows`: whose check-in holds each up, in words ("from Sam's
/// check-in, week of 30 November"), for the action log and the action's page.
pub async fn blocked_by(
    db: &impl ConnectionTrait,
    rows: &[actions::Model],
    today: Date,
) -> Result<HashMap<ActionId, Msg>> {
    let blocked: HashMap<ActionId, &str> = rows
        .iter()
        .filter(|r| r.status == actions::Status::Blocked)
        .map(|r| (r.id, r.reason.as_str()))
        .collect();
    if blocked.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<ActionId> = blocked.keys().copied().collect();
    let mut links: HashMap<ActionId, checkins::Model> = HashMap::new();
    // Bounded IN lists (SQLite limits the bound values of one statement).
    for chunk in ids.chunks(500) {
        let found = checkins::Entity::find()
            .filter(checkins::Column::BlockerActionId.is_in(chunk.iter().copied()))
            .order_by_asc(checkins::Column::UpdatedAt)
            .order_by_asc(checkins::Column::Id)
            .all(db)
            .await?;
        for checkin in found {
            let Some(action) = checkin.blocker_action_id else {
                continue;
            };
            if blocked.get(&action) == Some(&checkin.blocking.as_str()) {
                // Oldest first: the latest live link wins.
                links.insert(action, checkin);
            }
        }
    }
    let people = names_of(db, links.values().map(|c| c.user_id)).await?;
    Ok(links
        .into_iter()
        .map(|(action, checkin)| {
            let week = IsoWeek::parse(&checkin.week)
                .map(|w| w.in_words(today))
                .unwrap_or_else(|_| Msg::verbatim(checkin.week.clone()));
            let name = crate::service::meetings::author_name(&people, Some(checkin.user_id));
            (
                action,
                Msg::new("ci-blocked-from")
                    .arg("name", name)
                    .arg("week", week),
            )
        })
        .collect())
}
