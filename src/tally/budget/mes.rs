//! Method of Equal Shares (one run at a given per-voter endowment), exact.
//!
//! Voters with identical ballots are grouped; voters whose money is equal share a *money
//! class*, so every exact rational is computed once per class, not once per voter. Each
//! round re-evaluates only projects whose supporters paid since their last evaluation and
//! stops early once the remaining lower bounds (ρ never decreases) cannot win.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

use super::profile::Profile;
use num_traits::ToPrimitive;

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

/// Money classes over one common denominator: class `c` holds `num[c] / denom` each.
struct Classes {
    denom: BigInt,
    num: Vec<BigInt>,
    weight: Vec<u64>,
}

impl Classes {
    fn push(&mut self, n: BigInt) -> u32 {
        self.num.push(n);
        self.weight.push(0);
        u32::try_from(self.num.len() - 1).unwrap_or(u32::MAX)
    }
    fn num(&self, c: u32) -> &BigInt {
        self.num.get(c as usize).unwrap_or_else(|| zero_int())
    }
    fn money(&self, c: u32) -> BigRational {
        BigRational::new(self.num(c).clone(), self.denom.clone())
    }
}

fn zero_int() -> &'static BigInt {
    static ZERO: std::sync::OnceLock<BigInt> = std::sync::OnceLock::new();
    ZERO.get_or_init(BigInt::zero)
}

fn zero_ref() -> &'static BigRational {
    static ZERO: std::sync::OnceLock<BigRational> = std::sync::OnceLock::new();
    ZERO.get_or_init(BigRational::zero)
}

/// `n / d` as a float, for ordering hints only.
fn ratio_f64(n: &BigInt, d: &BigInt) -> f64 {
    let shift = n.bits().max(d.bits()).saturating_sub(900);
    let (a, b) = ((n >> shift).to_f64(), (d >> shift).to_f64());
    match (a, b) {
        (Some(a), Some(b)) if b != 0.0 => a / b,
        _ => f64::NAN,
    }
}

fn rat_f64(r: &BigRational) -> f64 {
    ratio_f64(r.numer(), r.denom())
}

/// Compares two positive rationals exactly, using floats only to skip clear cases.
fn cmp_rat(a: &BigRational, fa: f64, b: &BigRational, fb: f64) -> Ordering {
    if fa.is_finite() && fb.is_finite() && (fa - fb).abs() > 1e-9 * fa.abs().max(fb.abs()) {
        return fa.partial_cmp(&fb).unwrap_or(Ordering::Equal);
    }
    a.cmp(b)
}

/// Runs MES with `endowment` money per voter (in the instance's smallest money units).
pub(crate) fn equal_shares(
    costs: &[u64],
    profile: &Profile,
    ranks: &[u32],
    endowment: &BigRational,
    record: bool,
) -> MesRun {
    let n = costs.len();
    let mut classes = Classes {
        denom: endowment.denom().clone(),
        num: Vec::new(),
        weight: Vec::new(),
    };
    classes.push(BigInt::zero());
    let start = classes.push(endowment.numer().clone());
    if let Some(w) = classes.weight.get_mut(start as usize) {
        *w = profile.voters;
    }
    let mut group_class = vec![start; profile.groups.len()];
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
    let totals = profile.total_utility();
    let mut lb: Vec<BigRational> = (0..n)
        .map(|p| {
            let t = totals.get(p).copied().unwrap_or(0).max(1);
            BigRational::new_raw(BigInt::from(cost_of(p)), BigInt::from(t))
        })
        .collect();
    let mut lb_approx: Vec<f64> = lb.iter().map(rat_f64).collect();
    let mut dirty = vec![true; n];
    let mut scratch = Vec::new();

    loop {
        alive.sort_by(|&a, &b| {
            let (la, lb_) = (lb.get(a), lb.get(b));
            match (la, lb_) {
                (Some(x), Some(y)) => cmp_rat(
                    x,
                    lb_approx.get(a).copied().unwrap_or(0.0),
                    y,
                    lb_approx.get(b).copied().unwrap_or(0.0),
                ),
                _ => Ordering::Equal,
            }
            .then(rank(a).cmp(&rank(b)))
        });
        let mut best: Option<usize> = None;
        let mut tied: Vec<usize> = Vec::new();
        let mut dead: Vec<usize> = Vec::new();
        for &p in &alive {
            if let Some(b) = best {
                let ord = cmp_rat(
                    lb.get(p).unwrap_or_else(|| zero_ref()),
                    lb_approx.get(p).copied().unwrap_or(0.0),
                    lb.get(b).unwrap_or_else(|| zero_ref()),
                    lb_approx.get(b).copied().unwrap_or(0.0),
                );
                if ord == Ordering::Greater {
                    break;
                }
            }
            if dirty.get(p).copied().unwrap_or(true) {
                let supporters = profile
                    .supporters
                    .get(p)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                match rho(cost_of(p), supporters, &group_class, &classes, &mut scratch) {
                    None => {
                        dead.push(p);
                        continue;
                    }
                    Some(r) => {
                        if let Some(slot) = lb_approx.get_mut(p) {
                            *slot = rat_f64(&r);
                        }
                        if let Some(slot) = lb.get_mut(p) {
                            *slot = r;
                        }
                        if let Some(d) = dirty.get_mut(p) {
                            *d = false;
                        }
                    }
                }
            }
            match best {
                None => {
                    best = Some(p);
                    tied = vec![p];
                }
                Some(b) => match lb.get(p).cmp(&lb.get(b)) {
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
                },
            }
        }
        alive.retain(|p| !dead.contains(p));
        let Some(chosen) = best else { break };
        alive.retain(|&p| p != chosen);
        if tied.len() > 1 {
            tied.sort_by_key(|&p| rank(p));
            run.ties.push((run.selected.len(), tied, chosen));
        }
        let r = lb.get(chosen).cloned().unwrap_or_default();
        let purchase = pay(
            chosen,
            &r,
            profile,
            &mut group_class,
            &mut classes,
            &mut dirty,
            record,
        );
        if let Some(purchase) = purchase {
            run.purchases.push(purchase);
        }
        run.selected.push(chosen);
    }
    run
}

