//! Plain-text rendering of an [`Outcome`]'s explanation, for the CLI and logs ([`render_text`],
//! English) and for pages in other languages ([`render_text_in`] with a [`BudgetPhrases`]).

use std::fmt::Write;

use super::amount::Exact;
use super::outcome::{CompletionInfo, Outcome, Step};

/// At most this many voter ids are listed per payment line.
const IDS_SHOWN: usize = 8;

/// What the supporters of a project MES bought paid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MesPrice<'a> {
    /// Each supporter paid the same.
    Each { supporters: u64, price: &'a Exact },
    /// Supporters paid between `low` and `high` (`per_utility` per unit of utility).
    Between {
        supporters: u64,
        low: f64,
        high: f64,
        per_utility: &'a Exact,
    },
}

/// A budget explanation's sentences, one method per line shape, in one language.
pub trait BudgetPhrases {
    /// "Rule: mes_cost".
    fn rule(&self, rule: &str) -> String;
    /// "Budget 57, 10 voters. Funded 2 project(s) for 50 (7 unspent):".
    fn budget(&self, outcome: &Outcome) -> String;
    /// The funded projects, or "(none)".
    fn selected(&self, selected: &[String]) -> String;
    /// How the MES completion ran.
    fn completion(&self, c: &CompletionInfo) -> String;
    /// "Steps:".
    fn steps(&self) -> String;
    /// "MES buys A (cost 20): each of the 3 supporters paid 6.67."
    fn mes_buy(&self, project: &str, cost: &str, price: MesPrice<'_>) -> String;
    /// "2 voter(s) paid 5 each, 1 left each [v1, v2]" (`more`: ids not listed).
    fn payment(&self, voters: u64, paid: &Exact, left: &Exact, ids: &str, more: usize) -> String;
    /// "money left with all voters: 12".
    fn money_left(&self, total: &Exact) -> String;
    /// A greedy step: funded (`fund`) or skipped; `completion` for the fill after MES.
    fn greedy(
        &self,
        fund: bool,
        completion: bool,
        project: &str,
        cost: &str,
        score: &str,
        left: &str,
    ) -> String;
    /// "Phragmén funds A (cost 20, 3 approvers); their load is now 6; 10 left."
    fn phragmen_fund(
        &self,
        project: &str,
        cost: &str,
        approvers: u64,
        load: Option<&Exact>,
        left: &str,
    ) -> String;
    /// "Phragmén stops: A (load 7) does not fit in the 3 left."
    fn phragmen_stop(&self, projects: &[String], load: Option<&Exact>, left: &str) -> String;
    /// "Ties:".
    fn ties(&self) -> String;
    /// "choice 2: A, B were equally good; A won by priority order."
    fn tie(&self, choice: usize, tied: &[String], chosen: &str, by: &str) -> String;
}

/// The English budget phrasebook: the CLI's text.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnglishBudget;

fn load_text(load: Option<&Exact>) -> String {
    load.map_or("infinite".to_string(), ToString::to_string)
}

impl BudgetPhrases for EnglishBudget {
    fn rule(&self, rule: &str) -> String {
        format!("Rule: {rule}")
    }

    fn budget(&self, outcome: &Outcome) -> String {
        format!(
            "Budget {}, {} voters. Funded {} project(s) for {} ({} unspent):",
            outcome.budget,
            outcome.voters,
            outcome.selected.len(),
            outcome.total_cost,
            outcome.unspent
        )
    }

    fn selected(&self, selected: &[String]) -> String {
        if selected.is_empty() {
            "(none)".to_string()
        } else {
            selected.join(", ")
        }
    }

    fn completion(&self, c: &CompletionInfo) -> String {
        format!(
            "Completion {}: kept the MES run with {} per voter (after {} MES run(s)); MES chose {}, greedy added {}.",
            c.method,
            c.endowment_per_voter,
            c.mes_runs,
            c.mes_part,
            if c.greedy_added.is_empty() {
                "nothing".to_string()
            } else {
                c.greedy_added.join(", ")
            }
        )
    }

    fn steps(&self) -> String {
        "Steps:".to_owned()
    }

    fn mes_buy(&self, project: &str, cost: &str, price: MesPrice<'_>) -> String {
        let price = match price {
            MesPrice::Each { supporters, price } => {
                format!("each of the {supporters} supporters paid {price}")
            }
            MesPrice::Between {
                supporters,
                low,
                high,
                per_utility,
            } => format!(
                "its {supporters} supporters paid between {low:.2} and {high:.2} each ({per_utility} per unit of utility)"
            ),
        };
        format!("MES buys {project} (cost {cost}): {price}.")
    }

    fn payment(&self, voters: u64, paid: &Exact, left: &Exact, ids: &str, more: usize) -> String {
        let more = if more > 0 {
            format!(", +{more} more")
        } else {
            String::new()
        };
        format!("{voters} voter(s) paid {paid} each, {left} left each [{ids}{more}]")
    }

