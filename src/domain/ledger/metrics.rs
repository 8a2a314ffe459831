//! Every number the ledger pages show, computed from counted entries only.
//! Definitions (also in `docs/ledger.md`):
//! - *balance index* `(given − received) / (given + received)` in minutes, in [−1, 1]; shown
//!   only once a person has at least two counted exchanges;
//! - *Gini* of given minutes over all members (zeros included): `Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n Σx)`;
//! - *top share*: minutes given by the top k givers over all minutes given;
//! - *carrying the load*: over the last 8 weeks, share ≥ max(2/N, 35 %), index ≥ 0.5 and at
//!   least 3 exchanges.

use crate::domain::ids::UserId;
use std::collections::BTreeMap;

use time::{Date, Duration, Month};

use super::status::Effective;

/// An entry as the metrics see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Who gave.
    pub helper: UserId,
    /// Who received.
    pub helped: UserId,
    /// How long.
    pub minutes: i64,
    /// When.
    pub on: Date,
    /// State as of now.
    pub state: Effective,
}

/// Minutes and counts one way or the other.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    pub given_minutes: i64,
    /// Exchanges given.
    pub given_count: i64,
    pub received_minutes: i64,
    /// Exchanges received.
    pub received_count: i64,
    /// Day of the latest counted exchange either way.
    pub last: Option<Date>,
}

impl Totals {
    /// Exchanges either way.
    pub fn exchanges(&self) -> i64 {
        self.given_count + self.received_count
    }
    /// Adds `count` exchanges given for `minutes` in all, the latest on `on` (the totals'
    /// one definition, whether the entries are folded here or summed by the database).
    pub fn add_given(&mut self, minutes: i64, count: i64, on: Date) {
        self.given_minutes += minutes;
        self.given_count += count;
        self.last = self.last.max(Some(on));
    }
    /// Adds `count` exchanges received for `minutes` in all, the latest on `on`.
    pub fn add_received(&mut self, minutes: i64, count: i64, on: Date) {
        self.received_minutes += minutes;
        self.received_count += count;
        self.last = self.last.max(Some(on));
    }
    /// The balance index, once there are at least [`INDEX_MIN_EXCHANGES`] exchanges.
    pub fn shown_index(&self) -> Option<f64> {
        if self.exchanges() < INDEX_MIN_EXCHANGES {
            return None;
        }
        balance_index(self.given_minutes, self.received_minutes)
    }
}

/// The index is shown only after this many exchanges (one exchange says little).
pub const INDEX_MIN_EXCHANGES: i64 = 2;
/// The window of the "carrying the load" signal and of quiet members.
pub const SIGNAL_WEEKS: i64 = 8;
/// The "recent" window of a person's own page.
pub const RECENT_WEEKS: i64 = 4;

/// The entries that count: confirmed and not reversed.
pub fn counted(entries: &[Entry]) -> impl Iterator<Item = &Entry> {
    entries.iter().filter(|e| e.state.counts())
}

/// Totals for every member over counted entries on or after `since` (all time for `None`).
/// Members without entries get zeros; entries of non-members are still counted for the
/// people in them.
pub fn per_member(
    entries: &[Entry],
    members: &[UserId],
    since: Option<Date>,
) -> BTreeMap<UserId, Totals> {
    let mut out: BTreeMap<UserId, Totals> =
        members.iter().map(|m| (*m, Totals::default())).collect();
    for e in counted(entries).filter(|e| since.is_none_or(|s| e.on >= s)) {
        out.entry(e.helper)
            .or_default()
            .add_given(e.minutes, 1, e.on);
        out.entry(e.helped)
            .or_default()
            .add_received(e.minutes, 1, e.on);
    }
    out
}

/// `(given − received) / (given + received)`; `None` when both are zero.
pub fn balance_index(given: i64, received: i64) -> Option<f64> {
    let total = given + received;
    if total <= 0 {
        return None;
    }
    Some((given - received) as f64 / total as f64)
}

/// Gini coefficient of non-negative values: 0 when all are equal (or all zero), approaching
/// 1 when one value holds everything.
pub fn gini(values: &[i64]) -> f64 {
    let n = values.len() as f64;
    let sum: i64 = values.iter().sum();
    if values.is_empty() || sum <= 0 {
        return 0.0;
    }
    // Sorted form of Σᵢ Σⱼ |xᵢ − xⱼ|: Σᵢ (2i − n + 1) xᵢ over ascending x (i from 0), doubled.
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let weighted: f64 = sorted
        .iter()
        .enumerate()
        .map(|(i, x)| (2.0 * i as f64 - n + 1.0) * *x as f64)
        .sum();
    (2.0 * weighted) / (2.0 * n * sum as f64)
}

/// Share of the total held by the `k` largest values (0 when the total is 0).
pub fn top_share(values: &[i64], k: usize) -> f64 {
    let sum: i64 = values.iter().sum();
    if sum <= 0 {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let top: i64 = sorted.iter().take(k).sum();
    top as f64 / sum as f64
}

/// How many people "the top 20 %" is: a fifth of the members, rounded up, at least one.
pub fn top_fifth(n: usize) -> usize {
    n.div_ceil(5).max(1)
}

/// Load concentration of given minutes.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Concentration {
    /// Gini of given minutes.
    pub gini: f64,
    /// Share given by the top giver.
    pub top1: f64,
    /// Share given by the top 20 % of members.
    pub top20: f64,
    /// How many people the top 20 % is.
    pub top20_people: usize,
}

/// Gini and top shares of the members' given minutes.
pub fn concentration(given: &[i64]) -> Concentration {
    let top20_people = top_fifth(given.len());
    Concentration {
        gini: gini(given),
        top1: top_share(given, 1),
        top20: top_share(given, top20_people),
        top20_people,
    }
}

