//! The team's view of one week's check-ins: the entries (50 a page), how many members have
//! checked in, and for leaders only the names of those who have not (50 a page). Past weeks
//! are read-only; the current week also offers the caller's own form. Every list is bounded:
//! the entries cost a count and a page; who has not checked in comes from the team's roster as
//! kept for its version (`service::teams::Rosters`) less the week's authors, so no statement
//! sorts a team of 2,000 per request.

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{CheckinAccess, PER_PAGE, authorize};
use crate::access::{self, Action, Decision, Principal};
use crate::domain::checkin::IsoWeek;
use crate::domain::ids::{ActionId, UserId};
use crate::format;
use crate::i18n::Lang;
use crate::service::Result;
use crate::service::meetings::{author_name, names_of};
use crate::service::paging::{self, Pager, Window};
use crate::service::teams::{Member, Rosters};
use crate::store::entities::{actions, checkins};

/// How many open actions the blocker's list offers (the rest by number).
pub const ACTION_CHOICES: u64 = 100;

/// The page's query string: which week, which page of entries, which page of names.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WeekQuery {
    /// `2026-W48`; empty or unreadable: this week.
    #[serde(default)]
    pub week: String,
    /// Page of entries, from 1.
    #[serde(default)]
    pub page: String,
    /// Page of the names of those who have not checked in, from 1.
    #[serde(default)]
    pub missing: String,
    /// Instead of page `page` (the web page's links): the entries after this check-in id
    /// (none: from the first), at most this many (the API's keyset pages).
    #[serde(skip)]
    pub keyset: Option<(Option<i64>, u64)>,
}

fn page_number(raw: &str) -> u64 {
    Ord::max(raw.trim().parse::<u64>().unwrap_or(1), 1)
}

/// One check-in as the team view shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EntryLine {
    /// Whose.
    pub who: String,
    /// The caller's own.
    pub mine: bool,
    pub moved: String,
    pub blocking: String,
    pub next: String,
    pub improvement: String,
    /// The action its blocker holds up.
    pub action: Option<LinkedAction>,
    /// "3 Dec 2026, 14:00 UTC".
    pub updated: String,
    /// The check-in's id.
    #[serde(skip)]
    pub id: i64,
    /// Whose, by id.
    #[serde(skip)]
    pub user_id: UserId,
    /// Last saved, as a moment.
    #[serde(skip)]
    pub updated_at: OffsetDateTime,
}

/// The action a blocker names.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedAction {
    pub id: ActionId,
    pub title: String,
}

/// An open action the blocker may name.
#[derive(Debug, Clone, Serialize)]
pub struct ActionChoice {
    pub id: ActionId,
    pub title: String,
    pub owner: String,
}

/// The names of those who have not checked in (leaders only).
#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    /// How many, in all.
    pub total: u64,
    /// This page's names.
    pub names: Vec<String>,
    pub pager: Pager,
}

/// One week of the team's check-ins.
#[derive(Debug, Clone)]
pub struct WeekView {
    pub access: CheckinAccess,
    /// The week shown.
    pub week: IsoWeek,
    /// "week of 30 November", in the reader's language.
    pub week_words: String,
    /// The week before's label.
    pub previous: String,
    /// The week after's label, if it has begun.
    pub next: Option<String>,
    /// The caller's own check-in of the week shown.
    pub mine: Option<checkins::Model>,
    /// This page of entries, first saved first.
    pub entries: Vec<EntryLine>,
    pub pager: Pager,
    /// More entries follow this page.
    pub more_entries: bool,
    /// Current members who have checked in that week.
    pub checked_in: u64,
    /// Current members.
    pub members: u64,
    /// For leaders.
    pub missing: Option<Missing>,
    /// The team's open actions for the blocker's list (this week only), soonest due first.
    pub actions: Vec<ActionChoice>,
    /// More open actions than the list shows.
    pub more_actions: bool,
}

impl WeekView {
    /// Whether the week shown is the current one (so the caller may write).
    pub fn is_current(&self) -> bool {
        self.week == self.access.current
    }
}

fn link(slug: &str, week: IsoWeek, page: u64, missing: u64) -> String {
    let mut out = format!("/teams/{slug}/checkins?week={}", week.label());
    if page > 1 {
        out.push_str(&format!("&page={page}"));
    }
    if missing > 1 {
        out.push_str(&format!("&missing={missing}"));
    }
    out
}