    fn money_left(&self, total: &Exact) -> String {
        format!("money left with all voters: {total}")
    }

    fn greedy(
        &self,
        fund: bool,
        completion: bool,
        project: &str,
        cost: &str,
        score: &str,
        left: &str,
    ) -> String {
        let tag = if completion { "greedy fill" } else { "greedy" };
        if fund {
            format!("{tag}: fund {project} (cost {cost}, score {score}); {left} left.")
        } else {
            format!("{tag}: skip {project} (cost {cost}, score {score}): only {left} left.")
        }
    }

    fn phragmen_fund(
        &self,
        project: &str,
        cost: &str,
        approvers: u64,
        load: Option<&Exact>,
        left: &str,
    ) -> String {
        format!(
            "Phragmén funds {project} (cost {cost}, {approvers} approvers); their load is now {}; {left} left.",
            load_text(load)
        )
    }

    fn phragmen_stop(&self, projects: &[String], load: Option<&Exact>, left: &str) -> String {
        format!(
            "Phragmén stops: {} (load {}) does not fit in the {left} left.",
            projects.join(", "),
            load_text(load)
        )
    }

    fn ties(&self) -> String {
        "Ties:".to_owned()
    }

    fn tie(&self, choice: usize, tied: &[String], chosen: &str, by: &str) -> String {
        format!(
            "choice {choice}: {} were equally good; {chosen} won by {by}.",
            tied.join(", ")
        )
    }
}

/// Renders the outcome as readable text: the funded projects, then every step.
pub fn render_text(outcome: &Outcome) -> String {
    render_text_in(&EnglishBudget, outcome)
}

/// [`render_text`] in the language of `p`.
pub fn render_text_in<P: BudgetPhrases + ?Sized>(p: &P, outcome: &Outcome) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", p.rule(&outcome.rule));
    let _ = writeln!(out, "{}", p.budget(outcome));
    let _ = writeln!(out, "  {}", p.selected(&outcome.selected));
    if let Some(c) = &outcome.completion {
        let _ = writeln!(out, "{}", p.completion(c));
    }
    let _ = writeln!(out, "\n{}", p.steps());
    let mut n = 0;
    for step in &outcome.steps {
        n += 1;
        match step {
            Step::MesBuy {
                project,
                cost,
                supporters,
                price_per_supporter,
                price_per_utility,
                payments,
                money_left_total,
            } => {
                let price = match price_per_supporter {
                    Some(price) => MesPrice::Each {
                        supporters: *supporters,
                        price,
                    },
                    None => {
                        let paid = payments.iter().map(|p| p.paid_each.approx);
                        let low = paid.clone().fold(f64::INFINITY, f64::min);
                        let high = paid.fold(0.0, f64::max);
                        MesPrice::Between {
                            supporters: *supporters,
                            low,
                            high,
                            per_utility: price_per_utility,
                        }
                    }
                };
                let _ = writeln!(out, "{n:>3}. {}", p.mes_buy(project, cost, price));
                for pay in payments {
                    let ids = pay
                        .voter_ids
                        .iter()
                        .take(IDS_SHOWN)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ");
                    let more = pay.voter_ids.len().saturating_sub(IDS_SHOWN);
                    let _ = writeln!(
                        out,
                        "       {}",
                        p.payment(pay.voters, &pay.paid_each, &pay.left_each, &ids, more)
                    );
                }
                let _ = writeln!(out, "       {}", p.money_left(money_left_total));
            }
            Step::GreedyFund {
                project,
                cost,
                score,
                left,
                completion,
            } => {
                let _ = writeln!(
                    out,
                    "{n:>3}. {}",
                    p.greedy(true, *completion, project, cost, score, left)
                );
            }
            Step::GreedySkip {
                project,
                cost,
                score,
                left,
                completion,
            } => {
                let _ = writeln!(
                    out,
                    "{n:>3}. {}",
                    p.greedy(false, *completion, project, cost, score, left)
                );
            }
            Step::PhragmenFund {
                project,
                cost,
                approvers,
                load,
                left,
            } => {
                let _ = writeln!(
                    out,
                    "{n:>3}. {}",
                    p.phragmen_fund(project, cost, *approvers, load.as_ref(), left)
                );
            }
            Step::PhragmenStop {
                projects,
                load,
                left,
            } => {
                let _ = writeln!(
                    out,
                    "{n:>3}. {}",
                    p.phragmen_stop(projects, load.as_ref(), left)
                );
            }
        }
    }
    if !outcome.ties.is_empty() {
        let _ = writeln!(out, "\n{}", p.ties());
        for t in &outcome.ties {
            let _ = writeln!(
                out,
                "  {}",
                p.tie(t.position + 1, &t.tied, &t.chosen, &t.by)
            );
        }
    }
    out
}