/// A member who is carrying the team's load.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct LoadSignal {
    /// Who.
    pub member: UserId,
    /// Their share of the minutes given in the window.
    pub share: f64,
    /// Their balance index in the window.
    pub index: f64,
    /// Their exchanges in the window.
    pub exchanges: i64,
}

/// Members whose share of the window's given minutes is at least max(2/N, 35 %), whose index
/// is at least 0.5 and who took part in at least 3 exchanges. `totals` covers the window.
pub fn carrying_the_load(totals: &BTreeMap<UserId, Totals>, members: usize) -> Vec<LoadSignal> {
    let team_given: i64 = totals.values().map(|t| t.given_minutes).sum();
    if team_given <= 0 || members == 0 {
        return Vec::new();
    }
    let threshold = (2.0 / members as f64).max(0.35);
    let mut out: Vec<LoadSignal> = totals
        .iter()
        .filter_map(|(member, t)| {
            let share = t.given_minutes as f64 / team_given as f64;
            let index = balance_index(t.given_minutes, t.received_minutes)?;
            (share >= threshold && index >= 0.5 && t.exchanges() >= 3).then_some(LoadSignal {
                member: *member,
                share,
                index,
                exchanges: t.exchanges(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.member.cmp(&b.member)));
    out
}

/// Members with no counted exchange in the window (`totals` covers the window).
pub fn quiet(totals: &BTreeMap<UserId, Totals>, members: &[UserId]) -> Vec<UserId> {
    members
        .iter()
        .filter(|m| totals.get(m).is_none_or(|t| t.exchanges() == 0))
        .copied()
        .collect()
}

/// Minutes and exchanges of one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct MonthTotal {
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u8,
    /// Minutes counted.
    pub minutes: i64,
    /// Exchanges counted.
    pub count: i64,
}

/// The calendar months of [`monthly`]: the last `months` up to the one containing `today`,
/// oldest first.
fn month_keys(today: Date, months: u8) -> Vec<(i32, Month)> {
    let mut keys = Vec::new();
    let (mut year, mut month) = (today.year(), today.month());
    for _ in 0..months {
        keys.push((year, month));
        if month == Month::January {
            year -= 1;
        }
        month = month.previous();
    }
    keys.reverse();
    keys
}

/// The first day of the oldest month [`monthly`] shows (what a database query needs to read).
pub fn months_start(today: Date, months: u8) -> Date {
    month_keys(today, months)
        .first()
        .and_then(|(year, month)| Date::from_calendar_date(*year, *month, 1).ok())
        .unwrap_or(today)
}

/// The last `months` calendar months up to the one containing `today`, oldest first.
pub fn monthly(entries: &[Entry], today: Date, months: u8) -> Vec<MonthTotal> {
    let days: Vec<(Date, i64, i64)> = counted(entries).map(|e| (e.on, e.minutes, 1)).collect();
    monthly_sums(&days, today, months)
}

/// [`monthly`] from counted sums per day: `(day, minutes, exchanges)`.
pub fn monthly_sums(days: &[(Date, i64, i64)], today: Date, months: u8) -> Vec<MonthTotal> {
    month_keys(today, months)
        .into_iter()
        .map(|(year, month)| {
            let (minutes, count) = days
                .iter()
                .filter(|(on, _, _)| on.year() == year && on.month() == month)
                .fold((0, 0), |(m, c), (_, minutes, count)| {
                    (m + minutes, c + count)
                });
            MonthTotal {
                year,
                month: u8::from(month),
                minutes,
                count,
            }
        })
        .collect()
}

/// Who helped whom, summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Edge {
    /// Giver.
    pub helper: UserId,
    /// Receiver.
    pub helped: UserId,
    /// Minutes counted.
    pub minutes: i64,
    /// Exchanges counted.
    pub count: i64,
}

/// One edge per (helper, helped) pair with counted entries on or after `since`, most minutes first.
pub fn edges(entries: &[Entry], since: Option<Date>) -> Vec<Edge> {
    let mut sums: BTreeMap<(UserId, UserId), (i64, i64)> = BTreeMap::new();
    for e in counted(entries).filter(|e| since.is_none_or(|s| e.on >= s)) {
        let sum = sums.entry((e.helper, e.helped)).or_default();
        sum.0 += e.minutes;
        sum.1 += 1;
    }
    let mut out: Vec<Edge> = sums
        .into_iter()
        .map(|((helper, helped), (minutes, count))| Edge {
            helper,
            helped,
            minutes,
            count,
        })
        .collect();
    sort_edges(&mut out);
    out
}

/// The order of [`edges`]: most minutes first, then by helper and helped.
pub fn sort_edges(edges: &mut [Edge]) {
    edges.sort_by(|a, b| {
        b.minutes
            .cmp(&a.minutes)
            .then(a.helper.cmp(&b.helper))
            .then(a.helped.cmp(&b.helped))
    });
}

/// The first day of the current term: the team's own date when it is set and not in the
/// future, else the start of the school term containing `today` (1 September, 1 January or
/// 1 April).
pub fn term_start(today: Date, configured: Option<Date>) -> Date {
    if let Some(start) = configured.filter(|d| *d <= today) {
        return start;
    }
    let month = match today.month() {
        Month::September | Month::October | Month::November | Month::December => Month::September,
        Month::January | Month::February | Month::March => Month::January,
        _ => Month::April,
    };
    Date::from_calendar_date(today.year(), month, 1).unwrap_or(today)
}

/// The first day of a window of `weeks` weeks ending today (inclusive).
pub fn window_start(today: Date, weeks: i64) -> Date {
    today - Duration::days(weeks * 7 - 1)
}
