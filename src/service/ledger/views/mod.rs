//! What the ledger pages show: a person's own reciprocity ([`mine`]), the team view
//! ([`team`]) and their CSV exports ([`export`]). Everything is computed from the stored entries
//! with the pure metrics in `crate::domain::ledger`; notes are shown only to the two people and
//! leaders, and never in the team view.

mod entries;
mod export;
mod mine;
mod sums;
mod team;

use crate::domain::ids::{ExchangeId, UserId};
use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use time::OffsetDateTime;

pub use entries::{EntryAfter, EntryDetail, entry, visible_entries};
pub use export::{cell as csv_cell, finish as csv_finish, my_csv, team_csv};
pub use mine::{
    Counterpart, ENTRIES_PER_PAGE, MyEntries, MyLedger, PEOPLE_SHOWN, Period, Span, my_entries,
    my_ledger,
};
pub use team::{
    LineAfter, MemberLine, SortKey, TeamLedger, Window, page_of_lines, sort_lines, team_ledger,
};

use super::{Member, names};
use crate::domain::ledger::{self, Effective, Status};
use crate::service::Result;
use crate::store::entities::help_exchanges;

/// A stored exchange with its state as of now.
#[derive(Debug, Clone)]
pub struct Row {
    /// The stored entry.
    pub model: help_exchanges::Model,
    /// Its state now.
    pub state: Effective,
}

/// An entry as a list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EntryLine {
    pub id: ExchangeId,
    /// Day.
    pub on: time::Date,
    /// The helper.
    pub helper_id: UserId,
    /// Helper's name.
    pub helper: String,
    /// The helped person.
    pub helped_id: UserId,
    /// Helped person's name.
    pub helped: String,
    pub minutes: i32,
    pub category: String,
    /// State now.
    pub state: Effective,
    /// Whether the caller is the one whose answer is awaited.
    pub awaits_me: bool,
    /// Note (only in lists for the two people and leaders).
    pub note: Option<String>,
}

fn line(row: &Row, names: &BTreeMap<UserId, String>, me: UserId, with_note: bool) -> EntryLine {
    let name = |id: UserId| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "former member".to_owned())
    };
    EntryLine {
        id: row.model.id,
        on: row.model.occurred_on,
        helper_id: row.model.helper_id,
        helper: name(row.model.helper_id),
        helped_id: row.model.helped_id,
        helped: name(row.model.helped_id),
        minutes: row.model.minutes,
        category: row.model.category.clone(),
        state: row.state,
        awaits_me: row.state == Effective::Pending && row.model.awaiting_id == Some(me),
        note: if with_note {
            row.model.note.clone()
        } else {
            None
        },
    }
}

async fn everyone(
    db: &impl ConnectionTrait,
    rows: &[Row],
    members: &[Member],
) -> Result<BTreeMap<UserId, String>> {
    // Members' names are already loaded; only former members are looked up.
    let known: BTreeMap<UserId, String> = members.iter().map(|m| (m.id, m.name.clone())).collect();
    let mut others: BTreeSet<UserId> = BTreeSet::new();
    for r in rows {
        for id in [r.model.helper_id, r.model.helped_id] {
            if !known.contains_key(&id) {
                others.insert(id);
            }
        }
    }
    let mut all = known;
    if !others.is_empty() {
        all.extend(names(db, others).await?);
    }
    Ok(all)
}

/// The names of `ids` alone: members' from the roster (no copy of the rest), former members'
/// in one query, none when every one is a member.
async fn names_for(
    db: &impl ConnectionTrait,
    ids: BTreeSet<UserId>,
    members: &[Member],
) -> Result<BTreeMap<UserId, String>> {
    let mut found: BTreeMap<UserId, String> = members
        .iter()
        .filter(|m| ids.contains(&m.id))
        .map(|m| (m.id, m.name.clone()))
        .collect();
    let former: Vec<UserId> = ids
        .into_iter()
        .filter(|id| !found.contains_key(id))
        .collect();
    if !former.is_empty() {
        found.extend(names(db, former).await?);
    }
    Ok(found)
}

/// Folds in the reversals that name these entries (one query on the unique `reverses_id`).
async fn with_state(
    db: &impl ConnectionTrait,
    models: Vec<help_exchanges::Model>,
    now: OffsetDateTime,
) -> Result<Vec<Row>> {
    let ids: Vec<ExchangeId> = models.iter().map(|m| m.id).collect();
    let mut reversed: BTreeSet<ExchangeId> = BTreeSet::new();
    // Bounded IN lists (SQLite allows a limited number of bound values per statement).
    for chunk in ids.chunks(500) {
        reversed.extend(
            help_exchanges::Entity::find()
                .select_only()
                .column(help_exchanges::Column::ReversesId)
                .filter(help_exchanges::Column::ReversesId.is_in(chunk.iter().copied()))
                .into_tuple::<Option<ExchangeId>>()
                .all(db)
                .await?
                .into_iter()
                .flatten(),
        );
    }
    Ok(models
        .into_iter()
        .map(|model| {
            let status = Status::from(model.status);
            let state =
                ledger::effective(status, model.expires_at, reversed.contains(&model.id), now);
            Row { model, state }
        })
        .collect())
}
