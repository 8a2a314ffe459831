//! Editing a series (leaders): its title, purpose template, cadence, weekday, start time,
//! time budget, place, windows and whether a timekeeper rotates. The series row takes the new
//! values, and so does every occurrence that has not started, is not cancelled, whose voting
//! has not opened and that nobody edited alone (its meeting still matches what the series made
//! of it): those move, in order, onto the next dates of the new schedule, with their times,
//! windows, purpose line, budget and place made again and their roles kept (a holder away on a
//! new date is replaced as when marked away). Past, cancelled and individually edited
//! occurrences stay as they are. The next occurrences are then topped up. Audited.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::{Date, Duration, OffsetDateTime};

use crate::access::{Action, Principal};
use crate::domain::ids::{SeriesId, UserId};
use crate::domain::meeting::Privacy;
use crate::domain::rota::{Role, replacement};
use crate::domain::series::{
    AHEAD, Cadence, Offsets, Schedule, purpose_line, start_text, weekday_number,
};
use crate::domain::zone::Zone;
use crate::format;
use crate::i18n::Lang;
use crate::service::{Result, ServiceError, audit};
use crate::store::entities::{meeting_series, meetings, series_occurrences};

use super::form::SeriesForm;
use super::rota::{away_on, history, holder_of, holders};
use super::{SeriesAccess, offsets, schedule, team_zone};

/// Occurrences looked at from today on (only the next few exist).
const LOOKED_AT: u64 = 50;

/// The edit form as typed (strings, so it can be shown again as typed).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    pub title: String,
    /// With `{date}` where each occurrence's date goes.
    #[serde(default)]
    pub purpose_template: String,
    /// `weekly` or `fortnightly`.
    #[serde(default)]
    pub cadence: String,
    /// ISO weekday, `1` (Monday) to `7`.
    #[serde(default)]
    pub weekday: String,
    /// `HH:MM` in the team's zone.
    #[serde(default)]
    pub start_time: String,
    #[serde(default)]
    pub budget_minutes: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub proposals_open_days: String,
    #[serde(default)]
    pub voting_open_hours: String,
    #[serde(default)]
    pub voting_close_hours: String,
    /// `on` when each occurrence also has a timekeeper.
    #[serde(default)]
    pub with_timekeeper: String,
}

impl EditForm {
    /// The series' current values.
    fn of(series: &meeting_series::Model) -> Self {
        let cadence: Cadence = series.cadence.into();
        let o = offsets(series);
        Self {
            title: series.title.clone(),
            purpose_template: series.purpose_template.clone(),
            cadence: cadence.as_str().to_owned(),
            weekday: series.weekday.to_string(),
            start_time: start_text(u16::try_from(series.start_minute).unwrap_or(0)),
            budget_minutes: series.budget_minutes.to_string(),
            place: series.place.clone(),
            proposals_open_days: o.proposals_open_days.to_string(),
            voting_open_hours: o.voting_open_hours.to_string(),
            voting_close_hours: o.voting_close_hours.to_string(),
            with_timekeeper: if series.with_timekeeper {
                "on".to_owned()
            } else {
                String::new()
            },
        }
    }

    /// The same checks as a new series' form (its first date and privacy are not edited).
    fn as_series_form(&self) -> SeriesForm {
        SeriesForm {
            title: self.title.clone(),
            purpose_template: self.purpose_template.clone(),
            cadence: self.cadence.clone(),
            weekday: self.weekday.clone(),
            start_time: self.start_time.clone(),
            starts_on: "2026-01-05".to_owned(),
            budget_minutes: self.budget_minutes.clone(),
            place: self.place.clone(),
            proposals_open_days: self.proposals_open_days.clone(),
            voting_open_hours: self.voting_open_hours.clone(),
            voting_close_hours: self.voting_close_hours.clone(),
            privacy: Privacy::Secret.as_str().to_owned(),
            with_timekeeper: self.with_timekeeper.clone(),
        }
    }
}

/// The edit form of series `id`, filled with its current values (leaders).
pub async fn edit_form(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: SeriesId,
) -> Result<(SeriesAccess, EditForm)> {
    let access = super::authorize(db, principal, slug, id, Action::ManageSeries).await?;
    let form = EditForm::of(&access.series);
    Ok((access, form))
}

/// What an edit changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edited {
    /// Occurrences made again from the new values.
    pub moved: usize,
    /// Upcoming occurrences left as they were (cancelled, edited alone, voting open).
    pub kept: usize,
}

/// Whether `meeting` is no longer what `series` made of occurrence `day`: someone edited it.
fn edited_alone(
    series: &meeting_series::Model,
    zone: Zone,
    day: Date,
    meeting: &meetings::Model,
) -> bool {
    let lang = Lang::parse(&series.language).unwrap_or(Lang::En);
    let starts = schedule(series).starts_at(day, zone);
    let w = offsets(series).windows(starts);
    let purpose = purpose_line(&series.purpose_template, &format::date_in(day, lang));
    !(meeting.title == series.title
        && meeting.purpose_line == purpose
        && meeting.starts_at == starts
        && meeting.budget_minutes == series.budget_minutes
        && meeting.place == series.place
        && meeting.proposals_open_at == w.proposals_open
        && meeting.proposals_close_at == w.proposals_close
        && meeting.voting_open_at == w.voting_open
        && meeting.voting_close_at == w.voting_close)
}

