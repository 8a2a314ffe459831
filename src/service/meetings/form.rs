//! The meeting form (leaders): the form as typed, its parsing into domain values, and the
//! forms for a new meeting (sensible defaults) and an existing one. Saving it is `save.rs`,
//! the facilitator choice `facilitator.rs`; both are re-exported here, where pages look.

use crate::domain::ids::{MeetingId, UserId};
use sea_orm::ActiveEnum as _;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::access::{Action, Principal};
use crate::domain::meeting::{
    AgendaRule, BudgetMinutes, ItemMinutes, ItemTitle, MeetingTitle, Place, Privacy, PurposeLine,
    ResultsVisibility, Windows, input_value, parse_local,
};
use crate::domain::zone::Zone;
use crate::i18n::{Lang, Msg};
use crate::service::teams::{self, TeamAccess};
use crate::service::{FieldErrors, Result, ServiceError};
use crate::store::entities::meetings;

pub use super::facilitator::{
    FacilitatorChange, FacilitatorChoice, facilitator_choices, facilitator_history,
};
pub use super::save::{create, update};
use super::{MeetingAccess, authorize, fixed_items};

/// How many fixed-item rows the form offers.
pub const FIXED_ROWS: usize = 3;

/// The meeting form as typed (every field a string, so it can be shown again as typed).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MeetingForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub purpose_line: String,
    /// Start (UTC, `datetime-local`).
    #[serde(default)]
    pub starts_at: String,
    /// Time budget in minutes.
    #[serde(default)]
    pub budget_minutes: String,
    /// Place or link.
    #[serde(default)]
    pub place: String,
    /// Facilitator's user id (empty: nobody yet).
    #[serde(default)]
    pub facilitator_id: String,
    /// When proposing opens (UTC, `datetime-local`), like every time below.
    #[serde(default)]
    pub proposals_open: String,
    /// Also the earliest voting may open.
    #[serde(default)]
    pub proposals_close: String,
    #[serde(default)]
    pub voting_open: String,
    /// The tally runs once after it; no later than the start.
    #[serde(default)]
    pub voting_close: String,
    /// `open` or `secret`.
    #[serde(default)]
    pub privacy: String,
    /// `after_close` or `live`.
    #[serde(default)]
    pub results_visibility: String,
    /// `sequential_irv` or `equal_shares`.
    #[serde(default)]
    pub agenda_rule: String,
    /// Fixed items are reserved before the vote (empty rows are skipped); their minutes must
    /// fit in the budget.
    #[serde(default)]
    pub fixed_1_title: String,
    #[serde(default)]
    pub fixed_1_minutes: String,
    #[serde(default)]
    pub fixed_2_title: String,
    #[serde(default)]
    pub fixed_2_minutes: String,
    #[serde(default)]
    pub fixed_3_title: String,
    #[serde(default)]
    pub fixed_3_minutes: String,
}

/// Agenda rules the form offers.
pub const AVAILABLE_RULES: &[AgendaRule] = &[AgendaRule::SequentialIrv, AgendaRule::EqualShares];

/// A meeting form that passed every check: the values `save.rs` stores.
pub struct Parsed {
    pub(super) title: MeetingTitle,
    pub(super) purpose: PurposeLine,
    pub(super) budget: BudgetMinutes,
    pub(super) place: Place,
    pub(super) facilitator: Option<UserId>,
    pub(super) windows: Windows,
    pub(super) privacy: Privacy,
    pub(super) visibility: ResultsVisibility,
    pub(super) rule: AgendaRule,
    pub(super) fixed: Vec<(ItemTitle, ItemMinutes)>,
}

impl MeetingForm {
    fn fixed_rows(&self) -> [(&str, &str, usize); FIXED_ROWS] {
        [
            (&self.fixed_1_title, &self.fixed_1_minutes, 1),
            (&self.fixed_2_title, &self.fixed_2_minutes, 2),
            (&self.fixed_3_title, &self.fixed_3_minutes, 3),
        ]
    }

