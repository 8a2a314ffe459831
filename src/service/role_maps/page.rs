//! Reading role maps: a team's list, one page at a time, and one map with its milestones,
//! what the caller may do on it and its history, all in the reader's language and zone.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use time::OffsetDateTime;

use super::history::{VersionLine, versions, versions_before};
use super::{MapAccess, authorize, find_in_team, milestones_of};
use crate::access::{Action, Principal};
use crate::domain::ids::{MilestoneId, RoleMapId, UserId};
use crate::domain::role_map::{self as rules, MAPS_PER_PAGE, Rights, Status};
use crate::format;
use crate::i18n::{Lang, Msg};
use crate::service::Result;
use crate::service::meetings::names_of;
use crate::service::sql::page_of;
use crate::store::entities::role_maps;

/// One line of the team's list.
#[derive(Debug, Clone, Serialize)]
pub struct MapRow {
    pub id: RoleMapId,
    pub title: String,
    pub outcome: String,
    pub owner: String,
    /// `draft`, `published`, `closed`.
    pub status: &'static str,
    /// The status in words.
    pub status_word: String,
    /// Last changed, "3 Dec 2026" on the reader's clock.
    pub updated: String,
    /// The owner's id.
    #[serde(skip)]
    pub owner_id: UserId,
    /// Last changed, as a moment.
    #[serde(skip)]
    pub updated_at: OffsetDateTime,
    /// The status itself.
    #[serde(skip)]
    pub state: Status,
}

/// One page of a team's role maps, newest first.
#[derive(Debug, Clone)]
pub struct MapList {
    pub access: MapAccess,
    pub rows: Vec<MapRow>,
    /// 1-based page shown, of `pages`.
    pub page: u64,
    pub pages: u64,
    /// Maps in the team.
    pub total: u64,
}

/// Page `page` (1-based; clamped) of the team's role maps.
pub async fn list(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    page: Option<u64>,
    lang: Lang,
) -> Result<MapList> {
    let access = authorize(db, principal, slug, Action::ViewRoleMaps).await?;
    let team_id = access.team.team.id;
    let query = || role_maps::Entity::find().filter(role_maps::Column::TeamId.eq(team_id));
    let listed = page_of(
        db,
        query().order_by_desc(role_maps::Column::Id),
        MAPS_PER_PAGE,
        page.unwrap_or(1),
    )
    .await?;
    let rows = map_rows(db, &access, listed.rows, lang).await?;
    Ok(MapList {
        pages: listed.window.pages,
        access,
        rows,
        page: listed.window.page,
        total: listed.total,
    })
}

/// The list's lines of `maps`.
async fn map_rows(
    db: &impl ConnectionTrait,
    access: &MapAccess,
    maps: Vec<role_maps::Model>,
    lang: Lang,
) -> Result<Vec<MapRow>> {
    let people = names_of(db, maps.iter().map(|m| m.owner_id)).await?;
    Ok(maps
        .into_iter()
        .map(|m| {
            let status = Status::from(m.status);
            MapRow {
                id: m.id,
                owner: person(&people, m.owner_id, lang),
                owner_id: m.owner_id,
                title: m.title,
                outcome: m.outcome,
                status: status.as_str(),
                status_word: status.word().render(lang),
                updated: format::date_in(access.team.zone.local(m.updated_at).at.date(), lang),
                updated_at: m.updated_at,
                state: status,
            }
        })
        .collect())
}

