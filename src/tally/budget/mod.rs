//! Participatory-budgeting rules, pure and exact: the Method of Equal Shares (cost or
//! approval utilities, plain or with the Add1 completion and a greedy fill), greedy by
//! votes, and sequential Phragmén, over Pabulib `.pb` instances.
//!
//! Every decision is made in exact integer/rational arithmetic (floats are only used to
//! skip comparisons that are clearly decided, and for display). Ties go to the smallest
//! project id as a string (pabutools' `lexico_tie_breaking`) or to an explicit priority
//! order, and every tie is recorded in the [`Outcome`].
//!
//! This module must stay pure: no filesystem, network, clock, process environment or global RNG,
//! and no dependency on anything else in `crate::tally`.
//!
//! ```
//! use roundtable::tally::budget::{parse_pabulib, run, Rule};
//! let pb = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;6\nb;5\nVOTES\nvoter_id;vote\n1;a\n2;a,b\n3;b\n";
//! let instance = parse_pabulib(pb.as_bytes()).unwrap();
//! let outcome = run(&instance, "greedy".parse::<Rule>().unwrap()).unwrap();
//! assert_eq!(outcome.selected, ["a"]);
//! ```

mod amount;
mod engine;
mod error;
mod explain;
mod greedy;
mod instance;
mod mes;
mod mes_money;
mod mes_rho;
mod outcome;
mod pabulib_read;
mod pabulib_write;
mod phragmen;
mod profile;
mod rule;
mod tiebreak;
mod voters;

pub use amount::Exact;
pub use engine::run_with;
pub use error::BudgetError;
pub use explain::{BudgetPhrases, EnglishBudget, MesPrice, render_text, render_text_in};
pub use instance::{Ballot, Instance, Project, VoteType, Voter};
pub use outcome::{CompletionInfo, Outcome, Payment, Step, TieDecision};
pub use pabulib_read::parse_pabulib;
pub use pabulib_write::write_pabulib;
pub use rule::{Completion, Rule, Utility};
pub use tiebreak::TieBreak;
pub use voters::{BallotRef, Iter as VotersIter, VoterRef, Voters};

/// Runs `rule` on `instance`, ties broken by the smallest project id.
pub fn run(instance: &Instance, rule: Rule) -> Result<Outcome, BudgetError> {
    run_with(instance, rule, &TieBreak::Lexicographic)
}

/// Equal shares without a `.pb` file (the agenda's "equal shares of time"): `projects` are
/// `(id, cost)` in integer units (minutes; one unit is the Add1 step), `budget` in the same
/// units, `approvals[v]` the ids voter `v` approves; ties follow `priority` (ids listed
/// first win) or, when empty, the smallest id. `completion` is usually
/// [`Completion::Add1FullGreedy`] (the default rule's completion).
pub fn equal_shares(
    projects: &[(String, u64)],
    budget: u64,
    approvals: &[Vec<String>],
    priority: &[String],
    completion: Completion,
) -> Result<Outcome, BudgetError> {
    let instance = Instance::from_approvals(projects, budget, approvals)?;
    let tie = if priority.is_empty() {
        TieBreak::Lexicographic
    } else {
        TieBreak::Priority(priority.to_vec())
    };
    let rule = Rule::Mes {
        utility: Utility::Cost,
        completion,
    };
    run_with(&instance, rule, &tie)
}
