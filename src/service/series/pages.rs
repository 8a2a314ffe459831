//! What the series pages show: the team's series (with the away dates form and list), and one
//! series: its schedule, the next occurrences with their rota, past occurrences a page at a
//! time, and the swaps. Showing a series tops it up first.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;
use time::OffsetDateTime;

use crate::access::{Action, Principal, TeamRole};
use crate::domain::ids::{OccurrenceId, SeriesId, UserId};
use crate::domain::rota::Role;
use crate::domain::series::{Cadence, start_text, weekday_of};
use crate::format;
use crate::i18n::{Lang, Msg};
use crate::service::Result;
use crate::service::meetings::names_of;
use crate::service::sql::page_of;
use crate::service::teams::{self, TeamAccess};
use crate::store::entities::{
    meeting_series, meetings, member_away, series_occurrences, series_swaps,
};

use super::rota::holders;
use super::{SeriesAccess, team_zone};

/// Past occurrences per page (today's, once started, is among them).
pub const PAST_PER_PAGE: u64 = 10;
/// Series per page of the list.
pub const SERIES_PER_PAGE: u64 = 25;
/// Swaps shown (the latest).
const SWAPS_SHOWN: u64 = 20;
/// Away dates shown (the soonest ending first).
const AWAY_SHOWN: u64 = 50;

/// One series in the list.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesLine {
    pub id: SeriesId,
    pub title: String,
    /// "Weekly on Thursday at 09:00 (Europe/London)".
    pub rhythm: String,
    pub ended: bool,
}

/// One entry of away dates.
#[derive(Debug, Clone, Serialize)]
pub struct AwayLine {
    pub id: i64,
    pub name: String,
    pub from: String,
    pub until: String,
    /// The reader may remove it (their own, or a leader).
    pub removable: bool,
}

/// The list page's data.
#[derive(Debug, Clone)]
pub struct SeriesList {
    pub access: TeamAccess,
    pub series: Vec<SeriesLine>,
    pub page: u64,
    pub pages: u64,
    pub away: Vec<AwayLine>,
    pub is_leader: bool,
    pub today: String,
}

/// The catalogue keys of the weekdays, Monday first.
const WEEKDAYS: [&str; 7] = [
    "rh-weekday-1",
    "rh-weekday-2",
    "rh-weekday-3",
    "rh-weekday-4",
    "rh-weekday-5",
    "rh-weekday-6",
    "rh-weekday-7",
];

pub(super) fn rhythm(series: &meeting_series::Model, zone_name: &str, lang: Lang) -> String {
    let cadence: Cadence = series.cadence.into();
    let weekday = u8::try_from(series.weekday)
        .ok()
        .and_then(weekday_of)
        .map(|d| d.number_from_monday())
        .unwrap_or(1);
    Msg::new(match cadence {
        Cadence::Weekly => "rh-rhythm-weekly",
        Cadence::Fortnightly => "rh-rhythm-fortnightly",
    })
    .arg(
        "weekday",
        WEEKDAYS
            .get(usize::from(weekday).saturating_sub(1))
            .map_or_else(String::new, |key| Msg::new(key).render(lang)),
    )
    .arg(
        "time",
        start_text(u16::try_from(series.start_minute).unwrap_or(0)),
    )
    .arg("zone", zone_name.to_owned())
    .render(lang)
}