/// The team's role maps in the list's order (newest first) after `after` (none: from the
/// newest), at most `limit`, and whether more follow (the API's keyset pages).
pub async fn list_after(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    (after, limit): (Option<RoleMapId>, u64),
    lang: Lang,
) -> Result<(MapAccess, Vec<MapRow>, bool)> {
    let access = authorize(db, principal, slug, Action::ViewRoleMaps).await?;
    let mut query =
        role_maps::Entity::find().filter(role_maps::Column::TeamId.eq(access.team.team.id));
    if let Some(after) = after {
        query = query.filter(role_maps::Column::Id.lt(after));
    }
    let mut maps = query
        .order_by_desc(role_maps::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let more = maps.len() as u64 > limit;
    maps.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let rows = map_rows(db, &access, maps, lang).await?;
    Ok((access, rows, more))
}

fn person(people: &std::collections::HashMap<UserId, String>, id: UserId, lang: Lang) -> String {
    people
        .get(&id)
        .cloned()
        .unwrap_or_else(|| Msg::new("rm-former-member").render(lang))
}

/// A milestone as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneLine {
    pub id: MilestoneId,
    pub title: String,
    pub owner_id: UserId,
    pub owner: String,
    /// "19 Jan 2027" in the reader's language.
    pub due: String,
    /// `2027-01-19`, for the date input.
    pub due_iso: String,
    pub done: bool,
    /// Not done and its day has passed (on the reader's clock).
    pub overdue: bool,
    /// Whether the caller may tick it done or not done.
    pub may_mark_done: bool,
}

/// One role map with everything its page shows.
#[derive(Debug, Clone)]
pub struct MapDetail {
    pub access: MapAccess,
    pub map: role_maps::Model,
    pub status: Status,
    pub owner: String,
    pub milestones: Vec<MilestoneLine>,
    /// What the caller may change.
    pub rights: Rights,
    /// Whether the caller may publish (a draft) or close (a published map).
    pub may_move: bool,
    /// Newest first.
    pub history: Vec<VersionLine>,
    /// How many versions there are (the page shows the newest).
    pub history_total: u64,
    /// Today on the reader's clock, `YYYY-MM-DD`.
    pub today_iso: String,
}

/// Loads one role map of the team, in `lang`'s words.
pub async fn detail(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: RoleMapId,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<MapDetail> {
    let access = authorize(db, principal, slug, Action::ViewRoleMaps).await?;
    let map = find_in_team(db, access.team.team.id, id).await?;
    let rows = milestones_of(db, id).await?;
    let zone = access.team.zone;
    let today = zone.today(now);
    let status = Status::from(map.status);
    let rights = rules::rights(status, map.owner_id == access.user_id, access.is_leader());
    let people = names_of(db, rows.iter().map(|m| m.owner_id).chain([map.owner_id])).await?;
    let milestones = rows
        .into_iter()
        .map(|m| MilestoneLine {
            id: m.id,
            owner: person(&people, m.owner_id, lang),
            owner_id: m.owner_id,
            due: format::date_in(m.due_on, lang),
            due_iso: format::iso(m.due_on),
            overdue: rules::is_overdue(m.done, m.due_on, today),
            may_mark_done: rules::may_mark_done(rights, m.owner_id, access.user_id),
            done: m.done,
            title: m.title,
        })
        .collect();
    let (history, history_total) = versions(db, id, zone, lang).await?;
    Ok(MapDetail {
        owner: person(&people, map.owner_id, lang),
        may_move: status.next().is_some()
            && rules::may_move(map.owner_id, access.user_id, access.is_leader()),
        today_iso: format::iso(today),
        access,
        map,
        status,
        milestones,
        rights,
        history,
        history_total,
    })
}

/// A page of one role map's history, newest first: the versions older than `before` (none:
/// from the newest), at most `limit`, and whether older ones follow.
pub async fn history(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: RoleMapId,
    (before, limit): (Option<i32>, u64),
    lang: Lang,
) -> Result<(MapAccess, Vec<VersionLine>, bool)> {
    let access = authorize(db, principal, slug, Action::ViewRoleMaps).await?;
    find_in_team(db, access.team.team.id, id).await?;
    let mut lines = versions_before(db, id, (before, limit + 1), access.team.zone, lang).await?;
    let more = lines.len() as u64 > limit;
    lines.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((access, lines, more))
}
