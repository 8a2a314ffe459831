//! A role map's versions as people read them: "Version 3 — Ana changed the due date of
//! “Pilot in Y7” from 12 Jan 2027 to 19 Jan 2027, 3 Dec 2026, 14:02 GMT", in the reader's
//! language and zone.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;

use crate::domain::ids::{RoleMapId, UserId};
use crate::domain::role_map::{Change, Field, Value};
use crate::domain::zone::Zone;
use crate::format;
use crate::i18n::{Lang, Msg};
use crate::service::Result;
use crate::service::meetings::names_of;
use crate::store::entities::role_map_versions;

/// The page shows at most this many versions, newest first.
pub const VERSIONS_SHOWN: u64 = 100;

/// One version, in the reader's words.
#[derive(Debug, Clone, Serialize)]
pub struct VersionLine {
    pub version: i32,
    /// The whole sentence: version, who, what changed with before and after, when.
    pub text: String,
    /// Who made it, by id (none for a former member).
    #[serde(skip)]
    pub actor_id: Option<UserId>,
    /// When, as a moment.
    #[serde(skip)]
    pub created_at: time::OffsetDateTime,
}

/// The newest versions of a map (at most [`VERSIONS_SHOWN`]) and how many there are.
pub async fn versions(
    db: &impl ConnectionTrait,
    id: RoleMapId,
    zone: Zone,
    lang: Lang,
) -> Result<(Vec<VersionLine>, u64)> {
    let total = role_map_versions::Entity::find()
        .filter(role_map_versions::Column::RoleMapId.eq(id))
        .count(db)
        .await?;
    let lines = versions_before(db, id, (None, VERSIONS_SHOWN), zone, lang).await?;
    Ok((lines, total))
}

/// A role map's versions older than `before` (none: from the newest), newest first, at most
/// `limit`; the map is the caller's to read (see `page::history`).
pub async fn versions_before(
    db: &impl ConnectionTrait,
    id: RoleMapId,
    (before, limit): (Option<i32>, u64),
    zone: Zone,
    lang: Lang,
) -> Result<Vec<VersionLine>> {
    let mut query =
        role_map_versions::Entity::find().filter(role_map_versions::Column::RoleMapId.eq(id));
    if let Some(before) = before {
        query = query.filter(role_map_versions::Column::Version.lt(before));
    }
    let rows = query
        .order_by_desc(role_map_versions::Column::Version)
        .limit(limit)
        .all(db)
        .await?;
    let parsed: Vec<(role_map_versions::Model, Vec<Change>)> = rows
        .into_iter()
        .map(|row| {
            // A row this code cannot read is shown as an empty change rather than failing the
            // page: the version, its author and time are still true.
            let changes = serde_json::from_str(&row.changes).unwrap_or_default();
            (row, changes)
        })
        .collect();
    let people = names_of(
        db,
        parsed.iter().flat_map(|(row, changes)| {
            row.actor_id.into_iter().chain(changes.iter().flat_map(|c| {
                [&c.before, &c.after].into_iter().filter_map(|v| match v {
                    Some(Value::Person(id)) => Some(*id),
                    _ => None,
                })
            }))
        }),
    )
    .await?;
    let lines = parsed
        .into_iter()
        .map(|(row, changes)| {
            let what: Vec<String> = changes
                .iter()
                .map(|c| sentence(c, &people).render(lang))
                .collect();
            VersionLine {
                version: row.version,
                text: Msg::new("rm-version-line")
                    .arg("version", row.version)
                    .arg("who", name(&people, row.actor_id).render(lang))
                    .arg("what", what.join("; "))
                    .arg("when", format::date_time_in(row.created_at, zone, lang))
                    .render(lang),
                actor_id: row.actor_id,
                created_at: row.created_at,
            }
        })
        .collect();
    Ok(lines)
}

fn name(people: &HashMap<UserId, String>, id: Option<UserId>) -> Msg {
    id.and_then(|id| people.get(&id).cloned())
        .map_or_else(|| Msg::new("rm-former-member"), Msg::verbatim)
}

/// A stored value as an argument of a sentence.
fn value(v: Option<&Value>, people: &HashMap<UserId, String>) -> crate::i18n::Arg {
    match v {
        Some(Value::Text(text)) => text.clone().into(),
        Some(Value::Person(id)) => name(people, Some(*id)).into(),
        Some(Value::Day(day)) => crate::i18n::Arg::day(*day),
        Some(Value::Done(true)) => Msg::new("rm-done-yes").into(),
        Some(Value::Done(false)) => Msg::new("rm-done-no").into(),
        None => String::new().into(),
    }
}

/// One change as a clause ("changed the due date of …").
fn sentence(c: &Change, people: &HashMap<UserId, String>) -> Msg {
    let key = match c.field {
        Field::Published => "rm-change-published",
        Field::Closed => "rm-change-closed",
        Field::Title => "rm-change-title",
        Field::Outcome => "rm-change-outcome",
        Field::Owner => "rm-change-owner",
        Field::MilestoneAdded => "rm-change-milestone-added",
        Field::MilestoneRemoved => "rm-change-milestone-removed",
        Field::MilestoneTitle => "rm-change-milestone-title",
        Field::MilestoneOwner => "rm-change-milestone-owner",
        Field::MilestoneDue => "rm-change-milestone-due",
        Field::MilestoneDone => match c.after {
            Some(Value::Done(true)) => "rm-change-milestone-done",
            _ => "rm-change-milestone-undone",
        },
    };
    Msg::new(key)
        .arg("milestone", c.milestone.clone().unwrap_or_default())
        .arg("before", value(c.before.as_ref(), people))
        .arg("after", value(c.after.as_ref(), people))
}
