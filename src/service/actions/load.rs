//! The load signal: open and done actions per owner this term, shown on the team page beside
//! the ledger's figures, so who carries the follow-through is visible.

use crate::domain::ids::{TeamId, UserId};
use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use time::{OffsetDateTime, Time};

use crate::domain::ledger::term_start;
use crate::service::Result;
use crate::service::ledger::settings;
use crate::service::meetings::{author_name, names_of};
use crate::store::entities::actions;

/// One owner's follow-through.
#[derive(Debug, Clone, Serialize)]
pub struct OwnerLoad {
    /// Owner's id (for the "by owner" filter).
    pub owner_id: UserId,
    pub name: String,
    /// Still to be done (open, in progress, blocked).
    pub open: u32,
    /// Done since the term started.
    pub done: u32,
}

/// Per owner, most open first (then most done, then by name). No access check: the caller
/// has already been let into the team page.
pub async fn per_owner(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    now: OffsetDateTime,
) -> Result<Vec<OwnerLoad>> {
    let term = term_start(now.date(), settings(db, team_id).await?.term_starts_on);
    let since = term.with_time(Time::MIDNIGHT).assume_utc();
    let rows = actions::Entity::find()
        .filter(actions::Column::TeamId.eq(team_id))
        .filter(
            Condition::any()
                .add(actions::Column::Status.is_in([
                    actions::Status::Open,
                    actions::Status::InProgress,
                    actions::Status::Blocked,
                ]))
                .add(
                    Condition::all()
                        .add(actions::Column::Status.eq(actions::Status::Done))
                        .add(actions::Column::UpdatedAt.gte(since)),
                ),
        )
        .all(db)
        .await?;
    let mut counts: BTreeMap<UserId, (u32, u32)> = BTreeMap::new();
    for r in &rows {
        let entry = counts.entry(r.owner_id).or_default();
        if r.status == actions::Status::Done {
            entry.1 += 1;
        } else {
            entry.0 += 1;
        }
    }
    let people = names_of(db, counts.keys().copied()).await?;
    let mut out: Vec<OwnerLoad> = counts
        .into_iter()
        .map(|(owner_id, (open, done))| OwnerLoad {
            owner_id,
            name: author_name(&people, Some(owner_id)),
            open,
            done,
        })
        .collect();
    out.sort_by(|a, b| {
        (b.open, b.done, a.name.to_lowercase()).cmp(&(a.open, a.done, b.name.to_lowercase()))
    });
    Ok(out)
}
