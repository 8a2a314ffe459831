//! The check-ins' part of the three-minute scan: this week's blockers in the team (on the
//! team's clock) and how many members have checked in. Bounded: the first [`BLOCKERS`]
//! blockers, and how many more there are.

use sea_orm::sea_query::{Expr, SubQueryStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use serde::Serialize;
use time::OffsetDateTime;

use crate::domain::checkin::IsoWeek;
use crate::domain::ids::{ActionId, TeamId};
use crate::domain::zone::Zone;
use crate::i18n::Lang;
use crate::service::Result;
use crate::service::meetings::{author_name, names_of};
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

/// This week's check-ins of team `team_id` at `now`, in `lang` (no access check: the caller
/// may see the team's meetings). `members` is the team's size when the caller has already
/// counted it (the meeting page has); otherwise the count statement counts it too.
pub async fn scan(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    zone: Zone,
    now: OffsetDateTime,
    lang: Lang,
    members: Option<u64>,
) -> Result<ScanCheckins> {
    let week = IsoWeek::at(now, zone);
    let label = week.label();
    let in_week = checkins::Entity::find()
        .filter(checkins::Column::TeamId.eq(team_id))
        .filter(checkins::Column::Week.eq(label.as_str()));
    let team_size = match members {
        Some(known) => Expr::val(i64::try_from(known).unwrap_or(i64::MAX)),
        None => Expr::from(SubQueryStatement::from(
            memberships::Entity::find()
                .select_only()
                .expr(Expr::cust("COUNT(*)"))
                .filter(memberships::Column::TeamId.eq(team_id))
                .into_query(),
        )),
    };
    // The week's three counts and the team's size in one round trip (every entry; those of
    // current members; those with a blocker). Unqualified SQL is the same on SQLite and
    // PostgreSQL.
    let (entries, checked_in, total, members) = in_week
        .clone()
        .select_only()
        .expr_as(Expr::cust("COUNT(*)"), "entries")
        .expr_as(
            Expr::cust(
                r#"COUNT(CASE WHEN "checkins"."user_id" IN (SELECT "memberships"."user_id" FROM "memberships" WHERE "memberships"."team_id" = "checkins"."team_id") THEN 1 END)"#,
            ),
            "checked_in",
        )
        .expr_as(
            Expr::cust(r#"COUNT(CASE WHEN "checkins"."blocking" <> '' THEN 1 END)"#),
            "with_blocker",
        )
        .expr_as(team_size, "members")
        .into_tuple::<(i64, i64, i64, i64)>()
        .one(db)
        .await?
        .unwrap_or_default();
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    let (entries, checked_in, total, members) = (
        count(entries),
        count(checked_in),
        count(total),
        count(members),
    );
    let rows = in_week
        .filter(checkins::Column::Blocking.ne(""))
        .order_by_asc(checkins::Column::Id)
        .limit(BLOCKERS)
        .all(db)
        .await?;
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
