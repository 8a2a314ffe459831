//! The team view: the member table over a window (sortable), load concentration, who carries
//! the load, quiet members, the monthly trend, who helped whom and, for leaders, disputes.
//! Totals, pairs and monthly sums are summed by the database (`sums`), and the pure metrics
//! (Gini, top shares, carrying the load) work on the per-member sums, so the cost per request
//! follows members and pairs rather than every stored entry; the page shows a summary and one
//! page of the table (`src/web/ledger/team_view.rs`), the CSV export every line.

use crate::domain::ids::{TeamId, UserId};
use std::collections::{BTreeMap, BTreeSet, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use time::OffsetDateTime;

use super::super::{LedgerAccess, Member, access};
use super::{EntryLine, everyone, line, sums, with_state};
use crate::access::{Action, Principal};
use crate::domain::ledger::{
    self, Concentration, Edge, Effective, LoadSignal, MonthTotal, RECENT_WEEKS, SIGNAL_WEEKS,
    Status, Totals,
};
use crate::service::{Result, ServiceError};
use crate::store::entities::help_exchanges;

/// What the team view sums from the team's rows: the totals over two windows of everyone with
/// an exchange in them (members without one have no entry, people who are no longer members
/// keep theirs) and who helped whom over the first window. One grouped query per pair; the
/// per-member totals are the pairs added up.
async fn team_sums(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    windows: [Option<time::Date>; 2],
) -> Result<([BTreeMap<UserId, Totals>; 2], Vec<Edge>)> {
    // Members with nothing counted have no entry (readers default them): two maps as large
    // as the team, filled per request, cost more than the sums themselves at 2,000 members.
    let mut totals: [BTreeMap<UserId, Totals>; 2] = Default::default();
    let mut edges = Vec::new();
    for (helper, helped, first, second) in sums::pairs_over_windows(db, team_id, windows).await? {
        for (window, (minutes, count, last)) in totals.iter_mut().zip([first, second]) {
            let Some(last) = last else { continue };
            window
                .entry(helper)
                .or_default()
                .add_given(minutes, count, last);
            window
                .entry(helped)
                .or_default()
                .add_received(minutes, count, last);
        }
        let (minutes, count, last) = first;
        if last.is_some() {
            edges.push(Edge {
                helper,
                helped,
                minutes,
                count,
            });
        }
    }
    Ok((totals, edges))
}

/// One member's row of the team table.
#[derive(Debug, Clone, Serialize)]
pub struct MemberLine {
    /// User id.
    pub id: UserId,
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
    // Names are lowered once per line, not once per comparison: first by name (and id), then
    // a stable sort by the chosen column keeps that order among equals.
    // Descending by name, the one order that is not by name first: the lines' order on the
    // way in does not matter to it.
    if !(descending && key == SortKey::Name) {
        lines.sort_by_cached_key(|l| (l.name.to_lowercase(), l.id));
    }
    sort_name_ordered_lines(lines, key, descending);
}

/// [`sort_lines`] for lines already by name (case ignored) then id, as a kept roster lists its
/// members: the name order is not worked out again (2,000 lowered names a request).
pub fn sort_name_ordered_lines(lines: &mut [MemberLine], key: SortKey, descending: bool) {
    if key == SortKey::Name {
        if descending {
            lines.sort_by_cached_key(|l| (std::cmp::Reverse(l.name.to_lowercase()), l.id));
        }
        return;
    }
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
        if descending {
            primary.reverse()
        } else {
            primary
        }
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
    pub members: std::sync::Arc<Vec<Member>>,
    /// Disputed entries (leaders only).
    pub disputes: Vec<EntryLine>,
}

/// Loads the team view (`Forbidden` for members when the team shows aggregates to leaders only).
pub async fn team_ledger(
    db: &impl ConnectionTrait,
    rosters: &crate::service::teams::Rosters,
    principal: Principal,
    slug: &str,
    (window, sort, descending): (Window, SortKey, bool),
    now: OffsetDateTime,
) -> Result<TeamLedger> {
    let acc = access(db, principal, slug, Action::ViewLedgerAggregates).await?;
    if !acc.sees_aggregates(principal) {
        return Err(ServiceError::Forbidden);
    }
    let today = acc.zone.today(now);
    let team_id = acc.team.id;
    let members = rosters.of(db, team_id, acc.team.roster_version).await?;
    let ids: Vec<UserId> = members.iter().map(|m| m.id).collect();
    // Membership tests per total: a set, so the view stays linear in the team.
    let id_set: HashSet<UserId> = ids.iter().copied().collect();
    let since = match window {
        Window::Recent => Some(ledger::window_start(today, RECENT_WEEKS)),
        Window::Term => Some(ledger::term_start(today, acc.settings.term_starts_on)),
        Window::All => None,
    };
    let signal_since = Some(ledger::window_start(today, SIGNAL_WEEKS));
    let ([totals, signal_totals], mut edge_list) =
        team_sums(db, team_id, [since, signal_since]).await?;
    let team_minutes: i64 = totals
        .iter()
        .filter(|(id, _)| id_set.contains(id))
        .map(|(_, t)| t.given_minutes)
        .sum();
    // Every counted exchange has exactly one helper, member or not.
    let team_exchanges: i64 = totals.values().map(|t| t.given_count).sum();
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
    // The roster is by name then id already.
    sort_name_ordered_lines(&mut lines, sort, descending);
    let given: Vec<i64> = members
        .iter()
        .map(|m| totals.get(&m.id).map_or(0, |t| t.given_minutes))
        .collect();
    let signal_totals: BTreeMap<UserId, Totals> = signal_totals
        .into_iter()
        .filter(|(id, _)| id_set.contains(id))
        .collect();
    ledger::sort_edges(&mut edge_list);
    let dispute_rows = if acc.is_leader() {
        let models = help_exchanges::Entity::find()
            .filter(help_exchanges::Column::TeamId.eq(team_id))
            .filter(help_exchanges::Column::Kind.eq("exchange"))
            .filter(help_exchanges::Column::Status.eq(Status::Disputed.as_str()))
            .order_by_desc(help_exchanges::Column::OccurredOn)
            .order_by_desc(help_exchanges::Column::Id)
            .all(db)
            .await?;
        with_state(db, models, now).await?
    } else {
        Vec::new()
    };
    // Names: members are loaded; former members are looked up only if something names them.
    let mut names = everyone(db, &dispute_rows, &members).await?;
    let former: BTreeSet<UserId> = edge_list
        .iter()
        .flat_map(|e| [e.helper, e.helped])
        .filter(|id| !names.contains_key(id))
        .collect();
    if !former.is_empty() {
        names.extend(super::super::names(db, former).await?);
    }
    let name = |id: UserId| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "former member".to_owned())
    };
    let carrying = ledger::carrying_the_load(&signal_totals, members.len())
        .into_iter()
        .map(|s| (name(s.member), s))
        .collect();
    let quiet = ledger::quiet(&signal_totals, &ids)
        .into_iter()
        .map(name)
        .collect();
    let edges = edge_list
        .into_iter()
        .map(|e| (name(e.helper), name(e.helped), e))
        .collect();
    let disputes = dispute_rows
        .iter()
        .filter(|r| r.state == Effective::Disputed)
        .map(|r| line(r, &names, acc.user_id, false))
        .collect();
    let month_days = sums::team_days(db, team_id, ledger::months_start(today, 6)).await?;
    Ok(TeamLedger {
        window,
        lines,
        team_minutes,
        team_exchanges,
        concentration: ledger::concentration(&given),
        carrying,
        quiet,
        months: ledger::monthly_sums(&month_days, today, 6),
        edges,
        members,
        disputes,
        access: acc,
    })
}

