//! Method of Equal Shares (one run at a given per-voter endowment), exact.
//!
//! Voters with identical ballots are grouped; voters whose money is equal share a *money
//! class*, so every exact rational is computed once per class, not once per voter. Each
//! round re-evaluates only projects whose supporters paid since their last evaluation and
//! stops early once the remaining lower bounds (ρ never decreases) cannot win. Prices are
//! computed in floats with error bounds; exact rationals decide whenever two prices (or a
//! project's affordability) are too close for the floats to tell, and for every payment.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_rational::BigRational;

use super::mes_money::{Classes, MesPrep, REL, pay, ratio_f64};
use super::mes_rho::{Approx, Scratch, price, rho};
use super::profile::{Profile, Support};

/// One purchase with who paid what (recorded only when asked).
pub(crate) struct Purchase {
    pub project: usize,
    pub rho: BigRational,
    pub payments: Vec<PaymentRaw>,
    pub money_left: BigRational,
}

/// Voters who paid the same amount and kept the same amount.
pub(crate) struct PaymentRaw {
    pub weight: u64,
    pub groups: Vec<usize>,
    pub paid: BigRational,
    pub left: BigRational,
}

/// Result of one MES run.
pub(crate) struct MesRun {
    pub selected: Vec<usize>,
    pub purchases: Vec<Purchase>,
    /// `(position in selected, tied projects, chosen)`.
    pub ties: Vec<(usize, Vec<usize>, usize)>,
}

/// Per-project prices during one run: a lower bound (exact price once fresh) as a float
/// interval, computed exactly only when two intervals overlap or a purchase needs it.
struct Prices<'a> {
    costs: &'a [u64],
    profile: &'a Profile,
    prep: &'a MesPrep,
    lb: Vec<Approx>,
    dirty: Vec<bool>,
    scratch: Scratch,
}

impl<'a> Prices<'a> {
    fn get(&self, p: usize) -> Option<&Approx> {
        self.lb.get(p)
    }
    fn lo(&self, p: usize) -> f64 {
        self.get(p).map_or(f64::INFINITY, Approx::lo)
    }
    fn hi(&self, p: usize) -> f64 {
        self.get(p).map_or(f64::INFINITY, Approx::hi)
    }
    fn inputs(&self, p: usize) -> (u64, Option<u128>, &'a [Support]) {
        let (costs, prep, profile) = (self.costs, self.prep, self.profile);
        (
            costs.get(p).copied().unwrap_or(0),
            prep.uniform.get(p).copied().flatten(),
            profile
                .supporters
                .get(p)
                .map(Vec::as_slice)
                .unwrap_or_default(),
        )
    }
    /// Brings `p` up to date; `false` when its supporters can no longer afford it.
    fn refresh(&mut self, p: usize, group_class: &[u32], classes: &Classes) -> bool {
        if !self.dirty.get(p).copied().unwrap_or(true) {
            return true;
        }
        let (cost, uniform, supporters) = self.inputs(p);
        let priced = price(
            cost,
            uniform,
            supporters,
            group_class,
            classes,
            &mut self.scratch,
        );
        let Some(a) = priced else { return false };
        if let Some(slot) = self.lb.get_mut(p) {
            *slot = a;
        }
        if let Some(d) = self.dirty.get_mut(p) {
            *d = false;
        }
        true
    }
    /// The exact price of a fresh project.
    fn exact(&mut self, p: usize, group_class: &[u32], classes: &Classes) -> Option<BigRational> {
        if let Some(r) = self.get(p).and_then(|a| a.exact.clone()) {
            return Some(r);
        }
        let (cost, uniform, supporters) = self.inputs(p);
        let r = rho(
            cost,
            uniform,
            supporters,
            group_class,
            classes,
            &mut self.scratch,
        )?;
        if let Some(slot) = self.lb.get_mut(p) {
            slot.exact = Some(r.clone());
        }
        Some(r)
    }
    /// Compares the prices of two fresh projects, exactly when their intervals overlap.
    fn cmp(&mut self, p: usize, q: usize, group_class: &[u32], classes: &Classes) -> Ordering {
        if self.hi(p) < self.lo(q) {
            return Ordering::Less;
        }
        if self.lo(p) > self.hi(q) {
            return Ordering::Greater;
        }
        let a = self.exact(p, group_class, classes);
        let b = self.exact(q, group_class, classes);
        match (a, b) {
            (Some(a), Some(b)) => a.cmp(&b),
            (a, b) => b.is_some().cmp(&a.is_some()),
        }
    }
}

