//! The Pabulib instance of a round, built one way for the computation, the export and the
//! benchmark: ideas on the ballot as projects (costs in cents, `scale = 2`), ballots as
//! anonymous voters numbered 1.. in receipt-hash order, the ballot type and rule in META.

use crate::domain::ids::{IdeaId, RoundId};
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use crate::domain::budget::{BallotType, BudgetRule};
use crate::service::{Result, ServiceError};
use crate::store::entities::{budget_ballots, budget_ideas, budget_rounds, teams as team_rows};
use crate::tally::budget::{BallotRef, Instance, Project, Rule, Utility, VoteType, Voters};

use super::{ballots::selection, ideas};

/// One idea as computed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InputIdea {
    /// Idea id.
    pub id: IdeaId,
    /// Project id in the instance.
    pub code: String,
    pub title: String,
    /// Cost, minor units.
    pub cost: i64,
    /// Voters who chose it.
    pub supporters: u64,
}

/// What was computed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ComputeInput {
    /// The round's rule (`mes`, `greedy`, `phragmen`).
    pub rule: String,
    /// The engine's rule key.
    pub rule_key: String,
    pub ballot_type: String,
    /// Amount, minor units.
    pub amount: i64,
    pub currency: String,
    /// Ideas on the ballot, in the instance's project order.
    pub ideas: Vec<InputIdea>,
    /// Ballots counted.
    pub voters: u64,
}

/// The engine rule of a round's rule.
pub fn engine_rule(rule: BudgetRule) -> Rule {
    match rule {
        BudgetRule::Mes => Rule::DEFAULT,
        BudgetRule::Greedy => Rule::Greedy(Utility::Cost),
        BudgetRule::Phragmen => Rule::Phragmen,
    }
}

/// The comparison rule: greedy by votes (what most cities use).
pub const GREEDY: Rule = Rule::Greedy(Utility::Cost);

/// Builds the Pabulib instance of a round: ideas as projects (costs in cents, `scale = 2`),
/// ballots as anonymous voters numbered 1.. in the order given, the ballot type and rule in
/// the META section. The web, the export and `roundtable budget` all compute this instance.
pub fn instance(
    round: &budget_rounds::Model,
    team_name: &str,
    ideas: &[budget_ideas::Model],
    ballots: &[Vec<IdeaId>],
) -> Result<Instance> {
    let kind = BallotType::from(round.ballot_type);
    let index: HashMap<IdeaId, usize> = ideas.iter().enumerate().map(|(i, x)| (x.id, i)).collect();
    let mut voters = Voters::new();
    voters.reserve(ballots.len());
    let mut picks: Vec<usize> = Vec::new();
    for chosen in ballots {
        picks.clear();
        picks.extend(chosen.iter().filter_map(|id| index.get(id).copied()));
        if picks.is_empty() {
            continue;
        }
        let ballot = if kind == BallotType::Ranked {
            BallotRef::Ordinal(&picks)
        } else {
            BallotRef::Approval(&picks)
        };
        voters.push(&(voters.len() + 1).to_string(), ballot, Default::default());
    }
    let to_u64 = |v: i64| u64::try_from(v).unwrap_or(0);
    let rule = engine_rule(round.rule.into());
    let mut meta = vec![
        ("description".to_owned(), round.title.clone()),
        ("unit".to_owned(), team_name.to_owned()),
        ("currency".to_owned(), round.currency.clone()),
        ("rule".to_owned(), rule.key()),
        ("ballot_type".to_owned(), kind.as_str().to_owned()),
    ];
    if let Some(max) = round.ballot_max {
        meta.push(("max_length".to_owned(), max.to_string()));
    }
    if kind == BallotType::Knapsack {
        meta.push((
            "max_sum_cost".to_owned(),
            crate::domain::budget::money_input(round.amount),
        ));
    }
    let built = Instance {
        meta,
        vote_type: if kind == BallotType::Ranked {
            VoteType::Ordinal
        } else {
            VoteType::Approval
        },
        scale: 2,
        budget: to_u64(round.amount),
        projects: ideas
            .iter()
            .map(|x| Project {
                id: x.code.clone(),
                cost: to_u64(x.cost),
                extra: vec![x.title.clone()],
            })
            .collect(),
        project_columns: vec!["name".to_owned()],
        points_scale: 0,
        voters,
        voter_columns: Vec::new(),
    };
    built
        .validate()
        .map_err(|e| ServiceError::Unexpected(anyhow::anyhow!("budget instance: {e}")))?;
    Ok(built)
}

/// A round's ballots in receipt-hash order (the order the instance numbers voters in).
pub async fn ballots_in_order(
    db: &impl ConnectionTrait,
    round_id: RoundId,
) -> Result<Vec<budget_ballots::Model>> {
    Ok(budget_ballots::Entity::find()
        .filter(budget_ballots::Column::RoundId.eq(round_id))
        .order_by_asc(budget_ballots::Column::ReceiptHash)
        .order_by_asc(budget_ballots::Column::Id)
        .all(db)
        .await?)
}

/// The instance of a round as it is stored now, with the input summary.
pub async fn load_instance(
    db: &impl ConnectionTrait,
    round: &budget_rounds::Model,
) -> Result<(Instance, ComputeInput)> {
    let team_name = team_rows::Entity::find_by_id(round.team_id)
        .one(db)
        .await?
        .map(|t| t.name)
        .unwrap_or_default();
    let ideas = ideas::ballot_ideas(db, round.id).await?;
    let lists: Vec<Vec<IdeaId>> = ballots_in_order(db, round.id)
        .await?
        .iter()
        .map(selection)
        .collect();
    let built = instance(round, &team_name, &ideas, &lists)?;
    let mut supporters: HashMap<IdeaId, u64> = HashMap::new();
    for list in &lists {
        for id in list {
            *supporters.entry(*id).or_default() += 1;
        }
    }
    let input = ComputeInput {
        rule: BudgetRule::from(round.rule).as_str().to_owned(),
        rule_key: engine_rule(round.rule.into()).key(),
        ballot_type: BallotType::from(round.ballot_type).as_str().to_owned(),
        amount: round.amount,
        currency: round.currency.clone(),
        ideas: ideas
            .iter()
            .map(|x| InputIdea {
                id: x.id,
                code: x.code.clone(),
                title: x.title.clone(),
                cost: x.cost,
                supporters: supporters.get(&x.id).copied().unwrap_or(0),
            })
            .collect(),
        voters: built.voters.len() as u64,
    };
    Ok((built, input))
}