/// A line's value in the sorted column (what [`sort_lines`] compares first).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    /// Sorted by name: nothing before the name.
    None,
    /// Minutes given or received.
    Minutes(i64),
    /// Balance index (no index sorts lowest) or share.
    Ratio(f64),
    /// Day of the last exchange.
    Day(Option<time::Date>),
}

impl Column {
    fn of(line: &MemberLine, sort: SortKey) -> Self {
        match sort {
            SortKey::Name => Self::None,
            SortKey::Given => Self::Minutes(line.totals.given_minutes),
            SortKey::Received => Self::Minutes(line.totals.received_minutes),
            SortKey::Index => Self::Ratio(line.index.unwrap_or(f64::NEG_INFINITY)),
            SortKey::Share => Self::Ratio(line.share),
            SortKey::Last => Self::Day(line.totals.last),
        }
    }

    fn order(self, other: Self) -> std::cmp::Ordering {
        use std::cmp::Ordering::Equal;
        match (self, other) {
            (Self::Minutes(a), Self::Minutes(b)) => a.cmp(&b),
            (Self::Ratio(a), Self::Ratio(b)) => a.total_cmp(&b),
            (Self::Day(a), Self::Day(b)) => a.cmp(&b),
            _ => Equal,
        }
    }

    fn text(self) -> String {
        match self {
            Self::None | Self::Day(None) => "-".to_owned(),
            Self::Minutes(m) => m.to_string(),
            Self::Ratio(r) => r.to_string(),
            Self::Day(Some(d)) => crate::format::iso(d),
        }
    }

