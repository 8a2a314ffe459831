//! Budget ideas: members propose during the ideas phase and edit or withdraw their own until
//! review starts; members support ideas during the ideas phase; leaders review until voting
//! opens (feasible, infeasible with a reason everyone sees, or a cost adjusted with a reason,
//! shown beside the original). Ideas not marked infeasible or withdrawn are on the ballot.

use crate::domain::ids::{IdeaId, RoundId};
use std::collections::{HashMap, HashSet};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::budget::{BudgetPhase, IdeaDescription, IdeaTitle, parse_money};
use crate::domain::meeting::Place;
use crate::i18n::Msg;
use crate::service::{FieldErrors, Result, ServiceError, find_in_round};
use crate::store::entities::budget_ideas::{self, IdeaStatus};
use crate::store::entities::budget_supports;

use super::{RoundAccess, authorize, begin_locked};

/// The field a refusal by the round's phase is reported under (the ideas phase is over or has
/// not begun): the state of the round, not the typing (the API answers it `409 Conflict`).
pub const PHASE_FIELD: &str = "phase";

/// The field a refusal by the idea's own state is reported under (it was withdrawn).
pub const STATE_FIELD: &str = "idea";

/// The refusal when the ideas phase is not open.
pub fn ideas_closed() -> Msg {
    Msg::new("sm-ideas-closed")
}

/// An idea as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IdeaForm {
    #[serde(default)]
    pub title: String,
    /// What it is and why.
    #[serde(default)]
    pub description: String,
    /// Cost ("1200" or "1200.50").
    #[serde(default)]
    pub cost: String,
    /// Location or category (optional).
    #[serde(default)]
    pub location: String,
}

struct Parsed {
    title: IdeaTitle,
    description: IdeaDescription,
    cost: i64,
    location: String,
}

impl IdeaForm {
    fn parse(&self, amount: i64) -> Result<Parsed> {
        let mut e = FieldErrors::new();
        let title = IdeaTitle::parse(&self.title)
            .map_err(|m| e.add("title", m))
            .ok();
        let description = IdeaDescription::parse(&self.description)
            .map_err(|m| e.add("description", m))
            .ok();
        let cost = parse_money(&self.cost).map_err(|m| e.add("cost", m)).ok();
        if cost.is_some_and(|c| c > amount) {
            e.add("cost", Msg::new("sm-idea-over-budget"));
        }
        let location = if self.location.trim().is_empty() {
            Some(String::new())
        } else {
            Place::parse(&self.location)
                .map(|p| p.as_str().to_owned())
                .map_err(|m| e.add("location", m))
                .ok()
        };
        match (title, description, cost, location) {
            (Some(title), Some(description), Some(cost), Some(location)) if e.is_empty() => {
                Ok(Parsed {
                    title,
                    description,
                    cost,
                    location,
                })
            }
            _ => Err(ServiceError::Invalid(e)),
        }
    }

    /// The form showing a stored idea.
    pub fn of(idea: &budget_ideas::Model) -> Self {
        Self {
            title: idea.title.clone(),
            description: idea.description.clone(),
            cost: crate::domain::budget::money_input(idea.original_cost.unwrap_or(idea.cost)),
            location: idea.location.clone(),
        }
    }
}

/// Whether its author withdrew the idea.
pub fn is_withdrawn(idea: &budget_ideas::Model) -> bool {
    idea.status == IdeaStatus::Withdrawn
}

/// Whether an idea goes on the ballot (not withdrawn, not infeasible).
pub fn on_ballot(idea: &budget_ideas::Model) -> bool {
    matches!(idea.status, IdeaStatus::Proposed | IdeaStatus::Feasible)
}

/// Every idea of a round, in the order proposed.
pub async fn all(db: &impl ConnectionTrait, round_id: RoundId) -> Result<Vec<budget_ideas::Model>> {
    Ok(budget_ideas::Entity::find()
        .filter(budget_ideas::Column::RoundId.eq(round_id))
        .order_by_asc(budget_ideas::Column::Id)
        .all(db)
        .await?)
}

/// The ideas on the ballot, in the order proposed.
pub async fn ballot_ideas(
    db: &impl ConnectionTrait,
    round_id: RoundId,
) -> Result<Vec<budget_ideas::Model>> {
    Ok(all(db, round_id)
        .await?
        .into_iter()
        .filter(on_ballot)
        .collect())
}

/// The ideas page: every idea, support counts and what the caller supports.
#[derive(Debug, Clone)]
pub struct IdeasView {
    /// The round.
    pub access: RoundAccess,
    /// Ideas in the order proposed.
    pub ideas: Vec<budget_ideas::Model>,
    /// Supporters per idea id.
    pub supports: HashMap<IdeaId, u64>,
    /// Ideas the caller supports.
    pub mine: HashSet<IdeaId>,
}

/// Loads the ideas page.
pub async fn view(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
) -> Result<IdeasView> {
    let access = authorize(db, principal, slug, round_id, Action::ViewBudgets).await?;
    let ideas = all(db, round_id).await?;
    let rows = budget_supports::Entity::find()
        .filter(budget_supports::Column::RoundId.eq(round_id))
        .all(db)
        .await?;
    let mut supports: HashMap<IdeaId, u64> = HashMap::new();
    let mut mine = HashSet::new();
    for row in rows {
        *supports.entry(row.idea_id).or_default() += 1;
        if Some(row.user_id) == principal.user_id {
            mine.insert(row.idea_id);
        }
    }
    Ok(IdeasView {
        access,
        ideas,
        supports,
        mine,
    })
}

fn refuse(field: &str, message: Msg) -> ServiceError {
    let mut e = FieldErrors::new();
    e.add(field, message);
    ServiceError::Invalid(e)
}

