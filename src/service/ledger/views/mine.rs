//! A person's own page: their totals over three periods, the balance index, entries waiting
//! for an answer, and who they helped and were helped by.

use std::collections::BTreeMap;

use sea_orm::ConnectionTrait;
use serde::Serialize;
use time::OffsetDateTime;

use super::super::{LedgerAccess, Member, access, members};
use super::{EntryLine, Row, entries, everyone, line, rows};
use crate::access::{Action, Principal};
use crate::domain::ledger::{self, Edge, Effective, RECENT_WEEKS, Totals};
use crate::service::Result;

/// One period of a person's totals.
#[derive(Debug, Clone, Serialize)]
pub struct Period {
    /// "Last 4 weeks", "This term", "All time".
    pub label: &'static str,
    /// The first day counted (None for all time).
    pub since: Option<time::Date>,
    /// Totals.
    pub totals: Totals,
}

/// Someone the person helped or was helped by.
#[derive(Debug, Clone, Serialize)]
pub struct Counterpart {
    /// Their name.
    pub name: String,
    /// Minutes.
    pub minutes: i64,
    /// Exchanges.
    pub count: i64,
}

/// A person's own page.
#[derive(Debug, Clone)]
pub struct MyLedger {
    /// Access and settings.
    pub access: LedgerAccess,
    /// Recent, term, all time.
    pub periods: Vec<Period>,
    /// Balance index over all time (shown after two exchanges).
    pub index: Option<f64>,
    /// Pending entries waiting for the caller.
    pub waiting_for_me: Vec<EntryLine>,
    /// Pending entries waiting for the other person.
    pub waiting_for_them: Vec<EntryLine>,
    /// Every entry the caller is in, newest first.
    pub mine: Vec<EntryLine>,
    /// People the caller helped.
    pub helped: Vec<Counterpart>,
    /// People who helped the caller.
    pub helpers: Vec<Counterpart>,
    /// Other members (for the forms).
    pub others: Vec<Member>,
    /// Everyone (for the leader's "between" form).
    pub members: Vec<Member>,
    /// Whether the team view is open to the caller.
    pub sees_team: bool,
}

fn counterparts(
    edges: &[Edge],
    names: &BTreeMap<i64, String>,
    pick: impl Fn(&Edge) -> Option<i64>,
) -> Vec<Counterpart> {
    edges
        .iter()
        .filter_map(|e| {
            pick(e).map(|other| Counterpart {
                name: names
                    .get(&other)
                    .cloned()
                    .unwrap_or_else(|| "former member".to_owned()),
                minutes: e.minutes,
                count: e.count,
            })
        })
        .collect()
}

/// Loads the caller's own page.
pub async fn my_ledger(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    now: OffsetDateTime,
) -> Result<MyLedger> {
    let acc = access(db, principal, slug, Action::ViewOwnLedger).await?;
    let me = acc.user_id;
    let today = now.date();
    let rows = rows(db, acc.team.id, now).await?;
    let entries = entries(&rows);
    let members = members(db, acc.team.id).await?;
    let names = everyone(db, &rows, &members).await?;
    let windows = [
        (
            "Last 4 weeks",
            Some(ledger::window_start(today, RECENT_WEEKS)),
        ),
        (
            "This term",
            Some(ledger::term_start(today, acc.settings.term_starts_on)),
        ),
        ("All time", None),
    ];
    let periods = windows
        .into_iter()
        .map(|(label, since)| Period {
            label,
            since,
            totals: ledger::per_member(&entries, &[me], since)
                .remove(&me)
                .unwrap_or_default(),
        })
        .collect::<Vec<_>>();
    let index = periods.last().and_then(|p| p.totals.shown_index());
    let mine_rows: Vec<&Row> = rows
        .iter()
        .filter(|r| r.model.helper_id == me || r.model.helped_id == me)
        .collect();
    let pending: Vec<EntryLine> = mine_rows
        .iter()
        .filter(|r| r.state == Effective::Pending)
        .map(|r| line(r, &names, me, true))
        .collect();
    let (waiting_for_me, waiting_for_them) = pending.into_iter().partition(|l| l.awaits_me);
    let edges = ledger::edges(&entries, None);
    let sees_team = acc.sees_aggregates(principal);
    Ok(MyLedger {
        periods,
        index,
        waiting_for_me,
        waiting_for_them,
        mine: mine_rows
            .iter()
            .map(|r| line(r, &names, me, true))
            .collect(),
        helped: counterparts(&edges, &names, |e| (e.helper == me).then_some(e.helped)),
        helpers: counterparts(&edges, &names, |e| (e.helped == me).then_some(e.helper)),
        others: members.iter().filter(|m| m.id != me).cloned().collect(),
        members,
        sees_team,
        access: acc,
    })
}