/// Who of `roster` (the team's members, by name) has not checked in for `week` (`done`: the
/// week's authors), a page of them: from the roster kept for the team's version and one read
/// of the week's authors, so no statement sorts the whole team per request.
fn missing_names(
    roster: &[Member],
    done: &HashSet<UserId>,
    (slug, week): (&str, IsoWeek),
    (page, entries_page): (u64, u64),
) -> Missing {
    let missing = || roster.iter().filter(|m| !done.contains(&m.id));
    let total = paging::count(missing().count());
    let window = Window::new(total, PER_PAGE, page);
    let names = window.cut(missing()).map(|m| m.name.clone()).collect();
    Missing {
        total,
        names,
        pager: window.pager(|p| link(slug, week, entries_page, p)),
    }
}

/// The team's open actions a blocker may name (the first [`ACTION_CHOICES`], soonest due).
async fn action_choices(
    db: &impl ConnectionTrait,
    acc: &CheckinAccess,
) -> Result<(Vec<ActionChoice>, bool)> {
    let rows = actions::Entity::find()
        .filter(actions::Column::TeamId.eq(acc.team.team.id))
        .filter(actions::Column::Status.is_in([
            actions::Status::Open,
            actions::Status::InProgress,
            actions::Status::Blocked,
        ]))
        .order_by_asc(actions::Column::DueOn)
        .order_by_asc(actions::Column::Id)
        .limit(ACTION_CHOICES + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > ACTION_CHOICES;
    let people = names_of(db, rows.iter().map(|r| r.owner_id)).await?;
    Ok((
        rows.into_iter()
            .take(ACTION_CHOICES as usize)
            .map(|r| ActionChoice {
                id: r.id,
                owner: author_name(&people, Some(r.owner_id)),
                title: r.title,
            })
            .collect(),
        more,
    ))
}

/// One week of the team's check-ins for the caller, in `lang`'s words.
pub async fn week_view(
    db: &impl ConnectionTrait,
    rosters: &Rosters,
    principal: Principal,
    slug: &str,
    query: &WeekQuery,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<WeekView> {
    let acc = authorize(db, principal, slug, Action::ViewCheckins, now).await?;
    let current = acc.current;
    // A week not yet begun, or an unreadable one, shows this week.
    let week = shown_week(&acc, &query.week);
    let label = week.label();
    let team_id = acc.team.team.id;
    let in_week = checkins::Entity::find()
        .filter(checkins::Column::TeamId.eq(team_id))
        .filter(checkins::Column::Week.eq(label.as_str()));
    let total = in_week.clone().count(db).await?;
    let missing_page = page_number(&query.missing);
    let window = Window::new(total, PER_PAGE, page_number(&query.page));
    let pager = window.pager(|p| link(&acc.team.team.slug, week, p, missing_page));
    let (rows, more_entries) = match query.keyset {
        Some((after, limit)) => {
            let mut rows = in_week
                .filter(checkins::Column::Id.gt(after.unwrap_or(0)))
                .order_by_asc(checkins::Column::Id)
                .limit(limit + 1)
                .all(db)
                .await?;
            let more = rows.len() as u64 > limit;
            rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
            (rows, more)
        }
        None => (
            in_week
                .order_by_asc(checkins::Column::Id)
                .limit(window.limit())
                .offset(window.offset())
                .all(db)
                .await?,
            pager.next.is_some(),
        ),
    };
    let mine = own_row(db, &acc, &label).await?;
    let people = names_of(db, rows.iter().map(|r| r.user_id)).await?;
    let linked: Vec<ActionId> = rows.iter().filter_map(|r| r.blocker_action_id).collect();
    let titles: HashMap<ActionId, String> = if linked.is_empty() {
        HashMap::new()
    } else {
        actions::Entity::find()
            .filter(actions::Column::TeamId.eq(team_id))
            .filter(actions::Column::Id.is_in(linked))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.title))
            .collect()
    };
    let entries = rows
        .into_iter()
        .map(|r| EntryLine {
            who: author_name(&people, Some(r.user_id)),
            mine: r.user_id == acc.user_id,
            action: r.blocker_action_id.and_then(|id| {
                titles.get(&id).map(|title| LinkedAction {
                    id,
                    title: title.clone(),
                })
            }),
            updated: format::date_time_in(r.updated_at, acc.team.zone, lang),
            id: r.id,
            user_id: r.user_id,
            updated_at: r.updated_at,
            moved: r.moved,
            blocking: r.blocking,
            next: r.next_up,
            improvement: r.improvement,
        })
        .collect();
    let roster = rosters
        .of(db, team_id, acc.team.team.roster_version)
        .await?;
    // The week's authors (one column of at most one row each); some may have left the team.
    let done: HashSet<UserId> = checkins::Entity::find()
        .select_only()
        .column(checkins::Column::UserId)
        .filter(checkins::Column::TeamId.eq(team_id))
        .filter(checkins::Column::Week.eq(label.as_str()))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let as_u64 = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let checked_in = as_u64(roster.iter().filter(|m| done.contains(&m.id)).count());
    let members = as_u64(roster.len());
    let leader =
        access::authorize(principal, acc.team.role, Action::ViewCheckinGaps) == Decision::Allow;
    let missing = leader.then(|| {
        missing_names(
            &roster,
            &done,
            (&acc.team.team.slug, week),
            (missing_page, pager.page),
        )
    });
    let (choices, more_actions) = if week == current {
        action_choices(db, &acc).await?
    } else {
        (Vec::new(), false)
    };
    let today = acc.team_zone.today(now);
    Ok(WeekView {
        week_words: week.in_words(today).render(lang),
        previous: week.previous().label(),
        next: (week < current).then(|| week.next().label()),
        week,
        mine,
        entries,
        pager,
        more_entries,
        checked_in,
        members,
        missing,
        actions: choices,
        more_actions,
        access: acc,
    })
}

