//! The result of a rule: what was funded, in choice order, and the explanation (steps and
//! tie decisions) that the web renders and the CLI prints. Money is in currency units,
//! exact (`"1404775.68"`, or `"30421/9"` with an `approx` beside it).

use serde::{Deserialize, Serialize};

use super::amount::Exact;

/// What a rule decided, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// Canonical rule key (`mes_cost_add1_full_greedy`).
    pub rule: String,
    /// Funded project ids, in the order the rule chose them.
    pub selected: Vec<String>,
    /// Exact sum of the funded costs, as a decimal.
    pub total_cost: String,
    /// The budget, as a decimal.
    pub budget: String,
    /// Budget minus total cost, as a decimal.
    pub unspent: String,
    /// Number of voters (ballots).
    pub voters: u64,
    /// The explanation, step by step.
    pub steps: Vec<Step>,
    /// Every tie and how it was broken.
    pub ties: Vec<TieDecision>,
    /// For MES with completion: how the completion ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion: Option<CompletionInfo>,
    /// Indices of `selected` in [`super::Instance::projects`] (not serialised).
    #[serde(skip)]
    pub selected_indices: Vec<usize>,
}

/// One step of the explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Step {
    /// MES bought a project: its supporters shared the cost.
    MesBuy {
        /// Project id.
        project: String,
        cost: String,
        /// Number of supporters (voters with positive utility).
        supporters: u64,
        /// What each supporter paid, when every supporter paid the same.
        #[serde(skip_serializing_if = "Option::is_none")]
        price_per_supporter: Option<Exact>,
        /// ρ: money per unit of utility (utility in the rule's unit: currency for cost
        /// utility, 1 per approval, 1 per point).
        price_per_utility: Exact,
        /// Who paid how much, grouped by (amount paid, money left).
        payments: Vec<Payment>,
        /// Money all voters still hold after this purchase.
        money_left_total: Exact,
    },
    /// Greedy funded a project.
    GreedyFund {
        /// Project id.
        project: String,
        cost: String,
        /// Total utility per unit of cost (supporters, for `greedy_cost`; points for `greedy_points`).
        score: String,
        /// Budget left after it.
        left: String,
        /// Whether this came from the greedy fill after MES.
        completion: bool,
    },
    /// Greedy skipped a project that did not fit.
    GreedySkip {
        /// Project id.
        project: String,
        cost: String,
        score: String,
        /// Budget left (less than the cost).
        left: String,
        /// Whether this came from the greedy fill after MES.
        completion: bool,
    },
    /// Phragmén funded a project; its approvers now carry `load`.
    PhragmenFund {
        /// Project id.
        project: String,
        cost: String,
        /// Number of approvers.
        approvers: u64,
        /// Common load of its approvers after funding (None: nobody approved it).
        load: Option<Exact>,
        /// Budget left.
        left: String,
    },
    /// Phragmén stopped: a project with the smallest new load does not fit.
    PhragmenStop {
        /// Projects with the smallest new load.
        projects: Vec<String>,
        /// That load (None: infinite).
        load: Option<Exact>,
        /// Budget left.
        left: String,
    },
}

/// Voters who paid the same and kept the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payment {
    /// How many voters.
    pub voters: u64,
    /// Their ids (as in the file).
    pub voter_ids: Vec<String>,
    /// What each paid.
    pub paid_each: Exact,
    /// What each still holds.
    pub left_each: Exact,
}

/// A tie and its resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TieDecision {
    /// Position in `selected` that the tie decided (0-based).
    pub position: usize,
    /// Projects that were exactly equally good.
    pub tied: Vec<String>,
    /// The winner.
    pub chosen: String,
    /// The rule used (`smallest project id` or `priority order`).
    pub by: String,
}

/// How the MES completion ran.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompletionInfo {
    /// `add1` or `add1_full`, with `+greedy` when a greedy fill followed.
    pub method: String,
    /// Per-voter money of the MES run that was kept.
    pub endowment_per_voter: Exact,
    /// How many MES runs the Add1 loop made.
    pub mes_runs: u64,
    /// How many of `selected` came from MES (the rest from the greedy fill).
    pub mes_part: usize,
    /// Projects added by the greedy fill.
    pub greedy_added: Vec<String>,
}
