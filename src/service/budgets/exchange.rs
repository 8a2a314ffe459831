//! Exchange formats: a computed round as a Pabulib `.pb` file (voters anonymised as 1..n in
//! receipt-hash order, ballot type and rule in META; `roundtable budget` on it gives exactly
//! the web's outcome) and as CSV (ideas, costs, votes, funded); and a `.pb` file imported
//! (leaders, size-limited) as a new round with its projects and votes, in its results phase,
//! for trying rules on real city data.

use crate::domain::ids::{IdeaId, RoundId};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::access::{Action, Principal};
use crate::auth::tokens::{random_token, token_hash};
use crate::domain::budget::{BallotType, BudgetRule, MAX_MINOR};
use crate::domain::meeting::Privacy;
use crate::i18n::{Lang, Msg, text, text_with};
use crate::service::{Result, ServiceError, audit, teams};
use crate::store::entities::budget_ideas::{self, IdeaStatus};
use crate::store::entities::{budget_ballots, budget_rounds};
use crate::tally::budget::{BallotRef, VoteType, parse_pabulib, write_pabulib};

use super::compute::{self, Computed};
use super::{RoundAccess, publish};

/// Largest `.pb` file accepted for import (the request body limit applies too).
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024;

/// The media type of a `.pb` download.
pub const PB_TYPE: &str = "text/plain; charset=utf-8";
/// The media type of the ideas CSV.
pub const CSV_TYPE: &str = "text/csv; charset=utf-8";

/// The file name a round's `.pb` is downloaded as.
pub fn pb_name(round_id: RoundId) -> String {
    format!("budget-{round_id}.pb")
}

/// The file name a round's ideas CSV is downloaded as.
pub fn csv_name(round_id: RoundId) -> String {
    format!("budget-{round_id}.csv")
}

/// A computed round's `.pb` text. `NotFound` before the computation (ballots stay private
/// until voting closes).
pub async fn export_pb(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    now: OffsetDateTime,
) -> Result<(RoundAccess, String)> {
    let (access, view) = publish::results(db, principal, slug, round_id, now, false).await?;
    if view.is_none() {
        return Err(ServiceError::NotFound);
    }
    let (instance, _) = super::instance::load_instance(db, &access.round).await?;
    let text = write_pabulib(&instance)
        .map_err(|e| ServiceError::Unexpected(anyhow::anyhow!("writing .pb: {e}")))?;
    Ok((access, text))
}

/// A computed round's ideas as CSV: id, title, cost, votes, funded by the rule, by greedy.
pub async fn export_csv(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
    now: OffsetDateTime,
) -> Result<(RoundAccess, String)> {
    let (access, view) = publish::results(db, principal, slug, round_id, now, false).await?;
    let Some(view) = view else {
        return Err(ServiceError::NotFound);
    };
    Ok((access, ideas_csv(&view.computed)?))
}

fn ideas_csv(computed: &Computed) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| ServiceError::Unexpected(anyhow::Error::new(e));
    w.write_record([
        "project_id",
        "title",
        "cost",
        "votes",
        "funded",
        "funded_by_greedy",
    ])
    .map_err(err)?;
    for idea in &computed.input.ideas {
        let by = |o: &compute::StoredOutcome| o.selected.contains(&idea.code).to_string();
        w.write_record([
            idea.code.clone(),
            idea.title.clone(),
            crate::domain::budget::money_input(idea.cost),
            idea.supporters.to_string(),
            by(&computed.outcome),
            by(&computed.greedy),
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ServiceError::Unexpected(anyhow::anyhow!("{e}")))?;
    String::from_utf8(bytes).map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))
}

/// An import as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ImportForm {
    /// The `.pb` file's text.
    #[serde(default)]
    pub pb: String,
    /// `mes`, `greedy`, `phragmen`.
    #[serde(default)]
    pub rule: String,
}

