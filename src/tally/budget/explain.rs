//! Plain-text rendering of an [`Outcome`]'s explanation, for the CLI and logs.

use std::fmt::Write;

use super::outcome::{Outcome, Step};

/// At most this many voter ids are listed per payment line.
const IDS_SHOWN: usize = 8;

/// Renders the outcome as readable text: the funded projects, then every step.
pub fn render_text(outcome: &Outcome) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Rule: {}", outcome.rule);
    let _ = writeln!(
        out,
        "Budget {}, {} voters. Funded {} project(s) for {} ({} unspent):",
        outcome.budget,
        outcome.voters,
        outcome.selected.len(),
        outcome.total_cost,
        outcome.unspent
    );
    let _ = writeln!(
        out,
        "  {}",
        if outcome.selected.is_empty() {
            "(none)".to_string()
        } else {
            outcome.selected.join(", ")
        }
    );
    if let Some(c) = &outcome.completion {
        let _ = writeln!(
            out,
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
        );
    }
    let _ = writeln!(out, "\nSteps:");
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
                    Some(p) => format!("each of the {supporters} supporters paid {p}"),
                    None => {
                        let paid = payments.iter().map(|p| p.paid_each.approx);
                        let low = paid.clone().fold(f64::INFINITY, f64::min);
                        let high = paid.fold(0.0, f64::max);
                        format!(
                            "its {supporters} supporters paid between {low:.2} and {high:.2} each ({price_per_utility} per unit of utility)"
                        )
                    }
                };
                let _ = writeln!(out, "{n:>3}. MES buys {project} (cost {cost}): {price}.");
                for pay in payments {
                    let ids = pay
                        .voter_ids
                        .iter()
                        .take(IDS_SHOWN)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ");
                    let more = pay.voter_ids.len().saturating_sub(IDS_SHOWN);
                    let more = if more > 0 {
                        format!(", +{more} more")
                    } else {
                        String::new()
                    };
                    let _ = writeln!(
                        out,
                        "       {} voter(s) paid {} each, {} left each [{ids}{more}]",
                        pay.voters, pay.paid_each, pay.left_each
                    );
                }
                let _ = writeln!(out, "       money left with all voters: {money_left_total}");
            }
            Step::GreedyFund {
                project,
                cost,
                score,
                left,
                completion,
            } => {
                let tag = if *completion { "greedy fill" } else { "greedy" };
                let _ = writeln!(
                    out,
                    "{n:>3}. {tag}: fund {project} (cost {cost}, score {score}); {left} left."
                );
            }
            Step::GreedySkip {
                project,
                cost,
                score,
                left,
                completion,
            } => {
                let tag = if *completion { "greedy fill" } else { "greedy" };
                let _ = writeln!(
                    out,
                    "{n:>3}. {tag}: skip {project} (cost {cost}, score {score}): only {left} left."
                );
            }
            Step::PhragmenFund {
                project,
                cost,
                approvers,
                load,
                left,
            } => {
                let load = load
                    .as_ref()
                    .map_or("infinite".to_string(), |l| l.to_string());
                let _ = writeln!(
                    out,
                    "{n:>3}. Phragmén funds {project} (cost {cost}, {approvers} approvers); their load is now {load}; {left} left."
                );
            }
            Step::PhragmenStop {
                projects,
                load,
                left,
            } => {
                let load = load
                    .as_ref()
                    .map_or("infinite".to_string(), |l| l.to_string());
                let _ = writeln!(
                    out,
                    "{n:>3}. Phragmén stops: {} (load {load}) does not fit in the {left} left.",
                    projects.join(", ")
                );
            }
        }
    }
    if !outcome.ties.is_empty() {
        let _ = writeln!(out, "\nTies:");
        for t in &outcome.ties {
            let _ = writeln!(
                out,
                "  choice {}: {} were equally good; {} won by {}.",
                t.position + 1,
                t.tied.join(", "),
                t.chosen,
                t.by
            );
        }
    }
    out
}
