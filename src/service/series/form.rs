//! The series form (leaders): as typed, its parsing, the defaults of a new series, and
//! creating one (which creates its next occurrences at once).

use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::ids::SeriesId;
use crate::domain::meeting::{BudgetMinutes, MeetingTitle, Place, Privacy, PurposeLine};
use crate::domain::series::{
    Cadence, DATE_PLACEHOLDER, Offsets, Schedule, parse_start, weekday_number, weekday_of,
};
use crate::i18n::{Lang, Msg};
use crate::service::teams::{self, TeamAccess};
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::meeting_series;

use super::team_zone;

/// The series form as typed (strings, so it can be shown again as typed).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SeriesForm {
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
    /// First possible date (`YYYY-MM-DD`); the series starts on its weekday on or after it.
    #[serde(default)]
    pub starts_on: String,
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
    /// `open` or `secret`.
    #[serde(default)]
    pub privacy: String,
    /// `on` when each occurrence also has a timekeeper.
    #[serde(default)]
    pub with_timekeeper: String,
}

/// A series form once parsed.
pub(super) struct Parsed {
    pub(super) title: MeetingTitle,
    pub(super) template: String,
    pub(super) schedule: Schedule,
    pub(super) budget: BudgetMinutes,
    pub(super) place: Place,
    pub(super) offsets: Offsets,
    pub(super) privacy: Privacy,
    pub(super) with_timekeeper: bool,
}

fn number(raw: &str, field: &str, errors: &mut FieldErrors) -> Option<u16> {
    match raw.trim().parse::<u16>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.add(field, Msg::new("rh-v-whole-number"));
            None
        }
    }
}

impl SeriesForm {
    pub(super) fn parse(&self) -> Result<Parsed> {
        let mut errors = FieldErrors::new();
        let title = MeetingTitle::parse(&self.title)
            .map_err(|e| errors.add("title", e))
            .ok();
        let template = self.purpose_template.trim().to_owned();
        // The template must make a valid purpose line once its date is in.
        if let Err(e) = PurposeLine::parse(&template.replace(DATE_PLACEHOLDER, "30 Sept 2026")) {
            errors.add("purpose_template", e);
        }
        let cadence = Cadence::parse(&self.cadence);
        if cadence.is_none() {
            errors.add("cadence", Msg::new("rh-v-cadence"));
        }
        let weekday = self.weekday.trim().parse::<u8>().ok().and_then(weekday_of);
        if weekday.is_none() {
            errors.add("weekday", Msg::new("rh-v-weekday"));
        }
        let start = parse_start(&self.start_time)
            .map_err(|e| errors.add("start_time", e))
            .ok();
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let from = time::Date::parse(self.starts_on.trim(), &format)
            .map_err(|_| errors.add("starts_on", Msg::new("rh-v-date")))
            .ok();
        let budget = BudgetMinutes::parse(&self.budget_minutes)
            .map_err(|e| errors.add("budget_minutes", e))
            .ok();
        let place = Place::parse(&self.place)
            .map_err(|e| errors.add("place", e))
            .ok();
        let open = number(
            &self.proposals_open_days,
            "proposals_open_days",
            &mut errors,
        );
        let vopen = number(&self.voting_open_hours, "voting_open_hours", &mut errors);
        let vclose = number(&self.voting_close_hours, "voting_close_hours", &mut errors);
        let offsets = match (open, vopen, vclose) {
            (Some(a), Some(b), Some(c)) => {
                let o = Offsets {
                    proposals_open_days: a,
                    voting_open_hours: b,
                    voting_close_hours: c,
                };
                for (field, message) in o.check() {
                    errors.add(field, message);
                }
                Some(o)
            }
            _ => None,
        };
        let privacy = Privacy::parse(&self.privacy);
        if privacy.is_none() {
            errors.add("privacy", Msg::new("sm-choose-privacy"));
        }
        match (
            title, cadence, weekday, start, from, budget, place, offsets, privacy,
        ) {
            (
                Some(title),
                Some(cadence),
                Some(weekday),
                Some(start),
                Some(from),
                Some(budget),
                Some(place),
                Some(offsets),
                Some(privacy),
            ) if errors.is_empty() => Ok(Parsed {
                title,
                template,
                schedule: Schedule::starting(cadence, weekday, from, start),
                budget,
                place,
                offsets,
                privacy,
                with_timekeeper: !self.with_timekeeper.trim().is_empty(),
            }),
            _ => Err(ServiceError::Invalid(errors)),
        }
    }
}

/// A new series' form with the defaults a team would pick: weekly, a week from today's
/// weekday at 09:00 in the team's zone, an hour, proposals a week ahead, voting from two days
/// to one hour before, secret ballots; the purpose template in `lang`.
pub async fn new_form(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<(TeamAccess, SeriesForm)> {
    let access = teams::authorize(db, principal, slug, Action::ManageSeries).await?;
    let today = team_zone(&access.team).today(now);
    let o = Offsets::DEFAULT;
    let form = SeriesForm {
        purpose_template: Msg::new("rh-default-purpose").render(lang),
        cadence: Cadence::Weekly.as_str().to_owned(),
        weekday: weekday_number(today.weekday()).to_string(),
        start_time: "09:00".to_owned(),
        starts_on: (today + time::Duration::days(1)).to_string(),
        budget_minutes: "60".to_owned(),
        proposals_open_days: o.proposals_open_days.to_string(),
        voting_open_hours: o.voting_open_hours.to_string(),
        voting_close_hours: o.voting_close_hours.to_string(),
        privacy: Privacy::Secret.as_str().to_owned(),
        ..SeriesForm::default()
    };
    Ok((access, form))
}

/// Creates a series (leaders) and its next occurrences; returns its id. The purpose line's
/// date is written in `lang`, the leader's language.
pub async fn create(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &SeriesForm,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<SeriesId> {
    let (txn, access) = teams::begin_locked(db, principal, slug, Action::ManageSeries).await?;
    let p = form.parse()?;
    let series = meeting_series::ActiveModel {
        team_id: Set(access.team.id),
        title: Set(p.title.as_str().to_owned()),
        purpose_template: Set(p.template),
        language: Set(lang.code().to_owned()),
        cadence: Set(p.schedule.cadence.into()),
        weekday: Set(i32::from(weekday_number(p.schedule.weekday()))),
        start_minute: Set(i32::from(p.schedule.start_minute)),
        first_on: Set(p.schedule.first_on),
        budget_minutes: Set(i32::try_from(p.budget.get()).unwrap_or(60)),
        place: Set(p.place.as_str().to_owned()),
        proposals_open_days: Set(i32::from(p.offsets.proposals_open_days)),
        voting_open_hours: Set(i32::from(p.offsets.voting_open_hours)),
        voting_close_hours: Set(i32::from(p.offsets.voting_close_hours)),
        privacy: Set(p.privacy.into()),
        with_timekeeper: Set(p.with_timekeeper),
        ended_at: Set(None),
        ended_by: Set(None),
        created_by: Set(principal.user_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::SeriesCreate,
            detail: json!({
                "series_id": series.id,
                "title": series.title,
                "cadence": p.schedule.cadence.as_str(),
                "weekday": series.weekday,
                "start_minute": series.start_minute,
                "first_on": series.first_on.to_string(),
                "offsets": p.offsets,
                "with_timekeeper": p.with_timekeeper,
            }),
        },
    )
    .await?;
    super::topup::top_up_in(&txn, series.id, principal.user_id, now).await?;
    txn.commit().await?;
    Ok(series.id)
}
