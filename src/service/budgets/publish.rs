//! Results, publication and follow-through. After voting closes the results are computed once
//! (`compute`); leaders then publish the outcome, overriding an idea only with a reason that
//! everyone sees (as for agendas); each funded idea gets an owner and a status.

use crate::domain::ids::{IdeaId, RoundId, TeamId, UserId};
use crate::i18n::Msg;
use std::collections::{HashMap, HashSet};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::budget::BudgetPhase;
use crate::domain::meeting::Reason;
use crate::domain::team::member_choice;
use crate::service::meetings::names_of;
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::budget_follow_ups::{self, FollowUpStatus};
use crate::store::entities::{budget_ideas, budget_overrides, budget_publications, budget_rounds};
use crate::store::scoped::membership;

use super::compute::{self, Computed};
use super::{RoundAccess, authorize, begin_locked};

/// A funded idea's follow-through, for display.
#[derive(Debug, Clone)]
pub struct FollowUp {
    /// Owner's name, if any.
    pub owner: Option<String>,
    /// Owner's id.
    pub owner_id: Option<UserId>,
    pub status: FollowUpStatus,
}

/// What the results page shows once voting has closed.
#[derive(Debug, Clone)]
pub struct ResultsView {
    /// The computation.
    pub computed: Computed,
    /// When and by whom it was published.
    pub published: Option<(OffsetDateTime, String)>,
    /// Overrides with reasons.
    pub overrides: Vec<budget_overrides::Model>,
    /// Follow-through per idea id.
    pub follow_ups: HashMap<IdeaId, FollowUp>,
    /// Members who may own a funded idea: `(id, name)`.
    pub members: Vec<crate::service::teams::Member>,
}

impl ResultsView {
    /// Idea ids funded in the published outcome (the computed one with overrides applied).
    pub fn funded_ids(&self) -> HashSet<IdeaId> {
        funded_after(&self.computed, &self.overrides)
    }
}

fn funded_after(computed: &Computed, overrides: &[budget_overrides::Model]) -> HashSet<IdeaId> {
    let selected: HashSet<&str> = computed
        .outcome
        .selected
        .iter()
        .map(String::as_str)
        .collect();
    let mut funded: HashSet<IdeaId> = computed
        .input
        .ideas
        .iter()
        .filter(|i| selected.contains(i.code.as_str()))
        .map(|i| i.id)
        .collect();
    for o in overrides {
        if o.funded {
            funded.insert(o.idea_id);
        } else {
            funded.remove(&o.idea_id);
        }
    }
    funded
}

/// The results of a round: computes first if voting has closed and nobody has yet. `None`
/// while voting is open (results are hidden until it closes: no bandwagon). With `forms`, and
/// once the outcome is published, the team's members are listed for the owner fields of the
/// follow-up and action forms the caller may use; otherwise (exports, members who may not
/// use those forms, before publication) the team is not loaded at all.
pub async fn results(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    now: OffsetDateTime,
    forms: bool,
) -> Result<(RoundAccess, Option<ResultsView>)> {
    let access = authorize(db, principal, slug, round_id, Action::ViewBudgets).await?;
    if access.phase(now) != BudgetPhase::Results {
        return Ok((access, None));
    }
    compute::compute_round(db, round_id, now).await?;
    let computed = compute::stored(db, round_id)
        .await?
        .ok_or_else(|| ServiceError::Unexpected(anyhow::anyhow!("budget result missing")))?;
    let owners_needed = forms
        && (access.may(principal, Action::ManageBudgets)
            || access.may(principal, Action::WorkOnActions));
    let view = extras(db, &access, computed, owners_needed).await?;
    Ok((access, Some(view)))
}

async fn extras(
    db: &impl ConnectionTrait,
    access: &RoundAccess,
    computed: Computed,
    owners_needed: bool,
) -> Result<ResultsView> {
    let round_id = access.round.id;
    let publication = budget_publications::Entity::find_by_id(round_id)
        .one(db)
        .await?;
    let overrides = budget_overrides::Entity::find()
        .filter(budget_overrides::Column::RoundId.eq(round_id))
        .order_by_asc(budget_overrides::Column::Id)
        .all(db)
        .await?;
    let follow_rows = budget_follow_ups::Entity::find()
        .filter(budget_follow_ups::Column::RoundId.eq(round_id))
        .all(db)
        .await?;
    let members = if owners_needed && publication.is_some() {
        crate::service::teams::roster(db, access.team.id).await?
    } else {
        Vec::new()
    };
    let wanted = follow_rows
        .iter()
        .filter_map(|f| f.owner_id)
        .chain(publication.as_ref().and_then(|p| p.published_by));
    let names = names_of(db, wanted).await?;
    let name = |id: Option<UserId>| crate::service::meetings::author_name(&names, id);
    let follow_ups = follow_rows
        .into_iter()
        .map(|f| {
            (
                f.idea_id,
                FollowUp {
                    owner: f.owner_id.map(|id| name(Some(id))),
                    owner_id: f.owner_id,
                    status: f.status,
                },
            )
        })
        .collect();
    Ok(ResultsView {
        computed,
        published: publication.map(|p| (p.published_at, name(p.published_by))),
        overrides,
        follow_ups,
        members,
    })
}