/// Edits series `id` (leaders) and applies the new values to its upcoming occurrences that
/// nobody changed alone (see the module's comment).
pub async fn edit(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: SeriesId,
    form: &EditForm,
    now: OffsetDateTime,
) -> Result<Edited> {
    let me = super::caller(principal)?;
    let (txn, access) = super::begin_locked(db, principal, slug, id, Action::ManageSeries).await?;
    let p = form.as_series_form().parse()?;
    let old = access.series.clone();
    let zone = team_zone(&access.team.team);
    let today = zone.today(now);
    let cadence = p.schedule.cadence;
    let weekday = p.schedule.weekday();
    // The same rhythm keeps its dates (and the fortnights' phase); a new one starts on its
    // first day from today (or from the series' first date, if that is later).
    let same_rhythm =
        cadence == Cadence::from(old.cadence) && i32::from(weekday_number(weekday)) == old.weekday;
    let first_on = if same_rhythm {
        old.first_on
    } else {
        Schedule::starting(
            cadence,
            weekday,
            today.max(old.first_on),
            p.schedule.start_minute,
        )
        .first_on
    };
    let plan = Schedule {
        cadence,
        first_on,
        start_minute: p.schedule.start_minute,
    };
    let mut active: meeting_series::ActiveModel = old.clone().into();
    active.title = Set(p.title.as_str().to_owned());
    active.purpose_template = Set(p.template.clone());
    active.cadence = Set(cadence.into());
    active.weekday = Set(i32::from(weekday_number(weekday)));
    active.start_minute = Set(i32::from(plan.start_minute));
    active.first_on = Set(first_on);
    active.budget_minutes = Set(i32::try_from(p.budget.get()).unwrap_or(60));
    active.place = Set(p.place.as_str().to_owned());
    active.proposals_open_days = Set(i32::from(p.offsets.proposals_open_days));
    active.voting_open_hours = Set(i32::from(p.offsets.voting_open_hours));
    active.voting_close_hours = Set(i32::from(p.offsets.voting_close_hours));
    active.with_timekeeper = Set(p.with_timekeeper);
    let series = active.update(&txn).await?;

    // The occurrences from yesterday on (today's may have started), with their meetings.
    let rows = series_occurrences::Entity::find()
        .filter(series_occurrences::Column::SeriesId.eq(id))
        .filter(series_occurrences::Column::OccursOn.gte(today - Duration::days(1)))
        .order_by_asc(series_occurrences::Column::OccursOn)
        .limit(LOOKED_AT)
        .all(&txn)
        .await?;
    let ids: Vec<_> = rows.iter().map(|o| o.meeting_id).collect();
    let found = meetings::Entity::find()
        .filter(meetings::Column::Id.is_in(ids))
        .all(&txn)
        .await?;
    let mut movable = Vec::new();
    let mut fixed: Vec<Date> = Vec::new();
    let mut kept = 0;
    for o in rows {
        let Some(m) = found.iter().find(|m| m.id == o.meeting_id).cloned() else {
            fixed.push(o.occurs_on);
            continue;
        };
        let upcoming = m.starts_at > now;
        let stays = !upcoming
            || o.cancelled_at.is_some()
            || m.cancelled_at.is_some()
            || m.voting_open_at <= now
            || edited_alone(&old, zone, o.occurs_on, &m);
        if stays {
            fixed.push(o.occurs_on);
            kept += usize::from(upcoming);
        } else {
            movable.push((o, m));
        }
    }
    let days: Vec<Date> = plan
        .dates_from(today.max(first_on), movable.len() + fixed.len() + AHEAD + 1)
        .into_iter()
        .filter(|d| plan.starts_at(*d, zone) > now && !fixed.contains(d))
        .take(movable.len())
        .collect();
    // Dates are unique per series: park the moving ones first, then give each its new date.
    let parked = Date::from_calendar_date(1900, time::Month::January, 1)
        .map_err(|e| ServiceError::Unexpected(e.into()))?;
    let mut parked_rows = Vec::with_capacity(movable.len());
    for (i, (o, m)) in movable.into_iter().enumerate() {
        let mut active: series_occurrences::ActiveModel = o.into();
        active.occurs_on = Set(parked + Duration::days(i64::try_from(i).unwrap_or(0)));
        parked_rows.push((active.update(&txn).await?, m));
    }
    let lang = Lang::parse(&series.language).unwrap_or(Lang::En);
    let windows_of = |starts| p.offsets.windows(starts);
    let mut moved = Vec::new();
    let mut extra = Vec::new();
    for (i, (o, m)) in parked_rows.into_iter().enumerate() {
        let Some(day) = days.get(i).copied() else {
            // No date left for it (cannot happen with dates ahead): it stays on its own.
            extra.push(o.id);
            continue;
        };
        crate::service::meetings::lock(&txn, m.id).await?;
        let starts = plan.starts_at(day, zone);
        let w = windows_of(starts);
        let mut meeting: meetings::ActiveModel = m.into();
        meeting.title = Set(series.title.clone());
        meeting.purpose_line = Set(purpose_line(
            &series.purpose_template,
            &format::date_in(day, lang),
        ));
        meeting.starts_at = Set(starts);
        meeting.budget_minutes = Set(series.budget_minutes);
        meeting.place = Set(series.place.clone());
        meeting.proposals_open_at = Set(w.proposals_open);
        meeting.proposals_close_at = Set(w.proposals_close);
        meeting.voting_open_at = Set(w.voting_open);
        meeting.voting_close_at = Set(w.voting_close);
        meeting.updated_at = Set(now);
        let meeting = meeting.update(&txn).await?;
        let mut occurrence: series_occurrences::ActiveModel = o.into();
        occurrence.occurs_on = Set(day);
        if !series.with_timekeeper {
            occurrence.timekeeper_id = Set(None);
        }
        moved.push((occurrence.update(&txn).await?, meeting));
    }
    if let Some(stuck) = extra.first() {
        return Err(ServiceError::Unexpected(anyhow::anyhow!(
            "no date left for occurrence {stuck} of series {id}"
        )));
    }
    let mut members = super::away::Members::of(series.team_id);
    if series.with_timekeeper {
        moved = give_timekeepers(&txn, &series, &mut members, moved).await?;
    }
    for occurrence in &moved {
        super::away::replan(&txn, occurrence, &mut members, None, Some(me), now).await?;
    }
    let edited = Edited {
        moved: moved.len(),
        kept,
    };
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(me),
            team_id: Some(series.team_id),
            action: audit::AuditAction::SeriesEdit,
            detail: json!({
                "series_id": id,
                "before": summary(&old),
                "after": summary(&series),
                "moved": moved.iter().map(|(o, m)| json!({
                    "occurrence_id": o.id,
                    "meeting_id": m.id,
                    "occurs_on": o.occurs_on.to_string(),
                })).collect::<Vec<_>>(),
                "kept": kept,
            }),
        },
    )
    .await?;
    super::topup::top_up_in(&txn, id, Some(me), now).await?;
    txn.commit().await?;
    Ok(edited)
}