async fn away_lines(
    db: &impl ConnectionTrait,
    access: &TeamAccess,
    me: Option<UserId>,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<Vec<AwayLine>> {
    let today = team_zone(&access.team).today(now);
    let rows = member_away::Entity::find()
        .filter(member_away::Column::TeamId.eq(access.team.id))
        .filter(member_away::Column::AwayUntil.gte(today))
        .order_by_asc(member_away::Column::AwayUntil)
        .order_by_asc(member_away::Column::Id)
        .limit(AWAY_SHOWN)
        .all(db)
        .await?;
    let names = names_of(db, rows.iter().map(|r| r.user_id)).await?;
    let leader = access.role == Some(TeamRole::Leader);
    Ok(rows
        .into_iter()
        .map(|r| AwayLine {
            id: r.id,
            name: names.get(&r.user_id).cloned().unwrap_or_default(),
            from: format::date_in(r.away_from, lang),
            until: format::date_in(r.away_until, lang),
            removable: leader || Some(r.user_id) == me,
        })
        .collect())
}

/// The team's series, a page at a time (newest first), with the away dates.
pub async fn list(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    page: u64,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<SeriesList> {
    let access = teams::authorize(db, principal, slug, Action::ViewSeries).await?;
    let query = meeting_series::Entity::find()
        .filter(meeting_series::Column::TeamId.eq(access.team.id))
        .order_by_desc(meeting_series::Column::Id);
    let listed = page_of(db, query, SERIES_PER_PAGE, page).await?;
    let rows = listed.rows;
    let (page, pages) = (listed.window.page, listed.window.pages);
    let zone = team_zone(&access.team);
    let series = rows
        .iter()
        .map(|s| SeriesLine {
            id: s.id,
            title: s.title.clone(),
            rhythm: rhythm(s, zone.name(), lang),
            ended: s.ended_at.is_some(),
        })
        .collect();
    let away = away_lines(db, &access, principal.user_id, now, lang).await?;
    Ok(SeriesList {
        is_leader: access.role == Some(TeamRole::Leader),
        today: zone.today(now).to_string(),
        access,
        series,
        page,
        pages,
        away,
    })
}

/// A role holder as the rota shows them.
#[derive(Debug, Clone, Serialize)]
pub struct RotaCell {
    /// `facilitator`, `note_taker`, `timekeeper`.
    pub role: &'static str,
    /// Who ("nobody yet" in the reader's language).
    pub name: String,
    pub user_id: Option<UserId>,
    /// The reader holds it (and may offer a swap).
    pub mine: bool,
}

/// One occurrence with its rota.
#[derive(Debug, Clone, Serialize)]
pub struct OccurrenceLine {
    pub id: OccurrenceId,
    pub meeting_id: crate::domain::ids::MeetingId,
    pub title: String,
    pub purpose_line: String,
    /// The start in the reader's zone.
    pub starts: String,
    pub cancelled: bool,
    pub cancel_reason: String,
    pub rota: Vec<RotaCell>,
    /// Not started yet.
    pub upcoming: bool,
    /// Its date, and its start (for the API).
    #[serde(skip)]
    pub occurs_on: time::Date,
    #[serde(skip)]
    pub starts_at: OffsetDateTime,
}

/// One recorded swap: "swapped: A ↔ B, by C, date".
#[derive(Debug, Clone, Serialize)]
pub struct SwapLine {
    pub text: String,
    /// The same, as data (for the API).
    #[serde(skip)]
    pub record: SwapRecord,
}

/// A recorded swap or change of the rota, as data.
#[derive(Debug, Clone, Copy)]
pub struct SwapRecord {
    pub id: i64,
    pub occurrence_id: OccurrenceId,
    /// The later occurrence where the two exchanged turns, if they did.
    pub other_occurrence_id: Option<OccurrenceId>,
    pub role: Role,
    /// `swap` (a member or leader), `away` or `back` (the rota, when someone is away).
    pub reason: &'static str,
    pub from_user_id: Option<UserId>,
    pub to_user_id: Option<UserId>,
    pub by_id: Option<UserId>,
    pub at: OffsetDateTime,
}

/// One series' page data.
#[derive(Debug, Clone)]
pub struct SeriesPage {
    pub access: SeriesAccess,
    pub rhythm: String,
    pub windows: String,
    pub next: Vec<OccurrenceLine>,
    pub past: Vec<OccurrenceLine>,
    pub past_page: u64,
    pub past_pages: u64,
    pub swaps: Vec<SwapLine>,
    pub roles: Vec<Role>,
    pub is_leader: bool,
    pub me: Option<UserId>,
}

fn role_key(role: Role) -> &'static str {
    match role {
        Role::Facilitator => "rh-role-facilitator",
        Role::NoteTaker => "rh-role-note-taker",
        Role::Timekeeper => "rh-role-timekeeper",
    }
}

/// A role's name in `lang`.
pub fn role_name(role: Role, lang: Lang) -> String {
    Msg::new(role_key(role)).render(lang)
}

async fn lines(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    rows: Vec<series_occurrences::Model>,
    roles: &[Role],
    access: &SeriesAccess,
    me: Option<UserId>,
    lang: Lang,
) -> Result<Vec<OccurrenceLine>> {
    let ids: Vec<_> = rows.iter().map(|o| o.meeting_id).collect();
    let found = meetings::Entity::find()
        .filter(meetings::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let pairs: Vec<(series_occurrences::Model, meetings::Model)> = rows
        .into_iter()
        .filter_map(|o| {
            let m = found.iter().find(|m| m.id == o.meeting_id)?.clone();
            Some((o, m))
        })
        .collect();
    let held = holders(db, &pairs).await?;
    let names = names_of(
        db,
        held.values()
            .flat_map(|h| [h.facilitator, h.note_taker, h.timekeeper])
            .flatten(),
    )
    .await?;
    let nobody = Msg::new("rh-nobody").render(lang);
    Ok(pairs
        .into_iter()
        .map(|(o, m)| {
            let h = held.get(&o.id).copied().unwrap_or_default();
            OccurrenceLine {
                id: o.id,
                meeting_id: m.id,
                title: m.title,
                purpose_line: m.purpose_line,
                starts: format::date_time_in(m.starts_at, access.team.zone, lang),
                upcoming: m.starts_at > now,
                cancelled: o.cancelled_at.is_some(),
                cancel_reason: o.cancel_reason,
                occurs_on: o.occurs_on,
                starts_at: m.starts_at,
                rota: roles
                    .iter()
                    .map(|r| {
                        let who = match r {
                            Role::Facilitator => h.facilitator,
                            Role::NoteTaker => h.note_taker,
                            Role::Timekeeper => h.timekeeper,
                        };
                        RotaCell {
                            role: r.as_str(),
                            name: who
                                .and_then(|id| names.get(&id).cloned())
                                .unwrap_or_else(|| nobody.clone()),
                            user_id: who,
                            mine: who.is_some() && who == me,
                        }
                    })
                    .collect(),
            }
        })
        .collect())
}

/// One series (topped up first), its next occurrences with their rota, past occurrences on
/// page `past_page` (newest first) and the latest swaps, in `lang`.
pub async fn page(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: SeriesId,
    past_page: u64,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<SeriesPage> {
    super::authorize(db, principal, slug, id, Action::ViewSeries).await?;
    super::topup::top_up(db, id, principal.user_id, now).await?;
    let access = super::authorize(db, principal, slug, id, Action::ViewSeries).await?;
    let series = &access.series;
    let zone = team_zone(&access.team.team);
    let today = zone.today(now);
    let roles = Role::rotated(series.with_timekeeper);
    let me = principal.user_id;
    let upcoming = series_occurrences::Entity::find()
        .filter(series_occurrences::Column::SeriesId.eq(id))
        .filter(series_occurrences::Column::OccursOn.gte(today))
        .order_by_asc(series_occurrences::Column::OccursOn)
        .limit(crate::domain::series::AHEAD as u64 + 1)
        .all(db)
        .await?;
    let next: Vec<OccurrenceLine> = lines(db, now, upcoming, &roles, &access, me, lang)
        .await?
        .into_iter()
        .filter(|o| o.upcoming)
        .take(crate::domain::series::AHEAD)
        .collect();
    let past_query = series_occurrences::Entity::find()
        .filter(series_occurrences::Column::SeriesId.eq(id))
        .filter(series_occurrences::Column::OccursOn.lte(today))
        .order_by_desc(series_occurrences::Column::OccursOn);
    let past_listed = page_of(db, past_query, PAST_PER_PAGE, past_page).await?;
    let past_rows = past_listed.rows;
    let (past_page, past_pages) = (past_listed.window.page, past_listed.window.pages);
    let past: Vec<OccurrenceLine> = lines(db, now, past_rows, &roles, &access, me, lang)
        .await?
        .into_iter()
        .filter(|o| !o.upcoming)
        .collect();
    let swaps_rows = series_swaps::Entity::find()
        .filter(series_swaps::Column::SeriesId.eq(id))
        .order_by_desc(series_swaps::Column::Id)
        .limit(SWAPS_SHOWN)
        .all(db)
        .await?;
    let names = names_of(
        db,
        swaps_rows
            .iter()
            .flat_map(|s| [s.from_user_id, s.to_user_id, s.by_id])
            .flatten(),
    )
    .await?;
    let name = |id: Option<UserId>| {
        id.and_then(|id| names.get(&id).cloned())
            .unwrap_or_else(|| Msg::new("rh-nobody").render(lang))
    };
    let swaps = swaps_rows
        .iter()
        .map(|s| SwapLine {
            record: SwapRecord {
                id: s.id,
                occurrence_id: s.occurrence_id,
                other_occurrence_id: s.other_occurrence_id,
                role: s.role.into(),
                reason: match s.reason.as_str() {
                    "away" => "away",
                    "back" => "back",
                    _ => "swap",
                },
                from_user_id: s.from_user_id,
                to_user_id: s.to_user_id,
                by_id: s.by_id,
                at: s.created_at,
            },
            text: Msg::new(match s.reason.as_str() {
                "away" => "rh-swapped-away",
                "back" => "rh-swapped-back",
                _ => "rh-swapped",
            })
            .arg("role", role_name(s.role.into(), lang))
            .arg("from", name(s.from_user_id))
            .arg("to", name(s.to_user_id))
            .arg("by", name(s.by_id))
            .arg(
                "date",
                format::date_time_in(s.created_at, access.team.zone, lang),
            )
            .render(lang),
        })
        .collect();
    let o = super::offsets(series);
    let windows = Msg::new("rh-windows")
        .arg("days", i64::from(o.proposals_open_days))
        .arg("open", i64::from(o.voting_open_hours))
        .arg("close", i64::from(o.voting_close_hours))
        .render(lang);
    Ok(SeriesPage {
        rhythm: rhythm(series, zone.name(), lang),
        windows,
        next,
        past,
        past_page,
        past_pages,
        swaps,
        roles,
        is_leader: access.team.role == Some(TeamRole::Leader),
        me,
        access,
    })
}
