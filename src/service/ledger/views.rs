//! What the ledger pages show: a person's own reciprocity, the team view and their CSV exports.
//! Everything is computed from the stored entries with the pure metrics in
//! `crate::domain::ledger`; notes are shown only to the two people and leaders, and never in
//! the team view.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use time::OffsetDateTime;

use super::{LedgerAccess, Member, access, members, names};
use crate::access::{Action, Principal};
use crate::domain::ledger::{
    self, Concentration, Edge, Effective, Entry, LoadSignal, MonthTotal, RECENT_WEEKS,
    SIGNAL_WEEKS, Status, Totals,
};
use crate::service::{Result, ServiceError};
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
    let mut ids: BTreeSet<i64> = members.iter().map(|m| m.id).collect();
    for r in rows {
        ids.insert(r.model.helper_id);
        ids.insert(r.model.helped_id);
    }
    names(db, ids).await
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

/// One member's row of the team table.
#[derive(Debug, Clone, Serialize)]
pub struct MemberLine {
    /// User id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Totals over the period.
    pub totals: Totals,
    /// Balance index (after two exchanges).
    pub index: Option<f64>,
    /// Share of the team's given minutes.
    pub share: f64,
}

/// Which window the team view covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Window {
    /// Last 4 weeks.
    Recent,
    /// This term.
    Term,
    /// All time.
    All,
}

impl Window {
    /// Parses the query parameter (default: the term).
    pub fn parse(raw: Option<&str>) -> Self {
        match raw {
            Some("recent") => Self::Recent,
            Some("all") => Self::All,
            _ => Self::Term,
        }
    }
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Recent => "recent",
            Self::Term => "term",
            Self::All => "all",
        }
    }
}

/// The sort of the member table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortKey {
    /// By name.
    Name,
    /// Minutes given.
    Given,
    /// Minutes received.
    Received,
    /// Balance index.
    Index,
    /// Share of the team's help.
    Share,
    /// Last exchange.
    Last,
}

impl SortKey {
    /// Parses the query parameter (default: minutes given).
    pub fn parse(raw: Option<&str>) -> Self {
        match raw {
            Some("name") => Self::Name,
            Some("received") => Self::Received,
            Some("index") => Self::Index,
            Some("share") => Self::Share,
            Some("last") => Self::Last,
            _ => Self::Given,
        }
    }
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Given => "given",
            Self::Received => "received",
            Self::Index => "index",
            Self::Share => "share",
            Self::Last => "last",
        }
    }
}

/// Sorts the table; `descending` reverses the natural order; ties by name, then id.
pub fn sort_lines(lines: &mut [MemberLine], key: SortKey, descending: bool) {
    lines.sort_by(|a, b| {
        let primary = match key {
            SortKey::Name => std::cmp::Ordering::Equal,
            SortKey::Given => a.totals.given_minutes.cmp(&b.totals.given_minutes),
            SortKey::Received => a.totals.received_minutes.cmp(&b.totals.received_minutes),
            SortKey::Index => a
                .index
                .unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&b.index.unwrap_or(f64::NEG_INFINITY)),
            SortKey::Share => a.share.total_cmp(&b.share),
            SortKey::Last => a.totals.last.cmp(&b.totals.last),
        };
        let primary = if descending {
            primary.reverse()
        } else {
            primary
        };
        let by_name = a.name.to_lowercase().cmp(&b.name.to_lowercase());
        let by_name = if descending && key == SortKey::Name {
            by_name.reverse()
        } else {
            by_name
        };
        primary.then(by_name).then(a.id.cmp(&b.id))
    });
}

/// The team view.
#[derive(Debug, Clone)]
pub struct TeamLedger {
    /// Access and settings.
    pub access: LedgerAccess,
    /// Window shown.
    pub window: Window,
    /// Member table (sorted).
    pub lines: Vec<MemberLine>,
    /// Team total minutes given in the window.
    pub team_minutes: i64,
    /// Exchanges in the window.
    pub team_exchanges: i64,
    /// Load concentration in the window.
    pub concentration: Concentration,
    /// "Carrying the load" over 8 weeks, with names.
    pub carrying: Vec<(String, LoadSignal)>,
    /// Members with no exchange in 8 weeks.
    pub quiet: Vec<String>,
    /// Last 6 months.
    pub months: Vec<MonthTotal>,
    /// Who helped whom in the window, with names.
    pub edges: Vec<(String, String, Edge)>,
    /// Members in table order of the graph (by name).
    pub members: Vec<Member>,
    /// Disputed entries (leaders only).
    pub disputes: Vec<EntryLine>,
}