    /// Checks every field and turns the form into domain values; `members` are the team's
    /// members (the facilitator must be one); times are read as wall-clock times in `zone`. All problems come back at once, by field.
    /// Called by `save::create`/`save::update` and by the fuzz target `meeting_form`.
    pub fn parse(&self, members: &[UserId], zone: Zone) -> Result<Parsed> {
        let mut errors = FieldErrors::new();
        macro_rules! field {
            ($name:expr, $result:expr) => {
                $result.map_err(|e| errors.add($name, e)).ok()
            };
        }
        let title = field!("title", MeetingTitle::parse(&self.title));
        let purpose = field!("purpose_line", PurposeLine::parse(&self.purpose_line));
        let budget = field!("budget_minutes", BudgetMinutes::parse(&self.budget_minutes));
        let place = field!("place", Place::parse(&self.place));
        let starts_at = field!("starts_at", parse_local(&self.starts_at, zone));
        let proposals_open = field!("proposals_open", parse_local(&self.proposals_open, zone));
        let proposals_close = field!("proposals_close", parse_local(&self.proposals_close, zone));
        let voting_open = field!("voting_open", parse_local(&self.voting_open, zone));
        let voting_close = field!("voting_close", parse_local(&self.voting_close, zone));
        let facilitator = match self.facilitator_id.trim() {
            "" => Some(None),
            text => match text.parse::<UserId>() {
                Ok(id) if members.contains(&id) => Some(Some(id)),
                _ => {
                    errors.add("facilitator_id", Msg::new("sm-choose-member"));
                    None
                }
            },
        };
        let privacy = Privacy::parse(&self.privacy);
        if privacy.is_none() {
            errors.add("privacy", Msg::new("sm-choose-privacy"));
        }
        let visibility = ResultsVisibility::parse(&self.results_visibility);
        if visibility.is_none() {
            errors.add(
                "results_visibility",
                Msg::new("sm-choose-results-visibility"),
            );
        }
        let rule = AgendaRule::parse(&self.agenda_rule).filter(|r| AVAILABLE_RULES.contains(r));
        if rule.is_none() {
            errors.add("agenda_rule", Msg::new("sm-choose-agenda-rule"));
        }
        let mut fixed = Vec::new();
        for (title, minutes, n) in self.fixed_rows() {
            if title.trim().is_empty() && minutes.trim().is_empty() {
                continue;
            }
            let t = ItemTitle::parse(title).map_err(|e| errors.add(&format!("fixed_{n}_title"), e));
            let m = ItemMinutes::parse(minutes)
                .map_err(|e| errors.add(&format!("fixed_{n}_minutes"), e));
            if let (Ok(t), Ok(m)) = (t, m) {
                fixed.push((t, m));
            }
        }
        if let Some(budget) = budget {
            let reserved: u32 = fixed.iter().map(|(_, m)| m.get()).sum();
            if reserved > budget.get() {
                errors.add(
                    "budget_minutes",
                    Msg::new("sm-fixed-over-budget")
                        .arg("reserved", reserved)
                        .arg("budget", budget.get()),
                );
            }
        }
        let windows = match (
            proposals_open,
            proposals_close,
            voting_open,
            voting_close,
            starts_at,
        ) {
            (Some(a), Some(b), Some(c), Some(d), Some(e)) => {
                let w = Windows {
                    proposals_open: a,
                    proposals_close: b,
                    voting_open: c,
                    voting_close: d,
                    starts_at: e,
                };
                for (field, message) in w.check() {
                    errors.add(field, message);
                }
                Some(w)
            }
            _ => None,
        };
        match (
            title,
            purpose,
            budget,
            place,
            facilitator,
            windows,
            privacy,
            visibility,
            rule,
        ) {
            (
                Some(title),
                Some(purpose),
                Some(budget),
                Some(place),
                Some(facilitator),
                Some(windows),
                Some(privacy),
                Some(visibility),
                Some(rule),
            ) if errors.is_empty() => Ok(Parsed {
                title,
                purpose,
                budget,
                place,
                facilitator,
                windows,
                privacy,
                visibility,
                rule,
                fixed,
            }),
            _ => Err(ServiceError::Invalid(errors)),
        }
    }
}

fn whole_hour(now: OffsetDateTime) -> OffsetDateTime {
    now.replace_minute(0)
        .and_then(|t| t.replace_second(0))
        .and_then(|t| t.replace_nanosecond(0))
        .unwrap_or(now)
        + Duration::hours(1)
}

