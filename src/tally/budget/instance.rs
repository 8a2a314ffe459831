//! The participatory-budgeting instance: projects with exact costs, a budget, and one
//! ballot per voter. Built by the Pabulib parser or by [`Instance::from_approvals`].

use std::collections::HashMap;
use std::sync::Arc;

use super::error::BudgetError;
#[cfg(doc)]
use super::voters::VoterRef;
use super::voters::{BallotRef, Voters};

/// How voters expressed themselves (the Pabulib `vote_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VoteType {
    /// A set of approved projects.
    Approval,
    /// An approval ballot with exactly one project.
    Choose1,
    /// Points per project with a shared total.
    Cumulative,
    /// Points per project, each on its own scale.
    Scoring,
    /// A ranking, most preferred first.
    Ordinal,
}

impl VoteType {
    /// The Pabulib spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approval => "approval",
            Self::Choose1 => "choose-1",
            Self::Cumulative => "cumulative",
            Self::Scoring => "scoring",
            Self::Ordinal => "ordinal",
        }
    }

    /// Parses the Pabulib spelling (case-insensitive).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "approval" => Some(Self::Approval),
            "choose-1" => Some(Self::Choose1),
            "cumulative" => Some(Self::Cumulative),
            "scoring" => Some(Self::Scoring),
            "ordinal" => Some(Self::Ordinal),
            _ => None,
        }
    }

    /// Whether ballots carry points (`cumulative`, `scoring`).
    pub fn is_cardinal(self) -> bool {
        matches!(self, Self::Cumulative | Self::Scoring)
    }

    /// Whether ballots are approval sets (`approval`, `choose-1`).
    pub fn is_approval(self) -> bool {
        matches!(self, Self::Approval | Self::Choose1)
    }
}

/// One voter's ballot; project references are indices into [`Instance::projects`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ballot {
    /// Approved projects, no order meaning.
    Approval(Vec<usize>),
    /// Ranked projects, most preferred first.
    Ordinal(Vec<usize>),
    /// Projects with points (scaled by 10^[`Instance::points_scale`]), in ballot order.
    Cardinal(Vec<(usize, u64)>),
}

/// A project that can be funded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// Opaque id as in the file; ties are broken on it as a string.
    pub id: String,
    /// Cost in units of 10^-[`Instance::scale`] of the currency.
    pub cost: u64,
    /// Values of the extra PROJECTS columns ([`Instance::project_columns`]).
    pub extra: Vec<String>,
}

/// A voter (weight 1) and their ballot, owned: what [`Voters`] is built from and
/// [`VoterRef::to_voter`] gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voter {
    /// Opaque voter id.
    pub id: String,
    /// What they voted.
    pub ballot: Ballot,
    /// Values of the extra VOTES columns ([`Instance::voter_columns`]); the reader shares one
    /// list between the voters with the same values (a file has a few combinations of, say,
    /// age, sex and voting method among thousands of voters).
    pub extra: Arc<[String]>,
}

/// A whole election. Money is exact: `budget` and every cost are integers in units of
/// 10^-`scale` (so `1404775.68` is `140477568` with `scale = 2`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// META lines other than `budget`, `vote_type`, `num_projects`, `num_votes`, in file order.
    pub meta: Vec<(String, String)>,
    /// Ballot kind.
    pub vote_type: VoteType,
    /// Decimal places of `budget` and costs; one currency unit is `10^scale`.
    pub scale: u32,
    /// Total money to spend, in units of 10^-`scale`.
    pub budget: u64,
    /// The projects (row order carries no meaning).
    pub projects: Vec<Project>,
    /// Names of the extra PROJECTS columns, after `project_id;cost`.
    pub project_columns: Vec<String>,
    /// Decimal places of ballot points.
    pub points_scale: u32,
    /// The voters, in file order.
    pub voters: Voters,
    /// Names of the extra VOTES columns, after `voter_id;vote[;points]`.
    pub voter_columns: Vec<String>,
}

impl Instance {
    /// Builds an approval instance from plain data (no `.pb` file): `(id, cost)` per project
    /// in integer units, a budget in the same units, and each voter's approved project ids.
    /// One unit is the Add1 step (use minutes for agendas; pass whole currency units or set
    /// [`Instance::scale`] afterwards for cents).
    pub fn from_approvals(
        projects: &[(String, u64)],
        budget: u64,
        approvals: &[Vec<String>],
    ) -> Result<Self, BudgetError> {
        let mut index = HashMap::new();
        for (i, (id, _)) in projects.iter().enumerate() {
            if index.insert(id.as_str(), i).is_some() {
                return Err(BudgetError::Invalid(format!("duplicate project id `{id}`")));
            }
        }
        let mut voters = Voters::new();
        voters.reserve(approvals.len());
        let mut ballot = Vec::new();
        for (v, set) in approvals.iter().enumerate() {
            ballot.clear();
            for id in set {
                let i = *index.get(id.as_str()).ok_or_else(|| {
                    BudgetError::Invalid(format!("voter {} approves unknown project `{id}`", v + 1))
                })?;
                if !ballot.contains(&i) {
                    ballot.push(i);
                }
            }
            voters.push(
                &(v + 1).to_string(),
                BallotRef::Approval(&ballot),
                Arc::default(),
            );
        }
        Ok(Self {
            meta: Vec::new(),
            vote_type: VoteType::Approval,
            scale: 0,
            budget,
            projects: projects
                .iter()
                .map(|(id, cost)| Project {
                    id: id.clone(),
                    cost: *cost,
                    extra: Vec::new(),
                })
                .collect(),
            project_columns: Vec::new(),
            points_scale: 0,
            voters,
            voter_columns: Vec::new(),
        })
    }

    /// A META value by key (case-insensitive), for descriptive fields.
    pub fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// Checks the invariants the rules rely on (project indices in range, no duplicates).
    pub fn validate(&self) -> Result<(), BudgetError> {
        let n = self.projects.len();
        let mut seen = std::collections::HashSet::new();
        for p in &self.projects {
            if !seen.insert(p.id.as_str()) {
                return Err(BudgetError::Invalid(format!(
                    "duplicate project id `{}`",
                    p.id
                )));
            }
        }
        // stamp[p] = 1 + index of the last voter whose ballot named p
        let mut stamp = vec![0usize; n];
        for (i, ballot) in self.voters.ballots().enumerate() {
            for p in ballot.projects() {
                let repeated = stamp.get_mut(p).is_none_or(|s| {
                    let seen = *s == i + 1;
                    *s = i + 1;
                    seen
                });
                if repeated {
                    return Err(BudgetError::Invalid(format!(
                        "voter `{}` has an unknown or repeated project",
                        self.voters.get(i).map(|v| v.id).unwrap_or_default()
                    )));
                }
            }
        }
        Ok(())
    }

    /// Total cost of some projects, in units of 10^-`scale`.
    pub fn cost_of(&self, selected: &[usize]) -> u128 {
        selected
            .iter()
            .filter_map(|&p| self.projects.get(p))
            .map(|p| u128::from(p.cost))
            .sum()
    }
}
