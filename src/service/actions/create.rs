//! Recording an action: outside a meeting, from a help request in the ledger, or (through
//! [`insert`]) from an agenda item of the live meeting. The owner must be a member of the team;
//! the creation is the first line of the action's history and is audited.

use crate::domain::ids::{ActionId, IdeaId, MeetingId, PostId, TeamId, UserId};
use crate::domain::notice::Kind;
use crate::i18n::Msg;
use crate::service::notices::{self, Delivery};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::{Date, OffsetDateTime};

use super::authorize;
use crate::access::{Action, Principal};
use crate::domain::action::{ActionTitle, Status, due_date};
use crate::domain::team::member_choice;
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::{action_history, actions, help_posts};

/// The "new action" form as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ActionForm {
    /// What is to be done.
    #[serde(default)]
    pub title: String,
    /// The owner: a user id, or a name from the member list (`"Ana Lima (#42)"`).
    #[serde(default)]
    pub owner_id: String,
    /// Due date, `YYYY-MM-DD`.
    #[serde(default)]
    pub due_on: String,
    /// The help request it answers (empty: none).
    #[serde(default)]
    pub help_post_id: String,
    /// The funded budget idea it carries out (empty: none). With an idea, an empty title
    /// takes the idea's title, so the results page needs only an owner and a date.
    #[serde(default)]
    pub budget_idea_id: String,
}

/// Where a new action comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Recorded on its own.
    None,
    /// An agenda item: meeting and 0-based position.
    AgendaItem(MeetingId, i32),
    /// A help request.
    HelpPost(PostId),
    /// A budget idea funded in its round's published outcome.
    BudgetIdea(IdeaId),
}

/// A checked new action.
#[derive(Debug, Clone)]
pub struct NewAction {
    /// What.
    pub title: ActionTitle,
    /// Who (a member).
    pub owner_id: UserId,
    /// By when.
    pub due_on: Date,
}

/// Checks the title, owner (a member of `team_id`) and due date.
pub async fn parse(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    form: &ActionForm,
    today: Date,
) -> Result<NewAction> {
    let mut errors = FieldErrors::new();
    let title = ActionTitle::parse(&form.title)
        .map_err(|e| errors.add("title", e))
        .ok();
    let owner = match member_choice(&form.owner_id) {
        Some(id) => crate::store::scoped::membership(db, team_id, id)
            .await?
            .map(|m| m.user_id),
        None => None,
    };
    if owner.is_none() {
        errors.add("owner_id", Msg::new("so-choose-team-member"));
    }
    let due = due_date(&form.due_on, today)
        .map_err(|e| errors.add("due_on", e))
        .ok();
    match (title, owner, due) {
        (Some(title), Some(owner_id), Some(due_on)) => Ok(NewAction {
            title,
            owner_id,
            due_on,
        }),
        _ => Err(ServiceError::Invalid(errors)),
    }
}