/// The edited values, for the audit log.
fn summary(series: &meeting_series::Model) -> serde_json::Value {
    let cadence: Cadence = series.cadence.into();
    json!({
        "title": series.title,
        "purpose_template": series.purpose_template,
        "cadence": cadence.as_str(),
        "weekday": series.weekday,
        "start_minute": series.start_minute,
        "first_on": series.first_on.to_string(),
        "budget_minutes": series.budget_minutes,
        "place": series.place,
        "offsets": Offsets {
            proposals_open_days: u16::try_from(series.proposals_open_days).unwrap_or(0),
            voting_open_hours: u16::try_from(series.voting_open_hours).unwrap_or(0),
            voting_close_hours: u16::try_from(series.voting_close_hours).unwrap_or(0),
        },
        "with_timekeeper": series.with_timekeeper,
    })
}

/// Once a timekeeper rotates again: one for each moved occurrence that has none, by the rota's
/// rules, in date order. `members` is the series' team's (read here at most once, and kept
/// for the re-planning after).
async fn give_timekeepers(
    db: &impl ConnectionTrait,
    series: &meeting_series::Model,
    members: &mut super::away::Members,
    moved: Vec<(series_occurrences::Model, meetings::Model)>,
) -> Result<Vec<(series_occurrences::Model, meetings::Model)>> {
    let mut out = Vec::with_capacity(moved.len());
    for (o, m) in moved {
        if o.timekeeper_id.is_some() {
            out.push((o, m));
            continue;
        }
        let pair = (o, m);
        let held = holders(db, std::slice::from_ref(&pair)).await?;
        let h = held.get(&pair.0.id).copied().unwrap_or_default();
        let busy: Vec<UserId> = [Role::Facilitator, Role::NoteTaker]
            .into_iter()
            .filter_map(|r| holder_of(&h, r))
            .collect();
        let away = away_on(db, series.team_id, pair.0.occurs_on).await?;
        let past = history(db, series, pair.1.starts_at).await?;
        let (o, m) = pair;
        match replacement(
            members.ids(db).await?,
            &past,
            Role::Timekeeper,
            &away,
            &busy,
        ) {
            Some(keeper) => {
                let mut active: series_occurrences::ActiveModel = o.into();
                active.timekeeper_id = Set(Some(keeper));
                out.push((active.update(db).await?, m));
            }
            None => out.push((o, m)),
        }
    }
    Ok(out)
}
