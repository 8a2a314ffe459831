//! Runs a [`Rule`] on an [`Instance`]: builds the grouped profile, runs the rule (and the
//! MES completion), and turns the raw run into an [`Outcome`] with its explanation.

use std::collections::HashMap;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed};

use super::amount::{Exact, format_scaled_short, pow10};
use super::error::BudgetError;
use super::greedy::{Density, GreedyStep, greedy_walk};
use super::instance::Instance;
use super::mes::{MesRun, equal_shares};
use super::mes_money::MesPrep;
use super::outcome::{CompletionInfo, Outcome, Payment, Step, TieDecision};
use super::phragmen::phragmen;
use super::profile::Profile;
use super::rule::{Completion, Rule, Utility};
use super::tiebreak::TieBreak;

struct Ctx<'a> {
    inst: &'a Instance,
    costs: Vec<u64>,
    ranks: Vec<u32>,
    tie: &'a TieBreak,
}

impl Ctx<'_> {
    fn id(&self, p: usize) -> String {
        self.inst
            .projects
            .get(p)
            .map(|p| p.id.clone())
            .unwrap_or_default()
    }
    fn money(&self, units: u128) -> String {
        format_scaled_short(units, self.inst.scale)
    }
    fn cost(&self, p: usize) -> u64 {
        self.costs.get(p).copied().unwrap_or(0)
    }
    /// A rational amount of smallest money units, in currency units.
    fn money_exact(&self, r: &BigRational) -> Exact {
        Exact::new(&div_pow10(r, self.inst.scale))
    }
    fn ties(&self, raw: &[(usize, Vec<usize>, usize)]) -> Vec<TieDecision> {
        raw.iter()
            .map(|(position, tied, chosen)| TieDecision {
                position: *position,
                tied: tied.iter().map(|&p| self.id(p)).collect(),
                chosen: self.id(*chosen),
                by: self.tie.describe().to_string(),
            })
            .collect()
    }
    /// Scale that turns a raw utility into the rule's display unit.
    fn utility_scale(&self, utility: Utility) -> BigInt {
        match utility {
            Utility::Cost => pow10(self.inst.scale),
            Utility::Cardinality | Utility::Borda => BigInt::from(1u8),
            Utility::Cardinal => pow10(self.inst.points_scale),
            Utility::Points => pow10(self.inst.scale + self.inst.points_scale),
        }
    }
    fn outcome(
        &self,
        rule: Rule,
        selected: Vec<usize>,
        steps: Vec<Step>,
        ties: Vec<TieDecision>,
    ) -> Outcome {
        let total = self.inst.cost_of(&selected);
        Outcome {
            rule: rule.key(),
            selected: selected.iter().map(|&p| self.id(p)).collect(),
            total_cost: self.money(total),
            budget: self.money(u128::from(self.inst.budget)),
            unspent: self.money(u128::from(self.inst.budget).saturating_sub(total)),
            voters: self.inst.voters.len() as u64,
            steps,
            ties,
            completion: None,
            selected_indices: selected,
        }
    }
}

/// `r / 10^scale`, reduced, without a gcd of big numbers: `r` must be reduced (every
/// amount the rules hand over is), so only factors its numerator shares with `10^scale`
/// can cancel.
fn div_pow10(r: &BigRational, scale: u32) -> BigRational {
    debug_assert!(r.numer().gcd(r.denom()).is_one() && r.denom().is_positive());
    if scale == 0 {
        return r.clone();
    }
    let p = pow10(scale);
    let g = (r.numer() % &p).gcd(&p);
    BigRational::new_raw(r.numer() / &g, r.denom() * (p / &g))
}

/// Runs `rule` with the given tie-breaking.
pub fn run_with(instance: &Instance, rule: Rule, tie: &TieBreak) -> Result<Outcome, BudgetError> {
    instance.validate()?;
    rule.check_applies(instance.vote_type)?;
    let ids: Vec<&str> = instance.projects.iter().map(|p| p.id.as_str()).collect();
    let ctx = Ctx {
        inst: instance,
        costs: instance.projects.iter().map(|p| p.cost).collect(),
        ranks: tie.ranks(&ids),
        tie,
    };
    Ok(match rule {
        Rule::Greedy(utility) => {
            let (selected, steps) = greedy_walk(
                &ctx.costs,
                instance.budget,
                &Profile::totals(instance, utility),
                &ctx.ranks,
                &[],
            );
            let steps = greedy_steps(&ctx, utility, &steps, false);
            ctx.outcome(rule, selected, steps, Vec::new())
        }
        Rule::Phragmen => run_phragmen(&ctx, rule),
        Rule::Mes {
            utility,
            completion,
        } => run_mes(&ctx, rule, utility, completion),
    })
}