/// The idea `idea_id` of a round of `team_id`, when that round's outcome is published and
/// funds it (overrides applied); `None` otherwise.
pub async fn funded_idea(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    idea_id: IdeaId,
) -> Result<Option<budget_ideas::Model>> {
    let Some(idea) = budget_ideas::Entity::find_by_id(idea_id).one(db).await? else {
        return Ok(None);
    };
    let in_team = budget_rounds::Entity::find_by_id(idea.round_id)
        .filter(budget_rounds::Column::TeamId.eq(team_id))
        .one(db)
        .await?
        .is_some();
    let published = budget_publications::Entity::find_by_id(idea.round_id)
        .one(db)
        .await?
        .is_some();
    let Some(computed) = compute::stored(db, idea.round_id).await? else {
        return Ok(None);
    };
    if !in_team || !published {
        return Ok(None);
    }
    let overrides = budget_overrides::Entity::find()
        .filter(budget_overrides::Column::RoundId.eq(idea.round_id))
        .order_by_asc(budget_overrides::Column::Id)
        .all(db)
        .await?;
    Ok(funded_after(&computed, &overrides)
        .contains(&idea.id)
        .then_some(idea))
}

/// Field names of an idea's override checkbox and reason on the publish form.
pub fn override_fields(idea_id: IdeaId) -> (String, String) {
    (format!("override_{idea_id}"), format!("reason_{idea_id}"))
}