/// Runs MES with `endowment` money per voter (in the instance's smallest money units).
pub(crate) fn equal_shares(
    costs: &[u64],
    profile: &Profile,
    prep: &MesPrep,
    ranks: &[u32],
    endowment: &BigRational,
    record: bool,
) -> MesRun {
    let n = costs.len();
    let mut classes = Classes::new(endowment, profile.voters);
    let mut group_class = vec![1u32; profile.groups.len()];
    let rank = |p: usize| ranks.get(p).copied().unwrap_or(u32::MAX);
    let cost_of = |p: usize| costs.get(p).copied().unwrap_or(0);
    let supported = |p: usize| profile.supporters.get(p).is_some_and(|s| !s.is_empty());

    let mut run = MesRun {
        selected: Vec::new(),
        purchases: Vec::new(),
        ties: Vec::new(),
    };
    // A supported project that costs nothing is funded before the first round.
    let mut free: Vec<usize> = (0..n)
        .filter(|&p| cost_of(p) == 0 && supported(p))
        .collect();
    free.sort_by_key(|&p| rank(p));
    run.selected.extend(free);

    let mut alive: Vec<usize> = (0..n).filter(|&p| cost_of(p) > 0 && supported(p)).collect();
    // ρ is at least cost / total utility, and never decreases during a run.
    let lb = (0..n)
        .map(|p| {
            let t = prep.totals.get(p).copied().unwrap_or(0).max(1);
            let value = ratio_f64(&BigInt::from(cost_of(p)), &BigInt::from(t));
            Approx {
                value,
                err: value * 4.0 * REL,
                exact: None,
            }
        })
        .collect();
    let mut prices = Prices {
        costs,
        profile,
        prep,
        lb,
        dirty: vec![true; n],
        scratch: Scratch::default(),
    };
    let mut dead: Vec<usize> = Vec::new();
    loop {
        alive.sort_by(|&a, &b| {
            prices
                .lo(a)
                .total_cmp(&prices.lo(b))
                .then(rank(a).cmp(&rank(b)))
        });
        let mut best: Option<usize> = None;
        let mut tied: Vec<usize> = Vec::new();
        dead.clear();
        for &p in &alive {
            // Every later project's lower bound is above the best price: none can win.
            if best.is_some_and(|b| prices.lo(p) > prices.hi(b)) {
                break;
            }
            if !prices.refresh(p, &group_class, &classes) {
                dead.push(p);
                continue;
            }
            let Some(b) = best else {
                best = Some(p);
                tied = vec![p];
                continue;
            };
            match prices.cmp(p, b, &group_class, &classes) {
                Ordering::Less => {
                    best = Some(p);
                    tied = vec![p];
                }
                Ordering::Equal => {
                    tied.push(p);
                    if rank(p) < rank(b) {
                        best = Some(p);
                    }
                }
                Ordering::Greater => {}
            }
        }
        alive.retain(|p| !dead.contains(p));
        let Some(chosen) = best else { break };
        alive.retain(|&p| p != chosen);
        if tied.len() > 1 {
            tied.sort_by_key(|&p| rank(p));
            run.ties.push((run.selected.len(), tied, chosen));
        }
        let r = prices
            .exact(chosen, &group_class, &classes)
            .unwrap_or_default();
        let purchase = pay(
            chosen,
            &r,
            profile,
            prep,
            &mut group_class,
            &mut classes,
            &mut prices.dirty,
            record,
        );
        if let Some(purchase) = purchase {
            run.purchases.push(purchase);
        }
        run.selected.push(chosen);
    }
    run
}
