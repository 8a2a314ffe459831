//! Creating and editing a meeting (leaders): the form as typed, its parsing into domain values,
//! the facilitator suggestion (the member who facilitated least recently) and its history, and
//! the audited window changes.

use sea_orm::ActiveEnum as _;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::access::{Action, Principal};
use crate::auth::tokens::random_token;
use crate::domain::meeting::{
    AgendaRule, BudgetMinutes, Current, ItemMinutes, ItemTitle, MeetingTitle, Place, Privacy,
    PurposeLine, ResultsVisibility, Windows, check_change, input_value, parse_utc,
};
use crate::service::teams::{self, TeamAccess};
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::{
    meeting_facilitators, meeting_fixed_items, meetings, memberships, users,
};

use super::{MeetingAccess, authorize, ballot_count, begin_locked, fixed_items, stored_tally};

/// How many fixed-item rows the form offers.
pub const FIXED_ROWS: usize = 3;

/// The meeting form as typed (every field a string, so it can be shown again as typed).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MeetingForm {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Purpose line.
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
    /// Proposal window.
    #[serde(default)]
    pub proposals_open: String,
    /// Proposal window.
    #[serde(default)]
    pub proposals_close: String,
    /// Voting window.
    #[serde(default)]
    pub voting_open: String,
    /// Voting window.
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
    /// Fixed item 1.
    #[serde(default)]
    pub fixed_1_title: String,
    /// Fixed item 1 minutes.
    #[serde(default)]
    pub fixed_1_minutes: String,
    /// Fixed item 2.
    #[serde(default)]
    pub fixed_2_title: String,
    /// Fixed item 2 minutes.
    #[serde(default)]
    pub fixed_2_minutes: String,
    /// Fixed item 3.
    #[serde(default)]
    pub fixed_3_title: String,
    /// Fixed item 3 minutes.
    #[serde(default)]
    pub fixed_3_minutes: String,
}

/// Agenda rules the form offers.
pub const AVAILABLE_RULES: &[AgendaRule] = &[AgendaRule::SequentialIrv, AgendaRule::EqualShares];

struct Parsed {
    title: MeetingTitle,
    purpose: PurposeLine,
    budget: BudgetMinutes,
    place: Place,
    facilitator: Option<i64>,
    windows: Windows,
    privacy: Privacy,
    visibility: ResultsVisibility,
    rule: AgendaRule,
    fixed: Vec<(ItemTitle, ItemMinutes)>,
}

impl MeetingForm {
    fn fixed_rows(&self) -> [(&str, &str, usize); FIXED_ROWS] {
        [
            (&self.fixed_1_title, &self.fixed_1_minutes, 1),
            (&self.fixed_2_title, &self.fixed_2_minutes, 2),
            (&self.fixed_3_title, &self.fixed_3_minutes, 3),
        ]
    }