/// Inserts the action, its first history line and the audit entry, in `db`'s transaction.
pub async fn insert(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    new: &NewAction,
    source: Source,
    actor: UserId,
    delivery: Delivery<'_>,
    now: OffsetDateTime,
) -> Result<ActionId> {
    let (kind, meeting, position, post) = match source {
        Source::None => (actions::SourceKind::None, None, None, None),
        Source::AgendaItem(m, p) => (actions::SourceKind::AgendaItem, Some(m), Some(p), None),
        Source::HelpPost(p) => (actions::SourceKind::HelpPost, None, None, Some(p)),
        Source::BudgetIdea(_) => (actions::SourceKind::BudgetIdea, None, None, None),
    };
    let idea = match source {
        Source::BudgetIdea(i) => Some(i),
        _ => None,
    };
    let row = actions::ActiveModel {
        team_id: Set(team_id),
        title: Set(new.title.as_str().to_owned()),
        owner_id: Set(new.owner_id),
        due_on: Set(new.due_on),
        status: Set(Status::Open.into()),
        reason: Set(String::new()),
        source_kind: Set(kind),
        meeting_id: Set(meeting),
        item_position: Set(position),
        help_post_id: Set(post),
        budget_idea_id: Set(idea),
        created_by: Set(Some(actor)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    action_history::ActiveModel {
        action_id: Set(row.id),
        actor_id: Set(Some(actor)),
        from_status: Set(None),
        to_status: Set(Status::Open.into()),
        reason: Set(String::new()),
        occurred_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        audit::Entry {
            actor_id: Some(actor),
            team_id: Some(team_id),
            action: audit::AuditAction::ActionCreate,
            detail: json!({ "action_id": row.id, "owner_id": new.owner_id,
                "due_on": new.due_on.to_string(), "meeting_id": meeting, "help_post_id": post,
                "budget_idea_id": idea }),
        },
    )
    .await?;
    if new.owner_id != actor {
        tell_owner(db, team_id, &row, delivery, now).await?;
    }
    Ok(row.id)
}

/// Tells the owner an action was given to them (not when they took it on themselves).
async fn tell_owner(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    action: &actions::Model,
    delivery: Delivery<'_>,
    now: OffsetDateTime,
) -> Result<()> {
    let Some(team) = crate::store::entities::teams::Entity::find_by_id(team_id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let Some(owner) = notices::recipient(db, action.owner_id).await? else {
        return Ok(());
    };
    let due = crate::i18n::Arg::day(action.due_on);
    let title = action.title.as_str();
    let notice = notices::Notice {
        kind: Kind::ActionAssigned,
        team_id,
        message: Msg::new("notice-assigned")
            .arg("title", title)
            .arg("due", due.clone()),
        link: format!("/teams/{}/actions/{}", team.slug, action.id),
        subject: Msg::new("notice-assigned-subject").arg("title", title),
        body: vec![
            Msg::new("notice-assigned-body")
                .arg("team", team.name.as_str())
                .arg("title", title)
                .arg("due", due),
        ],
        attachment: None,
    };
    notices::deliver(db, delivery, &notice, &[owner], now).await?;
    Ok(())
}

/// Records an action outside a meeting: on its own, from a help request (`help_post_id`) or
/// from a budget idea funded in its round's published outcome (`budget_idea_id`); returns its
/// id.
pub async fn create(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &ActionForm,
    delivery: Delivery<'_>,
    now: OffsetDateTime,
) -> Result<ActionId> {
    let acc = authorize(db, principal, slug, Action::WorkOnActions).await?;
    let team_id = acc.team.team.id;
    let (source, idea_title) = source(db, team_id, form).await?;
    let mut form = form.clone();
    if let Some(title) = idea_title.filter(|_| form.title.trim().is_empty()) {
        form.title = title;
    }
    let new = parse(db, team_id, &form, acc.team.zone.today(now)).await?;
    let txn = db.begin().await?;
    let id = insert(&txn, team_id, &new, source, acc.user_id, delivery, now).await?;
    txn.commit().await?;
    Ok(id)
}

/// Where the form says the action comes from, checked against the team; with a funded idea,
/// also the idea's title. An id that is not the team's (or an idea not funded) is a 404, as
/// in the address bar.
async fn source(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    form: &ActionForm,
) -> Result<(Source, Option<String>)> {
    let id = |raw: &str| raw.parse::<i64>().map_err(|_| ServiceError::NotFound);
    match (form.help_post_id.trim(), form.budget_idea_id.trim()) {
        ("", "") => Ok((Source::None, None)),
        (raw, "") => {
            let post = help_posts::Entity::find_by_id(PostId(id(raw)?))
                .filter(help_posts::Column::TeamId.eq(team_id))
                .one(db)
                .await?;
            match post {
                Some(p) if p.kind == help_posts::PostKind::Request => {
                    Ok((Source::HelpPost(p.id), None))
                }
                _ => Err(ServiceError::NotFound),
            }
        }
        ("", raw) => {
            let idea = crate::service::budgets::publish::funded_idea(db, team_id, IdeaId(id(raw)?))
                .await?
                .ok_or(ServiceError::NotFound)?;
            Ok((Source::BudgetIdea(idea.id), Some(idea.title)))
        }
        _ => Err(ServiceError::NotFound),
    }
}