/// The smallest ρ with Σ min(money_i, ρ·u_i) = cost over supporters, or `None` when the
/// supporters together hold less than the cost. Integer arithmetic over the common
/// denominator; the result is returned unreduced.
fn rho(
    cost: u64,
    supporters: &[super::profile::Support],
    group_class: &[u32],
    classes: &Classes,
    scratch: &mut Vec<(u32, u128, u64)>,
) -> Option<BigRational> {
    scratch.clear();
    for s in supporters {
        let c = group_class.get(s.group).copied().unwrap_or(0);
        if c != 0 {
            scratch.push((c, s.util, s.weight));
        }
    }
    scratch.sort_unstable_by_key(|e| (e.0, e.1));
    let mut merged: Vec<(u32, u128, u64)> = Vec::with_capacity(scratch.len());
    for &(c, u, w) in scratch.iter() {
        match merged.last_mut() {
            Some(last) if last.0 == c && last.1 == u => last.2 += w,
            _ => merged.push((c, u, w)),
        }
    }
    // Ascending money per unit of utility: N_a/u_a vs N_b/u_b.
    merged.sort_by(|a, b| {
        if a.1 == b.1 {
            classes.num(a.0).cmp(classes.num(b.0))
        } else {
            (classes.num(a.0) * BigInt::from(b.1)).cmp(&(classes.num(b.0) * BigInt::from(a.1)))
        }
    });
    // remaining = R / D, utility left = U.
    let mut remaining = BigInt::from(cost) * &classes.denom;
    let mut utility: u128 = merged.iter().map(|&(_, u, w)| u * u128::from(w)).sum();
    for &(c, u, w) in &merged {
        let money = classes.num(c);
        if &remaining * BigInt::from(u) <= money * BigInt::from(utility) {
            return Some(BigRational::new_raw(
                remaining,
                &classes.denom * BigInt::from(utility),
            ));
        }
        remaining -= money * BigInt::from(w);
        utility -= u * u128::from(w);
    }
    None
}

/// (new class, paid each over the common denominator, weight, groups).
type Move = (u32, BigInt, u64, Vec<usize>);

/// Charges the supporters of `project` at price ρ per unit of utility.
fn pay(
    project: usize,
    r: &BigRational,
    profile: &Profile,
    group_class: &mut [u32],
    classes: &mut Classes,
    dirty: &mut [bool],
    record: bool,
) -> Option<Purchase> {
    let r = r.reduced();
    let (p_num, q_den) = (r.numer(), r.denom());
    // New common denominator D' = lcm(D, Q): scale every live class by f = Q / gcd(D, Q).
    let g = classes.denom.gcd(q_den);
    let f = q_den / &g;
    let h = &classes.denom / &g;
    if f != BigInt::from(1u8) {
        for (n, w) in classes.num.iter_mut().zip(&classes.weight) {
            if *w > 0 {
                *n *= &f;
            }
        }
        classes.denom *= &f;
    }
    let unit_price = p_num * &h; // price per unit of utility, over D'
    let supporters = profile
        .supporters
        .get(project)
        .map(Vec::as_slice)
        .unwrap_or_default();
    // (old class, utility) -> (new class, paid each over D', weight, groups)
    let mut moves: BTreeMap<(u32, u128), Move> = BTreeMap::new();
    for s in supporters {
        let Some(slot) = group_class.get_mut(s.group) else {
            continue;
        };
        let c = *slot;
        if c == 0 {
            continue;
        }
        let entry = moves.entry((c, s.util)).or_insert_with(|| {
            let money = classes.num(c).clone();
            let price = &unit_price * BigInt::from(s.util);
            if price >= money {
                (0, money, 0, Vec::new())
            } else {
                let left = &money - &price;
                (classes.push(left), price, 0, Vec::new())
            }
        });
        *slot = entry.0;
        entry.2 += s.weight;
        if record {
            entry.3.push(s.group);
        }
        if let Some(w) = classes.weight.get_mut(c as usize) {
            *w -= s.weight;
        }
        if let Some(w) = classes.weight.get_mut(entry.0 as usize) {
            *w += s.weight;
        }
        if let Some(group) = profile.groups.get(s.group) {
            for &(q, _) in &group.utils {
                if let Some(d) = dirty.get_mut(q) {
                    *d = true;
                }
            }
        }
    }
    if !record {
        return None;
    }
    let denom = classes.denom.clone();
    let payments = moves
        .into_values()
        .map(|(new, paid, weight, groups)| PaymentRaw {
            weight,
            groups,
            paid: BigRational::new(paid, denom.clone()),
            left: classes.money(new),
        })
        .collect();
    let total: BigInt = classes
        .num
        .iter()
        .zip(&classes.weight)
        .filter(|(n, w)| **w > 0 && n.is_positive())
        .map(|(n, w)| n * BigInt::from(*w))
        .sum();
    Some(Purchase {
        project,
        rho: r,
        payments,
        money_left: BigRational::new(total, denom),
    })
}