fn greedy_steps(ctx: &Ctx, utility: Utility, steps: &[GreedyStep], completion: bool) -> Vec<Step> {
    let scale = BigRational::new(pow10(ctx.inst.scale), ctx.utility_scale(utility));
    steps
        .iter()
        .map(|s| {
            let score = match &s.density {
                Density::Infinite => "infinite".to_string(),
                Density::Finite(d) => Exact::new(&(d * &scale)).to_string(),
            };
            let (project, cost, left) = (
                ctx.id(s.project),
                ctx.money(u128::from(ctx.cost(s.project))),
                ctx.money(s.left),
            );
            if s.funded {
                Step::GreedyFund {
                    project,
                    cost,
                    score,
                    left,
                    completion,
                }
            } else {
                Step::GreedySkip {
                    project,
                    cost,
                    score,
                    left,
                    completion,
                }
            }
        })
        .collect()
}

fn run_phragmen(ctx: &Ctx, rule: Rule) -> Outcome {
    let profile = Profile::build(ctx.inst, Utility::Cardinality);
    let counts = profile.supporter_count();
    let run = phragmen(&ctx.costs, ctx.inst.budget, &profile, &ctx.ranks);
    let mut steps = Vec::new();
    let mut spent: u128 = 0;
    let budget = u128::from(ctx.inst.budget);
    for (p, load) in &run.funded {
        spent += u128::from(ctx.cost(*p));
        steps.push(Step::PhragmenFund {
            project: ctx.id(*p),
            cost: ctx.money(u128::from(ctx.cost(*p))),
            approvers: counts.get(*p).copied().unwrap_or(0),
            load: load.as_ref().map(|l| ctx.money_exact(l)),
            left: ctx.money(budget.saturating_sub(spent)),
        });
    }
    if let Some((projects, load)) = &run.stop {
        steps.push(Step::PhragmenStop {
            projects: projects.iter().map(|&p| ctx.id(p)).collect(),
            load: load.as_ref().map(|l| ctx.money_exact(l)),
            left: ctx.money(budget.saturating_sub(spent)),
        });
    }
    let selected = run.funded.iter().map(|(p, _)| *p).collect();
    ctx.outcome(rule, selected, steps, ctx.ties(&run.ties))
}

type Rendered<'a> = HashMap<(&'a BigInt, &'a BigInt), Exact>;

/// `ctx.money_exact(r)`, remembered.
fn render<'a>(cache: &mut Rendered<'a>, ctx: &Ctx, r: &'a BigRational) -> Exact {
    // Keyed by the (reduced) representation: hashing a `Ratio` itself is slow.
    cache
        .entry((r.numer(), r.denom()))
        .or_insert_with(|| ctx.money_exact(r))
        .clone()
}

fn mes_steps(ctx: &Ctx, utility: Utility, profile: &Profile, run: &MesRun) -> Vec<Step> {
    let counts = profile.supporter_count();
    let rho_scale = BigRational::new(ctx.utility_scale(utility), pow10(ctx.inst.scale));
    // The same amounts recur across payments and purchases: render each once.
    let mut rendered: Rendered = HashMap::new();
    run.purchases
        .iter()
        .map(|buy| {
            let payments: Vec<Payment> = buy
                .payments
                .iter()
                .map(|pay| Payment {
                    voters: pay.weight,
                    voter_ids: pay
                        .groups
                        .iter()
                        .filter_map(|&g| profile.groups.get(g))
                        .flat_map(|g| g.voters.iter())
                        .filter_map(|&v| ctx.inst.voters.get(v as usize).map(|v| v.id.to_owned()))
                        .collect(),
                    paid_each: render(&mut rendered, ctx, &pay.paid),
                    left_each: render(&mut rendered, ctx, &pay.left),
                })
                .collect();
            let first = buy.payments.first().map(|p| &p.paid);
            let uniform = buy.payments.iter().all(|p| Some(&p.paid) == first);
            Step::MesBuy {
                project: ctx.id(buy.project),
                cost: ctx.money(u128::from(ctx.cost(buy.project))),
                supporters: counts.get(buy.project).copied().unwrap_or(0),
                price_per_supporter: first.filter(|_| uniform).map(|p| ctx.money_exact(p)),
                price_per_utility: Exact::new(&(&buy.rho * &rho_scale)),
                payments,
                money_left_total: ctx.money_exact(&buy.money_left),
            }
        })
        .collect()
}

