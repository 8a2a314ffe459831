//! The check-ins' part of the three-minute scan: this week's blockers in the team (on the
//! team's clock) and how many members have checked in. Bounded: the first [`BLOCKERS`]
//! blockers, and how many more there are.

use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use serde::Serialize;
use time::OffsetDateTime;

use crate::domain::checkin::IsoWeek;
use crate::domain::ids::{ActionId, TeamId};
use crate::domain::zone::Zone;
use crate::i18n::Lang;
use crate::service::meetings::{author_name, names_of};
use crate::service::sql::counted;
use crate::service::{Result, ServiceError};
use crate::store::entities::{actions, checkins, memberships};

/// Blockers the scan lists at most.
pub const BLOCKERS: u64 = 30;

/// One blocker of the week.
#[derive(Debug, Clone, Serialize)]
pub struct BlockerLine {
    /// Whose check-in.
    pub who: String,
    /// What blocks.
    pub text: String,
    /// The action it holds up.
    pub action_id: Option<ActionId>,
    /// That action's title.
    pub action_title: Option<String>,
}

/// This week's check-ins in the scan.
#[derive(Debug, Clone, Serialize)]
pub struct ScanCheckins {
    /// "week of 30 November".
    pub week: String,
    /// `2026-W49`, for the link to the week.
    pub week_label: String,
    /// Members who checked in.
    pub checked_in: u64,
    /// Every check-in of the week (a former member's included).
    pub entries: u64,
    /// Members.
    pub members: u64,
    /// The first blockers, first saved first.
    pub blockers: Vec<BlockerLine>,
    /// Blockers beyond those listed.
    pub more: u64,
}

/// The week's check-in counts the scan shows, and the team's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WeekCounts {
    /// Every check-in of the week (a former member's included).
    pub entries: u64,
    /// Those of current members.
    pub checked_in: u64,
    /// Those with a blocker.
    pub with_blocker: u64,
    /// Members of the team.
    pub members: u64,
}

impl WeekCounts {
    /// Reads the counts [`week_count_columns`] added, with the team's size counted elsewhere.
    pub fn from_row(row: &sea_orm::QueryResult, members: u64) -> Result<Self> {
        let count = |column: &str| -> Result<u64> {
            Ok(u64::try_from(row.try_get::<i64>("", column)?).unwrap_or(0))
        };
        Ok(Self {
            entries: count("week_entries")?,
            checked_in: count("week_checked_in")?,
            with_blocker: count("week_with_blocker")?,
            members,
        })
    }
}

/// The check-ins of team `team_id` in `week`.
fn in_week(team_id: TeamId, week: &str) -> sea_orm::Select<checkins::Entity> {
    checkins::Entity::find()
        .filter(checkins::Column::TeamId.eq(team_id))
        .filter(checkins::Column::Week.eq(week))
}

/// Adds the week's three counts to `select` as scalar subqueries (`week_entries`,
/// `week_checked_in`, `week_with_blocker`), read back by [`WeekCounts::from_row`]: the
/// meeting page asks them in its facts statement.
pub fn week_count_columns(select: &mut SelectStatement, team_id: TeamId, week: &IsoWeek) {
    let label = week.label();
    let members = memberships::Entity::find()
        .select_only()
        .column(memberships::Column::UserId)
        .filter(memberships::Column::TeamId.eq(team_id))
        .into_query();
    select
        .expr_as(counted(in_week(team_id, &label)), "week_entries")
        .expr_as(
            counted(in_week(team_id, &label).filter(checkins::Column::UserId.in_subquery(members))),
            "week_checked_in",
        )
        .expr_as(
            counted(in_week(team_id, &label).filter(checkins::Column::Blocking.ne(""))),
            "week_with_blocker",
        );
}

/// This week's check-ins of team `team_id` at `now`, in `lang` (no access check: the caller
/// may see the team's meetings); `members` is the team's size (kept on its row).
pub async fn scan(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    zone: Zone,
    now: OffsetDateTime,
    lang: Lang,
    members: u64,
) -> Result<ScanCheckins> {
    let week = IsoWeek::at(now, zone);
    let mut select = Query::select();
    week_count_columns(&mut select, team_id, &week);
    // The week's three counts in one round trip.
    let row = db
        .query_one(&select)
        .await?
        .ok_or_else(|| ServiceError::Unexpected(anyhow::anyhow!("week counts: no row")))?;
    let counts = WeekCounts::from_row(&row, members)?;
    scan_week(db, team_id, (zone, lang), now, week, counts).await
}

/// [`scan`] when the caller has read the week's counts already (`counts`, for the week of
/// `now` on `zone`'s clock).
pub async fn scan_counted(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    zone: Zone,
    now: OffsetDateTime,
    lang: Lang,
    counts: WeekCounts,
) -> Result<ScanCheckins> {
    scan_week(
        db,
        team_id,
        (zone, lang),
        now,
        IsoWeek::at(now, zone),
        counts,
    )
    .await
}

/// The scan of `week` (the week of `now` on `zone`'s clock) with its `counts` read.
async fn scan_week(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    (zone, lang): (Zone, Lang),
    now: OffsetDateTime,
    week: IsoWeek,
    counts: WeekCounts,
) -> Result<ScanCheckins> {
    let label = week.label();
    let WeekCounts {
        entries,
        checked_in,
        with_blocker: total,
        members,
    } = counts;
    // The counts say whether there is any blocker to list: no statement for an empty list.
    let rows = if total == 0 {
        Vec::new()
    } else {
        in_week(team_id, &label)
            .filter(checkins::Column::Blocking.ne(""))
            .order_by_asc(checkins::Column::Id)
            .limit(BLOCKERS)
            .all(db)
            .await?
    };
    let people = names_of(db, rows.iter().map(|r| r.user_id)).await?;
    let linked: Vec<ActionId> = rows.iter().filter_map(|r| r.blocker_action_id).collect();
    let titles: std::collections::HashMap<ActionId, String> = if linked.is_empty() {
        std::collections::HashMap::new()
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
    let blockers = rows
        .into_iter()
        .map(|r| BlockerLine {
            who: author_name(&people, Some(r.user_id)),
            action_title: r.blocker_action_id.and_then(|a| titles.get(&a).cloned()),
            action_id: r.blocker_action_id.filter(|a| titles.contains_key(a)),
            text: r.blocking,
        })
        .collect::<Vec<_>>();
    Ok(ScanCheckins {
        week: week.in_words(zone.today(now)).render(lang),
        week_label: label,
        checked_in,
        entries,
        members,
        more: total.saturating_sub(blockers.len() as u64),
        blockers,
    })
}