/// Loads the team view (`Forbidden` for members when the team shows aggregates to leaders only).
pub async fn team_ledger(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    window: Window,
    sort: SortKey,
    descending: bool,
    now: OffsetDateTime,
) -> Result<TeamLedger> {
    let acc = access(db, principal, slug, Action::ViewLedgerAggregates).await?;
    if !acc.sees_aggregates(principal) {
        return Err(ServiceError::Forbidden);
    }
    let today = now.date();
    let rows = rows(db, acc.team.id, now).await?;
    let entries = entries(&rows);
    let members = members(db, acc.team.id).await?;
    let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    let names = everyone(db, &rows, &members).await?;
    let name = |id: i64| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "former member".to_owned())
    };
    let since = match window {
        Window::Recent => Some(ledger::window_start(today, RECENT_WEEKS)),
        Window::Term => Some(ledger::term_start(today, acc.settings.term_starts_on)),
        Window::All => None,
    };
    let totals = ledger::per_member(&entries, &ids, since);
    let team_minutes: i64 = totals
        .iter()
        .filter(|(id, _)| ids.contains(id))
        .map(|(_, t)| t.given_minutes)
        .sum();
    let team_exchanges = ledger::counted(&entries)
        .filter(|e| since.is_none_or(|s| e.on >= s))
        .count() as i64;
    let mut lines: Vec<MemberLine> = members
        .iter()
        .map(|m| {
            let t = totals.get(&m.id).copied().unwrap_or_default();
            MemberLine {
                id: m.id,
                name: m.name.clone(),
                index: t.shown_index(),
                share: if team_minutes > 0 {
                    t.given_minutes as f64 / team_minutes as f64
                } else {
                    0.0
                },
                totals: t,
            }
        })
        .collect();
    sort_lines(&mut lines, sort, descending);
    let given: Vec<i64> = members
        .iter()
        .map(|m| totals.get(&m.id).map_or(0, |t| t.given_minutes))
        .collect();
    let signal_since = Some(ledger::window_start(today, SIGNAL_WEEKS));
    let signal_totals: BTreeMap<i64, Totals> = ledger::per_member(&entries, &ids, signal_since)
        .into_iter()
        .filter(|(id, _)| ids.contains(id))
        .collect();
    let carrying = ledger::carrying_the_load(&signal_totals, members.len())
        .into_iter()
        .map(|s| (name(s.member), s))
        .collect();
    let quiet = ledger::quiet(&signal_totals, &ids)
        .into_iter()
        .map(name)
        .collect();
    let edges = ledger::edges(&entries, since)
        .into_iter()
        .map(|e| (name(e.helper), name(e.helped), e))
        .collect();
    let disputes = if acc.is_leader() {
        rows.iter()
            .filter(|r| r.state == Effective::Disputed)
            .map(|r| line(r, &names, acc.user_id, false))
            .collect()
    } else {
        Vec::new()
    };
    Ok(TeamLedger {
        window,
        lines,
        team_minutes,
        team_exchanges,
        concentration: ledger::concentration(&given),
        carrying,
        quiet,
        months: ledger::monthly(&entries, today, 6),
        edges,
        members,
        disputes,
        access: acc,
    })
}

/// The team table as CSV (no notes).
pub fn team_csv(ledger: &TeamLedger) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut write = |record: Vec<String>| {
        out.write_record(&record)
            .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))
    };
    write(
        [
            "member",
            "given_minutes",
            "given_count",
            "received_minutes",
            "received_count",
            "balance_index",
            "share_of_team_help",
            "last_exchange",
        ]
        .map(str::to_owned)
        .to_vec(),
    )?;
    for l in &ledger.lines {
        write(vec![
            cell(&l.name),
            l.totals.given_minutes.to_string(),
            l.totals.given_count.to_string(),
            l.totals.received_minutes.to_string(),
            l.totals.received_count.to_string(),
            l.index.map(|i| format!("{i:.2}")).unwrap_or_default(),
            format!("{:.4}", l.share),
            l.totals.last.map(|d| d.to_string()).unwrap_or_default(),
        ])?;
    }
    finish(out)
}

/// The caller's own entries as CSV (with their notes: they are one of the two people).
pub fn my_csv(ledger: &MyLedger) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "id", "date", "helper", "helped", "minutes", "category", "status", "counted", "note",
    ])
    .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))?;
    for l in &ledger.mine {
        out.write_record([
            l.id.to_string(),
            l.on.to_string(),
            cell(&l.helper),
            cell(&l.helped),
            l.minutes.to_string(),
            cell(&l.category),
            l.state.label().to_owned(),
            if l.state.counts() { "yes" } else { "no" }.to_owned(),
            cell(l.note.as_deref().unwrap_or_default()),
        ])
        .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))?;
    }
    finish(out)
}

/// A spreadsheet must not run a typed name or note as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn finish(out: csv::Writer<Vec<u8>>) -> Result<String> {
    let bytes = out
        .into_inner()
        .map_err(|e| ServiceError::Unexpected(anyhow::anyhow!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_in_csv_cells_are_defused() {
        assert_eq!(super::cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(super::cell("@Sam"), "'@Sam");
        assert_eq!(super::cell("Sam"), "Sam");
    }
}
