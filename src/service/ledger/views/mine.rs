//! A person's own page: their totals over three periods, the balance index, entries waiting
//! for an answer, who they helped and were helped by, and one page of their entries. Totals
//! and counterparts are summed by the database and only one page of entries is loaded, so the
//! page's cost follows what it shows, not the team's history.

use crate::domain::ids::{TeamId, UserId};
use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};
use serde::Serialize;
use time::OffsetDateTime;

use super::super::{LedgerAccess, Member, access, roster};
use super::{EntryLine, Row, everyone, line, names_for, sums, with_state};
use crate::access::{Action, Principal};
use crate::domain::ledger::{self, Effective, RECENT_WEEKS, Status, Totals};
use crate::service::Result;
use crate::service::sql::page_of;
use crate::store::entities::help_exchanges;

/// Which stretch of time a period of a person's totals covers (the page names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    /// The last [`RECENT_WEEKS`] weeks.
    Recent,
    /// Since the term began.
    Term,
    /// Since the ledger began.
    All,
}

/// One period of a person's totals.
#[derive(Debug, Clone, Serialize)]
pub struct Period {
    /// Which period.
    pub span: Span,
    /// The first day counted (None for all time).
    pub since: Option<time::Date>,
    pub totals: Totals,
}

/// Someone the person helped or was helped by.
#[derive(Debug, Clone, Serialize)]
pub struct Counterpart {
    /// Their name.
    pub name: String,
    pub minutes: i64,
    /// Exchanges.
    pub count: i64,
}

fn counterparts(sums: &[(UserId, i64, i64)], names: &BTreeMap<UserId, String>) -> Vec<Counterpart> {
    sums.iter()
        .map(|(other, minutes, count)| Counterpart {
            name: names
                .get(other)
                .cloned()
                .unwrap_or_else(|| "former member".to_owned()),
            minutes: *minutes,
            count: *count,
        })
        .collect()
}

/// Entries per page of the person's own list.
pub const ENTRIES_PER_PAGE: u64 = 50;
/// People listed each way ("people I helped", "people who helped me"); the rest are counted.
pub const PEOPLE_SHOWN: u64 = 20;

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
    /// One page of the entries the caller is in, newest first.
    pub mine: Vec<EntryLine>,
    /// The page shown (from 1).
    pub page: u64,
    /// How many pages of entries there are (at least 1).
    pub pages: u64,
    /// How many entries the caller is in.
    pub entries: u64,
    /// People the caller helped (most minutes first, at most [`PEOPLE_SHOWN`]).
    pub helped: Vec<Counterpart>,
    /// How many people the caller helped in all.
    pub helped_total: u64,
    /// People who helped the caller (most minutes first, at most [`PEOPLE_SHOWN`]).
    pub helpers: Vec<Counterpart>,
    /// How many people helped the caller in all.
    pub helpers_total: u64,
    /// Everyone (for the forms' person fields).
    pub members: std::sync::Arc<Vec<Member>>,
    /// Whether the team view is open to the caller.
    pub sees_team: bool,
}

/// Every entry the caller is in, newest first (the CSV export).
#[derive(Debug, Clone)]
pub struct MyEntries {
    /// Access and settings.
    pub access: LedgerAccess,
    /// Every entry, with notes.
    pub lines: Vec<EntryLine>,
}

/// The entries `me` is in (any state), newest first.
fn mine_newest_first(team_id: TeamId, me: UserId) -> Select<help_exchanges::Entity> {
    help_exchanges::Entity::find()
        .filter(sums::involving(team_id, me))
        .order_by_desc(help_exchanges::Column::OccurredOn)
        .order_by_desc(help_exchanges::Column::Id)
}

/// Every entry the caller is in, newest first.
async fn my_rows(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    me: UserId,
    now: OffsetDateTime,
) -> Result<Vec<Row>> {
    let models = mine_newest_first(team_id, me).all(db).await?;
    with_state(db, models, now).await
}

