//! What the ledger pages show: a person's own reciprocity ([`mine`]), the team view
//! ([`team`]) and their CSV exports ([`export`]). Everything is computed from the stored entries
//! with the pure metrics in `crate::domain::ledger`; notes are shown only to the two people and
//! leaders, and never in the team view.

mod export;
mod mine;
mod sums;
mod team;

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use time::OffsetDateTime;

pub use export::{my_csv, team_csv};
pub use mine::{
    Counterpart, ENTRIES_PER_PAGE, MyEntries, MyLedger, PEOPLE_SHOWN, Period, my_entries, my_ledger,
};
pub use team::{MemberLine, SortKey, TeamLedger, Window, sort_lines, team_ledger};

use super::{Member, names};
use crate::domain::ledger::{self, Effective, Entry, Status};
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

/// Every exchange of a team (reversing entries folded into the state of what they reverse).
pub async fn rows(
    db: &impl ConnectionTrait,
    team_id: i64,
    now: OffsetDateTime,
) -> Result<Vec<Row>> {
    let all = help_exchanges::Entity::find()
        .filter(help_exchanges::Column::TeamId.eq(team_id))
        .order_by_desc(help_exchanges::Column::OccurredOn)
        .order_by_desc(help_exchanges::Column::Id)
        .all(db)
        .await?;
    let reversed: BTreeSet<i64> = all.iter().filter_map(|r| r.reverses_id).collect();
    Ok(all
        .into_iter()
        .filter(|r| r.kind == "exchange")
        .map(|model| {
            let status = Status::parse(&model.status).unwrap_or(Status::Rejected);
            let state =
                ledger::effective(status, model.expires_at, reversed.contains(&model.id), now);
            Row { model, state }
        })
        .collect())
}

/// The metrics' view of the rows.
pub fn entries(rows: &[Row]) -> Vec<Entry> {
    rows.iter()
        .map(|r| Entry {
            helper: r.model.helper_id,
            helped: r.model.helped_id,
            minutes: i64::from(r.model.minutes),
            on: r.model.occurred_on,
            state: r.state,
        })
        .collect()
}

/// An entry as a list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EntryLine {
    /// Id.
    pub id: i64,
    /// Day.
    pub on: time::Date,
    /// Helper's name.
    pub helper: String,
    /// Helped person's name.
    pub helped: String,
    /// Minutes.
    pub minutes: i32,
    /// Category.
    pub category: String,
    /// State now.
    pub state: Effective,
    /// Whether the caller is the one whose answer is awaited.
    pub awaits_me: bool,
    /// Note (only in lists for the two people and leaders).
    pub note: Option<String>,
}

fn line(row: &Row, names: &BTreeMap<i64, String>, me: i64, with_note: bool) -> EntryLine {
    let name = |id: i64| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "former member".to_owned())
    };
    EntryLine {
        id: row.model.id,
        on: row.model.occurred_on,
        helper: name(row.model.helper_id),
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
) -> Result<BTreeMap<i64, String>> {
    // Members' names are already loaded; only former members are looked up.
    let known: BTreeMap<i64, String> = members.iter().map(|m| (m.id, m.name.clone())).collect();
    let mut others: BTreeSet<i64> = BTreeSet::new();
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