    fn parse(&self, members: &[i64]) -> Result<Parsed> {
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
        let starts_at = field!("starts_at", parse_utc(&self.starts_at));
        let proposals_open = field!("proposals_open", parse_utc(&self.proposals_open));
        let proposals_close = field!("proposals_close", parse_utc(&self.proposals_close));
        let voting_open = field!("voting_open", parse_utc(&self.voting_open));
        let voting_close = field!("voting_close", parse_utc(&self.voting_close));
        let facilitator = match self.facilitator_id.trim() {
            "" => Some(None),
            text => match text.parse::<i64>() {
                Ok(id) if members.contains(&id) => Some(Some(id)),
                _ => {
                    errors.add("facilitator_id", "Choose a member of the team.");
                    None
                }
            },
        };
        let privacy = Privacy::parse(&self.privacy);
        if privacy.is_none() {
            errors.add("privacy", "Choose open or secret ballots.");
        }
        let visibility = ResultsVisibility::parse(&self.results_visibility);
        if visibility.is_none() {
            errors.add("results_visibility", "Choose when results are shown.");
        }
        let rule = AgendaRule::parse(&self.agenda_rule).filter(|r| AVAILABLE_RULES.contains(r));
        if rule.is_none() {
            errors.add("agenda_rule", "Choose how the agenda is built.");
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
                    format!(
                        "The fixed items take {reserved} minutes, more than the {}-minute budget.",
                        budget.get()
                    ),
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

/// A member in the facilitator choice, with when they last facilitated.
#[derive(Debug, Clone, Serialize)]
pub struct FacilitatorChoice {
    /// User id.
    pub user_id: i64,
    /// User id as the form sends it.
    pub value: String,
    /// Name.
    pub display_name: String,
    /// Last meeting they facilitated ("never").
    pub last: String,
}

/// Members ordered least-recently-facilitated first (never first, then oldest, then by name).
pub async fn facilitator_choices(
    db: &impl ConnectionTrait,
    team_id: i64,
) -> Result<Vec<FacilitatorChoice>> {
    let members = memberships::Entity::find()
        .filter(memberships::Column::TeamId.eq(team_id))
        .all(db)
        .await?;
    let past = meetings::Entity::find()
        .filter(meetings::Column::TeamId.eq(team_id))
        .filter(meetings::Column::FacilitatorId.is_not_null())
        .all(db)
        .await?;
    let mut rows = Vec::new();
    for m in members {
        let Some(user) = users::Entity::find_by_id(m.user_id).one(db).await? else {
            continue;
        };
        let last = past
            .iter()
            .filter(|p| p.facilitator_id == Some(user.id))
            .map(|p| p.starts_at)
            .max();
        rows.push((last, user.display_name.to_lowercase(), user));
    }
    rows.sort_by(|a, b| (a.0, &a.1, a.2.id).cmp(&(b.0, &b.1, b.2.id)));
    Ok(rows
        .into_iter()
        .map(|(last, _, user)| FacilitatorChoice {
            user_id: user.id,
            value: user.id.to_string(),
            display_name: user.display_name,
            last: last.map_or_else(|| "never".to_owned(), crate::format::date_time),
        })
        .collect())
}

/// One entry of a meeting's facilitator history.
#[derive(Debug, Clone, Serialize)]
pub struct FacilitatorChange {
    /// Who (or "nobody").
    pub name: String,
    /// When assigned.
    pub at: String,
}

/// Who was made facilitator of the meeting, oldest first.
pub async fn facilitator_history(
    db: &impl ConnectionTrait,
    meeting_id: i64,
) -> Result<Vec<FacilitatorChange>> {
    let rows = meeting_facilitators::Entity::find()
        .filter(meeting_facilitators::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_facilitators::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for row in rows {
        let name = match row.user_id {
            Some(_) => super::name_of(db, row.user_id).await?,
            None => "nobody".to_owned(),
        };
        out.push(FacilitatorChange {
            name,
            at: crate::format::date_time(row.assigned_at),
        });
    }
    Ok(out)
}

fn whole_hour(now: OffsetDateTime) -> OffsetDateTime {
    now.replace_minute(0)
        .and_then(|t| t.replace_second(0))
        .and_then(|t| t.replace_nanosecond(0))
        .unwrap_or(now)
        + Duration::hours(1)
}

/// A new meeting's form: windows from the next hour (3 days of proposals, 2 of voting, the
/// meeting a day later), 60 minutes, secret ballots, the three-minute action scan, and the
/// member who facilitated least recently.
pub async fn new_form(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    now: OffsetDateTime,
) -> Result<(TeamAccess, MeetingForm, Vec<FacilitatorChoice>)> {
    let access = teams::authorize(db, principal, slug, Action::ManageMeetings).await?;
    let choices = facilitator_choices(db, access.team.id).await?;
    let start = whole_hour(now);
    let form = MeetingForm {
        budget_minutes: "60".to_owned(),
        facilitator_id: choices
            .first()
            .map(|c| c.user_id.to_string())
            .unwrap_or_default(),
        proposals_open: input_value(start),
        proposals_close: input_value(start + Duration::days(3)),
        voting_open: input_value(start + Duration::days(3)),
        voting_close: input_value(start + Duration::days(5)),
        starts_at: input_value(start + Duration::days(6)),
        privacy: Privacy::Secret.as_str().to_owned(),
        results_visibility: ResultsVisibility::AfterClose.as_str().to_owned(),
        agenda_rule: AgendaRule::SequentialIrv.as_str().to_owned(),
        fixed_1_title: "Three-minute action scan".to_owned(),
        fixed_1_minutes: "3".to_owned(),
        ..MeetingForm::default()
    };
    Ok((access, form, choices))
}

/// The edit form of an existing meeting, filled from what is stored.
pub async fn edit_form(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: i64,
) -> Result<(MeetingAccess, MeetingForm, Vec<FacilitatorChoice>)> {
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
        starts_at: input_value(m.starts_at),
        budget_minutes: m.budget_minutes.to_string(),
        place: m.place.clone(),
        facilitator_id: m
            .facilitator_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        proposals_open: input_value(m.proposals_open_at),
        proposals_close: input_value(m.proposals_close_at),
        voting_open: input_value(m.voting_open_at),
        voting_close: input_value(m.voting_close_at),
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
    let choices = facilitator_choices(db, access.team.id).await?;
    Ok((access, form, choices))
}

async fn member_ids(db: &impl ConnectionTrait, team_id: i64) -> Result<Vec<i64>> {
    Ok(memberships::Entity::find()
        .filter(memberships::Column::TeamId.eq(team_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}

async fn replace_fixed(
    db: &impl ConnectionTrait,
    meeting_id: i64,
    fixed: &[(ItemTitle, ItemMinutes)],
) -> Result<()> {
    meeting_fixed_items::Entity::delete_many()
        .filter(meeting_fixed_items::Column::MeetingId.eq(meeting_id))
        .exec(db)
        .await?;
    for (position, (title, minutes)) in fixed.iter().enumerate() {
        meeting_fixed_items::ActiveModel {
            meeting_id: Set(meeting_id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            title: Set(title.as_str().to_owned()),
            minutes: Set(i32::try_from(minutes.get()).unwrap_or(i32::MAX)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

async fn record_facilitator(
    db: &impl ConnectionTrait,
    meeting_id: i64,
    user_id: Option<i64>,
    by: Option<i64>,
    now: OffsetDateTime,
) -> Result<()> {
    meeting_facilitators::ActiveModel {
        meeting_id: Set(meeting_id),
        user_id: Set(user_id),
        assigned_at: Set(now),
        assigned_by: Set(by),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn to_i32(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Creates a meeting (leaders) with a fresh ballot secret; returns its id.
pub async fn create(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &MeetingForm,
    now: OffsetDateTime,
) -> Result<i64> {
    // The team's lock first: the transaction's first statement is a write (see `teams::lock`).
    let (txn, access) = teams::begin_locked(db, principal, slug, Action::ManageMeetings).await?;
    let members = member_ids(&txn, access.team.id).await?;
    let p = form.parse(&members)?;
    if p.privacy == Privacy::Secret && p.visibility == ResultsVisibility::Live {
        let mut errors = FieldErrors::new();
        errors.add(
            "results_visibility",
            "Secret ballots show results only after voting closes.",
        );
        return Err(ServiceError::Invalid(errors));
    }
    let meeting = meetings::ActiveModel {
        team_id: Set(access.team.id),
        title: Set(p.title.as_str().to_owned()),
        purpose_line: Set(p.purpose.as_str().to_owned()),
        starts_at: Set(p.windows.starts_at),
        budget_minutes: Set(to_i32(p.budget.get())),
        place: Set(p.place.as_str().to_owned()),
        facilitator_id: Set(p.facilitator),
        proposals_open_at: Set(p.windows.proposals_open),
        proposals_close_at: Set(p.windows.proposals_close),
        voting_open_at: Set(p.windows.voting_open),
        voting_close_at: Set(p.windows.voting_close),
        privacy: Set(p.privacy.into()),
        results_visibility: Set(p.visibility.into()),
        agenda_rule: Set(p.rule.into()),
        ballot_secret: Set(Some(random_token())),
        created_by: Set(principal.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    replace_fixed(&txn, meeting.id, &p.fixed).await?;
    record_facilitator(&txn, meeting.id, p.facilitator, principal.user_id, now).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::MeetingCreate,
            detail: json!({
                "meeting_id": meeting.id,
                "title": meeting.title,
                "windows": p.windows,
                "privacy": p.privacy.as_str(),
                "results_visibility": p.visibility.as_str(),
                "agenda_rule": p.rule.as_str(),
                "budget_minutes": p.budget.get(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(meeting.id)
}

/// Edits a meeting (leaders). Closed windows never change, privacy is frozen and results may
/// only be hidden longer once a ballot exists, and the budget, rule and fixed items are frozen
/// once the tally has run. Each window change is audited (`meeting.window_extend` for a later
/// close of an open window).
pub async fn update(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: i64,
    form: &MeetingForm,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) =
        begin_locked(db, principal, slug, meeting_id, Action::ManageMeetings).await?;
    let members = member_ids(&txn, access.team.id).await?;
    let p = form.parse(&members)?;
    let old = access.meeting.clone();
    let current = Current {
        windows: super::windows(&old),
        privacy: super::privacy(&old),
        visibility: super::visibility(&old),
        has_ballots: ballot_count(&txn, old.id).await? > 0,
    };
    let mut errors = FieldErrors::new();
    let changes = match check_change(&current, &p.windows, p.privacy, p.visibility, now) {
        Ok(changes) => changes,
        Err(problems) => {
            for (field, message) in problems {
                errors.add(field, message);
            }
            Vec::new()
        }
    };
    if p.windows.starts_at != old.starts_at && now >= old.starts_at {
        errors.add(
            "starts_at",
            "The meeting has started; its start cannot change.",
        );
    }
    let old_fixed: Vec<(String, i32)> = fixed_items(&txn, old.id)
        .await?
        .into_iter()
        .map(|f| (f.title, f.minutes))
        .collect();
    let new_fixed: Vec<(String, i32)> = p
        .fixed
        .iter()
        .map(|(t, m)| (t.as_str().to_owned(), to_i32(m.get())))
        .collect();
    if stored_tally(&txn, old.id).await?.is_some() {
        let frozen = "The tally has run with this setting; it can no longer change.";
        if to_i32(p.budget.get()) != old.budget_minutes {
            errors.add("budget_minutes", frozen);
        }
        if p.rule != super::rule(&old) {
            errors.add("agenda_rule", frozen);
        }
        if new_fixed != old_fixed {
            errors.add("fixed_1_title", frozen);
        }
    }
    errors.into_result()?;
    let facilitator_changed = p.facilitator != old.facilitator_id;
    let mut active: meetings::ActiveModel = old.clone().into();
    active.title = Set(p.title.as_str().to_owned());
    active.purpose_line = Set(p.purpose.as_str().to_owned());
    active.starts_at = Set(p.windows.starts_at);
    active.budget_minutes = Set(to_i32(p.budget.get()));
    active.place = Set(p.place.as_str().to_owned());
    active.facilitator_id = Set(p.facilitator);
    active.proposals_open_at = Set(p.windows.proposals_open);
    active.proposals_close_at = Set(p.windows.proposals_close);
    active.voting_open_at = Set(p.windows.voting_open);
    active.voting_close_at = Set(p.windows.voting_close);
    active.privacy = Set(p.privacy.into());
    active.results_visibility = Set(p.visibility.into());
    active.agenda_rule = Set(p.rule.into());
    active.updated_at = Set(now);
    active.update(&txn).await?;
    if new_fixed != old_fixed {
        replace_fixed(&txn, old.id, &p.fixed).await?;
    }
    if facilitator_changed {
        record_facilitator(&txn, old.id, p.facilitator, principal.user_id, now).await?;
    }
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::MeetingUpdate,
            detail: json!({
                "meeting_id": old.id,
                "privacy": p.privacy.as_str(),
                "results_visibility": p.visibility.as_str(),
                "facilitator_id": p.facilitator,
            }),
        },
    )
    .await?;
    for change in changes {
        audit::record(
            &txn,
            audit::Entry {
                actor_id: principal.user_id,
                team_id: Some(access.team.id),
                action: if change.kind == "extend" {
                    audit::AuditAction::MeetingWindowExtend
                } else {
                    audit::AuditAction::MeetingWindowChange
                },
                detail: json!({ "meeting_id": old.id, "change": change }),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
