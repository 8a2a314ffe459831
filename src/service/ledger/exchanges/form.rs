//! The "record help" form: what was typed, and its checks against the team (members,
//! minutes, date, the help post) before anything is written.

use crate::domain::ids::{ActionId, PostId, TeamId, UserId};
use crate::i18n::Msg;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::super::LedgerAccess;
use crate::access::{Action, Principal};
use crate::domain::ledger::{Category, HelpDate, IdempotencyKey, Minutes, Note, Party, Recorder};
use crate::domain::team::member_choice;
use crate::service::{FieldErrors, Result, ServiceError};
use crate::store::entities::help_posts;

/// The "record help" form as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ExchangeForm {
    /// `gave` (I helped `person`), `received` (`person` helped me) or `between` (a leader
    /// records `helper` → `helped`).
    #[serde(default)]
    pub direction: String,
    /// The other person (for `gave` / `received`).
    #[serde(default)]
    pub person: String,
    /// Helper (for `between`).
    #[serde(default)]
    pub helper: String,
    /// Helped (for `between`).
    #[serde(default)]
    pub helped: String,
    /// Minutes, 1 to 600.
    #[serde(default)]
    pub minutes: String,
    /// `YYYY-MM-DD`; empty means today.
    #[serde(default)]
    pub date: String,
    /// Short category.
    #[serde(default)]
    pub category: String,
    /// Private note.
    #[serde(default)]
    pub note: String,
    /// Help post it answers (optional).
    #[serde(default)]
    pub post_id: String,
    /// Action it served (optional).
    #[serde(default)]
    pub action_id: String,
    /// The form's idempotency key.
    #[serde(default)]
    pub idempotency_key: String,
}

fn parse_id(raw: &str) -> Option<i64> {
    raw.trim().parse::<i64>().ok().filter(|id| *id > 0)
}

async fn is_member(db: &impl ConnectionTrait, team_id: TeamId, user_id: UserId) -> Result<bool> {
    Ok(crate::store::scoped::membership(db, team_id, user_id)
        .await?
        .is_some())
}

/// A record form that passed every check.
pub(super) struct Parsed {
    pub(super) helper: UserId,
    pub(super) helped: UserId,
    pub(super) recorder: Recorder,
    pub(super) minutes: Minutes,
    pub(super) date: HelpDate,
    pub(super) category: Category,
    pub(super) note: Note,
    pub(super) post_id: Option<PostId>,
    pub(super) action_id: Option<ActionId>,
    pub(super) key: IdempotencyKey,
}

/// Checks the form against the team; a leader's "between" form also checks the leader's right.
pub(super) async fn parse(
    db: &impl ConnectionTrait,
    acc: &LedgerAccess,
    principal: Principal,
    form: &ExchangeForm,
    now: OffsetDateTime,
) -> Result<Parsed> {
    let mut errors = FieldErrors::new();
    let me = acc.user_id;
    let (helper, helped, person_field) = match form.direction.trim() {
        "gave" => (Some(me), member_choice(&form.person), "person"),
        "received" => (member_choice(&form.person), Some(me), "person"),
        "between" => (
            member_choice(&form.helper),
            member_choice(&form.helped),
            "helped",
        ),
        _ => {
            errors.add("direction", Msg::new("so-choose-direction"));
            (None, None, "person")
        }
    };
    if form.direction.trim() != "" && (helper.is_none() || helped.is_none()) {
        errors.add(person_field, Msg::new("so-choose-team-member"));
    }
    for id in [helper, helped].into_iter().flatten() {
        if !is_member(db, acc.team.id, id).await? {
            errors.add(person_field, Msg::new("so-choose-team-member"));
        }
    }
    if helper.is_some() && helper == helped {
        errors.add(person_field, Msg::new("so-help-to-yourself"));
    }
    let minutes = Minutes::parse(&form.minutes)
        .map_err(|e| errors.add("minutes", e))
        .ok();
    let date = HelpDate::parse(&form.date, acc.zone.today(now))
        .map_err(|e| errors.add("date", e))
        .ok();
    let category = Category::parse(&form.category)
        .map_err(|e| errors.add("category", e))
        .ok();
    let note = Note::parse(&form.note)
        .map_err(|e| errors.add("note", e))
        .ok();
    let key = IdempotencyKey::parse(&form.idempotency_key)
        .map_err(|e| errors.add("idempotency_key", e))
        .ok();
    let post_id = parse_id(&form.post_id).map(PostId);
    if let Some(post) = post_id {
        let found = help_posts::Entity::find_by_id(post)
            .filter(help_posts::Column::TeamId.eq(acc.team.id))
            .one(db)
            .await?;
        if found.is_none() {
            errors.add("post_id", Msg::new("so-post-not-in-team"));
        }
    }
    let (
        Some(helper),
        Some(helped),
        Some(minutes),
        Some(date),
        Some(category),
        Some(note),
        Some(key),
    ) = (helper, helped, minutes, date, category, note, key)
    else {
        return Err(ServiceError::Invalid(errors));
    };
    errors.into_result()?;
    let recorder = if helper == me {
        Recorder::Party(Party::Helper)
    } else if helped == me {
        Recorder::Party(Party::Helped)
    } else {
        // Recording for two other people is a leader's right (audited).
        crate::service::teams::check(crate::access::authorize(
            principal,
            acc.role,
            Action::RecordHelpForOthers,
        ))?;
        Recorder::LeaderForBoth
    };
    Ok(Parsed {
        helper,
        helped,
        recorder,
        minutes,
        date,
        category,
        note,
        post_id,
        action_id: parse_id(&form.action_id).map(ActionId),
        key,
    })
}