fn require_ideas_phase(access: &RoundAccess, now: OffsetDateTime) -> Result<()> {
    if access.phase(now) == BudgetPhase::Ideas {
        Ok(())
    } else {
        Err(refuse(PHASE_FIELD, ideas_closed()))
    }
}

/// Proposes an idea during the ideas phase; returns its id.
pub async fn propose(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    form: &IdeaForm,
    now: OffsetDateTime,
) -> Result<IdeaId> {
    let (txn, access) = begin_locked(db, principal, slug, round_id, Action::ProposeIdea).await?;
    require_ideas_phase(&access, now)?;
    let p = form.parse(access.round.amount)?;
    let idea = budget_ideas::ActiveModel {
        round_id: Set(round_id),
        // A unique placeholder until the id is known (the code is the id as text).
        code: Set(format!("new-{}", crate::auth::tokens::random_token())),
        author_id: Set(principal.user_id),
        title: Set(p.title.as_str().to_owned()),
        description: Set(p.description.as_str().to_owned()),
        location: Set(p.location),
        cost: Set(p.cost),
        original_cost: Set(None),
        cost_reason: Set(None),
        status: Set(IdeaStatus::Proposed),
        status_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let id = idea.id;
    let mut active: budget_ideas::ActiveModel = idea.into();
    active.code = Set(id.to_string());
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(id)
}

async fn own_idea(
    db: &impl ConnectionTrait,
    access: &RoundAccess,
    principal: Principal,
    idea_id: IdeaId,
) -> Result<budget_ideas::Model> {
    let idea = find(db, access.round.id, idea_id).await?;
    if idea.author_id != principal.user_id || principal.user_id.is_none() {
        return Err(ServiceError::Forbidden);
    }
    Ok(idea)
}

/// An idea of the round, or `NotFound`.
pub async fn find(
    db: &impl ConnectionTrait,
    round_id: RoundId,
    idea_id: IdeaId,
) -> Result<budget_ideas::Model> {
    find_in_round::<budget_ideas::Entity>(db, round_id, idea_id).await
}

/// The caller's own idea for its edit form.
pub async fn edit_form(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    idea_id: IdeaId,
) -> Result<(RoundAccess, budget_ideas::Model)> {
    let access = authorize(db, principal, slug, round_id, Action::ProposeIdea).await?;
    let idea = own_idea(db, &access, principal, idea_id).await?;
    Ok((access, idea))
}

/// Edits the caller's own idea during the ideas phase.
pub async fn edit(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    idea_id: IdeaId,
    form: &IdeaForm,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) = begin_locked(db, principal, slug, round_id, Action::ProposeIdea).await?;
    let idea = own_idea(&txn, &access, principal, idea_id).await?;
    require_ideas_phase(&access, now)?;
    if idea.status == IdeaStatus::Withdrawn {
        return Err(refuse(STATE_FIELD, Msg::new("sm-idea-withdrawn")));
    }
    let p = form.parse(access.round.amount)?;
    let mut active: budget_ideas::ActiveModel = idea.into();
    active.title = Set(p.title.as_str().to_owned());
    active.description = Set(p.description.as_str().to_owned());
    active.cost = Set(p.cost);
    active.location = Set(p.location);
    active.updated_at = Set(now);
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Withdraws the caller's own idea during the ideas phase.
pub async fn withdraw(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    idea_id: IdeaId,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) = begin_locked(db, principal, slug, round_id, Action::ProposeIdea).await?;
    let idea = own_idea(&txn, &access, principal, idea_id).await?;
    require_ideas_phase(&access, now)?;
    let mut active: budget_ideas::ActiveModel = idea.into();
    active.status = Set(IdeaStatus::Withdrawn);
    active.updated_at = Set(now);
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Supports an idea (or takes the support back) during the ideas phase; `true` when the
/// caller now supports it.
pub async fn toggle_support(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    idea_id: IdeaId,
    now: OffsetDateTime,
) -> Result<bool> {
    change_support(db, principal, slug, round_id, idea_id, None, now).await
}

/// Supports an idea (`support`) or takes the support back (`!support`) during the ideas
/// phase, whatever the caller did before (the same checks as [`toggle_support`]); `true` when
/// the caller now supports it.
pub async fn set_support(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    idea_id: IdeaId,
    support: bool,
    now: OffsetDateTime,
) -> Result<bool> {
    change_support(db, principal, slug, round_id, idea_id, Some(support), now).await
}

/// Sets the caller's support to `wanted`, or flips it when `None`.
async fn change_support(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    idea_id: IdeaId,
    wanted: Option<bool>,
    now: OffsetDateTime,
) -> Result<bool> {
    let (txn, access) = begin_locked(db, principal, slug, round_id, Action::ProposeIdea).await?;
    let idea = find(&txn, round_id, idea_id).await?;
    require_ideas_phase(&access, now)?;
    let user_id = principal.user_id.ok_or(ServiceError::Unauthenticated)?;
    if !on_ballot(&idea) {
        return Err(refuse(STATE_FIELD, Msg::new("sm-idea-withdrawn")));
    }
    let existing = budget_supports::Entity::find()
        .filter(budget_supports::Column::IdeaId.eq(idea_id))
        .filter(budget_supports::Column::UserId.eq(user_id))
        .one(&txn)
        .await?;
    let now_supports = match (existing, wanted) {
        (Some(_), Some(true)) => true,
        (None, Some(false)) => false,
        (Some(row), _) => {
            budget_supports::Entity::delete_by_id(row.id)
                .exec(&txn)
                .await?;
            false
        }
        (None, _) => {
            budget_supports::ActiveModel {
                round_id: Set(round_id),
                idea_id: Set(idea_id),
                user_id: Set(user_id),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            true
        }
    };
    txn.commit().await?;
    Ok(now_supports)
}
