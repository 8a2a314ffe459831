//! Saving the meeting form: creating a meeting with its ballot secret, and editing one under
//! the rules of `domain::meeting::check_change`, with every window change audited.

use crate::domain::ids::MeetingId;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::auth::tokens::random_token;
use crate::domain::meeting::{
    Current, ItemMinutes, ItemTitle, Privacy, ResultsVisibility, check_change,
};
use crate::i18n::Msg;
use crate::service::teams;
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::{meeting_fixed_items, meetings};

use super::facilitator::record_facilitator;
use super::form::MeetingForm;
use super::{begin_locked, fixed_items, stored_tally};

async fn replace_fixed(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
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
) -> Result<MeetingId> {
    // The team's lock first: the transaction's first statement is a write (see `teams::lock`).
    let (txn, access) = teams::begin_locked(db, principal, slug, Action::ManageMeetings).await?;
    let members = teams::member_ids(&txn, access.team.id).await?;
    let p = form.parse(&members, access.zone)?;
    if p.privacy == Privacy::Secret && p.visibility == ResultsVisibility::Live {
        let mut errors = FieldErrors::new();
        errors.add("results_visibility", Msg::new("sm-secret-live-results"));
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
    meeting_id: MeetingId,
    form: &MeetingForm,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) =
        begin_locked(db, principal, slug, meeting_id, Action::ManageMeetings).await?;
    super::cancel::ensure_live(&access.meeting)?;
    let members = teams::member_ids(&txn, access.team.id).await?;
    let p = form.parse(&members, access.zone)?;
    let old = access.meeting.clone();
    let current = Current {
        windows: super::windows(&old),
        privacy: super::privacy(&old),
        visibility: super::visibility(&old),
        // Read with the meeting row, locked: a ballot's count waits for this change.
        has_ballots: old.ballots() > 0,
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
        errors.add("starts_at", Msg::new("sm-start-frozen"));
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
        let frozen = Msg::new("sm-tally-frozen");
        if to_i32(p.budget.get()) != old.budget_minutes {
            errors.add("budget_minutes", frozen.clone());
        }
        if p.rule != super::rule(&old) {
            errors.add("agenda_rule", frozen.clone());
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