/// Loads one page (from 1) of the caller's own page; totals are summed by the database.
pub async fn my_ledger(
    db: &impl ConnectionTrait,
    rosters: &crate::service::teams::Rosters,
    principal: Principal,
    slug: &str,
    now: OffsetDateTime,
    page: u64,
) -> Result<MyLedger> {
    let acc = access(db, principal, slug, Action::ViewOwnLedger).await?;
    let me = acc.user_id;
    let team_id = acc.team.id;
    let today = acc.zone.today(now);
    let (given, received) = sums::days_of(db, team_id, me).await?;
    let windows = [
        (
            Span::Recent,
            Some(ledger::window_start(today, RECENT_WEEKS)),
        ),
        (
            Span::Term,
            Some(ledger::term_start(today, acc.settings.term_starts_on)),
        ),
        (Span::All, None),
    ];
    let periods = windows
        .into_iter()
        .map(|(span, since)| {
            let within = |d: &&sums::DaySum| since.is_none_or(|s| d.on >= s);
            let mut totals = Totals::default();
            for d in given.iter().filter(within) {
                totals.add_given(d.minutes, d.count, d.on);
            }
            for d in received.iter().filter(within) {
                totals.add_received(d.minutes, d.count, d.on);
            }
            Period {
                span,
                since,
                totals,
            }
        })
        .collect::<Vec<_>>();
    let index = periods.last().and_then(|p| p.totals.shown_index());

    // The page asked for and how many entries there are, in one statement.
    let listed = page_of(db, mine_newest_first(team_id, me), ENTRIES_PER_PAGE, page).await?;
    let (page, pages, entries) = (listed.window.page, listed.window.pages, listed.total);
    let page_rows = with_state(db, listed.rows, now).await?;
    let pending_models = mine_newest_first(team_id, me)
        .filter(help_exchanges::Column::Status.eq(Status::Pending.as_str()))
        .filter(help_exchanges::Column::ExpiresAt.gt(now))
        .all(db)
        .await?;
    let pending_rows = with_state(db, pending_models, now).await?;
    let (helped_sums, helped_total) =
        sums::counterparts_of(db, team_id, me, true, PEOPLE_SHOWN).await?;
    let (helper_sums, helpers_total) =
        sums::counterparts_of(db, team_id, me, false, PEOPLE_SHOWN).await?;

    let members = rosters.of(db, team_id, acc.team.roster_version).await?;
    // Only the names the page shows, in at most one query (for former members).
    let named: BTreeSet<UserId> = page_rows
        .iter()
        .chain(&pending_rows)
        .flat_map(|r| [r.model.helper_id, r.model.helped_id])
        .chain(helped_sums.iter().chain(&helper_sums).map(|(id, _, _)| *id))
        .collect();
    let names = names_for(db, named, &members).await?;
    let pending: Vec<EntryLine> = pending_rows
        .iter()
        .filter(|r| r.state == Effective::Pending)
        .map(|r| line(r, &names, me, true))
        .collect();
    let (waiting_for_me, waiting_for_them) = pending.into_iter().partition(|l| l.awaits_me);
    let sees_team = acc.sees_aggregates(principal);
    Ok(MyLedger {
        periods,
        index,
        waiting_for_me,
        waiting_for_them,
        mine: page_rows
            .iter()
            .map(|r| line(r, &names, me, true))
            .collect(),
        page,
        pages,
        entries,
        helped: counterparts(&helped_sums, &names),
        helped_total,
        helpers: counterparts(&helper_sums, &names),
        helpers_total,
        members,
        sees_team,
        access: acc,
    })
}

/// Every entry the caller is in, newest first, for their CSV export.
pub async fn my_entries(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    now: OffsetDateTime,
) -> Result<MyEntries> {
    let acc = access(db, principal, slug, Action::ViewOwnLedger).await?;
    let me = acc.user_id;
    let rows = my_rows(db, acc.team.id, me, now).await?;
    let members = roster(db, acc.team.id).await?;
    let names = everyone(db, &rows, &members).await?;
    Ok(MyEntries {
        lines: rows.iter().map(|r| line(r, &names, me, true)).collect(),
        access: acc,
    })
}