/// A new meeting's form with the defaults a team would pick: proposals open now, the meeting
/// six days on at the top of the hour, voting from three days to one day before it (the tally
/// runs a day ahead), the time budget and place of the team's latest meeting (60 minutes for a
/// first meeting), secret ballots, the three-minute action scan, and the member who
/// facilitated least recently. In `lang`, the leader's language: the default fixed item's title
/// is stored as they leave it.
pub async fn new_form(
    db: &impl ConnectionTrait,
    rosters: &teams::Rosters,
    principal: Principal,
    slug: &str,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<(TeamAccess, MeetingForm, Vec<FacilitatorChoice>)> {
    let access = teams::authorize(db, principal, slug, Action::ManageMeetings).await?;
    let members = rosters
        .of(db, access.team.id, access.team.roster_version)
        .await?;
    let choices =
        facilitator_choices(db, access.team.id, &members, None, now, access.zone, lang).await?;
    let latest = meetings::Entity::find()
        .filter(meetings::Column::TeamId.eq(access.team.id))
        .order_by_desc(meetings::Column::StartsAt)
        .order_by_desc(meetings::Column::Id)
        .one(db)
        .await?;
    let starts = whole_hour(now) + Duration::days(6);
    let form = MeetingForm {
        budget_minutes: latest
            .as_ref()
            .map_or_else(|| "60".to_owned(), |m| m.budget_minutes.to_string()),
        place: latest.map(|m| m.place).unwrap_or_default(),
        facilitator_id: choices
            .first()
            .map(|c| c.user_id.to_string())
            .unwrap_or_default(),
        proposals_open: input_value(now, access.zone),
        proposals_close: input_value(starts - Duration::days(3), access.zone),
        voting_open: input_value(starts - Duration::days(3), access.zone),
        voting_close: input_value(starts - Duration::days(1), access.zone),
        starts_at: input_value(starts, access.zone),
        privacy: Privacy::Secret.as_str().to_owned(),
        results_visibility: ResultsVisibility::AfterClose.as_str().to_owned(),
        agenda_rule: AgendaRule::SequentialIrv.as_str().to_owned(),
        fixed_1_title: Msg::new("mt-form-default-fixed").render(lang),
        fixed_1_minutes: "3".to_owned(),
        ..MeetingForm::default()
    };
    Ok((access, form, choices))
}

/// The edit form of an existing meeting, filled from what is stored (its choices in `lang`).
pub async fn edit_form(
    db: &impl ConnectionTrait,
    rosters: &teams::Rosters,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<(MeetingAccess, MeetingForm, Vec<FacilitatorChoice>)> {
    let (access, form) = stored_form(db, principal, slug, meeting_id).await?;
    let members = rosters
        .of(db, access.team.id, access.team.roster_version)
        .await?;
    let choices = facilitator_choices(
        db,
        access.team.id,
        &members,
        Some(meeting_id),
        now,
        access.zone,
        lang,
    )
    .await?;
    Ok((access, form, choices))
}

/// The meeting as its form holds it (what [`edit_form`] shows), without the facilitator
/// choices: for the API, which applies a change to it and saves.
pub async fn stored_form(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
) -> Result<(MeetingAccess, MeetingForm)> {
    let access = authorize(db, principal, slug, meeting_id, Action::ManageMeetings).await?;
    let m = &access.meeting;
    let fixed = fixed_items(db, m.id).await?;
    let fixed_at = |i: usize| {
        fixed
            .get(i)
            .map(|f| (f.title.clone(), f.minutes.to_string()))
            .unwrap_or_default()
    };
    let (f1t, f1m) = fixed_at(0);
    let (f2t, f2m) = fixed_at(1);
    let (f3t, f3m) = fixed_at(2);
    let form = MeetingForm {
        title: m.title.clone(),
        purpose_line: m.purpose_line.clone(),
        starts_at: input_value(m.starts_at, access.zone),
        budget_minutes: m.budget_minutes.to_string(),
        place: m.place.clone(),
        facilitator_id: m
            .facilitator_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        proposals_open: input_value(m.proposals_open_at, access.zone),
        proposals_close: input_value(m.proposals_close_at, access.zone),
        voting_open: input_value(m.voting_open_at, access.zone),
        voting_close: input_value(m.voting_close_at, access.zone),
        privacy: m.privacy.to_value(),
        results_visibility: m.results_visibility.to_value(),
        agenda_rule: m.agenda_rule.to_value(),
        fixed_1_title: f1t,
        fixed_1_minutes: f1m,
        fixed_2_title: f2t,
        fixed_2_minutes: f2m,
        fixed_3_title: f3t,
        fixed_3_minutes: f3m,
    };
    Ok((access, form))
}