    fn parse(text: &str, sort: SortKey) -> Option<Self> {
        Some(match sort {
            SortKey::Name => (text == "-").then_some(Self::None)?,
            SortKey::Given | SortKey::Received => Self::Minutes(text.parse().ok()?),
            SortKey::Index | SortKey::Share => {
                let r: f64 = text.parse().ok()?;
                (!r.is_nan()).then_some(Self::Ratio(r))?
            }
            SortKey::Last if text == "-" => Self::Day(None),
            SortKey::Last => Self::Day(Some(
                time::Date::parse(text, &time::format_description::well_known::Iso8601::DATE)
                    .ok()?,
            )),
        })
    }
}

/// Where a page of the member table resumes: just after this place in the table's order (the
/// sorted column, then the name, then the id, as [`sort_lines`] orders them), so a walk goes
/// on after the last line seen whatever moved meanwhile.
#[derive(Debug, Clone, PartialEq)]
pub struct LineAfter {
    sort: SortKey,
    descending: bool,
    column: Column,
    name: String,
    id: UserId,
}

impl LineAfter {
    /// The place of `line` in the table sorted by `sort`.
    pub fn of(line: &MemberLine, sort: SortKey, descending: bool) -> Self {
        Self {
            sort,
            descending,
            column: Column::of(line, sort),
            name: line.name.to_lowercase(),
            id: line.id,
        }
    }

    /// The place as text (`sort|dir|column|id|name`), read back by [`LineAfter::parse`].
    pub fn to_key(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}",
            self.sort.as_str(),
            if self.descending { "desc" } else { "asc" },
            self.column.text(),
            self.id.0,
            self.name
        )
    }

    /// A place written by [`LineAfter::to_key`] for the table sorted by `sort` (`None` for
    /// anything else, a place in another sort included).
    pub fn parse(key: &str, sort: SortKey, descending: bool) -> Option<Self> {
        let mut parts = key.splitn(5, '|');
        let (s, dir, column, id, name) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        if s != sort.as_str() || dir != if descending { "desc" } else { "asc" } {
            return None;
        }
        Some(Self {
            sort,
            descending,
            column: Column::parse(column, sort)?,
            name: name.to_owned(),
            id: UserId(id.parse().ok()?),
        })
    }

    /// Whether `line` comes after this place in the table's order.
    fn precedes(&self, line: &MemberLine) -> bool {
        use std::cmp::Ordering;
        let other = Self::of(line, self.sort, self.descending);
        let column = self.column.order(other.column);
        let column = if self.descending {
            column.reverse()
        } else {
            column
        };
        let name = if self.descending && self.sort == SortKey::Name {
            other.name.cmp(&self.name)
        } else {
            self.name.cmp(&other.name)
        };
        column.then(name).then(self.id.cmp(&other.id)) == Ordering::Less
    }
}