/// Publishes the computed outcome (leaders, once), with an override for each ticked idea;
/// every override needs a reason, which everyone sees.
pub async fn publish(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    fields: &HashMap<String, String>,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) = begin_locked(db, principal, slug, round_id, Action::ManageBudgets).await?;
    let Some(computed) = compute::stored(&txn, round_id).await? else {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-round-not-computed-yet",
        )));
    };
    if budget_publications::Entity::find_by_id(round_id)
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-outcome-already-published",
        )));
    }
    let selected: HashSet<&str> = computed
        .outcome
        .selected
        .iter()
        .map(String::as_str)
        .collect();
    let mut e = FieldErrors::new();
    let mut chosen = Vec::new();
    for idea in &computed.input.ideas {
        let (flag, reason_field) = override_fields(idea.id);
        if fields.get(&flag).is_none_or(|v| v.is_empty()) {
            continue;
        }
        let raw = fields.get(&reason_field).map_or("", String::as_str);
        match Reason::parse(raw) {
            Ok(reason) => chosen.push((idea, !selected.contains(idea.code.as_str()), reason)),
            Err(m) => e.add(
                &reason_field,
                Msg::new("sm-override-reason").arg("problem", m),
            ),
        }
    }
    e.into_result()?;
    let team_id = access.round.team_id;
    budget_publications::ActiveModel {
        round_id: Set(round_id),
        published_at: Set(now),
        published_by: Set(principal.user_id),
    }
    .insert(&txn)
    .await?;
    for (idea, funded, reason) in &chosen {
        budget_overrides::ActiveModel {
            round_id: Set(round_id),
            idea_id: Set(idea.id),
            funded: Set(*funded),
            reason: Set(reason.as_str().to_owned()),
            actor_id: Set(principal.user_id),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            audit::Entry {
                actor_id: principal.user_id,
                team_id: Some(team_id),
                action: audit::AuditAction::BudgetOverride,
                detail: json!({ "round_id": round_id, "idea_id": idea.id, "funded": funded, "reason": reason.as_str() }),
            },
        )
        .await?;
    }
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(team_id),
            action: audit::AuditAction::BudgetPublish,
            detail: json!({ "round_id": round_id, "overrides": chosen.len() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A follow-up status as the form's value (`in_progress`); pages put it in words with
/// `web::budgets::follow_up_label`.
pub fn follow_up_label(status: FollowUpStatus) -> &'static str {
    match status {
        FollowUpStatus::Planned => "planned",
        FollowUpStatus::InProgress => "in_progress",
        FollowUpStatus::Done => "done",
        FollowUpStatus::Dropped => "dropped",
    }
}

/// Sets a funded idea's owner (a team member, or nobody) and status (leaders, after
/// publication).
#[allow(clippy::too_many_arguments)]
pub async fn follow_up(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    idea_id: IdeaId,
    owner: &str,
    status: &str,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) = begin_locked(db, principal, slug, round_id, Action::ManageBudgets).await?;
    super::ideas::find(&txn, round_id, idea_id).await?;
    let computed = compute::stored(&txn, round_id).await?;
    let mut e = FieldErrors::new();
    let Some(computed) = computed else {
        e.add("follow_up", Msg::new("sm-publish-first"));
        return Err(ServiceError::Invalid(e));
    };
    let view = extras(&txn, &access, computed, false).await?;
    if view.published.is_none() {
        e.add("follow_up", Msg::new("sm-publish-first"));
    } else if !view.funded_ids().contains(&idea_id) {
        e.add("follow_up", Msg::new("sm-follow-funded-only"));
    }
    let status = match status.trim() {
        "planned" => Some(FollowUpStatus::Planned),
        "in_progress" => Some(FollowUpStatus::InProgress),
        "done" => Some(FollowUpStatus::Done),
        "dropped" => Some(FollowUpStatus::Dropped),
        _ => {
            e.add("status", Msg::new("sm-choose-status"));
            None
        }
    };
    let owner_id = match owner.trim() {
        "" => None,
        raw => match member_choice(raw) {
            Some(id) if membership(&txn, access.team.id, id).await?.is_some() => Some(id),
            _ => {
                e.add("owner_id", Msg::new("sm-choose-member"));
                None
            }
        },
    };
    e.into_result()?;
    let Some(status) = status else {
        return Err(ServiceError::Invalid(FieldErrors::new()));
    };
    let existing = budget_follow_ups::Entity::find_by_id(idea_id)
        .one(&txn)
        .await?;
    match existing {
        Some(row) => {
            let mut active: budget_follow_ups::ActiveModel = row.into();
            active.owner_id = Set(owner_id);
            active.status = Set(status);
            active.updated_at = Set(now);
            active.update(&txn).await?;
        }
        None => {
            budget_follow_ups::ActiveModel {
                idea_id: Set(idea_id),
                round_id: Set(round_id),
                owner_id: Set(owner_id),
                status: Set(status),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
    }
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.round.team_id),
            action: audit::AuditAction::BudgetFollowUp,
            detail: json!({ "round_id": round_id, "idea_id": idea_id, "owner_id": owner_id, "status": format!("{status:?}") }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The field a refusal of an override's idea is reported under (not on the ballot, or named
/// twice).
pub const OVERRIDES_FIELD: &str = "overrides";

/// Publishes the outcome (leaders) with overrides given as `(idea, reason)` pairs rather than
/// the form's fields: the outcome is computed first if voting has closed and nobody has read
/// the results yet (as the results page would), every idea named must be on the ballot, once;
/// then [`publish`] does the rest, with the same checks and audit. A reason refused is reported
/// under the form's `reason_{id}` field.
pub async fn publish_overrides(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    overrides: &[(IdeaId, String)],
    now: OffsetDateTime,
) -> Result<()> {
    let access = authorize(db, principal, slug, round_id, Action::ManageBudgets).await?;
    if access.phase(now) == BudgetPhase::Results {
        compute::compute_round(db, round_id, now).await?;
    }
    if let Some(computed) = compute::stored(db, round_id).await? {
        let mut seen = HashSet::new();
        for (id, _) in overrides {
            let key = if !computed.input.ideas.iter().any(|i| i.id == *id) {
                "api-budget-unknown-idea"
            } else if !seen.insert(*id) {
                "api-budget-repeated-idea"
            } else {
                continue;
            };
            return Err(crate::service::invalid(
                OVERRIDES_FIELD,
                Msg::new(key).arg("id", id.to_string()),
            ));
        }
    }
    let mut fields = HashMap::new();
    for (id, reason) in overrides {
        let (flag, reason_field) = override_fields(*id);
        fields.insert(flag, "on".to_owned());
        fields.insert(reason_field, reason.clone());
    }
    publish(db, principal, slug, round_id, &fields, now).await
}