/// The caller's check-in of `week`, if they wrote one.
async fn own_row(
    db: &impl ConnectionTrait,
    acc: &CheckinAccess,
    week: &str,
) -> Result<Option<checkins::Model>> {
    Ok(checkins::Entity::find()
        .filter(checkins::Column::TeamId.eq(acc.team.team.id))
        .filter(checkins::Column::UserId.eq(acc.user_id))
        .filter(checkins::Column::Week.eq(week))
        .one(db)
        .await?)
}

/// The week `raw` names for the caller (`2026-W48`; empty, unreadable or not yet begun: this
/// week, as the page shows it).
fn shown_week(acc: &CheckinAccess, raw: &str) -> IsoWeek {
    IsoWeek::parse(raw)
        .ok()
        .filter(|w| *w <= acc.current)
        .unwrap_or(acc.current)
}

/// The caller's own check-in of the week `week` names (as [`week_view`] reads it), with the
/// week shown; the check-in is `None` if they wrote none that week.
pub async fn own(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    week: &str,
    now: OffsetDateTime,
) -> Result<(CheckinAccess, IsoWeek, Option<checkins::Model>)> {
    let acc = authorize(db, principal, slug, Action::ViewCheckins, now).await?;
    let week = shown_week(&acc, week);
    let row = own_row(db, &acc, &week.label()).await?;
    Ok((acc, week, row))
}

/// Whether `user_id` has checked in this week (on the team's clock).
pub async fn has_checked_in(
    db: &impl ConnectionTrait,
    team_id: crate::domain::ids::TeamId,
    user_id: UserId,
    week: IsoWeek,
) -> Result<bool> {
    Ok(checkins::Entity::find()
        .filter(checkins::Column::TeamId.eq(team_id))
        .filter(checkins::Column::UserId.eq(user_id))
        .filter(checkins::Column::Week.eq(week.label()))
        .count(db)
        .await?
        > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_missing_are_the_roster_less_the_weeks_authors_fifty_a_page() {
        let roster: Vec<Member> = (1..=120)
            .map(|i| Member {
                id: UserId(i),
                name: format!("Person {i:04}"),
                leader: false,
                label: String::new(),
            })
            .collect();
        // 3 and 4 checked in; 500 did too but has left the team.
        let done: HashSet<UserId> = [3, 4, 500].into_iter().map(UserId).collect();
        let week = IsoWeek::parse("2026-W49").unwrap();
        let first = missing_names(&roster, &done, ("team-a", week), (1, 1));
        assert_eq!(first.total, 118);
        assert_eq!(first.names.len(), 50);
        assert_eq!(
            &first.names[..3],
            ["Person 0001", "Person 0002", "Person 0005"]
        );
        assert_eq!(first.pager.pages, 3);
        assert_eq!(
            first.pager.next.as_deref(),
            Some("/teams/team-a/checkins?week=2026-W49&missing=2")
        );
        let last = missing_names(&roster, &done, ("team-a", week), (7, 2));
        assert_eq!(last.pager.page, 3, "past the last page shows the last page");
        assert_eq!(last.names.len(), 18);
        assert_eq!(last.names.last().map(String::as_str), Some("Person 0120"));
        let everyone: HashSet<UserId> = roster.iter().map(|m| m.id).collect();
        let none = missing_names(&roster, &everyone, ("team-a", week), (1, 1));
        assert_eq!((none.total, none.names.len(), none.pager.pages), (0, 0, 1));
    }
}