/// One page of a table sorted by [`sort_lines`]: up to `limit` lines after `after`, and
/// whether more follow.
pub fn page_of_lines<'a>(
    lines: &'a [MemberLine],
    after: Option<&LineAfter>,
    limit: usize,
) -> (&'a [MemberLine], bool) {
    let start = after.map_or(0, |a| lines.partition_point(|l| !a.precedes(l)));
    let rest = lines.get(start..).unwrap_or_default();
    let end = rest.len().min(limit);
    (rest.get(..end).unwrap_or_default(), rest.len() > limit)
}

#[cfg(test)]
mod paging_tests {
    use super::*;

    fn line(id: i64, name: &str, given: i64, index: Option<f64>) -> MemberLine {
        MemberLine {
            id: UserId(id),
            name: name.to_owned(),
            totals: Totals {
                given_minutes: given,
                ..Totals::default()
            },
            index,
            share: 0.0,
        }
    }

    const ALL_SORTS: [SortKey; 6] = [
        SortKey::Name,
        SortKey::Given,
        SortKey::Received,
        SortKey::Index,
        SortKey::Share,
        SortKey::Last,
    ];

    #[test]
    fn pages_of_every_sort_walk_every_line_once_in_the_tables_order() {
        let base: Vec<MemberLine> = (1..=23)
            .map(|i| {
                let name = ["Ana", "bob", "Cy", "ana"][i as usize % 4];
                let index = (i % 3 != 0).then(|| (i % 5) as f64 / 4.0 - 0.5);
                line(i, name, (i % 4) * 10, index)
            })
            .collect();
        for sort in ALL_SORTS {
            for descending in [false, true] {
                let mut lines = base.clone();
                sort_lines(&mut lines, sort, descending);
                let mut seen = Vec::new();
                let mut after: Option<LineAfter> = None;
                for _ in 0..20 {
                    let (page, more) = page_of_lines(&lines, after.as_ref(), 4);
                    seen.extend(page.iter().map(|l| l.id));
                    if !more {
                        break;
                    }
                    let key = LineAfter::of(page.last().unwrap(), sort, descending).to_key();
                    after = Some(LineAfter::parse(&key, sort, descending).unwrap());
                }
                let expected: Vec<UserId> = lines.iter().map(|l| l.id).collect();
                assert_eq!(seen, expected, "{sort:?} {descending}");
            }
        }
        let key = LineAfter::of(&base[0], SortKey::Given, true).to_key();
        assert!(LineAfter::parse(&key, SortKey::Given, false).is_none());
        assert!(LineAfter::parse(&key, SortKey::Name, true).is_none());
        assert!(LineAfter::parse("given|desc|x|1|a", SortKey::Given, true).is_none());
    }

    #[test]
    fn lines_in_roster_order_sort_as_any_lines_do() {
        // Names that differ only in case, and equal names, where the id decides.
        let names = ["bob", "Ana", "ana", "Cy", "Ana", "émile", "Bob", "cy"];
        let base: Vec<MemberLine> = (1..=40)
            .map(|i| {
                let name = names[i as usize % names.len()];
                let index = (i % 3 != 0).then(|| (i % 5) as f64 / 4.0 - 0.5);
                let mut l = line(i, name, (i % 4) * 10, index);
                l.totals.received_minutes = (i % 7) * 5;
                l
            })
            .collect();
        let mut roster_order = base.clone();
        roster_order.sort_by_cached_key(|l| (l.name.to_lowercase(), l.id));
        for sort in ALL_SORTS {
            for descending in [false, true] {
                let mut expected = base.clone();
                sort_lines(&mut expected, sort, descending);
                let mut lines = roster_order.clone();
                sort_name_ordered_lines(&mut lines, sort, descending);
                let ids = |ls: &[MemberLine]| ls.iter().map(|l| l.id).collect::<Vec<_>>();
                assert_eq!(ids(&lines), ids(&expected), "{sort:?} {descending}");
            }
        }
    }
}