fn run_mes(ctx: &Ctx, rule: Rule, utility: Utility, completion: Completion) -> Outcome {
    let profile = Profile::build(ctx.inst, utility);
    let prep = MesPrep::new(&profile);
    let n = ctx.inst.voters.len().max(1);
    let base = BigRational::new(BigInt::from(ctx.inst.budget), BigInt::from(n));
    if completion == Completion::None {
        let run = equal_shares(&ctx.costs, &profile, &prep, &ctx.ranks, &base, true);
        let steps = mes_steps(ctx, utility, &profile, &run);
        return ctx.outcome(rule, run.selected.clone(), steps, ctx.ties(&run.ties));
    }
    let full = matches!(
        completion,
        Completion::Add1Full | Completion::Add1FullGreedy
    );
    let unit = u64::try_from(pow10(ctx.inst.scale)).unwrap_or(1).max(1);
    // pabutools raises the budget at most to B·(n+1), i.e. at most floor(B) steps of one unit.
    let bound = ctx.inst.budget / unit;
    let budget = u128::from(ctx.inst.budget);
    let eligible: Vec<usize> = (0..ctx.costs.len())
        .filter(|&p| ctx.cost(p) > 0 && profile.supporters.get(p).is_some_and(|s| !s.is_empty()))
        .collect();
    let endowment =
        |k: u64| &base + BigRational::from_integer(BigInt::from(k) * BigInt::from(unit));
    let mut k = 0;
    // Without the exhaustiveness stop, a profile whose supported projects all fit can never
    // overspend, so the loop would run to its bound: go there directly (same result).
    if full && ctx.inst.cost_of(&eligible) <= budget {
        k = bound;
    }
    let mut runs = 0u64;
    let mut kept: Option<(u64, Vec<usize>)> = None;
    loop {
        let run = equal_shares(
            &ctx.costs,
            &profile,
            &prep,
            &ctx.ranks,
            &endowment(k),
            false,
        );
        runs += 1;
        let spent = ctx.inst.cost_of(&run.selected);
        if spent > budget {
            break;
        }
        let exhaustive = !eligible
            .iter()
            .any(|&p| !run.selected.contains(&p) && spent + u128::from(ctx.cost(p)) <= budget);
        kept = Some((k, run.selected));
        if (!full && exhaustive) || k >= bound {
            break;
        }
        k += 1;
    }
    let k = kept.as_ref().map_or(0, |(k, _)| *k);
    let run = equal_shares(&ctx.costs, &profile, &prep, &ctx.ranks, &endowment(k), true);
    let mut steps = mes_steps(ctx, utility, &profile, &run);
    let mes_part = run.selected.len();
    let mut selected = run.selected.clone();
    let mut greedy_added = Vec::new();
    if completion.greedy_fill() {
        let totals = if utility == Utility::Cost {
            prep.totals.clone()
        } else {
            Profile::totals(ctx.inst, Utility::Cost)
        };
        let (added, walk) =
            greedy_walk(&ctx.costs, ctx.inst.budget, &totals, &ctx.ranks, &selected);
        steps.extend(greedy_steps(ctx, Utility::Cost, &walk, true));
        greedy_added = added.iter().map(|&p| ctx.id(p)).collect();
        selected.extend(added);
    }
    let mut out = ctx.outcome(rule, selected, steps, ctx.ties(&run.ties));
    out.completion = Some(CompletionInfo {
        method: format!(
            "{}{}",
            if full { "add1_full" } else { "add1" },
            if completion.greedy_fill() {
                "+greedy"
            } else {
                ""
            }
        ),
        endowment_per_voter: ctx.money_exact(&endowment(k)),
        mes_runs: runs,
        mes_part,
        greedy_added,
    });
    out
}