/// Imports a `.pb` file as a new round (leaders): its projects become feasible ideas (the
/// file's project ids kept, so ties break as in the file), its votes become open ballots, and
/// the round is already in its results phase. What Roundtable writes for it (a title when the
/// file has none, the purpose, the ideas' descriptions) is in `lang`, the importing leader's
/// language: stored text, kept as written. Returns the round's id.
pub async fn import(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &ImportForm,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<RoundId> {
    let (txn, access) = teams::begin_locked(db, principal, slug, Action::ManageBudgets).await?;
    if form.pb.len() > MAX_IMPORT_BYTES {
        return Err(crate::service::invalid(
            "pb",
            Msg::new("sm-import-too-large").arg("kib", MAX_IMPORT_BYTES / 1024),
        ));
    }
    if form.pb.trim().is_empty() {
        return Err(crate::service::invalid("pb", Msg::new("sm-import-empty")));
    }
    let rule = BudgetRule::parse(&form.rule)
        .ok_or_else(|| crate::service::invalid("rule", Msg::new("sm-choose-rule")))?;
    let instance = parse_pabulib(form.pb.as_bytes()).map_err(|e| {
        crate::service::invalid(
            "pb",
            Msg::new("sm-import-unusable").arg("problem", e.to_string()),
        )
    })?;
    let ballot_type = match instance.vote_type {
        VoteType::Approval | VoteType::Choose1 => BallotType::Approval,
        VoteType::Ordinal => BallotType::Ranked,
        other => {
            return Err(crate::service::invalid(
                "pb",
                Msg::new("sm-import-ballot-type").arg("kind", other.as_str()),
            ));
        }
    };
    if ballot_type == BallotType::Ranked && rule == BudgetRule::Phragmen {
        return Err(crate::service::invalid(
            "rule",
            Msg::new("sm-import-phragmen"),
        ));
    }
    if instance.scale > 2 {
        return Err(crate::service::invalid(
            "pb",
            Msg::new("sm-import-decimals"),
        ));
    }
    let factor = 10_i64.pow(2 - instance.scale);
    let minor = |units: u64| {
        i64::try_from(units)
            .ok()
            .and_then(|u| u.checked_mul(factor))
            .filter(|m| (1..=MAX_MINOR).contains(m))
    };
    let amount = minor(instance.budget)
        .ok_or_else(|| crate::service::invalid("pb", Msg::new("sm-import-budget")))?;
    let title: String = instance
        .meta_value("description")
        .filter(|d| !d.trim().is_empty())
        .map_or_else(|| text(lang, "bg-import-title"), str::to_owned)
        .chars()
        .take(120)
        .collect();
    let currency: String = instance
        .meta_value("currency")
        .unwrap_or("")
        .chars()
        .take(8)
        .collect();
    let round = budget_rounds::ActiveModel {
        team_id: Set(access.team.id),
        title: Set(title.clone()),
        purpose: Set(text_with(
            lang,
            "bg-import-purpose",
            &[
                ("projects", instance.projects.len().to_string()),
                ("votes", instance.voters.len().to_string()),
            ],
        )),
        amount: Set(amount),
        currency: Set(currency),
        ideas_open_at: Set(now - Duration::minutes(3)),
        review_at: Set(now - Duration::minutes(2)),
        voting_open_at: Set(now - Duration::minutes(1)),
        voting_close_at: Set(now),
        ballot_type: Set(ballot_type.into()),
        ballot_max: Set(None),
        rule: Set(rule.into()),
        privacy: Set(Privacy::Open.into()),
        // Destroyed at the computation, like every round's: marks the round as not computed.
        ballot_secret: Set(Some(random_token())),
        imported: Set(true),
        phase_seen: Set(budget_rounds::PhaseSeen::Voting),
        created_by: Set(principal.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let name_col = instance
        .project_columns
        .iter()
        .position(|c| c.eq_ignore_ascii_case("name"));
    let description = text(lang, "bg-import-idea");
    let mut ideas = Vec::with_capacity(instance.projects.len());
    for p in &instance.projects {
        let cost = minor(p.cost).ok_or_else(|| {
            crate::service::invalid(
                "pb",
                Msg::new("sm-import-project-cost").arg("project", p.id.as_str()),
            )
        })?;
        let name = name_col
            .and_then(|i| p.extra.get(i))
            .filter(|n| !n.trim().is_empty())
            .map_or_else(
                || text_with(lang, "bg-import-project", &[("id", p.id.clone())]),
                |n| n.chars().take(120).collect(),
            );
        ideas.push(budget_ideas::ActiveModel {
            round_id: Set(round.id),
            code: Set(p.id.clone()),
            author_id: Set(None),
            title: Set(name),
            description: Set(description.clone()),
            location: Set(String::new()),
            cost: Set(cost),
            original_cost: Set(None),
            cost_reason: Set(None),
            status: Set(IdeaStatus::Feasible),
            status_reason: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
    }
    // A few statements for any number of projects; the round is new, so its ideas' ids in
    // order are the projects' in the file's order (the ballots below refer to them by index).
    crate::store::insert_in_chunks(&txn, &ideas).await?;
    let idea_ids: Vec<IdeaId> = budget_ideas::Entity::find()
        .select_only()
        .column(budget_ideas::Column::Id)
        .filter(budget_ideas::Column::RoundId.eq(round.id))
        .order_by_asc(budget_ideas::Column::Id)
        .into_tuple()
        .all(&txn)
        .await?;
    if idea_ids.len() != instance.projects.len() {
        return Err(ServiceError::Unexpected(anyhow::anyhow!(
            "imported {} projects but read back {} ideas",
            instance.projects.len(),
            idea_ids.len()
        )));
    }
    let mut rows = Vec::with_capacity(instance.voters.len());
    for v in &instance.voters {
        let picks: Vec<IdeaId> = match v.ballot {
            BallotRef::Approval(ps) | BallotRef::Ordinal(ps) => ps
                .iter()
                .filter_map(|p| idea_ids.get(*p).copied())
                .collect(),
            BallotRef::Cardinal(_) => Vec::new(),
        };
        let key = format!("pb:{}", v.id);
        rows.push(budget_ballots::ActiveModel {
            round_id: Set(round.id),
            receipt_hash: Set(token_hash(&key)),
            voter_key: Set(key),
            voter_id: Set(None),
            selection: Set(serde_json::to_string(&picks)
                .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))?),
            ..Default::default()
        });
    }
    crate::store::insert_in_chunks(&txn, &rows).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::BudgetCreate,
            detail: json!({
                "round_id": round.id,
                "title": title,
                "imported": true,
                "projects": instance.projects.len(),
                "votes": instance.voters.len(),
                "rule": rule.as_str(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(round.id)
}
