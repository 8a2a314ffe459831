//! Lists for the JSON API, a page at a time by keyset (the pages use numbered pages): a team's
//! series with their stored settings, newest first, and the team's current and coming away
//! dates, soonest ending first (the list page's order).

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use time::{Date, OffsetDateTime};

use crate::access::{Action, Principal, TeamRole};
use crate::domain::ids::{SeriesId, UserId};
use crate::domain::meeting::Privacy;
use crate::domain::series::{Cadence, start_text};
use crate::i18n::{Lang, Msg};
use crate::service::meetings::names_of;
use crate::service::teams::{self, TeamAccess};
use crate::service::{Result, ServiceError, find_in_team};
use crate::store::entities::{meeting_series, member_away};

use super::{SeriesAccess, team_zone};

/// A series' stored settings, as its form names them.
#[derive(Debug, Clone)]
pub struct SeriesSummary {
    pub id: SeriesId,
    pub title: String,
    /// With `{date}` where each occurrence's date goes.
    pub purpose_template: String,
    /// The language the dates of its purpose lines are written in.
    pub language: String,
    pub cadence: Cadence,
    /// ISO weekday, 1 (Monday) to 7.
    pub weekday: u8,
    /// `HH:MM` in the team's zone.
    pub start_time: String,
    /// The first occurrence's date.
    pub first_on: Date,
    pub budget_minutes: i32,
    pub place: String,
    pub proposals_open_days: i32,
    pub voting_open_hours: i32,
    pub voting_close_hours: i32,
    pub privacy: Privacy,
    pub with_timekeeper: bool,
    /// When it was ended (no occurrence is created after).
    pub ended_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    /// "Weekly on Thursday at 09:00 (Europe/London)" in the reader's language.
    pub rhythm: String,
    /// The team's zone, in which its start time is read.
    pub zone: String,
}

/// The summary of `series` of a team in zone `zone_name`, in `lang`.
pub fn summary(series: &meeting_series::Model, zone_name: &str, lang: Lang) -> SeriesSummary {
    SeriesSummary {
        id: series.id,
        title: series.title.clone(),
        purpose_template: series.purpose_template.clone(),
        language: series.language.clone(),
        cadence: series.cadence.into(),
        weekday: u8::try_from(series.weekday).unwrap_or(1),
        start_time: start_text(u16::try_from(series.start_minute).unwrap_or(0)),
        first_on: series.first_on,
        budget_minutes: series.budget_minutes,
        place: series.place.clone(),
        proposals_open_days: series.proposals_open_days,
        voting_open_hours: series.voting_open_hours,
        voting_close_hours: series.voting_close_hours,
        privacy: series.privacy.into(),
        with_timekeeper: series.with_timekeeper,
        ended_at: series.ended_at,
        created_at: series.created_at,
        rhythm: super::pages::rhythm(series, zone_name, lang),
        zone: zone_name.to_owned(),
    }
}

/// The summary of the series of `access`, in `lang`.
pub fn summary_of(access: &SeriesAccess, lang: Lang) -> SeriesSummary {
    summary(&access.series, team_zone(&access.team.team).name(), lang)
}

/// The team's series after `after` (newest first, by id), at most `limit`, and whether more
/// follow (`ViewSeries`).
pub async fn series_after(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    (after, limit): (Option<SeriesId>, u64),
    lang: Lang,
) -> Result<(TeamAccess, Vec<SeriesSummary>, bool)> {
    let access = teams::authorize(db, principal, slug, Action::ViewSeries).await?;
    let mut query =
        meeting_series::Entity::find().filter(meeting_series::Column::TeamId.eq(access.team.id));
    if let Some(after) = after {
        query = query.filter(meeting_series::Column::Id.lt(after));
    }
    let mut rows = query
        .order_by_desc(meeting_series::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let zone = team_zone(&access.team);
    let series = rows.iter().map(|s| summary(s, zone.name(), lang)).collect();
    Ok((access, series, more))
}

/// One entry of away dates.
#[derive(Debug, Clone)]
pub struct AwayEntry {
    pub id: i64,
    /// Who is away, and their name.
    pub user_id: UserId,
    pub name: String,
    /// First and last day away (both included).
    pub away_from: Date,
    pub away_until: Date,
    /// Who recorded it (`None`: a former member).
    pub created_by: Option<UserId>,
    pub created_at: OffsetDateTime,
    /// The reader may remove it (their own, or a leader).
    pub removable: bool,
}

/// The team's away dates not yet over (on the team's clock) after `after` (by last day, then
/// id), at most `limit`, and whether more follow; `mine` keeps only the reader's own
/// (`ViewSeries`, as the list page that shows them).
pub async fn away_after(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    (after, limit, mine): (Option<(Date, i64)>, u64, bool),
    now: OffsetDateTime,
    lang: Lang,
) -> Result<(TeamAccess, Vec<AwayEntry>, bool)> {
    let access = teams::authorize(db, principal, slug, Action::ViewSeries).await?;
    let today = team_zone(&access.team).today(now);
    let mut query = member_away::Entity::find()
        .filter(member_away::Column::TeamId.eq(access.team.id))
        .filter(member_away::Column::AwayUntil.gte(today));
    if mine {
        query = query.filter(member_away::Column::UserId.eq(super::caller(principal)?));
    }
    if let Some((until, id)) = after {
        query = query.filter(
            Condition::any()
                .add(member_away::Column::AwayUntil.gt(until))
                .add(
                    Condition::all()
                        .add(member_away::Column::AwayUntil.eq(until))
                        .add(member_away::Column::Id.gt(id)),
                ),
        );
    }
    let mut rows = query
        .order_by_asc(member_away::Column::AwayUntil)
        .order_by_asc(member_away::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let entries = entries(db, &access, principal, rows, lang).await?;
    Ok((access, entries, more))
}

/// One entry of the team's away dates, over or not (`ViewSeries`); another team's is
/// `NotFound`.
pub async fn away_entry(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: i64,
    lang: Lang,
) -> Result<AwayEntry> {
    let access = teams::authorize(db, principal, slug, Action::ViewSeries).await?;
    let row = find_in_team::<member_away::Entity>(db, access.team.id, id).await?;
    entries(db, &access, principal, vec![row], lang)
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

async fn entries(
    db: &impl ConnectionTrait,
    access: &TeamAccess,
    principal: Principal,
    rows: Vec<member_away::Model>,
    lang: Lang,
) -> Result<Vec<AwayEntry>> {
    let names = names_of(db, rows.iter().map(|r| r.user_id)).await?;
    let leader = access.role == Some(TeamRole::Leader);
    let former = Msg::new("rh-nobody").render(lang);
    Ok(rows
        .into_iter()
        .map(|r| AwayEntry {
            id: r.id,
            name: names
                .get(&r.user_id)
                .cloned()
                .unwrap_or_else(|| former.clone()),
            user_id: r.user_id,
            away_from: r.away_from,
            away_until: r.away_until,
            created_by: r.created_by,
            created_at: r.created_at,
            removable: leader || Some(r.user_id) == principal.user_id,
        })
        .collect())
}
